package importer_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/importer"
)

// fixtureDir is the shared chat fixtures folder, beside the repository. A
// missing folder fails the test: a skipped test proves nothing.
func fixtureDir(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "fixtures", "chat")
	if _, err := os.Stat(dir); err != nil {
		tb.Fatalf("chat fixtures not found at %s (they sit beside the repository): %v", dir, err)
	}
	return dir
}

func readFixture(tb testing.TB, rel string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(fixtureDir(tb), filepath.FromSlash(rel)))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// day is the date the tests give Zoom saved chats; zone is not UTC, so a
// test notices a time left in the wrong zone.
var (
	zone  = time.FixedZone("UTC+2", 2*3600)
	day   = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	start = time.Date(2026, 11, 21, 14, 0, 0, 0, time.UTC)
	opts  = importer.Options{Zone: zone, Day: day, RecordingStart: start}
)

// local is a wall-clock time of the test day in the test zone, as UTC.
func local(hms string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04:05", "2026-11-21 "+hms, zone)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func mustParse(tb testing.TB, name string, data []byte, opt importer.Options) *importer.Result {
	tb.Helper()
	res, err := importer.Parse(name, data, opt)
	if err != nil {
		tb.Fatalf("Parse(%s): %v", name, err)
	}
	return res
}

// wantError checks an error's code and that its message says each of parts.
func wantError(tb testing.TB, err error, code string, parts ...string) {
	tb.Helper()
	if err == nil {
		tb.Fatalf("got no error, want %s", code)
	}
	var e *backend.Error
	if !errors.As(err, &e) {
		tb.Fatalf("got %T %v, want a *backend.Error", err, err)
	}
	if e.Code != code {
		tb.Errorf("got code %s (%s), want %s", e.Code, e.Message, code)
	}
	for _, p := range parts {
		if !strings.Contains(e.Message, p) {
			tb.Errorf("got message %q, want it to say %q", e.Message, p)
		}
	}
}

func keys(res *importer.Result) []string {
	var k []string
	for _, m := range res.Messages {
		k = append(k, m.SourceKey)
	}
	return k
}

// checkInvariants holds for any parsed chat: keys present and unique, lines
// counted from 1, nothing empty.
func checkInvariants(tb testing.TB, res *importer.Result) {
	tb.Helper()
	seen := map[string]bool{}
	for i, m := range res.Messages {
		if m.SourceKey == "" || seen[m.SourceKey] {
			tb.Fatalf("message %d: key %q empty or repeated", i, m.SourceKey)
		}
		seen[m.SourceKey] = true
		if m.Line < 1 {
			tb.Fatalf("message %d: line %d", i, m.Line)
		}
		if m.Text == "" || m.Author == "" {
			tb.Fatalf("message %d: empty text %q or author %q", i, m.Text, m.Author)
		}
		if m.Reaction && m.Selected {
			tb.Fatalf("message %d: a reaction is selected", i)
		}
	}
}
