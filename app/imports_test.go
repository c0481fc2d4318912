package app_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"bridgelog/app"
	"bridgelog/backend"
	"bridgelog/backend/importer"
	"bridgelog/backend/sqlite"
)

// zoomChat is a Zoom saved chat (times of day, no date): the second and
// fourth messages are picked by default (TODO, TL).
const zoomChat = "14:02:11 From Sam Lee to Everyone:\r\n\tauth pods restarting\r\n" +
	"14:03:40 From Ana Ruiz to Everyone:\r\n\tTODO add an alert on token errors\r\n" +
	"14:04:02 From Sam Lee to Ana Ruiz (Direct Message):\r\n\tcan you page the db team\r\n" +
	"14:05:30 From Ana Ruiz to Everyone:\r\n\tTL rollback started\r\n"

// recordingChat is a cloud recording's chat: times since the recording started.
const recordingChat = "00:01:05\tSam Lee:\tTL error rate back to normal\n00:02:10\tAna Ruiz:\tthanks\n"

func writeFile(tb testing.TB, name, content string) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), name)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

func TestImports_Preview(t *testing.T) {
	t.Run("ZoomDefaultsToTheIncidentsDay", func(t *testing.T) {
		r := mustRecs(t)
		p, err := r.imports.Preview(app.ImportRequest{IncidentID: r.inc.ID, Path: writeFile(t, "meeting_saved_chat.txt", zoomChat), Zone: "UTC"})
		if err != nil {
			t.Fatal(err)
		}
		if p.Format != "zoom-chat" || !p.NeedsDay || p.Day != "2026-11-21" || p.NeedsStart || len(p.Messages) != 4 {
			t.Fatalf("got %s needsDay %v day %q needsStart %v with %d messages, want zoom-chat on 2026-11-21 with 4",
				p.Format, p.NeedsDay, p.Day, p.NeedsStart, len(p.Messages))
		}
		m := p.Messages[1]
		if m.Index != 1 || m.At != "2026-11-21T14:03:40Z" || m.Offset != "14:03:40" || m.Author != "Ana Ruiz" || !m.Selected || m.Kind != "followup" {
			t.Errorf("got %+v, want message 1 at 14:03:40Z by Ana Ruiz, a selected follow-up", m)
		}
		if !p.Messages[2].Private {
			t.Errorf("got %+v, want the direct message private", p.Messages[2])
		}
		var selected []int
		for _, m := range p.Messages {
			if m.Selected {
				selected = append(selected, m.Index)
			}
			if m.Duplicate {
				t.Errorf("got message %d marked imported before a first import", m.Index)
			}
		}
		if want := []int{1, 3}; !slices.Equal(selected, want) {
			t.Errorf("got selected %v, want %v", selected, want)
		}
	})
	t.Run("ZoomDayInZone", func(t *testing.T) {
		r := mustRecs(t)
		p, err := r.imports.Preview(app.ImportRequest{IncidentID: r.inc.ID, Path: writeFile(t, "chat.txt", zoomChat),
			Day: "2026-11-20", Zone: "America/New_York"})
		if err != nil {
			t.Fatal(err)
		}
		// 14:02:11 in New York on 20 November is 19:02:11 UTC.
		if p.NeedsDay || p.Messages[0].At != "2026-11-20T19:02:11Z" {
			t.Errorf("got needsDay %v, first at %q; want false and 2026-11-20T19:02:11Z", p.NeedsDay, p.Messages[0].At)
		}
	})
	t.Run("RecordingNeedsStart", func(t *testing.T) {
		r := mustRecs(t)
		path := writeFile(t, "recording.txt", recordingChat)
		p, err := r.imports.Preview(app.ImportRequest{IncidentID: r.inc.ID, Path: path})
		if err != nil {
			t.Fatal(err)
		}
		if p.Format != "zoom-recording" || !p.NeedsStart || p.Messages[0].At != "" || p.Messages[0].Offset != "0:01:05" {
			t.Errorf("got %s needsStart %v first %+v, want zoom-recording needing a start, offset 0:01:05", p.Format, p.NeedsStart, p.Messages[0])
		}
		p, err = r.imports.Preview(app.ImportRequest{IncidentID: r.inc.ID, Path: path, RecordingStart: "2026-11-21T15:00", Zone: "Europe/Berlin"})
		if err != nil {
			t.Fatal(err)
		}
		if p.NeedsStart || p.Messages[0].At != "2026-11-21T14:01:05Z" || p.RecordingStart != "2026-11-21T15:00:00" {
			t.Errorf("got needsStart %v first at %q start %q, want 14:01:05Z from a 15:00 Berlin start", p.NeedsStart, p.Messages[0].At, p.RecordingStart)
		}
	})
	t.Run("SlackChannels", func(t *testing.T) {
		r := mustRecs(t)
		dir := slackExport(t)
		p, err := r.imports.Preview(app.ImportRequest{IncidentID: r.inc.ID, Path: dir})
		if err != nil {
			t.Fatal(err)
		}
		if p.Format != "slack" || !slices.Equal(p.Channels, []string{"incident-42", "random"}) || len(p.Messages) != 0 {
			t.Fatalf("got %s channels %v with %d messages, want slack asking between incident-42 and random", p.Format, p.Channels, len(p.Messages))
		}
		p, err = r.imports.Preview(app.ImportRequest{IncidentID: r.inc.ID, Path: dir, Channel: "incident-42"})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Messages) != 2 || p.Messages[0].At != "2026-11-21T14:10:00Z" || p.Messages[0].Offset != "" || !p.Messages[1].Selected {
			t.Errorf("got %+v, want 2 messages from 14:10 UTC, the second picked", p.Messages)
		}
	})
	t.Run("Record", func(t *testing.T) {
		r := mustRecs(t)
		out, err := r.exports.Text(app.ExportRequest{IncidentID: r.inc.ID, Format: "json"})
		if err != nil {
			t.Fatal(err)
		}
		p, err := r.imports.Preview(app.ImportRequest{IncidentID: r.inc.ID, Path: writeFile(t, "incident.json", out)})
		if err != nil {
			t.Fatal(err)
		}
		if p.Format != "bridgelog" || len(p.Messages) != 0 {
			t.Errorf("got %s with %d messages, want bridgelog with none (it imports as an incident)", p.Format, len(p.Messages))
		}
		// A record needs no incident to go into.
		p, err = r.imports.Preview(app.ImportRequest{Path: writeFile(t, "incident.json", out)})
		if err != nil || p.Format != "bridgelog" {
			t.Errorf("got %+v, %v with no incident chosen, want the bridgelog preview", p, err)
		}
	})
	t.Run("ErrTooLarge", func(t *testing.T) {
		r := mustRecs(t)
		path := filepath.Join(t.TempDir(), "huge.txt")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(importer.MaxImportFileBytes + 1); err != nil {
			t.Fatal(err)
		}
		f.Close()
		_, err = r.imports.Preview(app.ImportRequest{IncidentID: r.inc.ID, Path: path})
		wantCode(t, err, backend.ETOOLARGE)
	})
	for _, tc := range []struct {
		name string
		req  func(t *testing.T, id int64) app.ImportRequest
		code string
		msg  string
	}{
		{"ErrNoPath", func(t *testing.T, id int64) app.ImportRequest { return app.ImportRequest{IncidentID: id} }, backend.EINVALID, "file"},
		{"ErrNoIncidentChosen", func(t *testing.T, id int64) app.ImportRequest {
			return app.ImportRequest{Path: writeFile(t, "c.txt", zoomChat)}
		}, backend.EINVALID, "incident"},
		{"ErrMissing", func(t *testing.T, id int64) app.ImportRequest {
			return app.ImportRequest{IncidentID: id, Path: filepath.Join(t.TempDir(), "gone.txt")}
		}, backend.ENOTFOUND, "gone.txt"},
		{"ErrNotAChat", func(t *testing.T, id int64) app.ImportRequest {
			return app.ImportRequest{IncidentID: id, Path: writeFile(t, "notes.txt", "hello there\n")}
		}, backend.EINVALID, "notes.txt"},
		{"ErrDay", func(t *testing.T, id int64) app.ImportRequest {
			return app.ImportRequest{IncidentID: id, Path: writeFile(t, "c.txt", zoomChat), Day: "21.11.2026"}
		}, backend.EINVALID, "day"},
		{"ErrStart", func(t *testing.T, id int64) app.ImportRequest {
			return app.ImportRequest{IncidentID: id, Path: writeFile(t, "c.txt", recordingChat), RecordingStart: "3pm"}
		}, backend.EINVALID, "recording start"},
		{"ErrZone", func(t *testing.T, id int64) app.ImportRequest {
			return app.ImportRequest{IncidentID: id, Path: writeFile(t, "c.txt", zoomChat), Zone: "Berlin"}
		}, backend.EINVALID, "Europe/Berlin"},
		{"ErrIncident", func(t *testing.T, id int64) app.ImportRequest {
			return app.ImportRequest{IncidentID: 999, Path: writeFile(t, "c.txt", zoomChat)}
		}, backend.ENOTFOUND, "999"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustRecs(t)
			_, err := r.imports.Preview(tc.req(t, r.inc.ID))
			wantCode(t, err, tc.code)
			if msg := backend.ErrorMessage(err); !strings.Contains(msg, tc.msg) {
				t.Errorf("got %q, want it to mention %q", msg, tc.msg)
			}
		})
	}
}

func TestImports_Import(t *testing.T) {
	t.Run("OnlyThePicked", func(t *testing.T) {
		r := mustRecs(t)
		req := app.ImportRequest{IncidentID: r.inc.ID, Path: writeFile(t, "meeting_saved_chat.txt", zoomChat), Zone: "UTC"}
		res, err := r.imports.Import(req, []int{3, 1, 3})
		if err != nil {
			t.Fatal(err)
		}
		if res.Added != 2 || res.Skipped != 0 || res.IncidentID != r.inc.ID {
			t.Errorf("got %+v, want 2 added", res)
		}
		if want := []int64{r.inc.ID}; !slices.Equal(r.changed, want) {
			t.Errorf("got changed %v, want %v", r.changed, want)
		}
		entries, err := sqlite.NewEntryService(r.db).ListEntries(context.Background(), r.inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range entries {
			if e.Source != "" {
				got = append(got, e.OccurredAt.UTC().Format(time.TimeOnly)+" "+e.Source+" "+e.Author+": "+e.Text)
			}
		}
		want := []string{"14:03:40 zoom Ana Ruiz: TODO add an alert on token errors", "14:05:30 zoom Ana Ruiz: TL rollback started"}
		if !slices.Equal(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}

		// Again: nothing new, and the preview marks them.
		res, err = r.imports.Import(req, []int{1, 3})
		if err != nil {
			t.Fatal(err)
		}
		if res.Added != 0 || res.Skipped != 2 {
			t.Errorf("got %+v on a second import, want 2 skipped", res)
		}
		p, err := r.imports.Preview(req)
		if err != nil {
			t.Fatal(err)
		}
		var dup []int
		for _, m := range p.Messages {
			if m.Duplicate {
				dup = append(dup, m.Index)
			}
		}
		if want := []int{1, 3}; !slices.Equal(dup, want) {
			t.Errorf("got duplicates %v, want %v", dup, want)
		}
	})
	t.Run("ErrIndex", func(t *testing.T) {
		r := mustRecs(t)
		req := app.ImportRequest{IncidentID: r.inc.ID, Path: writeFile(t, "chat.txt", zoomChat)}
		before, _ := sqlite.NewEntryService(r.db).ListEntries(context.Background(), r.inc.ID)
		for _, idx := range [][]int{nil, {4}, {0, -1}} {
			_, err := r.imports.Import(req, idx)
			wantCode(t, err, backend.EINVALID)
		}
		entries, _ := sqlite.NewEntryService(r.db).ListEntries(context.Background(), r.inc.ID)
		if len(entries) != len(before) || len(r.changed) != 0 {
			t.Errorf("got %d entries and changed %v after bad imports, want the %d before and no change", len(entries), r.changed, len(before))
		}
	})
	t.Run("ErrNeedsStart", func(t *testing.T) {
		r := mustRecs(t)
		_, err := r.imports.Import(app.ImportRequest{IncidentID: r.inc.ID, Path: writeFile(t, "rec.txt", recordingChat)}, []int{0})
		wantCode(t, err, backend.EINVALID)
	})
	t.Run("ErrRecord", func(t *testing.T) {
		r := mustRecs(t)
		out, _ := r.exports.Text(app.ExportRequest{IncidentID: r.inc.ID, Format: "json"})
		_, err := r.imports.Import(app.ImportRequest{IncidentID: r.inc.ID, Path: writeFile(t, "i.json", out)}, []int{0})
		wantCode(t, err, backend.EINVALID)
	})
}

func TestImports_ImportRecord(t *testing.T) {
	src := mustRecs(t)
	out, err := src.exports.Text(app.ExportRequest{IncidentID: src.inc.ID, Format: "json"})
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "incident.json", out)
	t.Run("OK", func(t *testing.T) {
		dst := mustRecs(t)
		inc, err := dst.imports.ImportRecord(path)
		if err != nil {
			t.Fatal(err)
		}
		if inc.UID != src.inc.UID || inc.Title != src.inc.Title || inc.ID == dst.inc.ID {
			t.Errorf("got %+v, want a new incident with uid %q", inc, src.inc.UID)
		}
		if want := []int64{inc.ID}; !slices.Equal(dst.changed, want) {
			t.Errorf("got changed %v, want %v", dst.changed, want)
		}
		again, err := dst.exports.Text(app.ExportRequest{IncidentID: inc.ID, Format: "json"})
		if err != nil {
			t.Fatal(err)
		}
		if again != out {
			t.Errorf("got a different record after the round trip:\n%s\nwant:\n%s", again, out)
		}
	})
	t.Run("ErrAlreadyHere", func(t *testing.T) {
		_, err := src.imports.ImportRecord(path)
		wantCode(t, err, backend.ECONFLICT)
	})
	t.Run("ErrNotARecord", func(t *testing.T) {
		_, err := src.imports.ImportRecord(writeFile(t, "x.json", `{"hello": 1}`))
		wantCode(t, err, backend.EINVALID)
	})
}

func TestImports_ChooseFile(t *testing.T) {
	r := mustRecs(t)
	r.dialogs.answer = "/tmp/meeting_saved_chat.txt"
	got, err := r.imports.ChooseFile()
	if err != nil || got != r.dialogs.answer {
		t.Errorf("got %q, %v; want the dialog's answer", got, err)
	}
}

// slackExport is an unpacked Slack export with two channels.
func slackExport(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	files := map[string]string{
		"channels.json": `[{"id":"C1","name":"incident-42"},{"id":"C2","name":"random"}]`,
		"users.json":    `[{"id":"U1","name":"sam","real_name":"Sam Lee"},{"id":"U2","name":"ana","real_name":"Ana Ruiz"}]`,
		"incident-42/2026-11-21.json": `[{"type":"message","user":"U1","text":"seeing 502s on login","ts":"1795270200.000100"},
			{"type":"message","user":"U2","text":"TODO add a login canary","ts":"1795270260.000200"}]`,
		"random/2026-11-21.json": `[{"type":"message","user":"U1","text":"lunch?","ts":"1795270300.000100"}]`,
	}
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o700); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o600); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}
