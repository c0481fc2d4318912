// Package export writes an incident's record for people and tools: Markdown,
// HTML, JSON, CSV, chat text, the post-incident review draft and its meeting
// invitation. Every format reads the same View, built once from a
// backend.Report by NewView, so scope, time zones and redaction mean the same
// thing in all of them.
package export

import (
	"time"

	"bridgelog/backend"
)

// Format is an export format, as named on the command line and in the app.
type Format string

const (
	FormatMarkdown   Format = "md"
	FormatHTML       Format = "html"
	FormatPDF        Format = "pdf"
	FormatJSON       Format = "json"
	FormatCSV        Format = "csv"
	FormatChat       Format = "chat"
	FormatReview     Format = "review"      // the review draft, Markdown
	FormatReviewHTML Format = "review-html" // the review draft, HTML
	FormatICS        Format = "ics"         // the review meeting invitation
)

// FormatInfo describes a format for menus and file names.
type FormatInfo struct {
	Format Format `json:"format"`
	Label  string `json:"label"`
	Ext    string `json:"ext"` // file name extension, with the dot
	MIME   string `json:"mime"`
	// Text formats can go to the clipboard; PDF cannot.
	Text bool `json:"text"`
}

// Formats lists every format in the order menus show them.
var Formats = []FormatInfo{
	{FormatReview, "Review draft (Markdown)", ".review.md", "text/markdown", true},
	{FormatReviewHTML, "Review draft (HTML)", ".review.html", "text/html", true},
	{FormatHTML, "Timeline (HTML)", ".html", "text/html", true},
	{FormatMarkdown, "Timeline (Markdown)", ".md", "text/markdown", true},
	{FormatPDF, "Timeline (PDF)", ".pdf", "application/pdf", false},
	{FormatCSV, "Timeline (CSV)", ".csv", "text/csv", true},
	{FormatJSON, "Incident record (JSON)", ".json", "application/json", true},
	{FormatChat, "Chat text (Slack, Teams)", ".txt", "text/plain", true},
	{FormatICS, "Review meeting invitation (.ics)", ".ics", "text/calendar", true},
}

// Info returns a format's description, and false for an unknown format.
func Info(f Format) (FormatInfo, bool) {
	for _, i := range Formats {
		if i.Format == f {
			return i, true
		}
	}
	return FormatInfo{}, false
}

// Options choose what an export shows.
type Options struct {
	Format Format
	// From and To limit the timeline to entries that occurred in [From, To];
	// a zero time leaves that side open. The header and review still describe
	// the whole incident.
	From, To time.Time
	// External drops internal-only entries and people's names: authors,
	// owners, role holders and @mentions. It is the version for customers.
	External bool
	// History shows each entry's earlier versions and the hidden entries.
	History bool
	// Zone is the local time zone shown beside UTC; nil shows UTC only.
	Zone *time.Location
	// Status picks one status update (its entry id) for the chat format;
	// 0 exports the timeline.
	Status int64
	// Now is when the export is made (the review's due window, the .ics
	// stamp). It comes from the app's clock; tests pin it.
	Now time.Time
	// Assets is the folder, relative to a Markdown file, its attachments are
	// written to; WriteFile sets it.
	Assets string
}

// Validate checks the options and says what to change.
func (o Options) Validate() error {
	if _, ok := Info(o.Format); !ok {
		f := []rune(backend.CleanText(string(o.Format)))
		if len(f) > 40 { // the name comes from a caller; the message stays short
			f = append(f[:40], '…')
		}
		return backend.Errorf(backend.EINVALID,
			"Unknown export format %q: use md, html, pdf, json, csv, chat, review, review-html or ics", string(f))
	}
	if o.Format == FormatJSON && (o.External || !o.From.IsZero() || !o.To.IsZero()) {
		// The record is for moving the whole incident, names included; a
		// partial or redacted one would import as a different incident.
		return backend.Errorf(backend.EINVALID,
			"The JSON record is always the whole incident, names and internal entries included: "+
				"for customers or a time range, export HTML, Markdown or CSV instead")
	}
	if !o.From.IsZero() && !o.To.IsZero() && o.To.Before(o.From) {
		return backend.Errorf(backend.EINVALID, "The time range ends before it starts: swap From and To")
	}
	return nil
}
