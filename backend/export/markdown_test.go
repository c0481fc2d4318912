package export_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"

	"bridgelog/backend"
	"bridgelog/backend/export"
)

// renderGFM renders Markdown the way a permissive GitHub-flavoured renderer
// would: tables, autolinks and raw HTML passed through unsanitised, so any
// markup that leaks from user text shows up in the result.
func renderGFM(t *testing.T, md []byte) *html.Node {
	t.Helper()
	var out bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	if err := gm.Convert(md, &out); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&out)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// elements returns every element named tag under n, in document order.
func gfmElements(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.Data == tag {
			out = append(out, d)
		}
	}
	return out
}

// textOf is what a browser shows of n: its text, entities decoded.
func gfmText(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

func gfmAttr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

// bodyRows returns the timeline table's rows, as the text of their cells.
func gfmRows(doc *html.Node) [][]string {
	var rows [][]string
	for _, tbody := range gfmElements(doc, "tbody") {
		for _, tr := range gfmElements(tbody, "tr") {
			var cells []string
			for _, td := range gfmElements(tr, "td") {
				cells = append(cells, gfmText(td))
			}
			rows = append(rows, cells)
		}
	}
	return rows
}

// checkInert fails if the rendered document holds anything active: a
// script, an event handler, a javascript: URL, or an image other than the
// attachments under assets.
func gfmCheckInert(t *testing.T, doc *html.Node, assets string) (images int) {
	t.Helper()
	for d := range doc.Descendants() {
		if d.Type != html.ElementNode {
			continue
		}
		switch d.Data {
		case "script", "iframe", "object", "embed", "style":
			t.Fatalf("got a <%s> element in the rendered Markdown", d.Data)
		case "img":
			src, _ := gfmAttr(d, "src")
			if assets == "" || !strings.HasPrefix(src, assets+"/") {
				t.Fatalf("got <img src=%q>, want images only from %q", src, assets+"/")
			}
			images++
		}
		for _, a := range d.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Fatalf("got attribute %s=%q on <%s>", a.Key, a.Val, d.Data)
			}
			if v := strings.ToLower(strings.Join(strings.Fields(a.Val), "")); (a.Key == "href" || a.Key == "src") &&
				!strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "mailto:") &&
				!strings.HasPrefix(a.Val, assets+"/") {
				t.Fatalf("got %s=%q on <%s>, want only http(s) links and attachments", a.Key, a.Val, d.Data)
			}
		}
	}
	return images
}

func mdOf(t *testing.T, rep *backend.Report, opts export.Options) []byte {
	t.Helper()
	opts.Format = export.FormatMarkdown
	var b bytes.Buffer
	if err := export.Write(context.Background(), &b, rep, opts); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestMarkdown(t *testing.T) {
	zone := berlin(t)
	for _, tc := range []struct {
		name string
		opts export.Options
	}{
		{"OK", export.Options{Zone: zone, Now: fixedNow, Assets: "incident-assets"}},
		{"Clipboard", export.Options{Zone: zone, Now: fixedNow}},
		{"External", export.Options{Zone: zone, Now: fixedNow, External: true, Assets: "a b(1)&c-assets"}},
		{"History", export.Options{Now: fixedNow, History: true}},
		{"Range", export.Options{Zone: zone, From: at("22:26"), To: at("22:31")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Format = export.FormatMarkdown
			md := mdOf(t, fixtureReport(), tc.opts)
			doc := renderGFM(t, md)
			view := export.NewView(fixtureReport(), tc.opts)

			rows := gfmRows(doc)
			if got, want := len(rows), len(view.Rows); got != want {
				t.Fatalf("got %d table rows, want %d (the entries in scope)\n%s", got, want, md)
			}
			cols := 5
			if tc.opts.Zone == nil {
				cols = 4
			}
			for i, r := range rows {
				if got, want := len(r), cols; got != want {
					t.Fatalf("row %d: got %d cells, want %d: %q", i+1, got, want, r)
				}
				if got, want := r[0], view.Rows[i].UTC; got != want {
					t.Fatalf("row %d: got time %q, want %q", i+1, got, want)
				}
			}

			var assets string
			if tc.opts.Assets != "" {
				assets = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "&", "%26").Replace(tc.opts.Assets)
			}
			wantImages := 0
			for _, r := range view.Rows {
				if r.Attachment != nil && tc.opts.Assets != "" {
					wantImages++
				}
			}
			if got := gfmCheckInert(t, doc, assets); got != wantImages {
				t.Fatalf("got %d images, want %d (the attachments in scope)", got, wantImages)
			}

			cells := map[string]bool{}
			for _, r := range rows {
				cells[r[cols-2]] = true
			}
			for _, p := range Payloads {
				for _, r := range view.Rows {
					if r.Entry.Text != p {
						continue
					}
					// Line breaks show as " ⏎ " (an external row has none left).
					if want := strings.ReplaceAll(r.Text, "\n", " ⏎ "); !cells[want] {
						t.Fatalf("got no Entry cell reading %q; rows:\n%q", want, rows)
					}
				}
			}
		})
	}
}

// notesReport is the fixture incident with only the given notes, one a minute.
func notesReport(texts ...string) *backend.Report {
	rep := fixtureReport()
	rep.Entries, rep.Revisions, rep.Attachments = nil, nil, nil
	for i, s := range texts {
		rep.Entries = append(rep.Entries, &backend.Entry{ID: int64(i + 1), IncidentID: rep.Incident.ID,
			Kind: backend.KindNote, Text: s, Raw: s, OccurredAt: at("22:30").Add(time.Duration(i) * time.Minute),
			Author: "Sam", AuthorRole: backend.RoleScribe})
	}
	return rep
}

func TestMarkdownEscaping(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       string // the cell's text once rendered
		link       string // the one link the cell may hold, if any
	}{
		{"Entities", `&lt;script&gt; &#x3C;b&#62; &amp;`, `&lt;script&gt; &#x3C;b&#62; &amp;`, ""},
		{"Autolink", `<javascript:alert(1)> <http://x.test>`, `<javascript:alert(1)> <http://x.test>`, ""},
		{"RawHTML", `<!-- x --> <a href="javascript:alert(1)">a</a> </td></tr>`, `<!-- x --> <a href="javascript:alert(1)">a</a> </td></tr>`, ""},
		{"Image", `![x](https://x.test/p.png) [a]: javascript:alert(1)`, `![x](https://x.test/p.png) [a]: javascript:alert(1)`, "https://x.test/p.png"},
		{"ReferenceLink", `[a][b] [c] [b]: http://x.test`, `[a][b] [c] [b]: http://x.test`, "http://x.test"},
		{"Emphasis", `**bold** _it_ ~~strike~~ ~one~ snake_case`, `**bold** _it_ ~~strike~~ ~one~ snake_case`, ""},
		{"Code", "``double`` `single` ```", "``double`` `single` ```", ""},
		{"Backslashes", `C:\logs\ \| \\| end\`, `C:\logs\ \| \\| end\`, ""},
		{"Heading", `# not a heading ##`, `# not a heading ##`, ""},
		{"Lines", "one\r\ntwo\n\n- three\n| four |\n", "one ⏎ two ⏎ ⏎ - three ⏎ | four |", ""},
		{"Tabs", "a\tb", "a b", ""},
		{"JavascriptBare", `javascript:alert(1) JAVASCRIPT:x data:text/html,<script>`, `javascript:alert(1) JAVASCRIPT:x data:text/html,<script>`, ""},
		{"URL", `see https://grafana.test/d/a_b~c?x=1&y=(2)&_g=(f:!())`, `see https://grafana.test/d/a_b~c?x=1&y=(2)&_g=(f:!())`, "https://grafana.test/d/a_b~c?x=1&y=(2)&_g=(f:!())"},
		{"URLStar", `https://x.test/*a* b*`, `https://x.test/*a* b*`, "https://x.test/"},
		{"URLThenPipe", `https://x.test/a|b`, `https://x.test/a|b`, "https://x.test/a"},
		{"URLEntity", `https://x.test/?a=1&amp;b=2`, `https://x.test/?a=1&amp;b=2`, "https://x.test/?a=1"},
		{"URLQuoteHTML", `https://x.test/"onmouseover="alert(1)`, `https://x.test/"onmouseover="alert(1)`, `https://x.test/"onmouseover="alert(1)`},
		{"NamedLink", `see [the runbook](https://wiki.test/run_book?a=1&b=2) now`, `see the runbook now`, "https://wiki.test/run_book?a=1&b=2"},
		{"NamedLinkFirst", `[# dashboard](https://x.test/d) ##`, `# dashboard ##`, "https://x.test/d"},
		{"NamedLinkLabelInert", "[**bold** <b>x</b> `c` | p](https://x.test)", "**bold** <b>x</b> `c` | p", "https://x.test"},
		{"NamedLinkParens", `[page](https://wiki.test/Foo_(bar))`, `page`, "https://wiki.test/Foo_(bar)"},
		{"NamedLinkJavascript", `[a](javascript:alert(1)) [b](JAVASCRIPT:x)`, `[a](javascript:alert(1)) [b](JAVASCRIPT:x)`, ""},
		{"NamedLinkOtherSchemes", `[a](ftp://x.test) [b](data:text/html,x) [c](/etc/passwd)`, `[a](ftp://x.test) [b](data:text/html,x) [c](/etc/passwd)`, ""},
		{"NamedLinkTitle", `[a](https://x.test "t")`, `[a](https://x.test "t")`, "https://x.test"},
		{"NamedLinkPipe", `[a](https://x.test/a|b)`, `[a](https://x.test/a|b)`, "https://x.test/a"},
		{"NamedLinkEntity", `[a](https://x.test/&#106;s)`, `[a](https://x.test/&#106;s)`, "https://x.test/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			md := mdOf(t, notesReport(tc.text), export.Options{})
			doc := renderGFM(t, md)
			gfmCheckInert(t, doc, "")
			rows := gfmRows(doc)
			if got, want := len(rows), 1; got != want {
				t.Fatalf("got %d rows, want %d:\n%s", got, want, md)
			}
			if got := rows[0][2]; got != tc.want {
				t.Fatalf("got cell %q, want %q\n%s", got, tc.want, md)
			}
			var links []string
			for _, a := range gfmElements(doc, "a") {
				href, _ := gfmAttr(a, "href")
				links = append(links, href)
			}
			switch {
			case tc.link == "" && len(links) > 0:
				t.Fatalf("got links %q, want none\n%s", links, md)
			case tc.link != "" && (len(links) != 1 || links[0] != tc.link && links[0] != urlEscaped(tc.link)):
				t.Fatalf("got links %q, want [%q]\n%s", links, tc.link, md)
			}
		})
	}
	t.Run("Title", func(t *testing.T) {
		rep := notesReport("x")
		rep.Incident.Title = "# <b>Disk</b> [full](javascript:x) ##"
		doc := renderGFM(t, mdOf(t, rep, export.Options{}))
		gfmCheckInert(t, doc, "")
		h1 := gfmElements(doc, "h1")
		if len(h1) != 1 {
			t.Fatalf("got %d h1 headings, want 1", len(h1))
		}
		if got, want := gfmText(h1[0]), rep.Incident.Title; got != want {
			t.Fatalf("got title %q, want %q", got, want)
		}
	})
}

// urlEscaped is how goldmark writes a link destination: non-ASCII and a few
// characters percent-encoded.
func urlEscaped(s string) string {
	return strings.NewReplacer(`"`, "%22").Replace(s)
}

// FuzzMarkdownInert renders any entry text: the table keeps one row of four
// cells, and nothing in it is active or links anywhere but http(s).
func FuzzMarkdownInert(f *testing.F) {
	for _, s := range append(slices.Clone(Payloads), "[a](https://x.test/(b)) ![i](https://x.test/i.png)",
		"[[a](https://x.test)](https://y.test)", "[a](https://x.test)[b](javascript:x)", "ftp://x.test [x](ftp://y)") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc := renderGFM(t, mdOf(t, notesReport(s), export.Options{}))
		gfmCheckInert(t, doc, "")
		rows := gfmRows(doc)
		if len(rows) != 1 || len(rows[0]) != 4 {
			t.Fatalf("got rows %q, want one row of 4 cells for %q", rows, s)
		}
	})
}
