package export_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bridgelog/backend/export"
)

// update rewrites the golden files instead of comparing with them:
// go test ./backend/export -run Golden -update
var update = flag.Bool("update", false, "rewrite testdata/golden/* from the current output")

// checkGolden compares got with testdata/golden/<name>, or writes it there
// under -update. Goldens are byte-exact: line endings and trailing newlines
// are part of a format.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: run go test ./backend/export -run Golden -update to create it", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from the golden file (run with -update if the change is intended):\n%s",
			name, firstDifference(got, want))
	}
}

// firstDifference shows the first line where got and want part.
func firstDifference(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl || i >= len(g) || i >= len(w) {
			return fmt.Sprintf("line %d:\n got: %q\nwant: %q", i+1, gl, wl)
		}
	}
	return "(same lines, different bytes)"
}

// berlin is the fixture's local zone: one hour ahead of UTC in November.
func berlin(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// render runs Write on the fixture with opts, failing the test on error.
func render(t *testing.T, opts export.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := export.Write(context.Background(), &b, fixtureReport(), opts); err != nil {
		t.Fatalf("got error %v writing %s", err, opts.Format)
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	zone := berlin(t)
	for _, tc := range []struct {
		name string
		opts export.Options
	}{
		{"timeline.md", export.Options{Format: export.FormatMarkdown, Zone: zone, Now: fixedNow, Assets: "incident-assets"}},
		{"timeline-external.md", export.Options{Format: export.FormatMarkdown, Zone: zone, Now: fixedNow, External: true}},
		{"timeline-history.md", export.Options{Format: export.FormatMarkdown, Now: fixedNow, History: true}},
		{"timeline.csv", export.Options{Format: export.FormatCSV, Zone: zone, Now: fixedNow}},
		{"record.json", export.Options{Format: export.FormatJSON, Zone: zone, Now: fixedNow}},
		{"chat.txt", export.Options{Format: export.FormatChat, Zone: zone, Now: fixedNow}},
		{"chat-status.txt", export.Options{Format: export.FormatChat, Zone: zone, Now: fixedNow, Status: 22}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkGolden(t, tc.name, render(t, tc.opts))
		})
	}
}
