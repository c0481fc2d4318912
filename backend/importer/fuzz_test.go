package importer_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unicode/utf8"

	"bridgelog/backend"
	"bridgelog/backend/importer"
)

// addFixtureSeeds adds the fixture files matching glob (when the fixtures
// are present; the fuzz targets still run on their other seeds without).
func addFixtureSeeds(f *testing.F, glob string) {
	dir := filepath.Join("..", "..", "..", "shared", "fixtures", "chat")
	files, _ := filepath.Glob(filepath.Join(dir, glob))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
}

// checkFuzzed holds for any input: an error is a domain error with a code a
// binding can map, a result is sound, and parsing is deterministic.
func checkFuzzed(t *testing.T, res *importer.Result, err error, again func() (*importer.Result, error)) {
	if err != nil {
		if code := backend.ErrorCode(err); code != backend.EINVALID && code != backend.ETOOLARGE {
			t.Fatalf("got error code %s: %v", code, err)
		}
		if msg := err.Error(); !utf8.ValidString(msg) || msg != backend.CleanText(msg) {
			t.Fatalf("error message is not clean text: %q", msg)
		}
		return
	}
	checkInvariants(t, res)
	for _, m := range res.Messages {
		if !utf8.ValidString(m.Text) || !utf8.ValidString(m.Author) || !utf8.ValidString(m.ReplyTo) {
			t.Fatalf("invalid UTF-8 in %+v", m)
		}
		if e := m.Entry(res.Format.SourceName()); len(e.Text) > backend.MaxEntryBytes || !utf8.ValidString(e.Text) {
			t.Fatalf("entry text of %d bytes", len(e.Text))
		}
	}
	res2, err2 := again()
	if err2 != nil || !reflect.DeepEqual(res, res2) {
		t.Fatalf("a second parse differs: %v", err2)
	}
}

func FuzzParseZoom(f *testing.F) {
	addFixtureSeeds(f, "zoom/*")
	for _, s := range []string{
		"10:00:00 From Ana to Everyone:\n\thi\n",
		"10:00:00\t From  Ana : hi\nmore\n",
		"00:00:01\tAna:\tReplying to \"x\"\r\r\n\r\nyes\n",
		"23:59:59 From A to B(Direct Message):\n\tReacted to \"x\" with 👍\n00:00:00 From A to Everyone:\n\tTODO: x\n",
		"\uFEFF10:00:00 From  Ana  to  Everyone:\r\tx\v\x00y\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		parse := func() (*importer.Result, error) { return importer.Parse("meeting_saved_chat.txt", data, opts) }
		res, err := parse()
		checkFuzzed(t, res, err, parse)
	})
}

func FuzzParseSlackDay(f *testing.F) {
	addFixtureSeeds(f, "slack-export-slackdump-fixture/*/*.json")
	for _, s := range []string{
		`[{"type":"message","user":"U1","text":"<@U1|ana> <#C1> <https://x|y> &lt;&amp;","ts":"1763700000.000100","pinned_to":["C1"],"reactions":[{"name":"eyes","count":1}]}]`,
		`[{"type":"message","user":"U1","text":"reply","ts":"1.2","thread_ts":"1.1"},{"text":"parent","ts":"1.1"}]`,
		`[{"subtype":"channel_join","text":"x","ts":"1.1"},{"text":"","ts":1.5,"files":[{"name":"a.png"}]}]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		parse := func() (*importer.Result, error) {
			return importer.Parse("2025-11-21.json", data, importer.Options{Channel: "general"})
		}
		res, err := parse()
		checkFuzzed(t, res, err, parse)
	})
}

func FuzzParseRecord(f *testing.F) {
	f.Add(marshal(f, sampleRecord()))
	f.Add([]byte(`{"format":"bridgelog.incident-record","version":1,"incident":{"uid":"u","title":"t"},"entries":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, err := importer.ParseRecord("incident.json", data)
		if err != nil {
			if code := backend.ErrorCode(err); code != backend.EINVALID {
				t.Fatalf("got error code %s: %v", code, err)
			}
			return
		}
		if rec.Format != backend.RecordFormat || rec.Version < 1 || rec.Version > backend.RecordVersion {
			t.Fatalf("accepted format %q version %d", rec.Format, rec.Version)
		}
		for i, e := range rec.Entries {
			if e.Ref != i+1 {
				t.Fatalf("accepted entry %d with ref %d", i+1, e.Ref)
			}
		}
	})
}

func FuzzParseSlackZip(f *testing.F) {
	f.Add(smallZip(f, "general/2025-11-21.json"))
	f.Add(smallZip(f, "export/general/2025-11-21.json", "export/random/2025-11-21.json"))
	dir := filepath.Join("..", "..", "..", "shared", "fixtures", "chat", "slack-export-slackdump-fixture")
	if _, err := os.Stat(dir); err == nil {
		f.Add(zipFolder(f, dir, "export/", nil))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		opt := importer.Options{Channel: "general", MaxBytes: 1 << 20, MaxTotalBytes: 4 << 20, MaxFiles: 100}
		parse := func() (*importer.Result, error) { return importer.Parse("export.zip", data, opt) }
		res, err := parse()
		checkFuzzed(t, res, err, parse)
	})
}
