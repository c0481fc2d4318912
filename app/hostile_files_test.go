package app_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"bridgelog/app"
	"bridgelog/backend"
	"bridgelog/backend/importer"
)

// testHostileChatImport imports a Zoom chat of 100,000 lines (50,000
// messages) whole, then again (nothing added), then one message past the
// limit of one import (refused, nothing added).
func testHostileChatImport(t *testing.T) {
	h := mustHostile(t)
	const messages = 50_000
	var b strings.Builder
	for i := range messages {
		s := i * 86399 / messages
		fmt.Fprintf(&b, "%02d:%02d:%02d From Sam Lee to Everyone:\r\n\tmessage %d: auth pods restarting on node %d\r\n", s/3600, s/60%60, s%60, i, i%97)
	}
	path := h.file("big/meeting_saved_chat.txt", b.String())
	req := app.ImportRequest{IncidentID: h.inc.ID, Path: path, Day: "2026-11-21", Zone: "UTC"}
	lines := strings.Count(b.String(), "\n")

	var pv app.ImportPreview
	h.try(t, "chat import", fmt.Sprintf("Preview of a %d-line Zoom chat (%.1f MB)", lines, float64(b.Len())/1e6), handled, func() error {
		var err error
		pv, err = h.imports.Preview(req)
		return err
	})
	if len(pv.Messages) != messages {
		t.Fatalf("got %d messages in the preview, want %d", len(pv.Messages), messages)
	}
	all := make([]int, messages)
	for i := range all {
		all[i] = i
	}
	before := h.count(t, "entries")
	var res backend.ImportResult
	h.try(t, "chat import", fmt.Sprintf("Import all %d messages", messages), handled, func() error {
		var err error
		res, err = h.imports.Import(req, all)
		return err
	})
	if got := h.count(t, "entries") - before; res.Added != messages || got != messages {
		t.Errorf("got %d added (%d new entries), want %d", res.Added, got, messages)
	}
	h.try(t, "chat import", "Import the same chat again", handled, func() error {
		var err error
		res, err = h.imports.Import(req, all)
		return err
	})
	if res.Added != 0 || res.Skipped != messages {
		t.Errorf("got %d added, %d skipped on the second import, want 0 and %d", res.Added, res.Skipped, messages)
	}
	hits, err := h.timeline.Search("message 49999", h.inc.ID)
	if err != nil || len(hits) == 0 {
		t.Errorf("got %d hits, %v for the last message, want it found", len(hits), err)
	}

	// One message past what one import takes: 100,001 messages in 200,002 lines.
	b.Reset()
	for i := range 100_001 {
		s := i * 86399 / 100_001
		fmt.Fprintf(&b, "%02d:%02d:%02d From Ana Ruiz to Everyone:\r\n\tline %d\r\n", s/3600, s/60%60, s%60, i)
	}
	other, err := h.incidents.Create("Second incident", "SEV3")
	if err != nil {
		t.Fatal(err)
	}
	big := app.ImportRequest{IncidentID: other.ID, Path: h.file("bigger/meeting_saved_chat.txt", b.String()), Day: "2026-11-21", Zone: "UTC"}
	pv, _ = h.imports.Preview(big)
	every := make([]int, len(pv.Messages))
	for i := range every {
		every[i] = i
	}
	h.try(t, "chat import", fmt.Sprintf("Import %d messages, one over the limit", len(every)), backend.ETOOLARGE, func() error {
		_, err := h.imports.Import(big, every)
		return err
	})
	h.try(t, "chat import", "Import with indexes -1 and 1<<40", backend.EINVALID, func() error {
		_, err := h.imports.Import(req, []int{0, -1, 1 << 40})
		return err
	})
}

// testHostileRecords feeds ImportRecord (and Preview) records that are cut
// short, mistyped, absurd or enormous: each is refused whole.
func testHostileRecords(t *testing.T) {
	h := mustHostile(t)
	for _, line := range []string{"auth pods restarting", "d: roll back auth", "a: @sam page the db team 10m"} {
		if _, err := h.timeline.Add(h.inc.ID, line, ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := h.attach.Add(app.AttachmentRequest{IncidentID: h.inc.ID, Name: "grafana.png", Data: b64(hostilePNG)}); err != nil {
		t.Fatal(err)
	}
	good, err := h.exports.Text(app.ExportRequest{IncidentID: h.inc.ID, Format: "json"})
	if err != nil {
		t.Fatal(err)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(good), &rec); err != nil {
		t.Fatal(err)
	}
	// edit returns the record, with a new uid, changed by f.
	edit := func(f func(r map[string]any)) string {
		var r map[string]any
		_ = json.Unmarshal([]byte(good), &r)
		r["incident"].(map[string]any)["uid"] = fmt.Sprintf("hostile-%d", time.Now().UnixNano())
		f(r)
		b, _ := json.Marshal(r)
		return string(b)
	}
	entry := func(r map[string]any, i int) map[string]any { return r["entries"].([]any)[i].(map[string]any) }
	var att map[string]any
	for i := range rec["entries"].([]any) {
		if a, ok := entry(rec, i)["attachment"].(map[string]any); ok {
			att = a
		}
	}
	if att == nil {
		t.Fatal("the record holds no attachment")
	}
	withAttachment := func(data []byte, name, mime string) string {
		return edit(func(r map[string]any) {
			for i := range r["entries"].([]any) {
				if a, ok := entry(r, i)["attachment"].(map[string]any); ok {
					a["data"], a["size"], a["name"], a["mime"] = data, len(data), name, mime
					a["sha256"] = sha256Hex(data)
					if mime != "image/png" {
						delete(a, "width")
						delete(a, "height")
					}
				}
			}
		})
	}
	nested := strings.Repeat("[", 100_000)
	cases := []struct{ name, content, want string }{
		{"empty file", "", backend.EINVALID},
		{"truncated in half", good[:len(good)/2], backend.EINVALID},
		{"truncated by one byte", strings.TrimSpace(good)[:len(strings.TrimSpace(good))-1], backend.EINVALID},
		{"version as text", strings.Replace(good, `"version": 1`, `"version": "1"`, 1), backend.EINVALID},
		{"version 1e400", strings.Replace(good, `"version": 1`, `"version": 1e400`, 1), backend.EINVALID},
		{"version 2^70", strings.Replace(good, `"version": 1`, `"version": 1180591620717411303424`, 1), backend.EINVALID},
		{"version 2", strings.Replace(good, `"version": 1`, `"version": 2`, 1), backend.EINVALID},
		{"entries is an object", edit(func(r map[string]any) { r["entries"] = map[string]any{"a": 1} }), backend.EINVALID},
		{"title is a number", edit(func(r map[string]any) { r["incident"].(map[string]any)["title"] = 42 }), backend.EINVALID},
		{"entry ref 1e30", edit(func(r map[string]any) { entry(r, 0)["ref"] = 1e30 }), backend.EINVALID},
		{"entry ref -1", edit(func(r map[string]any) { entry(r, 0)["ref"] = -1 }), backend.EINVALID},
		{"unknown kind", edit(func(r map[string]any) { entry(r, 0)["kind"] = "<script>" }), backend.EINVALID},
		{"entry of 1 MB", edit(func(r map[string]any) { entry(r, 0)["text"] = big("z", 1<<20) }), backend.EINVALID},
		{"uid of 100,000 characters", edit(func(r map[string]any) { r["incident"].(map[string]any)["uid"] = big("u", 100_000) }), backend.EINVALID},
		{"title with only controls", edit(func(r map[string]any) { r["incident"].(map[string]any)["title"] = "\x00\u202E" }), backend.EINVALID},
		{"attachment size -1", edit(func(r map[string]any) {
			for i := range r["entries"].([]any) {
				if a, ok := entry(r, i)["attachment"].(map[string]any); ok {
					a["size"] = -1
				}
			}
		}), backend.EINVALID},
		{"attachment checksum wrong", edit(func(r map[string]any) {
			for i := range r["entries"].([]any) {
				if a, ok := entry(r, i)["attachment"].(map[string]any); ok {
					a["sha256"] = strings.Repeat("0", 64)
				}
			}
		}), backend.EINVALID},
		{"attachment: PNG claiming 100000×100000 pixels", withAttachment(pngHeader(100000, 100000), "bomb.png", "image/png"), refused},
		{"attachment: an executable", withAttachment([]byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00binary"), "tool", "application/octet-stream"), refused},
		{"attachment named ../../etc/passwd", withAttachment([]byte("root:x:0:0\n"), "../../etc/passwd", "text/plain; charset=utf-8"), either},
		{"100,000 nested [", nested, backend.EINVALID},
		{"record holding 100,000 nested [", `{"format":"bridgelog.incident-record","version":1,"incident":` + nested, backend.EINVALID},
		{"100,000 nested objects", strings.Repeat(`{"a":`, 100_000), backend.EINVALID},
		{"number of 1 MB", `{"format":"bridgelog.incident-record","version":` + big("9", 1<<20) + `}`, backend.EINVALID},
		{"NUL bytes", "\x00\x00\x00{}", backend.EINVALID},
		{"UTF-16 record", "\xff\xfe{\x00}\x00", backend.EINVALID},
	}
	for _, tc := range cases {
		path := h.file("records/"+strings.NewReplacer(" ", "-", "/", "-").Replace(tc.name)+".json", tc.content)
		var inc *backend.Incident
		err := h.try(t, "records", "ImportRecord: "+tc.name, tc.want, func() error {
			var err error
			inc, err = h.imports.ImportRecord(path)
			return err
		})
		if err == nil && inc != nil && tc.name == "attachment named ../../etc/passwd" {
			h.checkSavedInside(t, inc.ID)
		}
		h.try(t, "records", "Preview: "+tc.name, either, func() error {
			_, err := h.imports.Preview(app.ImportRequest{IncidentID: h.inc.ID, Path: path})
			return err
		})
	}
	testHostileBigRecord(t, h)
}

// testHostileBigRecord imports a record of a million entries, about 150 MB:
// under the record's size limit, it must be refused by its number of
// entries, at once and without decoding them (taking it whole took two
// minutes, with the database locked, and 1.5 GB of memory).
func testHostileBigRecord(t *testing.T, h *hostile) {
	if testing.Short() {
		t.Log("-short: the million-entry record is not tried")
		return
	}
	const n = 1_000_000
	var b bytes.Buffer
	b.WriteString(`{"format":"bridgelog.incident-record","version":1,"incident":{"uid":"million","title":"A million entries",` +
		`"declaredAt":"2026-11-21T09:00:00Z","createdAt":"2026-11-21T09:00:00Z","updatedAt":"2026-11-21T09:00:00Z"},"entries":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		at := hostileDeclared.Add(time.Duration(i) * 50 * time.Millisecond).Format(time.RFC3339Nano)
		fmt.Fprintf(&b, `{"ref":%d,"kind":"note","text":"entry %d","raw":"entry %d","occurredAt":%q,"recordedAt":%q}`, i+1, i, i, at, at)
	}
	b.WriteString(`],"actions":[],"actionEvents":[],"statusUpdates":[],"watches":[],"pages":[],"reminders":[]}`)
	path := filepath.Join(h.dir, "million.json")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	size := b.Len()
	b = bytes.Buffer{}
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	err := h.try(t, "records", fmt.Sprintf("ImportRecord of %d entries (%d MB)", n, size>>20), backend.ETOOLARGE, func() error {
		_, err := h.imports.ImportRecord(path)
		return err
	})
	runtime.ReadMemStats(&m1)
	t.Logf("a record of %d entries (%d MB): %v; %d MB allocated, heap about %d MB", n, size>>20,
		backend.ErrorMessage(err), (m1.TotalAlloc-m0.TotalAlloc)>>20, m1.HeapSys>>20)
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// zipOf packs files into a zip, deflated.
func zipOf(t *testing.T, files []zipFile) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		hdr := &zip.FileHeader{Name: f.name, Method: zip.Deflate}
		if f.mode != 0 {
			hdr.SetMode(f.mode)
		}
		w, err := zw.CreateHeader(hdr)
		if err != nil {
			t.Fatal(err)
		}
		if f.repeat > 0 {
			chunk := bytes.Repeat([]byte{f.fill}, 1<<20)
			for range f.repeat {
				if _, err := w.Write(chunk); err != nil {
					t.Fatal(err)
				}
			}
		}
		if _, err := w.Write([]byte(f.content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zipFile is one file of a test zip: content, after repeat MB of fill.
type zipFile struct {
	name, content string
	repeat        int
	fill          byte
	mode          os.FileMode
}

// slackBase is the start of a small Slack export.
var slackBase = []zipFile{
	{name: "channels.json", content: `[{"id":"C1","name":"incident-42"}]`},
	{name: "users.json", content: `[{"id":"U1","name":"sam","real_name":"Sam Lee"}]`},
}

// testHostileZips offers damaged zips, zip bombs and zips whose names climb
// out of the export: each is refused, reading a bounded amount.
func testHostileZips(t *testing.T) {
	h := mustHostile(t)
	day := `[{"type":"message","user":"U1","text":"seeing 502s on login","ts":"1795270200.000100"}]`
	good := zipOf(t, append(slackBase, zipFile{name: "incident-42/2026-11-21.json", content: day}))
	many := cloneFiles(slackBase)
	for i := range 20_000 {
		many = append(many, zipFile{name: fmt.Sprintf("incident-42/x%d.txt", i)})
	}
	var fiveBig []zipFile
	for i := range 5 {
		fiveBig = append(fiveBig, zipFile{name: fmt.Sprintf("incident-42/2026-11-2%d.json", i+1), content: "[]", repeat: 60, fill: ' '})
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"a good export (control)", good, handled},
		{"zip signature then garbage", append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0xA5}, 4096)...), backend.EINVALID},
		{"a good export cut in half", good[:len(good)/2], backend.EINVALID},
		{"empty-zip end record only", []byte("PK\x05\x06" + strings.Repeat("\x00", 18)), backend.EINVALID},
		{"bomb: a day file of 100 MB unpacked", zipOf(t, append(cloneFiles(slackBase), zipFile{name: "incident-42/2026-11-21.json", content: "[]", repeat: 100, fill: ' '})), backend.ETOOLARGE},
		{"bomb: channels.json of 100 MB unpacked", zipOf(t, []zipFile{{name: "channels.json", content: "[]", repeat: 100, fill: ' '}, {name: "incident-42/2026-11-21.json", content: day}}), backend.ETOOLARGE},
		{"bomb: 5 day files of 60 MB (300 MB in all)", zipOf(t, append(cloneFiles(slackBase), fiveBig...)), backend.ETOOLARGE},
		{"20,000 files", zipOf(t, many), backend.ETOOLARGE},
		{"entry ../../etc/passwd", zipOf(t, append(cloneFiles(slackBase), zipFile{name: "../../etc/passwd", content: "root:x:0:0"})), backend.EINVALID},
		{"entry /etc/passwd", zipOf(t, append(cloneFiles(slackBase), zipFile{name: "/etc/passwd", content: "root:x:0:0"})), backend.EINVALID},
		{"entry incident-42/../../x.json", zipOf(t, append(cloneFiles(slackBase), zipFile{name: "incident-42/../../2026-11-21.json", content: day})), backend.EINVALID},
		{`entry C:\Windows\x.json`, zipOf(t, append(cloneFiles(slackBase), zipFile{name: `C:\Windows\x.json`, content: day})), backend.EINVALID},
		{"entry with NUL and escape", zipOf(t, append(cloneFiles(slackBase), zipFile{name: "incident-42/\x1b[2J\x00.json", content: day})), backend.EINVALID},
		{"day file that is a symlink to /etc/passwd", zipOf(t, append(cloneFiles(slackBase), zipFile{name: "incident-42/2026-11-21.json", content: "/etc/passwd", mode: os.ModeSymlink | 0o777})), either},
	}
	for _, tc := range cases {
		path := h.file("zips/"+strings.NewReplacer(" ", "-", "/", "-", "\\", "-").Replace(tc.name)+".zip", string(tc.data))
		err := h.try(t, "zip", fmt.Sprintf("Preview: %s (%d KB zipped)", tc.name, len(tc.data)>>10), tc.want, func() error {
			_, err := h.imports.Preview(app.ImportRequest{IncidentID: h.inc.ID, Path: path, Channel: "incident-42"})
			return err
		})
		if strings.Contains(backend.ErrorMessage(err), "root:x") {
			t.Errorf("%s: the message shows a file outside the export: %q", tc.name, backend.ErrorMessage(err))
		}
		if tc.want != handled {
			h.try(t, "zip", "Import: "+tc.name, refused, func() error {
				_, err := h.imports.Import(app.ImportRequest{IncidentID: h.inc.ID, Path: path, Channel: "incident-42"}, []int{0})
				return err
			})
		}
	}
}

func cloneFiles(in []zipFile) []zipFile { return append([]zipFile(nil), in...) }

// testHostileImportPaths points the importer at things that are not files:
// a FIFO (which blocks whoever opens it), endless devices, loops, and names
// with control characters. None may hang or read without bound.
func testHostileImportPaths(t *testing.T) {
	h := mustHostile(t)
	dir := filepath.Join(h.dir, "paths")
	if err := os.MkdirAll(filepath.Join(dir, "empty"), 0o700); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "chat.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	_ = os.Symlink(filepath.Join(dir, "loop-b"), filepath.Join(dir, "loop-a"))
	_ = os.Symlink(filepath.Join(dir, "loop-a"), filepath.Join(dir, "loop-b"))
	_ = os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "dangling"))
	sparse := func(name string, head string, size int64) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(head), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(p, size); err != nil {
			t.Fatal(err)
		}
		return p
	}
	chat := sparse("past-limit.txt", hostileZoomLine, importer.MaxImportFileBytes+1)
	huge := sparse("100-GB.txt", hostileZoomLine, 100<<30)
	hugeRecord := sparse("100-GB.json", "{", 100<<30)
	for _, tc := range []struct{ name, path, want string }{
		{"empty path", "", backend.EINVALID},
		{"only spaces", "   ", backend.EINVALID},
		{"missing file", filepath.Join(dir, "nope.txt"), backend.ENOTFOUND},
		{"a folder with nothing in it", filepath.Join(dir, "empty"), refused},
		{"a FIFO nobody writes to", fifo, refused},
		{"/dev/zero", "/dev/zero", refused},
		{"/dev/null", "/dev/null", refused},
		{"/proc/self/mem", "/proc/self/mem", refused},
		{"/proc/self/environ", "/proc/self/environ", refused},
		{"a symlink loop", filepath.Join(dir, "loop-a"), refused},
		{"a dangling symlink", filepath.Join(dir, "dangling"), backend.ENOTFOUND},
		{"chat of 64 MB + 1 byte", chat, backend.ETOOLARGE},
		{"sparse chat of 100 GB", huge, backend.ETOOLARGE},
		{"sparse record of 100 GB", hugeRecord, backend.ETOOLARGE},
		{"name with NUL", filepath.Join(dir, "chat\x00.txt"), refused},
		{"name with escape and newline", filepath.Join(dir, "chat\x1b[31m\nred.txt"), backend.ENOTFOUND},
		{"name with invalid UTF-8", filepath.Join(dir, "chat\xff\xfe.txt"), backend.ENOTFOUND},
	} {
		for _, call := range []struct {
			name string
			f    func() error
		}{
			{"Preview", func() error {
				_, err := h.imports.Preview(app.ImportRequest{IncidentID: h.inc.ID, Path: tc.path, Day: "2026-11-21"})
				return err
			}},
			{"Import", func() error {
				_, err := h.imports.Import(app.ImportRequest{IncidentID: h.inc.ID, Path: tc.path, Day: "2026-11-21"}, []int{0})
				return err
			}},
			{"ImportRecord", func() error { _, err := h.imports.ImportRecord(tc.path); return err }},
		} {
			input := call.name + ": " + tc.name
			want := tc.want
			if call.name == "ImportRecord" && tc.name == "chat of 64 MB + 1 byte" {
				want = refused // not JSON, and under the record's limit
			}
			h.tryBounded(t, "import path", input, want, fifo, call.f)
		}
	}
}

// tryBounded is try with a deadline of a few seconds: a call still running
// then has hung. The FIFO is opened for writing to release it, so the suite
// goes on, and the hang is reported.
func (h *hostile) tryBounded(t *testing.T, cat, input, want, fifo string, call func() error) {
	t.Helper()
	before := h.snapshot(t)
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- callSafely(call) }()
	select {
	case err := <-done:
		h.judge(t, cat, input, want, before, err, time.Since(start), nil)
		return
	case <-time.After(3 * time.Second):
	}
	// Hung: a writer that closes at once gives the reader an end of file.
	if w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
		w.Close()
	}
	select {
	case err := <-done:
		h.judge(t, cat, input, want, before, err, time.Since(start),
			[]string{fmt.Sprintf("%s: %s: HUNG until the FIFO was opened for writing", cat, input)})
		hostileTally.prefixLast("HANG, then ")
	case <-time.After(10 * time.Second):
		t.Errorf("%s: %s: hung for good", cat, input)
		hostileTally.add(cat, input, "HANG", time.Since(start))
	}
}
