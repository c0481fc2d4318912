package export_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"bridgelog/backend"
	"bridgelog/backend/export"
)

const htmlCSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`

func TestHTML(t *testing.T) {
	zone := berlin(t)
	t.Run("OK", func(t *testing.T) {
		got := render(t, export.Options{Format: export.FormatHTML, Zone: zone, Now: fixedNow})
		checkSafeHTML(t, got, Payloads)
		doc := htmlParse(t, got)
		png := "data:image/png;base64," + base64.StdEncoding.EncodeToString(tinyPNG)
		if imgs := htmlFindAll(doc, "img"); len(imgs) != 1 || htmlAttr(imgs[0], "src") != png {
			t.Fatalf("got %d images, want the fixture's screenshot inlined as %s", len(imgs), png)
		}
		if got, want := len(htmlFindAll(doc, "svg")), 1+7; got != want { // the picture and its legend swatches
			t.Fatalf("got %d svg elements, want %d", got, want)
		}
		checkGolden(t, "html-timeline.html", got)
	})
	t.Run("External", func(t *testing.T) {
		got := render(t, export.Options{Format: export.FormatHTML, Zone: zone, Now: fixedNow, External: true})
		checkSafeHTML(t, got, nil)
		text := htmlText(htmlParse(t, got))
		for _, name := range []string{"Priya", "Marco", "Sam", "jon", "Ana"} {
			if strings.Contains(text, name) {
				t.Fatalf("got %q in the external HTML export", name)
			}
		}
		if strings.Contains(text, "vendor contract") {
			t.Fatal("got an internal entry in the external HTML export")
		}
		checkGolden(t, "html-timeline-external.html", got)
	})
	t.Run("History", func(t *testing.T) {
		got := render(t, export.Options{Format: export.FormatHTML, Now: fixedNow, History: true})
		doc := htmlParse(t, got)
		var hidden []string
		for _, tr := range htmlFindAll(doc, "tr") {
			if strings.Contains(" "+htmlAttr(tr, "class")+" ", " hidden ") {
				hidden = append(hidden, htmlText(tr))
			}
		}
		if len(hidden) != 1 || !strings.Contains(hidden[0], "wrong incident, ignore") {
			t.Fatalf("got hidden rows %q, want the one hidden entry", hidden)
		}
		if text := htmlText(doc); !strings.Contains(text, "before 2026-11-21 22:16:00 UTC hypothesis cache stampede") {
			t.Fatal("got no earlier version of the edited hypothesis")
		}
		checkGolden(t, "html-timeline-history.html", got)
	})
	t.Run("LogAttachment", func(t *testing.T) {
		rep := fixtureReport()
		var log strings.Builder
		for i := range 250 {
			log.WriteString("line " + string(rune('a'+i%26)) + " <b>not bold</b>\n")
		}
		data := []byte(log.String())
		a := rep.Attachments[15]
		a.Name, a.MIME, a.Size = "auth.log", "text/plain; charset=utf-8", int64(len(data))
		rep.Attachments[15] = a
		rep.Entries[14].Attachment = &a
		rep.AttachmentData = func(context.Context, int64) ([]byte, error) { return data, nil }
		var b bytes.Buffer
		if err := export.Write(context.Background(), &b, rep, export.Options{Format: export.FormatHTML, Now: fixedNow}); err != nil {
			t.Fatal(err)
		}
		doc := htmlParse(t, b.Bytes())
		pres := htmlFindAll(doc, "pre")
		if len(pres) != 1 {
			t.Fatalf("got %d <pre>, want the log", len(pres))
		}
		if got, want := strings.Count(htmlText(pres[0]), "\n"), 200; got != want {
			t.Fatalf("got %d log lines, want the first %d", got, want)
		}
		if !strings.Contains(htmlText(pres[0]), "<b>not bold</b>") {
			t.Fatal("got the log's markup interpreted, want it as text")
		}
		if text := htmlText(htmlFindAll(doc, "details")[0]); !strings.Contains(text, "First 200 lines shown") {
			t.Fatalf("got %q, want a note that the log was cut", text)
		}
	})
	t.Run("AttachmentUnreadable", func(t *testing.T) {
		rep := fixtureReport()
		rep.AttachmentData = func(context.Context, int64) ([]byte, error) {
			return nil, backend.Errorf(backend.ENOTFOUND, "The store is closed")
		}
		var b bytes.Buffer
		if err := export.Write(context.Background(), &b, rep, export.Options{Format: export.FormatHTML, Now: fixedNow}); err != nil {
			t.Fatalf("got %v, want the export with a note in place of the file", err)
		}
		if text := htmlText(htmlParse(t, b.Bytes())); !strings.Contains(text, "error-rate.png: the file could not be read (The store is closed)") {
			t.Fatal("got no note for the unreadable attachment")
		}
	})
}

// TestHTMLPicture checks the timeline picture's marks by their titles,
// which are what a screen reader announces.
func TestHTMLPicture(t *testing.T) {
	titles := func(opts export.Options) string {
		doc := htmlParse(t, render(t, opts))
		var out []string
		for _, n := range htmlFindAll(htmlFindAll(doc, "svg")[0], "title") {
			out = append(out, htmlText(n))
		}
		return strings.Join(out, "\n")
	}
	t.Run("OK", func(t *testing.T) {
		got := titles(export.Options{Format: export.FormatHTML, Now: fixedNow})
		for _, want := range []string{
			"SEV1 from 2026-11-21 22:20:00 UTC to 2026-11-21 23:35:00 UTC (1h 15m)",
			"M1 2026-11-21 22:45:00 UTC: rollback to v40 started",
			"Late by 10m (promised 2026-11-21 22:55:00 UTC)",
			"Incident Commander: Priya, 2026-11-21 22:10:00 UTC to 2026-11-21 23:20:00",
			"Incident Commander: Marco",
			"resolved 2026-11-22 01:30:00 UTC",
		} {
			if !strings.Contains(got, want) {
				t.Fatalf("got picture titles\n%s\nwant one containing %q", got, want)
			}
		}
	})
	t.Run("External", func(t *testing.T) {
		got := titles(export.Options{Format: export.FormatHTML, Now: fixedNow, External: true})
		if strings.Contains(got, "Priya") || strings.Contains(got, "Marco") {
			t.Fatalf("got names in the external picture:\n%s", got)
		}
		if !strings.Contains(got, "Incident Commander: IC 2") {
			t.Fatalf("got picture titles\n%s\nwant the second commander's shift without a name", got)
		}
	})
}

// hostileReport puts the payloads where the fixture has none: the title,
// the impact, an author, a role holder, a follow-up's owner and a status
// update.
func hostileReport() *backend.Report {
	rep := fixtureReport()
	rep.Incident.Title = Payloads[1] + " " + Payloads[0]
	rep.Incident.Impact = Payloads[2]
	rep.Entries[2].Author = Payloads[1]
	rep.Entries[1].Person, rep.Entries[1].Text = Payloads[0], Payloads[0]
	rep.Roles[0].Person = Payloads[0]
	rep.Entries[26].Text = Payloads[3] + " due 2026-12-04"
	rep.Entries[26].Owner = Payloads[1]
	rep.Updates[0].Text = Payloads[0]
	return rep
}

// TestHTMLInChromium opens both HTML documents in a real browser: nothing
// may run, and every payload must show as text.
func TestHTMLInChromium(t *testing.T) {
	browser := chromiumOrSkip(t)
	out := filepath.Join(htmlRepoRoot(t), "build", "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		format export.Format
		shot   string
	}{
		{"Timeline", export.FormatHTML, "export-html.png"},
		{"Review", export.FormatReviewHTML, "export-review.png"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := export.Write(context.Background(), &b, hostileReport(),
				export.Options{Format: tc.format, Zone: berlin(t), Now: fixedNow}); err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			page := filepath.Join(dir, "page.html")
			if err := os.WriteFile(page, b.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			dom := chromiumRun(t, browser, dir, "--dump-dom", "file://"+page)
			doc := htmlParse(t, dom)
			titles := htmlFindAll(doc, "title")
			if len(titles) == 0 || htmlText(titles[0]) == "pwned" || !strings.Contains(htmlText(titles[0]), Payloads[0]) {
				t.Fatalf("got document title %q, want the incident title as text", htmlText(titles[0]))
			}
			checkNoActiveContent(t, doc)
			text := htmlText(doc)
			for _, p := range Payloads {
				if !strings.Contains(text, p) {
					t.Fatalf("got no text %q in the page Chromium loaded", p)
				}
			}
			chromiumRun(t, browser, dir, "--screenshot="+filepath.Join(out, tc.shot), "--window-size=1280,2000", "file://"+page)
			if info, err := os.Stat(filepath.Join(out, tc.shot)); err != nil || info.Size() == 0 {
				t.Fatalf("got no screenshot %s: %v", tc.shot, err)
			}
		})
	}
}

// checkSafeHTML checks a document as written: the policy, no script, no
// event handler, no link, and each payload as text.
func checkSafeHTML(t *testing.T, got []byte, payloads []string) {
	t.Helper()
	if !bytes.Contains(got, []byte(htmlCSP)) {
		t.Fatal("got no Content-Security-Policy meta element")
	}
	if bytes.Contains(bytes.ToLower(got), []byte("<script")) {
		t.Fatal("got <script in the HTML")
	}
	doc := htmlParse(t, got)
	checkNoActiveContent(t, doc)
	text := htmlText(doc)
	for _, p := range payloads {
		if !strings.Contains(text, p) {
			t.Fatalf("got no text %q in the HTML", p)
		}
	}
}

func checkNoActiveContent(t *testing.T, doc *html.Node) {
	t.Helper()
	htmlWalk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.Data {
		case "script", "iframe", "object", "embed", "base", "form":
			t.Fatalf("got a <%s> element", n.Data)
		case "a":
			t.Fatalf("got a link to %q", htmlAttr(n, "href"))
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			if strings.HasPrefix(key, "on") {
				t.Fatalf("got attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
			}
			if (key == "src" || key == "href") && !strings.HasPrefix(a.Val, "data:image/") {
				t.Fatalf("got %s=%q on <%s>, want only data: images", a.Key, a.Val, n.Data)
			}
		}
	})
}

func htmlParse(t *testing.T, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func htmlWalk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		htmlWalk(c, f)
	}
}

func htmlFindAll(root *html.Node, tag string) []*html.Node {
	var out []*html.Node
	htmlWalk(root, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
	})
	return out
}

func htmlAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// htmlText is the text under n, with the text nodes joined as they stand.
func htmlText(n *html.Node) string {
	var b strings.Builder
	htmlWalk(n, func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
	})
	return b.String()
}

// chromiumOrSkip finds Chromium; only a developer's machine may lack it.
func chromiumOrSkip(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("Chromium is not installed, and CI must run this test: install the chromium package")
	}
	t.Skip("Chromium is not installed (sudo apt install chromium)")
	return ""
}

// chromiumRun runs headless Chromium with its network pointed nowhere and
// returns what it printed.
func chromiumRun(t *testing.T, browser, dir string, args ...string) []byte {
	t.Helper()
	base := []string{"--headless", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + filepath.Join(dir, "profile"),
		"--no-first-run", "--disable-extensions", "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND"}
	if os.Geteuid() == 0 {
		base = append(base, "--no-sandbox") // Chromium refuses its sandbox to root
	}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, append(base, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, stderr.String())
	}
	return out
}

// htmlRepoRoot is the folder holding go.mod.
func htmlRepoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// TestHTMLBare exports an incident just declared: no entries, roles,
// updates or end, at the very moment of declaring.
func TestHTMLBare(t *testing.T) {
	declared := at("22:10")
	rep := &backend.Report{Incident: &backend.Incident{ID: 1, Title: "Bare", DeclaredAt: declared,
		CreatedAt: declared, UpdatedAt: declared, Phase: backend.PhaseInvestigating}}
	for _, f := range []export.Format{export.FormatHTML, export.FormatReviewHTML, export.FormatReview} {
		t.Run(string(f), func(t *testing.T) {
			got := reviewOf(t, rep, export.Options{Format: f, Now: declared})
			if f == export.FormatReview {
				gfmCheckInert(t, renderGFM(t, got), "")
				return
			}
			checkSafeHTML(t, got, []string{"Bare", "No entries to show."})
		})
	}
}
