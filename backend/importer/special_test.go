package importer_test

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/importer"
)

// Paths that are not files, names that are not text, numbers that never end:
// each is refused or shown cleanly, at once.
func TestHostileInput(t *testing.T) {
	t.Run("ErrFIFO", func(t *testing.T) {
		fifo := filepath.Join(t.TempDir(), "chat.txt")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Skip("no FIFOs here:", err)
		}
		done := make(chan error, 1)
		go func() { _, err := importer.ParseFile(fifo, importer.Options{}); done <- err }()
		select {
		case err := <-done:
			wantError(t, err, backend.EINVALID, "chat.txt is not a file but a pipe")
		case <-time.After(5 * time.Second):
			t.Fatal("ParseFile of a FIFO nobody writes to did not return")
		}
	})
	t.Run("ErrDevice", func(t *testing.T) {
		_, err := importer.ParseFile("/dev/zero", importer.Options{})
		wantError(t, err, backend.EINVALID, "zero is not a file but a device")
	})
	t.Run("NameShownAsOneLineOfText", func(t *testing.T) {
		res, err := importer.Parse("chats/\x1b[31m\u202Echat\n\xff.txt", []byte("09:01:00 From Ana to Everyone:\n\tTL: checkout errors start\n"),
			importer.Options{Day: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if want := "Zoom chat [31mchat \uFFFD.txt"; res.Source != want {
			t.Errorf("got source %q, want %q", res.Source, want)
		}
	})
	t.Run("ErrTooManyEntries", func(t *testing.T) {
		n := importer.MaxRecordEntries + 1
		data := `{"format":"bridgelog.incident-record","version":1,"entries":[` + strings.Repeat(`{},`, n-1) + `{}]}`
		start := time.Now()
		_, err := importer.ParseRecord("big.json", []byte(data))
		wantError(t, err, backend.ETOOLARGE, "big.json holds 250001 entries", "up to 250000")
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("took %v to refuse, want it at once", took)
		}
	})
	t.Run("ErrHugeNumberQuotedShort", func(t *testing.T) {
		_, err := importer.ParseRecord("x.json", []byte(`{"format":"bridgelog.incident-record","version":`+strings.Repeat("9", 1<<20)+`}`))
		wantError(t, err, backend.EINVALID, `"version" is a number 9999`)
		if msg := backend.ErrorMessage(err); len(msg) > 300 {
			t.Errorf("got a message of %d bytes, want the number cut short", len(msg))
		}
	})
}
