package app_test

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"bridgelog/app"
	"bridgelog/backend"
)

// testHostileAttachments pastes files that are too big, claim absurd sizes,
// are not what they say, or carry names that climb out of a folder.
func testHostileAttachments(t *testing.T) {
	h := mustHostile(t)
	id := h.inc.ID
	add := func(name string, data []byte) func() error {
		return func() error {
			_, err := h.attach.Add(app.AttachmentRequest{IncidentID: id, Name: name, Data: b64(data)})
			return err
		}
	}
	jpegBomb := jpegClaiming(t, 65535, 65535)
	text := func(n int) []byte { return []byte(big("GET /login 502 upstream timed out\n", n)) }
	for _, tc := range []struct {
		name, want string
		call       func() error
	}{
		{"PNG claiming 100000×100000 pixels", backend.ETOOLARGE, add("bomb.png", pngHeader(100000, 100000))},
		{"PNG claiming 50 megapixels + 1 row", backend.ETOOLARGE, add("tall.png", pngHeader(10000, 5001))},
		{"JPEG claiming 65535×65535 pixels", backend.ETOOLARGE, add("bomb.jpg", jpegBomb)},
		{"PNG claiming 0×0 pixels", either, add("zero.png", pngHeader(0, 0))},
		{"PNG header with no pixel data", either, add("hollow.png", pngHeader(10, 10))},
		{"text file of 10 MB + 1 byte", backend.ETOOLARGE, add("big.log", text(backend.MaxAttachmentBytes+1))},
		{"text file of exactly 10 MB (the limit)", handled, add("limit.log", text(backend.MaxAttachmentBytes))},
		{"base64 of 10 MB + 1 byte, as a data: URL", backend.ETOOLARGE, func() error {
			_, err := h.attach.Add(app.AttachmentRequest{IncidentID: id, Name: "big.png",
				Data: "data:image/png;base64," + b64(append(pngHeader(100, 100), make([]byte, backend.MaxAttachmentBytes)...))})
			return err
		}},
		{"ELF executable", backend.EINVALID, add("tool", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00"))},
		{"zip archive named .png", backend.EINVALID, add("shot.png", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"))},
		{"random bytes", backend.EINVALID, add("noise.bin", []byte("\x00\x9f\x92\x96\xfe\xff\x00\x01\x02\x03\x04\x05\x06\x07"))},
		{"empty file", backend.EINVALID, add("empty.png", nil)},
		{"not base64", backend.EINVALID, func() error {
			_, err := h.attach.Add(app.AttachmentRequest{IncidentID: id, Name: "x.png", Data: "<script>alert(1)</script>"})
			return err
		}},
		{"base64 with line breaks", either, func() error {
			enc := base64.StdEncoding.EncodeToString(hostilePNG)
			_, err := h.attach.Add(app.AttachmentRequest{IncidentID: id, Name: "wrapped.png", Data: enc[:20] + "\r\n" + enc[20:]})
			return err
		}},
		{"HTML page as data:text/html", handled, func() error {
			e, err := h.attach.Add(app.AttachmentRequest{IncidentID: id, Name: "page.html",
				Data: "data:text/html;base64," + b64([]byte("<html><script>alert(1)</script></html>"))})
			if err == nil && !strings.HasPrefix(e.Attachment.MIME, "text/plain") {
				t.Errorf("an HTML page was stored as %q, want text/plain", e.Attachment.MIME)
			}
			return err
		}},
		{"SVG with a script", handled, func() error {
			e, err := h.attach.Add(app.AttachmentRequest{IncidentID: id, Name: "chart.svg",
				Data: b64([]byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>`))})
			if err == nil && !strings.HasPrefix(e.Attachment.MIME, "text/plain") {
				t.Errorf("an SVG was stored as %q, want text/plain", e.Attachment.MIME)
			}
			return err
		}},
		{"PNG with a script appended", handled, add("polyglot.png", append(append([]byte{}, hostilePNG...), "<script>alert(1)</script>"...))},
		{"started in the year 9999", either, func() error {
			_, err := h.attach.Add(app.AttachmentRequest{IncidentID: id, Name: "late.png", Data: b64(hostilePNG), StartedAt: "9999-12-31T23:59:59Z"})
			return err
		}},
		{"started at garbage", backend.EINVALID, func() error {
			_, err := h.attach.Add(app.AttachmentRequest{IncidentID: id, Name: "x.png", Data: b64(hostilePNG), StartedAt: "\x00yesterday"})
			return err
		}},
		{"incident 0", backend.ENOTFOUND, func() error {
			_, err := h.attach.Add(app.AttachmentRequest{IncidentID: 0, Name: "x.png", Data: b64(hostilePNG)})
			return err
		}},
	} {
		h.try(t, "attachment", tc.name, tc.want, tc.call)
	}

	for _, name := range []string{
		"../../etc/passwd", `..\..\Windows\win.ini`, "/etc/shadow", "a\x00b\x1b[2J\r\n.png", "\u202Egnp.exe",
		".", "..", "...", "", "   ", ".bashrc", "CON", "nul.png", "x:y|z?*<>.png", strings.Repeat("ü", 300) + ".png",
		"<img src=x onerror=alert(1)>.png",
	} {
		var stored string
		h.try(t, "attachment", "named "+describe(name), handled, func() error {
			e, err := h.attach.Add(app.AttachmentRequest{IncidentID: id, Name: name, Data: b64([]byte("log line\n"))})
			if err == nil {
				stored = e.Attachment.Name
			}
			return err
		})
		if strings.ContainsAny(stored, "/\\") || strings.IndexFunc(stored, unicode.IsControl) >= 0 || stored == "" ||
			stored == "." || stored == ".." || strings.ContainsRune(stored, '\u202E') {
			t.Errorf("name %q was stored as %q, want a plain file name", name, stored)
		}
	}
	h.checkSavedInside(t, id)
}

// jpegClaiming is a real small JPEG whose frame header claims w×h pixels.
func jpegClaiming(t *testing.T, w, h uint16) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	i := bytes.Index(data, []byte{0xFF, 0xC0})
	if i < 0 {
		t.Fatal("no baseline frame header in the encoded JPEG")
	}
	// FF C0, length (2), precision (1), then height and width.
	data[i+5], data[i+6], data[i+7], data[i+8] = byte(h>>8), byte(h), byte(w>>8), byte(w)
	return data
}

// checkSavedInside saves incident id as Markdown, which writes its
// attachments beside it under their names: every file must land inside the
// export folder, with a name that is safe to show.
func (h *hostile) checkSavedInside(t *testing.T, id int64) {
	t.Helper()
	dest := filepath.Join(h.out, "saved.md")
	res, err := h.exports.Save(app.ExportRequest{IncidentID: id, Format: "md"}, dest)
	if err != nil {
		t.Fatalf("Markdown save: %v", err)
	}
	for _, f := range res.Files {
		rel, err := filepath.Rel(h.out, f)
		if err != nil || strings.HasPrefix(rel, "..") {
			t.Errorf("the save wrote %q, outside %q", f, h.out)
		}
		if strings.IndexFunc(filepath.Base(f), unicode.IsControl) >= 0 {
			t.Errorf("the save wrote %q, whose name holds control characters", f)
		}
	}
	// Nothing appeared beside the export folder.
	list, _ := os.ReadDir(h.dir)
	for _, e := range list {
		switch e.Name() {
		case "bridgelog.db", "bridgelog.db-wal", "bridgelog.db-shm", "exports", "in", "cfg", "paths", "million.json":
		default:
			t.Errorf("found %q beside the export folder after a save", e.Name())
		}
	}
}

// testHostileExportPaths saves exports where they cannot or must not go.
func testHostileExportPaths(t *testing.T) {
	h := mustHostile(t)
	id := h.inc.ID
	if _, err := h.attach.Add(app.AttachmentRequest{IncidentID: id, Name: "grafana.png", Data: b64(hostilePNG)}); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(h.dir, "in", "precious.txt")
	h.file("precious.txt", "do not overwrite\n")
	link := filepath.Join(h.out, "link.md")
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(h.out, "blocked-assets"), []byte("a file where the assets folder goes"), 0o600); err != nil {
		t.Fatal(err)
	}
	notDir := filepath.Join(h.out, "note.txt")
	if err := os.WriteFile(notDir, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	save := func(format, path string) func() error {
		return func() error {
			_, err := h.exports.Save(app.ExportRequest{IncidentID: id, Format: format}, path)
			return err
		}
	}
	for _, tc := range []struct {
		name, want string
		call       func() error
	}{
		{"into two missing folders", backend.EINVALID, save("md", filepath.Join(h.out, "no", "such", "x.md"))},
		{"onto the export folder itself", backend.EINVALID, save("html", h.out)},
		{"under a file", backend.EINVALID, save("html", filepath.Join(notDir, "x.html"))},
		{"relative path", backend.EINVALID, save("html", "incident.html")},
		{"empty path", backend.EINVALID, save("html", "  ")},
		{"/proc/version", refused, save("html", "/proc/version")},
		{"/proc/self/x.html", refused, save("html", "/proc/self/x.html")},
		{"/sys/x.html", refused, save("html", "/sys/x.html")},
		{"path with NUL", refused, save("html", filepath.Join(h.out, "x\x00.html"))},
		{"name of 5,000 characters", refused, save("html", filepath.Join(h.out, big("n", 5000)+".html"))},
		{"format ../../x", backend.EINVALID, save("../../x", filepath.Join(h.out, "x.md"))},
		{"Markdown whose assets folder is a file", refused, save("md", filepath.Join(h.out, "blocked.md"))},
		{"a missing incident into a missing folder", backend.ENOTFOUND, func() error {
			_, err := h.exports.Save(app.ExportRequest{IncidentID: 999, Format: "md"}, filepath.Join(h.out, "fresh", "x.md"))
			return err
		}},
	} {
		h.try(t, "export path", tc.name, tc.want, tc.call)
	}
	// A symlink is a file already there: refused, and replaced only when the
	// person says so, and then never written through.
	h.try(t, "export path", "onto a symlink to a file outside", backend.ECONFLICT, save("html", link))
	h.try(t, "export path", "replacing a symlink to a file outside", handled, func() error {
		_, err := h.exports.Save(app.ExportRequest{IncidentID: id, Format: "html", Replace: true}, link)
		return err
	})
	if b, _ := os.ReadFile(outside); string(b) != "do not overwrite\n" {
		t.Errorf("the file the symlink pointed at now holds %.60q, want it untouched", b)
	}
}

// testHostileIDs calls the bindings that take an id with ids that are not
// there: each says so.
func testHostileIDs(t *testing.T) {
	h := mustHostile(t)
	for _, bad := range []int64{0, -1, 1 << 62} {
		for _, c := range []struct {
			name string
			call func() error
		}{
			{"Timeline.Add", func() error { _, err := h.timeline.Add(bad, "hello", ""); return err }},
			{"Timeline.Edit", func() error { _, err := h.timeline.Edit(bad, "hello"); return err }},
			{"Timeline.Delete", func() error { return h.timeline.Delete(bad) }},
			{"Timeline.Restore", func() error { _, err := h.timeline.Restore(bad); return err }},
			{"Timeline.SaveDraft", func() error { return h.timeline.SaveDraft(bad, "x", "", 0) }},
			{"Incidents.Open", func() error { _, err := h.incidents.Open(bad); return err }},
			{"Incidents.Update", func() error { _, err := h.incidents.Update(bad, app.HeaderUpdate{Title: "x"}); return err }},
			{"Actions.Create", func() error { _, err := h.actions.Create(bad, "sam", "x", 0); return err }},
			{"Actions.Done", func() error { _, err := h.actions.Done(bad); return err }},
			{"Status.Record", func() error { _, err := h.status.Record(bad, "x", "internal", 0); return err }},
			{"Handoff.Complete", func() error { _, err := h.handoff.Complete(bad, "ic", "Ana", ""); return err }},
			{"Paging.Page", func() error { _, err := h.paging.Page(bad, "Ana", 1); return err }},
			{"Paging.Joined", func() error { _, err := h.paging.Joined(bad); return err }},
			{"Watch.Start", func() error { _, err := h.watch.Start(bad, 30, nil); return err }},
			{"Watch.Tick", func() error { _, err := h.watch.Tick(h.inc.ID, int(bad), true); return err }},
			{"Security.Set", func() error { _, err := h.security.Set(bad, true, ""); return err }},
			{"Exports.Text", func() error { _, err := h.exports.Text(app.ExportRequest{IncidentID: bad, Format: "md"}); return err }},
		} {
			h.try(t, "ids", c.name+" id "+describeID(bad), refused, c.call)
		}
	}
}

func describeID(id int64) string {
	switch id {
	case 1 << 62:
		return "2^62"
	case -1:
		return "-1"
	}
	return "0"
}
