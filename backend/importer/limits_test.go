package importer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/importer"
)

// zoomMessages is a saved chat of n messages a second apart, saved times
// times over (Zoom appends each "Save chat" to the same file).
func zoomMessages(n, times int) string {
	var b strings.Builder
	for range times {
		for i := range n {
			fmt.Fprintf(&b, "10:%02d:%02d From Ana to Everyone:\r\n\tmessage %d\r\n", i/60, i%60, i)
		}
	}
	return b.String()
}

func TestMessageLimit(t *testing.T) {
	limited := importer.Options{Zone: time.UTC, Day: day, MaxMessages: 3}
	t.Run("OK", func(t *testing.T) {
		res := mustParse(t, "meeting_saved_chat.txt", []byte(zoomMessages(3, 1)), limited)
		if got, want := len(res.Messages), 3; got != want {
			t.Fatalf("got %d messages, want %d", got, want)
		}
	})
	t.Run("ErrTooMany", func(t *testing.T) {
		_, err := importer.Parse("meeting_saved_chat.txt", []byte(zoomMessages(4, 1)), limited)
		wantError(t, err, backend.ETOOLARGE, "meeting_saved_chat.txt holds more than 3 messages",
			"up to 3 from one file", "message 4 starts on line 7", "split the file")
	})
	t.Run("ErrTooManyInAFile", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "meeting_saved_chat.txt")
		if err := os.WriteFile(p, []byte(zoomMessages(4, 1)), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := importer.ParseFile(p, limited)
		wantError(t, err, backend.ETOOLARGE, "more than 3 messages", "line 7")
	})
	t.Run("DefaultIs100000", func(t *testing.T) {
		var b strings.Builder
		for i := range 100_001 {
			s := i * 86399 / 100_001
			fmt.Fprintf(&b, "%02d:%02d:%02d From Ana to Everyone:\n\tline %d\n", s/3600, s/60%60, s%60, i)
		}
		_, err := importer.Parse("meeting_saved_chat.txt", []byte(b.String()), importer.Options{Zone: time.UTC, Day: day})
		wantError(t, err, backend.ETOOLARGE, "more than 100,000 messages", "message 100,001 starts on line 200,001")
	})
	t.Run("SavedTwiceCountsOnce", func(t *testing.T) {
		// Six headers, three messages: the second save's repeats are dropped
		// before they count.
		res := mustParse(t, "meeting_saved_chat.txt", []byte(zoomMessages(3, 2)), limited)
		if got, want := len(res.Messages), 3; got != want || res.Duplicates != 3 {
			t.Fatalf("got %d messages and %d duplicates, want %d and 3", got, res.Duplicates, want)
		}
	})
	t.Run("ErrSlackChannel", func(t *testing.T) {
		day := `[{"type":"message","user":"U1","text":"one","ts":"1763700000.000100"},` +
			`{"type":"message","user":"U1","text":"two","ts":"1763700001.000100"}]`
		dir := writeExport(t, map[string]string{
			"slack/channels.json":               `[{"id":"C1","name":"incident-42"}]`,
			"slack/incident-42/2025-11-21.json": day,
			"slack/incident-42/2025-11-22.json": strings.ReplaceAll(day, "17637000", "17637900"),
			"slack/incident-42/2025-11-23.json": strings.ReplaceAll(day, "17637000", "17638800"),
		})
		_, err := importer.ParseFile(filepath.Join(dir, "slack"), importer.Options{MaxMessages: 5})
		wantError(t, err, backend.ETOOLARGE, "#incident-42 in slack holds more than 5 messages", "shorter date ranges")
		res, err := importer.ParseFile(filepath.Join(dir, "slack"), importer.Options{MaxMessages: 6})
		if err != nil || len(res.Messages) != 6 {
			t.Fatalf("got %v, want 6 messages under a limit of 6", err)
		}
	})
	t.Run("ErrSlackDayFile", func(t *testing.T) {
		data := `[{"type":"message","user":"U1","text":"one","ts":"1763700000.000100"},` +
			`{"type":"message","user":"U1","text":"two","ts":"1763700001.000100"}]`
		_, err := importer.Parse("2025-11-21.json", []byte(data), importer.Options{Channel: "ops", MaxMessages: 1})
		wantError(t, err, backend.ETOOLARGE, "#ops in 2025-11-21.json holds more than 1 messages")
	})
}

// TestParseFileStreams reads Zoom chats larger than the part of a file that
// tells its format, and each gives what the file read whole gives.
func TestParseFileStreams(t *testing.T) {
	long := zoomMessages(3000, 1) // about 130 KB
	dir := t.TempDir()
	for _, tc := range []struct{ name, text string }{
		{"CRLF", long},
		{"CR", strings.ReplaceAll(long, "\r\n", "\r")},
		{"BlankStart", strings.Repeat("\r\n", 40_000) + long},
		{"UTF16", utf16LE("\uFEFF" + long)},
		{"UTF16BigEndian", utf16BE("\uFEFF" + strings.ReplaceAll(long, "message", "😀 message"))},
		{"LongFirstLine", "10:00:00 From Ana : " + strings.Repeat("x", 100_000) + "\r\n" + long},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, wantErr := importer.Parse("meeting_saved_chat.txt", []byte(tc.text), opts)
			p := filepath.Join(dir, tc.name, "meeting_saved_chat.txt")
			if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(tc.text), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := importer.ParseFile(p, opts)
			if fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Fatalf("got error %v, want %v", err, wantErr)
			}
			if err != nil {
				return
			}
			if len(got.Messages) != len(want.Messages) || len(got.Messages) < 3000 {
				t.Fatalf("got %d messages, want %d (at least 3,000)", len(got.Messages), len(want.Messages))
			}
			for i := range got.Messages {
				g, w := got.Messages[i], want.Messages[i]
				if g.Text != w.Text || g.SourceKey != w.SourceKey || g.Line != w.Line || !g.At.Equal(w.At) {
					t.Fatalf("message %d: got %q %s line %d at %v, want %q %s line %d at %v",
						i, g.Text, g.SourceKey, g.Line, g.At, w.Text, w.SourceKey, w.Line, w.At)
				}
			}
			if f, err := importer.DetectFile(p, opts); err != nil || f != importer.FormatZoomChat {
				t.Errorf("DetectFile: got %q, %v, want %q", f, err, importer.FormatZoomChat)
			}
		})
	}
}

func utf16BE(s string) string {
	b := []byte(utf16LE(s))
	for i := 0; i+1 < len(b); i += 2 {
		b[i], b[i+1] = b[i+1], b[i]
	}
	return string(b)
}

func TestGuessDay(t *testing.T) {
	chat := []byte("14:02:11 From Sam Lee to Everyone:\r\n\tauth pods restarting\r\n")
	guess := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	t.Run("NoDateGiven", func(t *testing.T) {
		res := mustParse(t, "meeting_saved_chat.txt", chat, importer.Options{Zone: zone, GuessDay: guess})
		if !res.NeedsDay || !res.Start.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, zone)) {
			t.Errorf("got needsDay %v start %v, want a guess to confirm on 2026-03-01", res.NeedsDay, res.Start)
		}
		if got, want := res.Messages[0].At, time.Date(2026, 3, 1, 12, 2, 11, 0, time.UTC); !got.Equal(want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	t.Run("DayGiven", func(t *testing.T) {
		res := mustParse(t, "meeting_saved_chat.txt", chat, importer.Options{Zone: zone, Day: day, GuessDay: guess})
		if res.NeedsDay || res.Messages[0].At != local("14:02:11") {
			t.Errorf("got needsDay %v at %v, want the given day", res.NeedsDay, res.Messages[0].At)
		}
	})
	t.Run("Recording", func(t *testing.T) {
		res := mustParse(t, "chat.txt", []byte("00:01:05\tSam Lee:\tTL back to normal\n"), importer.Options{GuessDay: guess})
		if !res.NeedsStart || !res.Messages[0].At.IsZero() {
			t.Errorf("got needsStart %v at %v, want the recording's start asked for", res.NeedsStart, res.Messages[0].At)
		}
	})
}
