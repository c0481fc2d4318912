package app_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"bridgelog/app"
	"bridgelog/backend"
)

func TestAttachments_Add(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		r := mustRecs(t)
		img := pngBytes(t, 40, 20)
		e, err := r.attach.Add(app.AttachmentRequest{IncidentID: r.inc.ID, Name: "grafana.png", Data: b64(img),
			Caption: "error rate at 40%", StartedAt: "2026-11-21T14:10:00Z"})
		if err != nil {
			t.Fatal(err)
		}
		if e.Kind != backend.KindEvidence || e.Text != "error rate at 40%" || e.Author != "Priya" {
			t.Errorf("got entry %q %q by %q, want evidence %q by Priya", e.Kind, e.Text, e.Author, "error rate at 40%")
		}
		if want := time.Date(2026, 11, 21, 14, 10, 0, 0, time.UTC); !e.OccurredAt.Equal(want) {
			t.Errorf("got occurred %v, want %v (the paste's time)", e.OccurredAt, want)
		}
		if e.Attachment == nil {
			t.Fatal("got no attachment on the entry")
		}
		a, data, err := r.records.AttachmentData(context.Background(), e.Attachment.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, img) || a.MIME != "image/png" || a.Width != 40 {
			t.Errorf("got %d bytes %q width %d, want the %d PNG bytes, image/png, width 40", len(data), a.MIME, a.Width, len(img))
		}
		if want := []int64{r.inc.ID}; !slices.Equal(r.changed, want) {
			t.Errorf("got changed %v, want %v", r.changed, want)
		}
	})
	t.Run("DataURL", func(t *testing.T) {
		r := mustRecs(t)
		e, err := r.attach.Add(app.AttachmentRequest{IncidentID: r.inc.ID, Name: "shot.png",
			Data: "data:image/png;base64," + b64(pngBytes(t, 8, 8))})
		if err != nil {
			t.Fatal(err)
		}
		if e.Text != "Screenshot shot.png" {
			t.Errorf("got caption %q, want the default %q", e.Text, "Screenshot shot.png")
		}
	})
	t.Run("ErrBadBase64", func(t *testing.T) {
		r := mustRecs(t)
		_, err := r.attach.Add(app.AttachmentRequest{IncidentID: r.inc.ID, Name: "x.png", Data: "not base64!"})
		wantCode(t, err, backend.EINVALID)
		if len(r.changed) != 0 {
			t.Errorf("got changed %v after a failure, want none", r.changed)
		}
	})
	t.Run("ErrTooLarge", func(t *testing.T) {
		r := mustRecs(t)
		big := strings.Repeat("A", backend.MaxAttachmentBytes/3*4+8)
		_, err := r.attach.Add(app.AttachmentRequest{IncidentID: r.inc.ID, Name: "huge.png", Data: big})
		wantCode(t, err, backend.ETOOLARGE)
		if msg := backend.ErrorMessage(err); !strings.Contains(msg, "huge.png") {
			t.Errorf("got %q, want the file named", msg)
		}
	})
	t.Run("ErrBadStartedAt", func(t *testing.T) {
		r := mustRecs(t)
		_, err := r.attach.Add(app.AttachmentRequest{IncidentID: r.inc.ID, Name: "x.png", Data: b64(pngBytes(t, 4, 4)), StartedAt: "yesterday"})
		wantCode(t, err, backend.EINVALID)
		if msg := backend.ErrorMessage(err); !strings.Contains(msg, "startedAt") {
			t.Errorf("got %q, want the field named", msg)
		}
	})
	t.Run("ErrNotAnImage", func(t *testing.T) {
		r := mustRecs(t)
		_, err := r.attach.Add(app.AttachmentRequest{IncidentID: r.inc.ID, Name: "x.exe", Data: b64([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"))})
		if err == nil {
			t.Fatal("got no error for an executable, want one")
		}
	})
	t.Run("ErrNoIncident", func(t *testing.T) {
		r := mustRecs(t)
		_, err := r.attach.Add(app.AttachmentRequest{IncidentID: 999, Name: "x.png", Data: b64(pngBytes(t, 4, 4))})
		wantCode(t, err, backend.ENOTFOUND)
	})
}

// The system clipboard is a function of the binding, so these tests hand it
// the picture; build/smoke.sh pastes a real one into the production window.
func TestAttachments_PasteImage(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		r := mustRecs(t)
		img := pngBytes(t, 30, 10)
		r.attach.Clipboard = func() ([]byte, error) { return img, nil }
		e, err := r.attach.PasteImage(app.AttachmentRequest{IncidentID: r.inc.ID, Caption: "checkout errors"})
		if err != nil {
			t.Fatal(err)
		}
		if e == nil || e.Attachment == nil || e.Attachment.Name != "screenshot.png" || e.Attachment.Width != 30 || e.Text != "checkout errors" {
			t.Fatalf("got %+v, want an evidence entry with the 30 px screenshot.png captioned %q", e, "checkout errors")
		}
	})
	t.Run("NothingOnTheClipboard", func(t *testing.T) {
		r := mustRecs(t)
		r.attach.Clipboard = func() ([]byte, error) { return nil, nil }
		e, err := r.attach.PasteImage(app.AttachmentRequest{IncidentID: r.inc.ID})
		if err != nil || e != nil {
			t.Fatalf("got %v, %v; want nothing and no error", e, err)
		}
		if len(r.changed) != 0 {
			t.Errorf("got changed %v, want none", r.changed)
		}
	})
	t.Run("ErrNoClipboard", func(t *testing.T) {
		r := mustRecs(t)
		r.attach.Clipboard = func() ([]byte, error) { return nil, errors.New("no display") }
		_, err := r.attach.PasteImage(app.AttachmentRequest{IncidentID: r.inc.ID})
		wantCode(t, err, backend.EINVALID)
	})
	t.Run("ErrNotAPicture", func(t *testing.T) {
		r := mustRecs(t)
		r.attach.Clipboard = func() ([]byte, error) { return []byte("\x00\x01 not an image"), nil }
		_, err := r.attach.PasteImage(app.AttachmentRequest{IncidentID: r.inc.ID})
		wantCode(t, err, backend.EINVALID)
	})
}

func TestAttachments_AddFile(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		r := mustRecs(t)
		path := filepath.Join(t.TempDir(), "api errors.log")
		if err := os.WriteFile(path, []byte("ERROR upstream timeout\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		e, err := r.attach.AddFile(app.AttachmentRequest{IncidentID: r.inc.ID, Caption: "api log"}, path)
		if err != nil {
			t.Fatal(err)
		}
		if e.Attachment == nil || e.Attachment.Name != "api errors.log" || !strings.HasPrefix(e.Attachment.MIME, "text/plain") || e.Text != "api log" {
			t.Fatalf("got %+v, want the log attached as %q captioned %q", e, "api errors.log", "api log")
		}
	})
	t.Run("ErrMissing", func(t *testing.T) {
		r := mustRecs(t)
		_, err := r.attach.AddFile(app.AttachmentRequest{IncidentID: r.inc.ID}, filepath.Join(t.TempDir(), "gone.png"))
		wantCode(t, err, backend.ENOTFOUND)
	})
	t.Run("ErrFolder", func(t *testing.T) {
		r := mustRecs(t)
		_, err := r.attach.AddFile(app.AttachmentRequest{IncidentID: r.inc.ID}, t.TempDir())
		wantCode(t, err, backend.EINVALID)
	})
	t.Run("ErrTooLarge", func(t *testing.T) {
		r := mustRecs(t)
		path := filepath.Join(t.TempDir(), "huge.log")
		if err := os.WriteFile(path, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(path, backend.MaxAttachmentBytes+1); err != nil {
			t.Fatal(err)
		}
		_, err := r.attach.AddFile(app.AttachmentRequest{IncidentID: r.inc.ID}, path)
		wantCode(t, err, backend.ETOOLARGE)
		if len(r.changed) != 0 {
			t.Errorf("got changed %v, want none", r.changed)
		}
	})
}
