package export_test

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"bridgelog/backend"
	"bridgelog/backend/export"
)

var (
	// negativeRe finds a negative duration as humanDuration would print it.
	negativeRe = regexp.MustCompile(`-\d+[dhms]\b`)
	// durationRe finds a printed duration: "3d 4h", "1h 15m", "10m", "45s".
	durationRe = regexp.MustCompile(`\b(\d+)([dhms])\b(?: (\d+)([hm])\b)?`)
	// clockRe finds a time of day.
	clockRe = regexp.MustCompile(`\b\d{1,2}:\d{2}(?::\d{2})?\b`)
	// datedRe says what may stand right before a time of day for it to
	// carry a date: an ISO date, a written one, or the date of the UTC time
	// a local time follows ("2026-11-24 14:20 UTC (06:20 PST)").
	datedRe   = regexp.MustCompile(`(?:\d{4}-\d{2}-\d{2}[ T]|\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December)(?: \d{4})?,? |\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})? UTC \()$`)
	rowDateRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}`)
	rowTimeRe = regexp.MustCompile(`^\d{2}:\d{2}`)
)

// storyOut is one export as a reader sees it.
type storyOut struct {
	text    string   // everything shown
	rows    []string // the timeline's time cells: UTC, and local when shown
	outside string   // what is shown outside the timeline table
	noRows  bool     // the format has no timeline table
	// iso is true for a format whose rows always carry the full date (CSV).
	iso bool
}

// TestExportsTellTheStory writes every format of incidents recorded late,
// out of order, backdated and future-dated, in UTC and in Los Angeles, and
// checks what a reader relies on: no negative duration and none longer than
// the incident, a date on every row when the rows span days in a zone shown
// (and on none when they do not), a date on every other time when the
// incident spans days, and the same export whatever order the entries were
// typed in.
func TestExportsTellTheStory(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	formats := []export.Format{export.FormatMarkdown, export.FormatHTML, export.FormatJSON, export.FormatCSV,
		export.FormatChat, export.FormatReview, export.FormatReviewHTML, export.FormatICS}
	for _, s := range stories() {
		for _, zone := range []*time.Location{nil, la} {
			zoneName := "UTC"
			if zone != nil {
				zoneName = "LA"
			}
			for _, f := range formats {
				t.Run(s.name+"/"+zoneName+"/"+string(f), func(t *testing.T) {
					opts := export.Options{Format: f, Zone: zone, Now: s.now}
					var first []byte
					for seed := uint64(1); seed <= 3; seed++ {
						rep := storyReport(s, seed)
						var b bytes.Buffer
						err := export.Write(context.Background(), &b, rep, opts)
						if f == export.FormatICS && rep.Incident.ResolvedAt.IsZero() {
							if got, want := backend.ErrorCode(err), backend.EINVALID; got != want {
								t.Fatalf("got %v for an open incident's invitation, want code %s", err, want)
							}
							return
						}
						if err != nil {
							t.Fatalf("got error %v", err)
						}
						if seed == 1 {
							first = b.Bytes()
							checkStory(t, rep, opts, zone, readStory(t, f, b.Bytes(), zone != nil))
							if !s.slip && bytes.Contains(b.Bytes(), []byte("Check the times")) {
								t.Fatalf("got a note to check the times of an incident whose times agree:\n%s", b.Bytes())
							}
							for _, want := range s.wants[f] {
								if !bytes.Contains(b.Bytes(), []byte(want)) {
									t.Fatalf("got no %q in:\n%s", want, b.Bytes())
								}
							}
							continue
						}
						if f != export.FormatJSON && !bytes.Equal(b.Bytes(), first) {
							t.Fatalf("typing order %d changed the export:\n%s", seed, firstDifference(b.Bytes(), first))
						}
					}
				})
			}
		}
	}
	t.Run("PDF", func(t *testing.T) {
		chromiumOrSkip(t)
		s := stories()[0]
		var b bytes.Buffer
		if err := export.Write(context.Background(), &b, storyReport(s, 1), export.Options{Format: export.FormatPDF, Zone: la, Now: s.now}); err != nil {
			t.Fatalf("got error %v", err)
		}
		if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
			t.Fatalf("got %q at the start, want %%PDF- (the PDF prints the HTML export checked above)", b.Bytes()[:min(b.Len(), 16)])
		}
	})
}

// checkStory checks one export of one story.
func checkStory(t *testing.T, rep *backend.Report, opts export.Options, zone *time.Location, out storyOut) {
	t.Helper()
	times := storyTimes(rep, opts.Now)
	lo, hi := times[0], times[0]
	for _, x := range times {
		if x.Before(lo) {
			lo = x
		}
		if x.After(hi) {
			hi = x
		}
	}
	extent := hi.Sub(lo)

	if m := negativeRe.FindString(out.text); m != "" {
		t.Fatalf("got negative duration %q in:\n%s", m, out.text)
	}
	for _, m := range durationRe.FindAllStringSubmatch(out.text, -1) {
		if d := parseDuration(m); d > extent {
			t.Fatalf("got duration %q, longer than the incident's %v:\n%s", m[0], extent, out.text)
		}
	}
	if !rep.Incident.ResolvedAt.IsZero() && strings.Contains(out.text, "not resolved yet") {
		t.Fatalf("got \"not resolved yet\" for a resolved incident:\n%s", out.text)
	}

	var rowTimes []time.Time
	for _, e := range rep.Entries {
		rowTimes = append(rowTimes, e.OccurredAt)
	}
	shown := []*time.Location{time.UTC}
	if zone != nil {
		shown = append(shown, zone)
	}
	rowsSpan, incidentSpans := false, false
	for _, loc := range shown {
		rowsSpan = rowsSpan || spans(rowTimes, loc)
		incidentSpans = incidentSpans || spans(times, loc)
	}
	if !out.noRows {
		if got, want := len(out.rows) > 0, true; got != want {
			t.Fatalf("got no timeline rows read from:\n%s", out.text)
		}
		for _, cell := range out.rows {
			switch {
			case rowsSpan && !rowDateRe.MatchString(cell):
				t.Fatalf("got row time %q, want a date on every row: the rows span days", cell)
			case !incidentSpans && !out.iso && !rowTimeRe.MatchString(cell):
				t.Fatalf("got row time %q, want the time alone: the incident is on one day", cell)
			}
		}
	}
	if incidentSpans {
		for _, loc := range clockRe.FindAllStringIndex(out.outside, -1) {
			before := out.outside[max(0, loc[0]-40):loc[0]]
			if !datedRe.MatchString(before) {
				t.Fatalf("got %q with no date after %q: the incident spans days\n%s", out.outside[loc[0]:loc[1]], before, out.outside)
			}
		}
	}
}

// parseDuration reads a durationRe match.
func parseDuration(m []string) time.Duration {
	unit := map[string]time.Duration{"d": 24 * time.Hour, "h": time.Hour, "m": time.Minute, "s": time.Second}
	n, _ := strconv.Atoi(m[1])
	d := time.Duration(n) * unit[m[2]]
	if m[3] != "" {
		n, _ = strconv.Atoi(m[3])
		d += time.Duration(n) * unit[m[4]]
	}
	return d
}

// readStory reads an export as a reader would see it.
func readStory(t *testing.T, f export.Format, b []byte, local bool) storyOut {
	t.Helper()
	switch f {
	case export.FormatMarkdown, export.FormatReview:
		doc := renderGFM(t, b)
		out := storyOut{text: spacedText(doc)}
		table := tableAfterHeading(doc, "Timeline")
		if table == nil {
			t.Fatalf("got no timeline table in:\n%s", b)
		}
		for _, cells := range gfmRows(table) {
			out.rows = append(out.rows, cells[0])
			if local {
				out.rows = append(out.rows, cells[1])
			}
		}
		table.Parent.RemoveChild(table)
		out.outside = spacedText(doc)
		return out
	case export.FormatHTML, export.FormatReviewHTML:
		doc := htmlParse(t, b)
		for _, n := range htmlFindAll(doc, "head") {
			n.Parent.RemoveChild(n)
		}
		out := storyOut{text: spacedText(doc)}
		for _, table := range htmlFindAll(doc, "table") {
			if htmlAttr(table, "class") != "timeline" {
				continue
			}
			for _, td := range htmlFindAll(table, "td") {
				if c := htmlAttr(td, "class"); c == "t" || c == "t local" {
					out.rows = append(out.rows, strings.TrimSpace(htmlText(td)))
				}
			}
			table.Parent.RemoveChild(table)
		}
		// The picture's axis dates a tick only where the day changes.
		for _, n := range htmlFindAll(doc, "text") {
			if strings.HasPrefix(htmlAttr(n, "class"), "tick") {
				n.Parent.RemoveChild(n)
			}
		}
		out.outside = spacedText(doc)
		return out
	case export.FormatChat:
		lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		out := storyOut{text: string(b), outside: strings.Join(lines[:2], "\n")}
		for _, l := range lines[2:] {
			if head, _, ok := strings.Cut(l, "  ["); ok && !strings.HasPrefix(l, "    ") {
				out.rows = append(out.rows, head)
			}
		}
		return out
	case export.FormatCSV:
		_, rows := parseCSV(t, b)
		out := storyOut{text: string(b), iso: true}
		for _, r := range rows {
			out.rows = append(out.rows, r["time_utc"], r["time_local"])
		}
		return out
	case export.FormatICS:
		text := unescapeText(unfoldICS(b))
		return storyOut{text: text, outside: text, noRows: true}
	}
	return storyOut{text: string(b), noRows: true}
}

// spacedText is the text under n with a line break between text nodes, so
// neighbouring cells do not run together into one number.
func spacedText(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data + "\n")
		}
	}
	return b.String()
}

// tableAfterHeading is the first table after the h2 that reads heading.
func tableAfterHeading(doc *html.Node, heading string) *html.Node {
	for _, h := range gfmElements(doc, "h2") {
		if strings.TrimSpace(gfmText(h)) != heading {
			continue
		}
		for n := h.NextSibling; n != nil; n = n.NextSibling {
			if n.Type == html.ElementNode {
				if n.Data == "table" {
					return n
				}
				if n.Data == "h2" {
					return nil
				}
			}
		}
	}
	return nil
}
