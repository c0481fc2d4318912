package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bridgelog/backend/instance"
	"bridgelog/backend/sqlite"
)

const zoomChat = "09:05:11 From Sam Lee to Everyone:\r\n\tauth pods restarting\r\n" +
	"09:06:40 From Ana Ruiz to Everyone:\r\n\tTODO add an alert on token errors\r\n" +
	"09:07:02 From Ana Ruiz to Everyone:\r\n\tTL rollback started\r\n"

func write(tb testing.TB, name, content string) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

// imported lists the incident's entries that came from a chat.
func imported(tb testing.TB, db string, id int64) []string {
	tb.Helper()
	d := sqlite.NewDB(db, nil)
	if err := d.Open(); err != nil {
		tb.Fatal(err)
	}
	defer d.Close()
	list, err := sqlite.NewEntryService(d).ListEntries(context.Background(), id)
	if err != nil {
		tb.Fatal(err)
	}
	var got []string
	for _, e := range list {
		if e.Source != "" {
			got = append(got, e.OccurredAt.UTC().Format("2006-01-02 15:04:05")+" "+e.Text)
		}
	}
	return got
}

func TestImport(t *testing.T) {
	t.Run("Picked", func(t *testing.T) {
		db := seed(t)
		chat := write(t, "meeting_saved_chat.txt", zoomChat)
		code, out, errOut := run("import", chat, "--db", db, "--incident", "latest", "--zone", "UTC")
		if code != 0 {
			t.Fatalf("got exit %d (%s), want 0", code, errOut)
		}
		if !strings.Contains(out, "Imported 2 of 3 messages") || !strings.Contains(errOut, "2026-11-21") {
			t.Errorf("got %q / %q, want 2 of 3 imported and the assumed day said", out, errOut)
		}
		got := imported(t, db, 2)
		want := []string{"2026-11-21 09:06:40 TODO add an alert on token errors", "2026-11-21 09:07:02 TL rollback started"}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("got %q, want %q", got, want)
		}
		// Again with --all: only the one not there yet is added.
		code, out, errOut = run("import", "--db", db, "--incident", "2", "--all", "--day", "2026-11-21", "--zone", "UTC", chat)
		if code != 0 || !strings.Contains(out, "Imported 1 of 3") || !strings.Contains(out, "2 were already there") {
			t.Errorf("got %d %q %q, want 1 added and 2 already there", code, out, errOut)
		}
	})
	t.Run("SaysTimesAndChoosesFrom", func(t *testing.T) {
		// Incident 2 was declared at 09:02 UTC on 21 November; the chat's
		// first message is from four minutes before.
		db := seed(t)
		chat := write(t, "meeting_saved_chat.txt", "08:58:00 From Sam Lee to Everyone:\r\n\tTL pods restarting\r\n"+zoomChat)
		code, out, errOut := run("import", chat, "--db", db, "--incident", "2", "--zone", "UTC", "--all")
		warn := "bridgelog: 1 of 4 messages is from before the incident was declared (earliest 08:58, declared 09:02 UTC).\n" +
			"bridgelog: importing them too; --from declared or --from detected leaves them out\n"
		if code != 0 || !strings.Contains(errOut, warn) || !strings.Contains(out, "Imported 4 of 4") {
			t.Errorf("got %d %q %q, want all 4 imported after the warning %q", code, out, errOut, warn)
		}

		db = seed(t)
		code, out, errOut = run("import", chat, "--db", db, "--incident", "2", "--zone", "UTC", "--all", "--from", "declared")
		if code != 0 || !strings.Contains(errOut, "--from declared leaves out 1 of them") || !strings.Contains(out, "Imported 3 of 4") {
			t.Errorf("got %d %q %q, want 3 imported and the one before the declaration left out", code, out, errOut)
		}
		if got := imported(t, db, 2); len(got) != 3 || strings.Contains(strings.Join(got, "\n"), "08:58") {
			t.Errorf("got %q, want the three from 09:05 on", got)
		}

		code, _, errOut = run("import", chat, "--db", db, "--incident", "2", "--from", "detected")
		if code != 1 || !strings.Contains(errOut, "no detection time") {
			t.Errorf("got %d %q, want 1: the incident has no detection time", code, errOut)
		}
		code, _, errOut = run("import", chat, "--db", db, "--incident", "2", "--from", "noon")
		if code != 2 || !strings.Contains(errOut, "Usage:") || !strings.Contains(errOut, "declared") {
			t.Errorf("got %d %q, want 2 with the usage", code, errOut)
		}
	})
	t.Run("ErrNothingPicked", func(t *testing.T) {
		db := seed(t)
		chat := write(t, "chat.txt", "09:05:11 From Sam Lee to Everyone:\r\n\tauth pods restarting\r\n")
		code, _, errOut := run("import", chat, "--db", db, "--incident", "1")
		if code != 1 || !strings.Contains(errOut, "--all") {
			t.Errorf("got %d %q, want 1 and a hint at --all", code, errOut)
		}
	})
	t.Run("ErrAppOpen", func(t *testing.T) {
		db := seed(t)
		lock, err := instance.Acquire(db + ".lock")
		if err != nil {
			t.Fatal(err)
		}
		defer lock.Release()
		code, _, errOut := run("import", write(t, "chat.txt", zoomChat), "--db", db, "--incident", "1")
		want := "Bridgelog is open on this database (" + db + "): import from the app (Ctrl+O) or close it first"
		if code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("got %d %q, want 1 and %q", code, errOut, want)
		}
	})
	t.Run("ErrUnknownIncident", func(t *testing.T) {
		db := seed(t)
		code, _, errOut := run("import", write(t, "chat.txt", zoomChat), "--db", db, "--incident", "9")
		if code != 1 || !strings.Contains(errOut, "No incident with id 9") {
			t.Errorf("got %d %q, want 1 and no incident 9", code, errOut)
		}
	})
	t.Run("ErrNeedsStart", func(t *testing.T) {
		db := seed(t)
		code, _, errOut := run("import", write(t, "rec.txt", "00:01:05\tSam Lee:\tTL back to normal\n"), "--db", db, "--incident", "1")
		if code != 1 || !strings.Contains(errOut, "--start") {
			t.Errorf("got %d %q, want 1 and a hint at --start", code, errOut)
		}
	})
	for name, args := range map[string][]string{
		"ErrNoFile":     {"--incident", "1"},
		"ErrTwoFiles":   {"a.txt", "b.txt", "--incident", "1"},
		"ErrNoIncident": {"a.txt"},
		"ErrZone":       {"a.txt", "--incident", "1", "--zone", "Nowhere/Town"},
	} {
		t.Run(name, func(t *testing.T) {
			if code, _, errOut := run(append([]string{"import"}, args...)...); code != 2 || !strings.Contains(errOut, "Usage:") {
				t.Errorf("got %d %q, want 2 with the usage", code, errOut)
			}
		})
	}
}

func TestImportRecord(t *testing.T) {
	src := seed(t)
	record := filepath.Join(t.TempDir(), "incident.json")
	if code, _, errOut := run("export", "--db", src, "--incident", "latest", "--format", "json", "--out", record); code != 0 {
		t.Fatalf("export: got %d (%s)", code, errOut)
	}
	t.Run("NewDatabase", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "laptop.db")
		code, out, errOut := run("import-record", record, "--db", db)
		if code != 0 || !strings.Contains(out, "Imported incident 1: EU logins failing") {
			t.Fatalf("got %d %q %q, want the incident imported", code, out, errOut)
		}
		if code, _, errOut := run("import-record", record, "--db", db); code != 1 || !strings.Contains(errOut, "EU logins failing") {
			t.Errorf("again: got %d %q, want 1 naming the incident already here", code, errOut)
		}
	})
	t.Run("ErrAppOpen", func(t *testing.T) {
		db := seed(t)
		lock, err := instance.Acquire(db + ".lock")
		if err != nil {
			t.Fatal(err)
		}
		defer lock.Release()
		if code, _, errOut := run("import-record", record, "--db", db); code != 1 || !strings.Contains(errOut, "close it first") {
			t.Errorf("got %d %q, want 1 and the app-open message", code, errOut)
		}
	})
	t.Run("ErrUsage", func(t *testing.T) {
		if code, _, errOut := run("import-record"); code != 2 || !strings.Contains(errOut, "Usage:") {
			t.Errorf("got %d %q, want 2 with the usage", code, errOut)
		}
	})
}
