package app_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"

	"bridgelog/app"
	"bridgelog/backend"
)

// checkExports exports h's incident in every text format, for the team and
// for customers, and checks each is inert: HTML pages and Markdown rendered
// by a permissive renderer hold no script, handler or script link; CSV cells
// cannot run as formulas; chat text pings nobody; the invitation gains no
// lines. The JSON record then imports back as a copy of the incident, and a
// Markdown save writes only inside the export folder.
func checkExports(t *testing.T, h *hostile, cat, label, payload string) {
	t.Helper()
	id := h.inc.ID
	for _, ext := range []bool{false, true} {
		for _, format := range []string{"html", "review-html", "md", "review", "csv", "chat", "ics", "json"} {
			what := format + " export: " + label
			if ext {
				what = format + " external export: " + label
			}
			var out string
			err := h.try(t, cat, what, either, func() error {
				var err error
				out, err = h.exports.Text(app.ExportRequest{IncidentID: id, Format: format, External: ext, Zone: "UTC"})
				return err
			})
			if err != nil {
				continue
			}
			switch format {
			case "html", "review-html":
				checkInertHTML(t, what, []byte(out), func(v string) bool { return strings.HasPrefix(v, "data:image/") || strings.HasPrefix(v, "#") })
				if !ext && format == "html" {
					if got, want := fold(htmlText(t, []byte(out))), cleaned(payload); !strings.Contains(got, want) {
						t.Errorf("%s: the page's text does not hold %q", what, want)
					}
				}
			case "md", "review":
				checkInertHTML(t, what+" (rendered)", renderMarkdown(t, []byte(out)), func(v string) bool {
					return strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "mailto:")
				})
			case "csv":
				checkCSV(t, what, out)
			case "chat":
				if m := broadcastRe.FindString(out); m != "" {
					t.Errorf("%s: holds %q, which would notify a whole channel", what, m)
				}
			case "ics":
				checkICS(t, what, out)
			case "json":
				if !json.Valid([]byte(out)) {
					t.Errorf("%s: not valid JSON", what)
				}
			}
		}
	}

	// The record imports back as a new incident with the same title.
	rec, err := h.exports.Text(app.ExportRequest{IncidentID: id, Format: "json"})
	if err != nil {
		t.Fatal(err)
	}
	var r backend.Record
	if err := json.Unmarshal([]byte(rec), &r); err != nil {
		t.Fatal(err)
	}
	r.Incident.UID += "-copy"
	copied, _ := json.Marshal(r)
	path := h.file("records/"+r.Incident.UID+".json", string(copied))
	var inc *backend.Incident
	if h.try(t, cat, "json record round trip: "+label, handled, func() error {
		var err error
		inc, err = h.imports.ImportRecord(path)
		return err
	}) == nil && inc.Title != r.Incident.Title {
		t.Errorf("%s: imported title %q, want %q", label, inc.Title, r.Incident.Title)
	}

	// A Markdown save, with its attachments beside it, stays in the folder.
	dest, err := h.exports.DefaultPath(app.ExportRequest{IncidentID: id, Format: "md"})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(h.out, "Documents", "Bridgelog"); filepath.Dir(dest) != want {
		t.Errorf("%s: default path %q is outside the export folder %q", label, dest, want)
	}
	var res app.SaveResult
	if h.try(t, cat, "md save: "+label, handled, func() error {
		var err error
		res, err = h.exports.Save(app.ExportRequest{IncidentID: id, Format: "md"}, dest)
		return err
	}) == nil {
		for _, f := range res.Files {
			if rel, err := filepath.Rel(h.out, f); err != nil || strings.HasPrefix(rel, "..") {
				t.Errorf("%s: the save wrote %q, outside %q", label, f, h.out)
			}
			if _, err := os.Stat(f); err != nil {
				t.Errorf("%s: the save lists %q, which is not there: %v", label, f, err)
			}
		}
	}
}

// broadcastRe finds a mention that would notify a whole Slack or Teams channel.
var broadcastRe = regexp.MustCompile(`(?i)@(channel|here|everyone)\b`)

// checkInertHTML fails when page holds anything that runs or loads: script
// and frame elements, event handler attributes, or a link or source that
// allowed does not accept (javascript: never is).
func checkInertHTML(t *testing.T, what string, page []byte, allowed func(string) bool) {
	t.Helper()
	if bytes.Contains(bytes.ToLower(page), []byte("<script")) {
		t.Errorf("%s: holds <script", what)
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "script", "iframe", "frame", "object", "embed", "base", "form", "applet", "foreignobject":
			t.Errorf("%s: holds a <%s> element", what, n.Data)
		case "meta":
			if strings.EqualFold(attr(n, "http-equiv"), "refresh") {
				t.Errorf("%s: holds a meta refresh", what)
			}
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			val := strings.ToLower(strings.Join(strings.FieldsFunc(a.Val, func(r rune) bool { return r <= ' ' }), ""))
			switch {
			case strings.HasPrefix(key, "on"):
				t.Errorf("%s: <%s> has the handler %s=%q", what, n.Data, a.Key, a.Val)
			case urlAttrs[key] && !allowed(a.Val):
				t.Errorf("%s: <%s> has %s=%q, want none but the export's own", what, n.Data, a.Key, a.Val)
			case key == "style" && (strings.Contains(val, "javascript:") || strings.Contains(val, "expression(") || strings.Contains(val, "url(")):
				t.Errorf("%s: <%s> has style=%q", what, n.Data, a.Val)
			}
		}
	}
}

// urlAttrs are the attributes whose value a browser loads or follows.
var urlAttrs = map[string]bool{"href": true, "src": true, "xlink:href": true, "action": true, "formaction": true,
	"srcdoc": true, "data": true, "poster": true, "background": true, "srcset": true, "ping": true, "cite": true}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// htmlText is what a browser shows of page: its text nodes, entities decoded,
// without the style sheet.
func htmlText(t *testing.T, page []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for n := range doc.Descendants() {
		if n.Type == html.TextNode && (n.Parent == nil || n.Parent.Data != "style") {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// renderMarkdown renders md as a permissive GitHub-flavoured renderer would,
// raw HTML passed through, so any markup that leaks from the text shows.
func renderMarkdown(t *testing.T, md []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	if err := gm.Convert(md, &out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// checkCSV fails when a cell would run as a spreadsheet formula.
func checkCSV(t *testing.T, what, out string) {
	t.Helper()
	r := csv.NewReader(strings.NewReader(out))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Errorf("%s: not readable CSV: %v", what, err)
		return
	}
	for i, row := range rows {
		for j, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("%s: row %d cell %d is %q, which a spreadsheet runs as a formula", what, i+1, j+1, cell)
			}
		}
	}
}

// checkICS fails when text broke out of its property into lines of its own.
func checkICS(t *testing.T, what, out string) {
	t.Helper()
	unfolded := strings.NewReplacer("\r\n ", "", "\r\n\t", "").Replace(out)
	events := 0
	for _, line := range strings.Split(unfolded, "\r\n") {
		name := line
		if i := strings.IndexAny(line, ":;"); i >= 0 {
			name = line[:i]
		}
		switch strings.ToUpper(name) {
		case "X-INJECTED":
			t.Errorf("%s: text became the line %q", what, line)
		case "BEGIN":
			if strings.EqualFold(line, "BEGIN:VEVENT") {
				events++
			}
		}
		if strings.Contains(line, "\n") || strings.Contains(line, "\r") {
			t.Errorf("%s: a bare line break inside %q", what, line)
		}
	}
	if events > 1 {
		t.Errorf("%s: got %d events, want one", what, events)
	}
}
