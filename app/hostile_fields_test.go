package app_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"bridgelog/app"
	"bridgelog/backend"
)

// textField is one place a bound method takes free text. prep readies what
// the field needs (outside the state a refusal must keep); set stores
// payload there and returns the text as the UI reads it back. want overrides
// the expectation (handled); emptyOK says a value that cleans to nothing
// means "unchanged" or "the default" rather than a mistake to refuse;
// binaryOK says a payload with control bytes may be refused as not text;
// renames says the stored text is rewritten on purpose (a file name); query
// says nothing is stored (a search); tidy is what the field does to a
// payload beyond the store's cleaning.
type textField struct {
	name     string
	want     string
	emptyOK  bool
	binaryOK bool
	renames  bool
	query    bool
	prep     func(h *hostile) error
	set      func(h *hostile, payload string) (string, error)
	tidy     func(string) string
}

// textFields are every free-text parameter the bindings accept. They run in
// this order against one incident, so the scribe's name comes first and every
// later entry carries it as its author.
var textFields = []textField{
	{name: "scribe name", set: func(h *hostile, p string) (string, error) {
		s, _ := h.settings.Get()
		s.ScribeName = p
		if err := h.settings.Save(s); err != nil {
			return "", err
		}
		s, err := h.settings.Get()
		return s.ScribeName, err
	}},
	{name: "entry", set: func(h *hostile, p string) (string, error) {
		e, err := h.timeline.Add(h.inc.ID, p, "")
		return entryRaw(e), err
	}},
	{name: "entry edit", prep: func(h *hostile) error {
		e, err := h.timeline.Add(h.inc.ID, "placeholder before the edit", "")
		if err == nil {
			h.editID = e.ID
		}
		return err
	}, set: func(h *hostile, p string) (string, error) {
		e, err := h.timeline.Edit(h.editID, p)
		return entryRaw(e), err
	}},
	{name: "draft", emptyOK: true, set: func(h *hostile, p string) (string, error) {
		if err := h.timeline.SaveDraft(h.inc.ID, p, "", 0); err != nil {
			return "", err
		}
		d, err := h.timeline.Draft(h.inc.ID)
		return d.Text, err
	}},
	{name: "new incident title", set: func(h *hostile, p string) (string, error) {
		inc, err := h.incidents.Create(p, "SEV3")
		if err != nil {
			return "", err
		}
		return inc.Title, nil
	}},
	{name: "title", emptyOK: true, set: func(h *hostile, p string) (string, error) {
		inc, err := h.incidents.Update(h.inc.ID, app.HeaderUpdate{Title: p})
		if err != nil {
			return "", err
		}
		return inc.Title, nil
	}},
	{name: "impact", emptyOK: true, set: func(h *hostile, p string) (string, error) {
		inc, err := h.incidents.Update(h.inc.ID, app.HeaderUpdate{Impact: p})
		if err != nil {
			return "", err
		}
		return inc.Impact, nil
	}},
	{name: "action text", set: func(h *hostile, p string) (string, error) {
		a, err := h.actions.Create(h.inc.ID, "sam", p, 0)
		if err != nil {
			return "", err
		}
		return a.Text, nil
	}},
	{name: "action owner", tidy: func(p string) string { return strings.TrimPrefix(strings.Join(strings.Fields(p), ""), "@") }, set: func(h *hostile, p string) (string, error) {
		a, err := h.actions.Create(h.inc.ID, strings.Join(strings.Fields(p), ""), "roll back auth", 0)
		if err != nil {
			return "", err
		}
		return a.Owner, nil
	}},
	{name: "status text", set: func(h *hostile, p string) (string, error) {
		e, err := h.status.Record(h.inc.ID, p, "external", 0)
		return entryText(e), err
	}},
	{name: "handoff incoming", set: func(h *hostile, p string) (string, error) {
		e, err := h.handoff.Complete(h.inc.ID, "scribe", p, "all calm")
		if err != nil {
			return "", err
		}
		return e.Person, nil
	}},
	{name: "handoff brief", emptyOK: true, set: func(h *hostile, p string) (string, error) {
		if _, err := h.handoff.Complete(h.inc.ID, "tech", "Ana Ruiz", p); err != nil || cleaned(p) == "" {
			return "", err
		}
		return h.lastEntryText("Brief:")
	}},
	{name: "page person", set: func(h *hostile, p string) (string, error) {
		pg, err := h.paging.Page(h.inc.ID, p, 1)
		if err != nil {
			return "", err
		}
		return pg.Person, nil
	}},
	{name: "escalation path", emptyOK: true, set: func(h *hostile, p string) (string, error) {
		s, _ := h.settings.Get()
		s.EscalationPath = []string{p, "backup"}
		if err := h.settings.Save(s); err != nil {
			return "", err
		}
		pg, err := h.paging.List(h.inc.ID)
		if err != nil || len(pg.Path) == 0 {
			return "", err
		}
		return pg.Path[0], nil
	}},
	{name: "default watch criteria", emptyOK: true, set: func(h *hostile, p string) (string, error) {
		s, _ := h.settings.Get()
		s.WatchCriteria = []string{p}
		if err := h.settings.Save(s); err != nil {
			return "", err
		}
		s, err := h.settings.Get()
		if len(s.WatchCriteria) == 0 {
			return "", err
		}
		return s.WatchCriteria[0], err
	}},
	{name: "watch criterion", emptyOK: true, set: func(h *hostile, p string) (string, error) {
		w, err := h.watch.Start(h.inc.ID, 30, []string{p})
		if err != nil || len(w.Criteria) == 0 {
			return "", err
		}
		return w.Criteria[0].Text, nil
	}},
	{name: "security reason", prep: func(h *hostile) error {
		_, err := h.security.Set(h.inc.ID, true, "2026-11-21T08:00:00Z")
		return err
	}, set: func(h *hostile, p string) (string, error) {
		if _, err := h.security.Unlock(h.inc.ID, "2026-11-21T08:30:00Z", p); err != nil {
			return "", err
		}
		return h.lastEntryText("")
	}},
	{name: "security checklist key", want: refused, query: true, set: func(h *hostile, p string) (string, error) {
		_, err := h.security.Tick(h.inc.ID, p, true)
		return "", err
	}},
	{name: "attachment caption", emptyOK: true, set: func(h *hostile, p string) (string, error) {
		e, err := h.attach.Add(app.AttachmentRequest{IncidentID: h.inc.ID, Name: "grafana.png", Data: b64(hostilePNG), Caption: p})
		return entryText(e), err
	}},
	{name: "attachment name", emptyOK: true, renames: true, set: func(h *hostile, p string) (string, error) {
		e, err := h.attach.Add(app.AttachmentRequest{IncidentID: h.inc.ID, Name: p, Data: b64(hostilePNG)})
		if err != nil || e.Attachment == nil {
			return "", err
		}
		return e.Attachment.Name, nil
	}},
	{name: "text attachment", want: either, emptyOK: true, binaryOK: true, renames: true, set: func(h *hostile, p string) (string, error) {
		e, err := h.attach.Add(app.AttachmentRequest{IncidentID: h.inc.ID, Name: "server.log", Data: b64([]byte(p))})
		if err != nil || e.Attachment == nil {
			return "", err
		}
		if e.Attachment.MIME != "text/plain; charset=utf-8" {
			return "", fmt.Errorf("stored as %q, want text/plain", e.Attachment.MIME)
		}
		return e.Attachment.Name, nil
	}},
	// The importer reads U+0085 as a line break and a BOM as the start of a line.
	{name: "chat message", emptyOK: true, binaryOK: true, tidy: strings.NewReplacer("\u0085", " ", "\uFEFF", "").Replace, set: func(h *hostile, p string) (string, error) {
		body := strings.Join(strings.Fields(p), " ")
		path := h.file("chats/meeting_saved_chat.txt", "10:02:11 From Sam Lee to Everyone:\r\n\t"+body+"\r\n")
		res, err := h.imports.Import(app.ImportRequest{IncidentID: h.inc.ID, Path: path, Zone: "UTC"}, []int{0})
		if err != nil {
			return "", err
		}
		if res.Added != 1 {
			return "", fmt.Errorf("added %d messages, want 1", res.Added)
		}
		return h.lastEntryText("")
	}},
	{name: "chat file name", emptyOK: true, renames: true, set: func(h *hostile, p string) (string, error) {
		name := strings.NewReplacer("/", "∕", "\x00", "").Replace(p)
		if len(name) > 200 {
			name = name[:200]
		}
		path := h.file("named/"+name+".txt", "10:03:00 From Sam Lee to Everyone:\r\n\tfrom a file with a strange name\r\n")
		pv, err := h.imports.Preview(app.ImportRequest{IncidentID: h.inc.ID, Path: path, Zone: "UTC"})
		if err != nil {
			return "", err
		}
		return pv.Source, nil
	}},
	{name: "search query", want: either, query: true, set: func(h *hostile, p string) (string, error) {
		_, err := h.timeline.Search(p, 0)
		return "", err
	}},
	{name: "export zone", want: either, query: true, set: func(h *hostile, p string) (string, error) {
		_, err := h.exports.Text(app.ExportRequest{IncidentID: h.inc.ID, Format: "md", Zone: p})
		return "", err
	}},
}

// hostilePNG is a small real screenshot.
var hostilePNG = func() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 24, 12))
	img.Set(3, 3, color.RGBA{R: 200, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}()

func entryText(e *backend.Entry) string {
	if e == nil {
		return ""
	}
	return e.Text
}

// entryRaw is an entry's line as typed (its text drops a grammar prefix,
// and a payload may start with one: "!" is impact).
func entryRaw(e *backend.Entry) string {
	if e == nil {
		return ""
	}
	return e.Raw
}

// lastEntryText is the text of the incident's most recent entry holding
// marker (any entry when marker is "").
func (h *hostile) lastEntryText(marker string) (string, error) {
	list, err := h.timeline.List(h.inc.ID)
	if err != nil {
		return "", err
	}
	best := (*backend.Entry)(nil)
	for _, e := range list {
		if strings.Contains(e.Text, marker) && (best == nil || e.ID > best.ID) {
			best = e
		}
	}
	if best == nil {
		return "", fmt.Errorf("no entry holds %q", marker)
	}
	return best.Text, nil
}

// file writes content to a path under the test's folder and returns it.
func (h *hostile) file(name, content string) string {
	p := filepath.Join(h.dir, "in", name)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		panic(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		panic(err)
	}
	return p
}

// fillFields stores payload in every text field of h's incident, checking
// each stored text, and returns how many fields stored it.
func fillFields(t *testing.T, h *hostile, cat, label, payload string) int {
	t.Helper()
	stored := 0
	for _, f := range textFields {
		if f.prep != nil {
			if err := f.prep(h); err != nil {
				t.Fatalf("%s: getting ready: %v", f.name, err)
			}
		}
		want := handled
		if f.want != "" {
			want = f.want
		}
		switch {
		case f.query:
		case cleaned(payload) == "" && f.emptyOK:
			want = either
		case cleaned(payload) == "":
			want = refused // nothing left to store once cleaned
		case f.binaryOK && strings.IndexFunc(payload, func(r rune) bool { return r < ' ' && r != '\n' && r != '\t' && r != '\r' }) >= 0:
			want = either
		}
		var got string
		err := h.try(t, cat, f.name+": "+label, want, func() error {
			var err error
			got, err = f.set(h, payload)
			return err
		})
		if err != nil || f.query || cleaned(payload) == "" {
			continue
		}
		stored++
		checkStored(t, f, label, payload, got)
	}
	return stored
}

// checkStored checks text as stored: valid UTF-8 with no control or bidi
// override characters, and (unless the field renames) the payload itself,
// cleaned, as text: markup is not escaped into entities on the way in.
func checkStored(t *testing.T, f textField, label, payload, got string) {
	t.Helper()
	if !utf8.ValidString(got) {
		t.Errorf("%s: %s: stored %q, which is not valid UTF-8", f.name, label, got)
	}
	if i := strings.IndexFunc(got, func(r rune) bool {
		return (unicode.IsControl(r) && r != '\n' && r != '\t') || isBidiControl(r)
	}); i >= 0 {
		t.Errorf("%s: %s: stored %q, which holds the control character %U", f.name, label, got, []rune(got[i:])[0])
	}
	if f.renames {
		if strings.ContainsAny(got, "/\\") && f.name != "chat file name" {
			t.Errorf("%s: %s: stored %q, want no path separators in a file name", f.name, label, got)
		}
		return
	}
	if f.tidy != nil {
		payload = f.tidy(payload)
	}
	want := cleaned(payload)
	if !strings.Contains(fold(got), want) {
		t.Errorf("%s: %s: stored %q, want it to hold %q as text", f.name, label, got, want)
	}
}

// cleaned is payload as the store keeps text: CleanText, whitespace folded.
func cleaned(payload string) string { return fold(backend.CleanText(payload)) }

func fold(s string) string { return strings.Join(strings.Fields(s), " ") }

// isBidiControl reports the characters that reorder the text around them:
// embeddings, overrides and isolates. Marks (LRM, RLM, ALM) only nudge
// neutral characters and may stay.
func isBidiControl(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}
