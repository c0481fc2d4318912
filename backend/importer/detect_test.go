package importer_test

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/importer"
)

var tinyPNG, _ = base64.StdEncoding.DecodeString(
	"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")

func TestWrongFormats(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(rng.IntN(256))
	}
	random[0] = 'x' // not a JSON or zip start by chance
	for _, tc := range []struct {
		name, file string
		data       []byte
		parts      []string
	}{
		{"PNG", "screenshot.png", tinyPNG, []string{"screenshot.png is not a text file (it looks like a PNG image)", "Slack export"}},
		{"PDF", "postmortem.pdf", []byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"), []string{"it looks like a PDF document"}},
		{"RandomBytes", "chat.txt", random, []string{"chat.txt is not a text file (it looks like binary data)"}},
		{"CSV", "timeline.csv", []byte("Time (UTC),Event,Data Link\n2026-11-21 14:02,Alert fired,\n"), []string{"Line 1 of timeline.csv is not a Zoom chat line", `"Time (UTC),Event,Data Link"`}},
		{"JSONObject", "package.json", []byte(`{"name":"bridgelog","version":"1.0.0"}`), []string{"package.json is JSON, but neither a Bridgelog incident record nor a Slack export"}},
		{"JSONOtherFormat", "other.json", []byte(`{"format":"someone.else","version":1}`), []string{"other.json is JSON, but neither"}},
		{"JSONList", "numbers.json", []byte(`[1, 2, 3]`), []string{"numbers.json is JSON, but not a list of Slack messages"}},
		{"JSONListOfObjects", "people.json", []byte(`[{"email":"a@example.com"}]`), []string{"people.json is JSON, but neither"}},
		{"JSONEmptyList", "2025-11-21.json", []byte(`[]`), []string{"2025-11-21.json is an empty list"}},
		{"JSONBroken", "record.json", []byte("{\n  \"format\": \"bridgelog.incident-record\",\n  \"version\": 1,\n  oops\n}"), []string{"Line 4 of record.json is not valid JSON"}},
		{"JSONCutShort", "record.json", []byte("{\n  \"format\": \"bridgelog.inc"), []string{"record.json ends in the middle of its JSON"}},
		{"Markdown", "review.md", []byte("# Post-incident review\n\n10:00:00 From Ana to Everyone:\n\thi\n"), []string{"Line 1 of review.md is not a Zoom chat line", `"# Post-incident review"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := importer.Detect(tc.file, tc.data)
			wantError(t, err, backend.EINVALID, tc.parts...)
			_, err = importer.Parse(tc.file, tc.data, opts)
			wantError(t, err, backend.EINVALID, tc.parts...)
		})
	}
}

// TestEveryFixture makes sure no fixture file goes untested: each one is
// listed here with what reading it gives.
func TestEveryFixture(t *testing.T) {
	dir := fixtureDir(t)
	want := map[string]string{
		"SOURCES.md": "invalid",
		"slack-api-message-object-pins-reactions.txt": "invalid",
		slackFixture + "/channels.json":               "invalid",
		slackFixture + "/B75B4C7/2025-01-10.json":     "slack 2",
		"zoom/cloud-recording-chat.example.txt":       "zoom-recording 6",
		"zoom/emoji.mac.meeting_saved_chat.txt":       "zoom-chat 4",
		"zoom/mac.meeting_saved_chat.txt":             "zoom-chat 9",
		"zoom/new-chat-threads-reactions.fixture.txt": "zoom-chat 9",
		"zoom/win.both.txt":                           "zoom-chat 10",
		"zoom/win.chat.txt":                           "zoom-chat 10",
		"zoom/win.meeting_saved_chat.txt":             "zoom-chat 10",
	}
	seen := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		expect, ok := want[rel]
		if !ok {
			t.Errorf("fixture %s has no expectation here: add one", rel)
			return nil
		}
		seen++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		res, err := importer.Parse(rel, data, importer.Options{Zone: zone, Day: day, RecordingStart: start, Channel: "B75B4C7"})
		got := "invalid"
		if err == nil {
			got = fmt.Sprintf("%s %d", res.Format, len(res.Messages))
		} else if backend.ErrorCode(err) != backend.EINVALID {
			got = backend.ErrorCode(err)
		}
		if got != expect {
			t.Errorf("%s: got %q (%v), want %q", rel, got, err, expect)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen != len(want) {
		t.Errorf("saw %d fixture files, want %d", seen, len(want))
	}
}
