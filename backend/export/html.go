package export

import (
	"bytes"
	"context"
	"embed"
	"encoding/base64"
	"html/template"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"bridgelog/backend"
)

// The HTML exports are one self-contained file each: html/template escapes
// every string by context, and a Content-Security-Policy without script-src
// stops any script even if escaping ever failed. Images travel as data: URIs
// so the file opens offline, prints, and sends nothing anywhere.

//go:embed templates/*.tmpl
var templateFS embed.FS

var htmlTemplates = template.Must(template.New("export").Funcs(template.FuncMap{
	"sevClass": func(s backend.Severity) string { return "sev-" + strings.ToLower(string(s)) },
	// stampParts splits "2026-11-21 22:10:00" so a narrow printed column
	// breaks between date and time, never inside either.
	"stampParts": func(s string) []string { return strings.Fields(s) },
}).ParseFS(templateFS, "templates/*.tmpl"))

// Log attachments are shown as text up to these limits, so one huge log
// does not bury the timeline.
const (
	htmlLogLines = 200
	htmlLogBytes = 64 * 1024
)

// htmlDoc is what the HTML templates render: the timeline export, or the
// review draft (Review set).
type htmlDoc struct {
	Title      string // the document's <title>
	PageHeader string // the running header on printed pages
	Heading    string
	Subtitle   string
	Notes      []string // what this export leaves out or limits
	Facts      []htmlFact
	Severities []htmlSpan
	Phases     []htmlPhase
	Roles      []htmlRole
	Impact     string
	Chart      *svgChart
	Rows       []htmlRow
	ShowLocal  bool
	ZoneName   string
	History    bool
	Review     *reviewDoc
}

// htmlFact is one label and value of the header.
type htmlFact struct{ Label, Value string }

// htmlSpan is one stretch of the severity history, in UTC.
type htmlSpan struct {
	Severity       backend.Severity
	From, To, Span string
}

// htmlPhase is a moment of the incident's course, in UTC and local time.
type htmlPhase struct{ Label, UTC, Local string }

// htmlRole is one person holding one role.
type htmlRole struct{ Label, Person, From, To, Span string }

// htmlRow is one timeline row with its attachment made ready to show.
type htmlRow struct {
	Row
	Kind      string
	KindClass string
	Hidden    bool
	Image     template.URL // a data: URI, only for sniffed PNG, JPEG, GIF or WebP
	ImageAlt  string
	Log       *htmlLog
	File      string // an attachment shown by name only
	Revisions []htmlRevision
}

// htmlLog is a text attachment, shown in a <details> block.
type htmlLog struct {
	Name, Text, Note string
}

// htmlRevision is an earlier version of an entry.
type htmlRevision struct{ RevisedAt, Kind, Text string }

func writeHTML(ctx context.Context, w io.Writer, v *View) error {
	doc, err := newHTMLDoc(ctx, v)
	if err != nil {
		return err
	}
	doc.Title = v.Incident.Title + " · incident timeline"
	doc.Heading = v.Incident.Title
	doc.Subtitle = "Incident timeline"
	return renderHTML(w, "timeline.html", doc)
}

// renderHTML executes a template into memory first, so a failure never
// leaves half a document in w.
func renderHTML(w io.Writer, name string, doc *htmlDoc) error {
	var buf bytes.Buffer
	if err := htmlTemplates.ExecuteTemplate(&buf, name, doc); err != nil {
		return backend.Errorf(backend.EINTERNAL, "The HTML export could not be written: %v", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// newHTMLDoc fills the parts both HTML documents share: header, picture and
// timeline rows.
func newHTMLDoc(ctx context.Context, v *View) (*htmlDoc, error) {
	doc := &htmlDoc{
		PageHeader: "Bridgelog · " + v.Incident.Title,
		ShowLocal:  v.showsLocal(),
		ZoneName:   v.ZoneName,
		History:    v.Opts.History,
		Impact:     v.Incident.Impact,
		Chart:      newSVGChart(v),
	}
	if v.Opts.External {
		doc.Impact = redactNames(doc.Impact)
	}
	doc.Notes = htmlNotes(v)
	doc.Facts = headerFacts(v)
	for _, s := range v.Severities {
		doc.Severities = append(doc.Severities, htmlSpan{Severity: s.Severity, From: v.stamp(s.From, time.UTC),
			To: v.stamp(s.To, time.UTC), Span: severityLasted(s)})
	}
	phase := func(label string, t time.Time) {
		doc.Phases = append(doc.Phases, htmlPhase{label, v.stamp(t, time.UTC), v.stamp(t, v.Zone)})
	}
	if !v.Incident.DetectedAt.IsZero() {
		phase("Detected", v.Incident.DetectedAt)
	}
	// The declaration carries its date: it anchors the day of undated rows.
	doc.Phases = append(doc.Phases, htmlPhase{"Declared", anchorStamp(v.Incident.DeclaredAt, time.UTC), anchorStamp(v.Incident.DeclaredAt, v.Zone)})
	for _, p := range v.Phases {
		phase(docPhaseLabel(p.Phase), p.At)
	}
	for _, r := range v.Roles {
		doc.Roles = append(doc.Roles, htmlRole{Label: r.Label, Person: docPerson(r.Person, "(name left out)"),
			From: v.stamp(r.From, time.UTC), To: docRoleEnd(v, r), Span: roleLasted(v, r)})
	}
	for _, r := range v.Rows {
		row, err := newHTMLRow(ctx, v, r)
		if err != nil {
			return nil, err
		}
		doc.Rows = append(doc.Rows, row)
	}
	return doc, nil
}

// htmlNotes says what the export leaves out, so a reader knows.
func htmlNotes(v *View) []string {
	var notes []string
	if v.Opts.External {
		notes = append(notes, "External version: internal entries and people's names are left out.")
	}
	if !v.Opts.From.IsZero() || !v.Opts.To.IsZero() {
		from, to := "the start", "the end"
		if !v.Opts.From.IsZero() {
			from = v.Stamp(v.Opts.From)
		}
		if !v.Opts.To.IsZero() {
			to = v.Stamp(v.Opts.To)
		}
		notes = append(notes, "The timeline shows "+from+" to "+to+"; the header and the picture describe the whole incident.")
	}
	if v.Opts.History {
		notes = append(notes, "With history: earlier versions of edited entries, and hidden entries (struck through).")
	}
	for _, c := range v.TimeChecks() {
		notes = append(notes, "Check the times: "+c)
	}
	return notes
}

func headerFacts(v *View) []htmlFact {
	inc := v.Incident
	sev := string(inc.Severity)
	if sev == "" {
		sev = "not set"
	}
	facts := []htmlFact{{"Severity", sev}, {"Phase", docPhaseLabel(inc.Phase)}}
	d := v.Durations()
	if !inc.DetectedAt.IsZero() {
		facts = append(facts, htmlFact{"Time to discover", d.ToDiscover.String()})
	}
	if !inc.MitigatedAt.IsZero() {
		facts = append(facts, htmlFact{"Time to mitigate", d.ToMitigate.String()})
	}
	facts = append(facts, htmlFact{"Time to recover", d.ToRecover.String()})
	zones := "UTC"
	if v.showsLocal() {
		zones += " and " + v.ZoneName
	}
	facts = append(facts, htmlFact{"Times in", zones})
	if !v.Opts.Now.IsZero() {
		facts = append(facts, htmlFact{"Exported", v.Opts.Now.UTC().Format("2006-01-02 15:04 UTC")})
	}
	if inc.UID != "" {
		facts = append(facts, htmlFact{"Incident id", inc.UID})
	}
	return facts
}

func newHTMLRow(ctx context.Context, v *View, r Row) (htmlRow, error) {
	e := r.Entry
	row := htmlRow{Row: r, Kind: docKindLabel(e.Kind), KindClass: docKindClass(e.Kind), Hidden: !e.DeletedAt.IsZero()}
	row.Text = entryText(v, r)
	for _, rev := range r.Revisions {
		text := rev.Text
		if v.Opts.External {
			text = redactNames(text)
		}
		row.Revisions = append(row.Revisions, htmlRevision{RevisedAt: v.Stamp(rev.RevisedAt), Kind: docKindLabel(rev.Kind), Text: text})
	}
	a := r.Attachment
	if a == nil {
		return row, nil
	}
	data, err := v.AttachmentData(ctx, a)
	if err != nil {
		if ctx.Err() != nil {
			return row, ctx.Err()
		}
		// A missing file should not cost the reader the whole export: say so in its place.
		row.File = a.Name + ": the file could not be read (" + backend.ErrorMessage(err) + ")"
		return row, nil
	}
	switch sniffed := http.DetectContentType(data); {
	case strings.HasPrefix(a.MIME, "image/") && htmlImageTypes[sniffed]:
		row.Image = template.URL("data:" + sniffed + ";base64," + base64.StdEncoding.EncodeToString(data))
		row.ImageAlt = a.Name
	case strings.HasPrefix(a.MIME, "text/") || strings.HasSuffix(strings.ToLower(a.Name), ".log"):
		row.Log = logPreview(a.Name, data)
	default:
		row.File = a.Name + " (" + docByteSize(a.Size) + ", not included)"
	}
	return row, nil
}

// htmlImageTypes are the image types inlined; SVG is not among them, as it
// can carry markup of its own.
var htmlImageTypes = map[string]bool{"image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true}

// logPreview keeps the first lines of a text attachment and says what it cut.
func logPreview(name string, data []byte) *htmlLog {
	l := &htmlLog{Name: name}
	cut := ""
	if len(data) > htmlLogBytes {
		data, cut = data[:htmlLogBytes], "bytes"
		// Drop a character the cut split (at most 3 bytes of it).
		for i := 0; i < 3 && len(data) > 0; i++ {
			if r, size := utf8.DecodeLastRune(data); r != utf8.RuneError || size != 1 {
				break
			}
			data = data[:len(data)-1]
		}
	}
	lines := strings.SplitAfter(strings.ToValidUTF8(string(data), "\uFFFD"), "\n")
	if len(lines) > htmlLogLines {
		lines, cut = lines[:htmlLogLines], "lines"
	}
	l.Text = strings.Join(lines, "")
	switch cut {
	case "lines":
		l.Note = "First " + strconv.Itoa(htmlLogLines) + " lines shown; the whole file is in the incident record."
	case "bytes":
		l.Note = "First " + docByteSize(htmlLogBytes) + " shown; the whole file is in the incident record."
	}
	return l
}

// docRoleTo is when a role shift ended, or the end of the incident if it lasts.
func docRoleTo(v *View, r RoleShift) time.Time {
	if r.To.IsZero() {
		return v.End
	}
	return r.To
}

func docRoleEnd(v *View, r RoleShift) string {
	if r.To.IsZero() {
		if v.Incident.ResolvedAt.IsZero() {
			return "now"
		}
		return "the end"
	}
	return v.stamp(r.To, time.UTC)
}

func docPerson(p, missing string) string {
	if p == "" {
		return missing
	}
	return p
}

func docKindLabel(k backend.Kind) string {
	switch k {
	case backend.KindFollowUp:
		return "follow-up"
	case backend.KindFactor:
		return "factor"
	}
	return string(k)
}

// kindClass is a CSS class for a known kind; anything else gets a plain badge.
func docKindClass(k backend.Kind) string {
	for _, known := range backend.Kinds {
		if k == known {
			return "k-" + string(k)
		}
	}
	return "k-other"
}

func docPhaseLabel(p backend.Phase) string {
	switch p {
	case backend.PhaseInvestigating:
		return "Investigating"
	case backend.PhaseIdentified:
		return "Identified"
	case backend.PhaseMitigating:
		return "Mitigating"
	case backend.PhaseMonitoring:
		return "Monitoring (mitigated)"
	case backend.PhaseResolved:
		return "Resolved"
	}
	return string(p)
}

func docByteSize(n int64) string {
	one := func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }
	switch {
	case n >= 1000*1000:
		return one(float64(n)/1e6) + " MB"
	case n >= 1000:
		return one(float64(n)/1e3) + " kB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
