package app_test

import (
	"fmt"
	"strings"
	"testing"

	"bridgelog/app"
	"bridgelog/backend"
	"bridgelog/backend/settings"
)

// testHostileSize sends pastes far over every limit through each binding
// that takes text: each must be refused with a message that says what to do,
// and leave nothing behind.
func testHostileSize(t *testing.T) {
	h := mustHostile(t)
	id := h.inc.ID
	first, err := h.timeline.Add(id, "first line", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.security.Set(id, true, "2026-11-21T08:00:00Z"); err != nil {
		t.Fatal(err)
	}
	const mb = 1 << 20
	paste := big("upstream timed out while reading response header from upstream, ", 10*mb)
	word := big("x", mb)
	for _, tc := range []struct {
		name, want string
		call       func() error
		// says lists words the message must hold: what is wrong and what to do.
		says []string
	}{
		{"Timeline.Add 10 MB paste", backend.ETOOLARGE, func() error { _, err := h.timeline.Add(id, paste, ""); return err }, []string{"64 KiB", "Split"}},
		{"Timeline.Add 1 MB single word", backend.ETOOLARGE, func() error { _, err := h.timeline.Add(id, word, ""); return err }, []string{"64 KiB"}},
		{"Timeline.Add 64 KiB + 1 byte", backend.ETOOLARGE, func() error {
			_, err := h.timeline.Add(id, big("y", backend.MaxEntryBytes+1), "")
			return err
		}, []string{"64 KiB"}},
		{"Timeline.Add 10 MB of NUL bytes", backend.ETOOLARGE, func() error { _, err := h.timeline.Add(id, big("\x00", 10*mb), ""); return err }, nil},
		{"Timeline.Edit to a 10 MB paste", backend.ETOOLARGE, func() error { _, err := h.timeline.Edit(first.ID, paste); return err }, []string{"64 KiB"}},
		{"Timeline.SaveDraft 10 MB", backend.ETOOLARGE, func() error { return h.timeline.SaveDraft(id, paste, "", 0) }, nil},
		{"Timeline.Preview 10 MB", handled, func() error { h.timeline.Preview(paste, ""); return nil }, nil},
		{"Incidents.Create 10 MB title", refused, func() error { _, err := h.incidents.Create(paste, "SEV2"); return err }, []string{"title"}},
		{"Incidents.Update 1 MB title", refused, func() error { _, err := h.incidents.Update(id, app.HeaderUpdate{Title: word}); return err }, []string{"title"}},
		{"Incidents.Update 10 MB impact", backend.ETOOLARGE, func() error { _, err := h.incidents.Update(id, app.HeaderUpdate{Impact: paste}); return err }, []string{"impact"}},
		{"Incidents.Update 1 MB detected time", backend.EINVALID, func() error {
			_, err := h.incidents.Update(id, app.HeaderUpdate{DetectedAt: word})
			return err
		}, nil},
		{"Actions.Create 10 MB text", backend.ETOOLARGE, func() error { _, err := h.actions.Create(id, "sam", paste, 0); return err }, nil},
		{"Actions.Create 1 MB owner", refused, func() error { _, err := h.actions.Create(id, word, "roll back", 0); return err }, nil},
		{"Status.Record 10 MB", backend.ETOOLARGE, func() error { _, err := h.status.Record(id, paste, "internal", 0); return err }, nil},
		{"Status.Draft 1 MB audience", backend.EINVALID, func() error { _, err := h.status.Draft(id, word); return err }, nil},
		{"Handoff.Complete 10 MB brief", backend.ETOOLARGE, func() error { _, err := h.handoff.Complete(id, "ic", "Ana", paste); return err }, nil},
		{"Handoff.Complete 1 MB incoming name", refused, func() error { _, err := h.handoff.Complete(id, "ic", word, "brief"); return err }, nil},
		{"Handoff.Brief 1 MB role", backend.EINVALID, func() error { _, err := h.handoff.Brief(id, word); return err }, nil},
		{"Paging.Page 1 MB person", refused, func() error { _, err := h.paging.Page(id, word, 1); return err }, nil},
		{"Watch.Start 1 MB criterion", refused, func() error { _, err := h.watch.Start(id, 30, []string{word}); return err }, nil},
		{"Watch.Start 20,000 criteria", refused, func() error {
			many := make([]string, 20000)
			for i := range many {
				many[i] = fmt.Sprintf("error rate under 1%% on shard %d", i)
			}
			_, err := h.watch.Start(id, 30, many)
			return err
		}, nil},
		{"Security.Set 1 MB became-aware time", backend.EINVALID, func() error { _, err := h.security.Set(id, true, word); return err }, nil},
		{"Security.Unlock 10 MB reason", refused, func() error {
			_, err := h.security.Unlock(id, "2026-11-21T08:30:00Z", paste)
			return err
		}, nil},
		{"Security.Tick 1 MB key", backend.EINVALID, func() error { _, err := h.security.Tick(id, word, true); return err }, nil},
		{"Settings.Save 1 MB scribe name", backend.EINVALID, func() error { return h.settings.Save(settings.Settings{ScribeName: word}) }, []string{"name"}},
		{"Settings.Save 10 MB escalation path entry", either, func() error {
			return h.settings.Save(settings.Settings{ScribeName: "Priya", EscalationPath: []string{paste}})
		}, nil},
		{"Settings.Save 100,000 watch criteria", either, func() error {
			many := make([]string, 100000)
			for i := range many {
				many[i] = fmt.Sprintf("criterion %d", i)
			}
			return h.settings.Save(settings.Settings{ScribeName: "Priya", WatchCriteria: many})
		}, nil},
		{"Attachments.Add 10 MB caption", backend.ETOOLARGE, func() error {
			_, err := h.attach.Add(app.AttachmentRequest{IncidentID: id, Name: "a.png", Data: b64(hostilePNG), Caption: paste})
			return err
		}, []string{"caption"}},
		{"Attachments.Add 1 MB file name", handled, func() error {
			e, err := h.attach.Add(app.AttachmentRequest{IncidentID: id, Name: word + ".png", Data: b64(hostilePNG)})
			if err == nil && len([]rune(e.Attachment.Name)) > 200 {
				t.Errorf("got a stored name of %d characters, want at most 200", len([]rune(e.Attachment.Name)))
			}
			return err
		}, nil},
		{"Timeline.Search 1 MB query", either, func() error { _, err := h.timeline.Search(word, 0); return err }, nil},
		{"Timeline.Search 10 MB of words", either, func() error { _, err := h.timeline.Search(paste, 0); return err }, nil},
		{"Exports.Text 1 MB from time", backend.EINVALID, func() error {
			_, err := h.exports.Text(app.ExportRequest{IncidentID: id, Format: "md", From: word})
			return err
		}, nil},
		{"Exports.Text 1 MB zone", backend.EINVALID, func() error {
			_, err := h.exports.Text(app.ExportRequest{IncidentID: id, Format: "md", Zone: word})
			return err
		}, nil},
		{"Exports.Text 1 MB format", backend.EINVALID, func() error {
			_, err := h.exports.Text(app.ExportRequest{IncidentID: id, Format: word})
			return err
		}, nil},
		{"Imports.Preview 1 MB day", backend.EINVALID, func() error {
			_, err := h.imports.Preview(app.ImportRequest{IncidentID: id, Path: h.file("chat.txt", hostileZoomLine), Day: word})
			return err
		}, nil},
		{"Imports.Preview 1 MB path", refused, func() error {
			_, err := h.imports.Preview(app.ImportRequest{IncidentID: id, Path: "/" + word})
			return err
		}, nil},
	} {
		err := h.try(t, "size", tc.name, tc.want, tc.call)
		for _, s := range tc.says {
			if err != nil && !strings.Contains(strings.ToLower(backend.ErrorMessage(err)), strings.ToLower(s)) {
				t.Errorf("%s: message %q does not say %q", tc.name, backend.ErrorMessage(err), s)
			}
		}
	}
	inc, err := h.incidents.Open(id)
	if err != nil {
		t.Fatal(err)
	}
	if inc.Phase != h.inc.Phase {
		t.Errorf("got phase %q after the refused watches, want %q as before", inc.Phase, h.inc.Phase)
	}
}

// hostileZoomLine is one message of a Zoom saved chat.
const hostileZoomLine = "10:02:11 From Sam Lee to Everyone:\r\n\tauth pods restarting\r\n"

// testHostileCharacters stores text that hides, reorders or breaks things in
// every text field: each must be stored clean (no NUL, no overrides, valid
// UTF-8) and keep what a person meant (joined emoji, right-to-left words).
func testHostileCharacters(t *testing.T) {
	for _, p := range []struct{ label, text string }{
		{"NUL bytes", "disk\x00full on db-1\x00"},
		{"invalid UTF-8", "disk \xff\xfe full \xc3"},
		{"surrogate half as UTF-8 bytes", "\xed\xa0\x80 half a character"},
		{"right-to-left override", "invoice\u202Efdp.exe restarted"},
		{"every bidi control", "a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j\u200Ek\u200Fl\u061Cm"},
		{"zero-width joiner emoji", "family 👨\u200D👩\u200D👧 on call"},
		{"zero-width space", "fail\u200Bover started"},
		{"byte order mark", "\uFEFFstart of the paste"},
		{"ANSI escape", "\x1b[31mred\x1b[0m alert \x1b]0;title\x07"},
		{"CR and CRLF", "line one\r\nline two\rline three"},
		{"C1 controls", "a\u0085b\u009bc\u0080d"},
		{"Arabic and digits", "خطأ في الخادم 500 على db-1"},
		{"combining marks", "Z̷̢̛a̸l̴g̶o̵ text"},
		{"only invisible characters", "\u202E\x00\x1b\u2066"},
	} {
		t.Run(strings.ReplaceAll(p.label, " ", "_"), func(t *testing.T) {
			h := mustHostile(t)
			fillFields(t, h, "characters", p.label, p.text)
			if cleaned(p.text) != "" {
				checkExports(t, h, "characters", p.label, p.text)
			}
			if strings.Contains(p.text, "\u200D") {
				got, _ := h.lastEntryText("family")
				if !strings.Contains(got, "👨\u200D👩\u200D👧") {
					t.Errorf("got %q, want the joined family emoji kept whole", got)
				}
			}
		})
	}
}

// hostileMarkup are texts that would run, load or link something if any
// view or export treated them as markup rather than text.
var hostileMarkup = []struct{ label, text string }{
	{"script", `<script>alert(1)</script>`},
	{"img onerror", `<img src=x onerror=alert(1)>`},
	{"javascript: link", `<a href="javascript:alert(1)">click</a>`},
	{"Markdown javascript: link", `[click me](javascript:alert(1))`},
	{"Markdown images", `![x](javascript:alert(1)) ![y](https://evil.test/track.png)`},
	{"Markdown reference link", "see [status][a]\n\n[a]: javascript:alert(1)"},
	{"autolink", `<javascript:alert(1)> <https://evil.test>`},
	{"svg onload", `<svg onload=alert(1)><circle r=9></svg>`},
	{"iframe srcdoc", `"><iframe srcdoc="<script>alert(1)</script>"></iframe>`},
	{"details ontoggle", "`code` **bold** <details open ontoggle=alert(1)>"},
	{"closing tags", `</textarea></td></tr></table><style>*{display:none}</style>`},
	{"template syntax", `{{.Incident}} ${alert(1)} <!-- x --> {%raw%}`},
	{"table break", "| a | b |\n|---|---|\n| <b>x</b> | y |"},
	{"CSV formula", `=HYPERLINK("https://evil.test","click") +1 -1 @SUM(A1)`},
	{"chat broadcast", `@channel @here @everyone <!channel> <@U123>`},
	{"calendar line injection", "x\r\nX-INJECTED:1\r\nBEGIN:VEVENT\r\nSUMMARY:pwned"},
}

// testHostileMarkup stores markup in every text field, then exports the
// incident in every text format: each must be inert, and the JSON record
// must import back to the same incident.
func testHostileMarkup(t *testing.T) {
	for _, p := range hostileMarkup {
		t.Run(strings.ReplaceAll(p.label, " ", "_"), func(t *testing.T) {
			h := mustHostile(t)
			fillFields(t, h, "markup", p.label, p.text)
			checkExports(t, h, "markup", p.label, p.text)
		})
	}
}

// testHostileSQL stores and searches SQL metacharacters: they are text, and
// the tables are all still there afterwards.
func testHostileSQL(t *testing.T) {
	h := mustHostile(t)
	payloads := []string{
		`'; DROP TABLE entries; --`,
		`Robert'); DROP TABLE incidents;--`,
		`" OR 1=1 --`,
		`%' OR '1'='1`,
		`100% of requests`,
		`user_id is null`,
		`C:\temp\new`,
		`\`,
		`%`,
		`_`,
		`%_%`,
		`'`,
		`"`,
		`;`,
	}
	for _, p := range payloads {
		h.try(t, "sql", "Timeline.Add "+p, handled, func() error { _, err := h.timeline.Add(h.inc.ID, p, ""); return err })
		h.try(t, "sql", "Incidents.Create "+p, handled, func() error { _, err := h.incidents.Create(p, "SEV4"); return err })
	}
	entries := h.count(t, "entries")
	for _, p := range payloads {
		var hits []backend.SearchHit
		h.try(t, "sql", "Timeline.Search "+p, either, func() error {
			var err error
			hits, err = h.timeline.Search(p, 0)
			return err
		})
		if int64(len(hits)) == entries && len(hits) > 3 {
			t.Errorf("search %q: got every entry (%d), want the metacharacters matched as text, not as wildcards", p, len(hits))
		}
	}
	for _, p := range []string{"100%", "user_id", `C:\temp`} {
		hits, err := h.timeline.Search(p, h.inc.ID)
		if err != nil || len(hits) == 0 {
			t.Errorf("search %q: got %d hits, %v; want the entry that holds it", p, len(hits), err)
		}
	}
	for _, table := range hostileTables {
		h.count(t, table) // fails the test if a table is gone
	}
	if got, want := h.count(t, "incidents"), int64(1+len(payloads)); got != want {
		t.Errorf("got %d incidents, want %d", got, want)
	}
}

// testHostileSearchSyntax types broken full-text syntax into search: each
// query gives plain results or a clear EINVALID, never an internal error.
func testHostileSearchSyntax(t *testing.T) {
	h := mustHostile(t)
	for _, line := range []string{"auth pods restarting", "d: roll back auth", "error rate 14:02 back to normal"} {
		if _, err := h.timeline.Add(h.inc.ID, line, ""); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`"unbalanced`, `AND OR`, `NEAR(`, `*`, `^`, `:`, `text:`, `owner: (`, `"a" AND`, `NOT`, `OR`, `AND`,
		`)`, `(`, `()`, `a NEAR/2 b`, `NEAR("auth" "rate", -1)`, `-`, `+`, `{text}: auth`, `""`, `^^^`,
		`auth OR`, `person:`, `text:*`, `auth*`, `*auth`, `au"th`, `"auth" "`, `14:02`, `rate:`, `a:b:c`,
		`NEAR`, `auth AND (rate OR`, `\"`, `'`, "auth\x00", `"\u202Eauth"`,
	} {
		err := h.try(t, "fts", "Timeline.Search "+q, either, func() error { _, err := h.timeline.Search(q, 0); return err })
		if backend.ErrorCode(err) == backend.EINVALID && !strings.Contains(backend.ErrorMessage(err), "plain words") {
			t.Errorf("search %q: message %q does not say to search plain words", q, backend.ErrorMessage(err))
		}
	}
	if hits, err := h.timeline.Search("auth", h.inc.ID); err != nil || len(hits) != 2 {
		t.Errorf("got %d hits, %v for auth after the broken queries; want 2", len(hits), err)
	}
}
