package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
	"bridgelog/backend/sqlite/sqlitetest"
)

// TestImportRecord_SameRefusal damages an exported record and offers it
// through the command line (the file is read, then imported) and straight
// to the store: both refuse it in the same words.
func TestImportRecord_SameRefusal(t *testing.T) {
	src := seed(t)
	good := filepath.Join(t.TempDir(), "incident.json")
	if code, _, errOut := run("export", "--db", src, "--incident", "latest", "--format", "json", "--out", good); code != 0 {
		t.Fatalf("export: got %d (%s)", code, errOut)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, says string
		damage     func(r *backend.Record)
	}{
		{"EntryWithoutTime", "entry 2 has no time", func(r *backend.Record) { r.Entries[1].RecordedAt = time.Time{} }},
		{"UnknownKind", `entry 1 has the unknown kind "gossip"`, func(r *backend.Record) { r.Entries[0].Kind = "gossip" }},
		{"ActionOfNoEntry", "an action names entry 99", func(r *backend.Record) { r.Actions[0].Entry = 99 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rec backend.Record
			if err := json.Unmarshal(data, &rec); err != nil {
				t.Fatal(err)
			}
			tc.damage(&rec)
			bad, err := json.Marshal(&rec)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "damaged.json")
			if err := os.WriteFile(path, bad, 0o600); err != nil {
				t.Fatal(err)
			}

			code, _, errOut := run("import-record", path, "--db", filepath.Join(t.TempDir(), "laptop.db"))
			if code != 1 {
				t.Errorf("command line: got exit %d (%q), want 1", code, errOut)
			}
			cliSays := strings.TrimSpace(strings.TrimPrefix(errOut, "bridgelog: "))

			db := sqlitetest.Open(t, &backend.FixedClock{T: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)})
			_, err = sqlite.NewRecordService(db).ImportRecord(context.Background(), &rec)
			if got, want := backend.ErrorCode(err), backend.EINVALID; got != want {
				t.Errorf("store: got code %q (%v), want %q", got, err, want)
			}
			storeSays := backend.ErrorMessage(err)

			if cliSays != storeSays {
				t.Errorf("the command line says\n\t%q\nthe store says\n\t%q\nwant the same words", cliSays, storeSays)
			}
			if want := "This incident record is damaged (" + tc.says; !strings.HasPrefix(storeSays, want) {
				t.Errorf("got %q, want it to start %q", storeSays, want)
			}
		})
	}
}
