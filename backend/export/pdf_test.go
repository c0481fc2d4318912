package export_test

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/export"
)

// pdfPageRe matches a page object, not the /Pages tree above them.
var pdfPageRe = regexp.MustCompile(`/Type\s*/Page\b`)

func TestPDF(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		chromiumOrSkip(t)
		got := render(t, export.Options{Format: export.FormatPDF, Zone: berlin(t), Now: fixedNow})
		if !bytes.HasPrefix(got, []byte("%PDF-")) {
			t.Fatalf("got %q at the start, want %%PDF-", got[:min(len(got), 16)])
		}
		if n := len(pdfPageRe.FindAll(got, -1)); n < 1 {
			t.Fatalf("got %d pages, want at least 1", n)
		}
	})
	t.Run("ErrNoChromium", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		var b bytes.Buffer
		err := export.Write(context.Background(), &b, fixtureReport(), export.Options{Format: export.FormatPDF, Now: fixedNow})
		if got, want := backend.ErrorCode(err), backend.EINVALID; got != want {
			t.Fatalf("got code %q (%v), want %q", got, err, want)
		}
		if got, want := backend.ErrorMessage(err), "PDF export needs Chromium: install it (sudo apt install chromium) or export HTML and print it to PDF from a browser"; got != want {
			t.Fatalf("got message %q, want %q", got, want)
		}
		if b.Len() != 0 {
			t.Fatalf("got %d bytes written, want none", b.Len())
		}
	})
	t.Run("ErrCancelled", func(t *testing.T) {
		chromiumOrSkip(t)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var b bytes.Buffer
		if err := export.Write(ctx, &b, fixtureReport(), export.Options{Format: export.FormatPDF, Now: fixedNow}); err == nil {
			t.Fatal("got no error for a cancelled export")
		}
		if b.Len() != 0 {
			t.Fatalf("got %d bytes written, want none", b.Len())
		}
	})
}
