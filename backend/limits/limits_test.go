package limits_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"bridgelog/backend/limits"
	"bridgelog/backend/limits/tsgen"
)

// generated is the frontend's copy, relative to this package's folder.
const generated = "../../frontend/src/lib/generated/limits.ts"

// TestGenerated_Current fails when the committed TypeScript is not what this
// package generates now, or is missing: a limit changed in Go must reach the
// frontend in the same commit.
func TestGenerated_Current(t *testing.T) {
	want, err := tsgen.Generate(".")
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	got, err := os.ReadFile(generated)
	if err != nil {
		t.Fatalf("read the committed copy: %v; run go generate ./backend/limits and commit %s", err, generated)
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(gl), len(wl)) {
		g, w := line(gl, i), line(wl, i)
		if g != w {
			t.Fatalf("%s is out of date; run go generate ./backend/limits and commit it. First difference, line %d:\n got %q\nwant %q",
				generated, i+1, g, w)
		}
	}
}

func line(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "(end of file)"
}

// TestRanges holds each range to what CheckRange's message assumes: bounds
// in order and not negative, and a meaning for 0 only where 0 is allowed.
func TestRanges(t *testing.T) {
	for _, tt := range []struct {
		name string
		r    limits.Range
	}{
		{"CheckInMinutes", limits.CheckInMinutes},
		{"NextUpdateMinutes", limits.NextUpdateMinutes},
		{"WatchMinutes", limits.WatchMinutes},
		{"WatchExtensionMinutes", limits.WatchExtensionMinutes},
		{"SnoozeMinutes", limits.SnoozeMinutes},
		{"ClockSettingMinutes", limits.ClockSettingMinutes},
		{"EscalationLevel", limits.EscalationLevel},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.r
			if r.Min < 0 || r.Max <= r.Min {
				t.Errorf("got bounds %d to %d, want 0 <= Min < Max", r.Min, r.Max)
			}
			if r.Zero != "" && r.Min != 0 {
				t.Errorf("got Zero %q with Min %d, want a meaning for 0 only when 0 is allowed", r.Zero, r.Min)
			}
			if r.What == "" {
				t.Error("got no What, want the subject of the range's message")
			}
		})
	}
}

// TestSizes keeps the sizes in the order the frontend relies on: a draft
// holds any entry, and a paste too long for an entry fits in an attachment.
func TestSizes(t *testing.T) {
	if limits.MaxDraftBytes < limits.MaxEntryBytes {
		t.Errorf("got drafts of %d bytes, want at least an entry's %d", limits.MaxDraftBytes, limits.MaxEntryBytes)
	}
	if limits.MaxAttachmentBytes <= limits.MaxEntryBytes {
		t.Errorf("got attachments of %d bytes, want more than an entry's %d", limits.MaxAttachmentBytes, limits.MaxEntryBytes)
	}
}
