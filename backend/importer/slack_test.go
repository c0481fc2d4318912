package importer_test

import (
	"archive/zip"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/importer"
)

const slackFixture = "slack-export-slackdump-fixture"

// writeExport lays out files (slash paths → content) in a temporary folder.
func writeExport(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// zipFolder zips a folder's files under prefix, plus extra entries.
func zipFolder(t testing.TB, dir, prefix string, extra map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			return err
		}
		w, err := zw.Create(prefix + p)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range extra {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSlackFixture(t *testing.T) {
	dir := filepath.Join(fixtureDir(t), slackFixture)
	check := func(t *testing.T, res *importer.Result) {
		t.Helper()
		checkInvariants(t, res)
		if res.Format != importer.FormatSlack || res.Source != "Slack #B75B4C7" {
			t.Errorf("got format %q source %q", res.Format, res.Source)
		}
		if len(res.Messages) != 2 {
			t.Fatalf("got %d messages, want 2", len(res.Messages))
		}
		first, second := res.Messages[0], res.Messages[1]
		if got, want := first.At, time.Date(2025, 1, 10, 3, 8, 34, 897649000, time.UTC); got != want {
			t.Errorf("first at: got %v, want %v", got, want)
		}
		if first.Author != "WgO268Xc0KtFylJ" || first.Text != "CYmxt38hm" || first.Line != 1 {
			t.Errorf("first: got %q %q line %d", first.Author, first.Text, first.Line)
		}
		if first.SourceKey != "slack:B75B4C7:1736478514.897649" || second.SourceKey != "slack:B75B4C7:1736478630.905399" {
			t.Errorf("keys: got %v", keys(res))
		}
		if second.Text != "dtUeWsjQpQO8 TFoFBeQ" || second.Thread != "1736478630.905399" || second.ReplyTo != "" || second.Line != 2 {
			t.Errorf("second: got %q thread %q reply %q line %d", second.Text, second.Thread, second.ReplyTo, second.Line)
		}
		if e := first.Entry("slack"); e.Source != "slack" || e.SourceKey != first.SourceKey || e.OccurredAt != first.At {
			t.Errorf("entry: got %+v", e)
		}
	}
	t.Run("Folder", func(t *testing.T) {
		res, err := importer.ParseSlackDir(dir, importer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		check(t, res)
		chans, err := importer.SlackDirChannels(dir, importer.Options{})
		if err != nil || len(chans) != 1 || chans[0] != (importer.SlackChannel{Name: "B75B4C7", ID: "CO69735E8A", Days: 1}) {
			t.Errorf("channels: got %+v, %v", chans, err)
		}
		res, err = importer.ParseSlackDir(dir, importer.Options{Channel: "CO69735E8A"})
		if err != nil || len(res.Messages) != 2 {
			t.Errorf("by channel id: got %v", err)
		}
	})
	t.Run("Zip", func(t *testing.T) {
		data := zipFolder(t, dir, "", nil)
		if f, err := importer.Detect("export.zip", data); f != importer.FormatSlack || err != nil {
			t.Fatalf("Detect: got %q, %v", f, err)
		}
		check(t, mustParse(t, "export.zip", data, importer.Options{}))
	})
	t.Run("ZipInTopFolderWithMacFiles", func(t *testing.T) {
		data := zipFolder(t, dir, "Incident Workspace Slack export Jan 10 2025/", map[string]string{
			"__MACOSX/Incident Workspace Slack export Jan 10 2025/._channels.json": "\x00\x05\x16\x07",
			"Incident Workspace Slack export Jan 10 2025/.DS_Store":                "\x00\x00\x00\x01Bud1",
		})
		check(t, mustParse(t, "export.zip", data, importer.Options{}))
		chans, err := importer.SlackChannels("export.zip", data, importer.Options{})
		if err != nil || len(chans) != 1 || chans[0].Name != "B75B4C7" {
			t.Errorf("channels: got %+v, %v", chans, err)
		}
	})
	t.Run("DayFile", func(t *testing.T) {
		data := readFixture(t, slackFixture+"/B75B4C7/2025-01-10.json")
		check(t, mustParse(t, "2025-01-10.json", data, importer.Options{Channel: "#B75B4C7"}))
		_, err := importer.Parse("2025-01-10.json", data, importer.Options{})
		wantError(t, err, backend.EINVALID, "2025-01-10.json is one day of a Slack channel", "folder or .zip")
	})
	t.Run("ChannelList", func(t *testing.T) {
		_, err := importer.Parse("channels.json", readFixture(t, slackFixture+"/channels.json"), importer.Options{})
		wantError(t, err, backend.EINVALID, "channels.json is the channel or user list of a Slack export", "folder or .zip")
	})
}

// apiDocMessage is the message object of the Slack API documentation fixture,
// made valid JSON: the published copy elides part of pinned_to with "...".
func apiDocMessage(t *testing.T) string {
	t.Helper()
	doc := string(readFixture(t, "slack-api-message-object-pins-reactions.txt"))
	obj := doc[strings.Index(doc, "{") : strings.LastIndex(doc, "}")+1]
	return strings.Replace(obj, `"C024BE7LT", ...]`, `"C024BE7LT"]`, 1)
}

func TestSlackPinsStarsReactions(t *testing.T) {
	t.Run("DocumentAsPublished", func(t *testing.T) {
		_, err := importer.Parse("slack-api-message-object-pins-reactions.txt", readFixture(t, "slack-api-message-object-pins-reactions.txt"), opts)
		wantError(t, err, backend.EINVALID, "Line 1 of slack-api-message-object-pins-reactions.txt is not a Zoom chat line")
	})
	t.Run("MessageObject", func(t *testing.T) {
		res := mustParse(t, "2012-12-14.json", []byte("["+apiDocMessage(t)+"]"), importer.Options{Channel: "general"})
		if len(res.Messages) != 1 {
			t.Fatalf("got %d messages, want 1", len(res.Messages))
		}
		m := res.Messages[0]
		want := []importer.Reaction{{Name: "astonished", Count: 3}, {Name: "facepalm", Count: 1034}}
		if !m.Pinned || !m.Starred || !m.Selected || !slices.Equal(m.Reactions, want) || m.Reaction {
			t.Errorf("got pinned %v starred %v selected %v reactions %+v reaction %v", m.Pinned, m.Starred, m.Selected, m.Reactions, m.Reaction)
		}
		if m.Text != "Hello world" || m.Author != "U123ABC456" || m.At != time.Date(2012, 12, 14, 20, 38, 43, 5000, time.UTC) {
			t.Errorf("got %q by %q at %v", m.Text, m.Author, m.At)
		}
	})
}

func TestSlackMarkupAndSubtypes(t *testing.T) {
	day := `[
 {"type":"message","subtype":"channel_join","user":"U1","text":"<@U1> has joined the channel","ts":"1763700000.000100"},
 {"type":"message","user":"U1","text":"<!here> <@U2> can you check <#C1|payments> and <#C2>? see <https://grafana.example/d/1?a=1&amp;b=2|the dashboard> and <https://status.example> &lt;3 &amp; <mailto:ops@example.com|ops@example.com>","ts":"1763700060.000200","thread_ts":"1763700060.000200","reactions":[{"name":"eyes","count":2,"users":["U2","U3"]}]},
 {"type":"message","user":"U2","text":"TODO: add an alert on <@U9|unknown-person>'s queue","ts":"1763700120.000300","thread_ts":"1763700060.000200","parent_user_id":"U1"},
 {"type":"message","subtype":"bot_message","username":"PagerDuty","bot_id":"B1","text":"Triggered: <https://pd.example/i/1|#1234 API 5xx>","ts":"1763700000.000050"},
 {"type":"message","user":"U3","text":"","ts":"1763700180.000400","files":[{"name":"error-rate.png","title":"error rate"}]},
 {"type":"message","subtype":"channel_topic","user":"U1","text":"set the channel topic: SEV1","ts":"1763700240.000500"},
 {"type":"message","user":"U2","text":"tl: rollback done","ts":"1763700300.000600","hidden":true}
]`
	dir := writeExport(t, map[string]string{
		"channels.json":                  `[{"id":"C1","name":"payments"},{"id":"C2","name":"incident-42"}]`,
		"users.json":                     `[{"id":"U1","name":"ana","real_name":"Ana Lima","profile":{"real_name":"Ana Lima","display_name":"ana"}},{"id":"U2","name":"ben","profile":{"real_name":"Ben Okafor"}},{"id":"U3","name":"chen"}]`,
		"incident-42/2025-11-21.json":    day,
		"payments/2025-11-20.json":       `[]`,
		"random-folder/notes.txt":        "not a day file",
		"incident-42/attachments/x.json": `{}`,
	})
	t.Run("SeveralChannels", func(t *testing.T) {
		_, err := importer.ParseSlackDir(dir, importer.Options{})
		wantError(t, err, backend.EINVALID, "holds 2 channels (#incident-42, #payments): choose the one to import")
		_, err = importer.ParseSlackDir(dir, importer.Options{Channel: "#nope"})
		wantError(t, err, backend.EINVALID, "has no channel #nope", "#incident-42, #payments")
	})
	res, err := importer.ParseSlackDir(dir, importer.Options{Channel: "#incident-42"})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, res)
	var got []string
	for _, m := range res.Messages {
		got = append(got, m.Author+": "+m.Text)
	}
	want := []string{
		"PagerDuty: Triggered: #1234 API 5xx (https://pd.example/i/1)",
		"Ana Lima: @here @Ben Okafor can you check #payments and #incident-42? see the dashboard (https://grafana.example/d/1?a=1&b=2) and https://status.example <3 & ops@example.com",
		"Ben Okafor: TODO: add an alert on @unknown-person's queue",
		"chen: (file: error-rate.png)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	reply := res.Messages[2]
	if reply.ReplyTo != "@here @Ben Okafor can you check #payment..." || reply.Thread != "1763700060.000200" || reply.Kind != backend.KindFollowUp || !reply.Selected || reply.Line != 3 {
		t.Errorf("reply: got reply-to %q thread %q kind %s selected %v line %d", reply.ReplyTo, reply.Thread, reply.Kind, reply.Selected, reply.Line)
	}
	if r := res.Messages[1].Reactions; len(r) != 1 || r[0] != (importer.Reaction{Name: "eyes", Count: 2}) {
		t.Errorf("reactions: got %+v", r)
	}
}

func TestSlackErrors(t *testing.T) {
	for _, tc := range []struct {
		name, day string
		parts     []string
	}{
		{"BadTimestamp", `[{"type":"message","user":"U1","text":"hi","ts":"yesterday"}]`, []string{"Message 1 (line 1) of general/2025-11-21.json", `"yesterday"`}},
		{"WrongType", "[\n{\"type\":\"message\",\"text\":\"ok\",\"ts\":\"1.1\"},\n{\"type\":\"message\",\"text\":[1,2],\"ts\":\"1.2\"}]", []string{"Message 2 (line 3) of general/2025-11-21.json is not a Slack message (\"text\" is a list, not text)"}},
		{"CutShort", "[\n{\"type\":\"message\",\"text\":\"ok\",\"ts\":\"1.1\"},\n{\"type\":", []string{"general/2025-11-21.json"}},
		{"NotAList", `{"messages":[]}`, []string{"general/2025-11-21.json is not a Slack day file"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeExport(t, map[string]string{"channels.json": `[{"id":"C1","name":"general"}]`, "general/2025-11-21.json": tc.day})
			_, err := importer.ParseSlackDir(dir, importer.Options{})
			wantError(t, err, backend.EINVALID, tc.parts...)
		})
	}
	t.Run("NoChannels", func(t *testing.T) {
		_, err := importer.ParseSlackDir(writeExport(t, map[string]string{"notes/readme.txt": "hi"}), importer.Options{})
		wantError(t, err, backend.EINVALID, "holds no Slack channel folders")
	})
	t.Run("MissingFolder", func(t *testing.T) {
		_, err := importer.ParseSlackDir(filepath.Join(t.TempDir(), "nope"), importer.Options{})
		wantError(t, err, backend.ENOTFOUND, "was not found")
	})
	t.Run("FileNotFolder", func(t *testing.T) {
		dir := writeExport(t, map[string]string{"chat.txt": "x"})
		_, err := importer.ParseSlackDir(filepath.Join(dir, "chat.txt"), importer.Options{})
		wantError(t, err, backend.EINVALID, "chat.txt is a file, not a folder")
	})
}
