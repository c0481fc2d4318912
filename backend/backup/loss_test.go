package backup_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/sqlite"
	"bridgelog/backend/sqlite/sqlitetest"
)

// withNotes opens a database, types 100 notes into one incident with a
// periodic backup (and a prune) after every 25, and returns the last backup:
// the one holding all 101 entries (the declaration and the notes).
func withNotes(t *testing.T) (*sqlite.DB, *backup.Service, *backend.FixedClock, backup.Backup) {
	t.Helper()
	ctx := context.Background()
	db, svc, clock := MustOpenDB(t)
	inc := MustCreateIncident(t, db, "Checkout errors")
	var full backup.Backup
	for i := range 100 {
		MustCreateEntry(t, db, inc.ID, fmt.Sprintf("note %d: queue depth %d", i, 40*i))
		if (i+1)%25 == 0 {
			clock.Advance(10 * time.Minute)
			b, err := svc.Create(ctx, backup.ReasonPeriodic)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := svc.Prune(ctx); err != nil {
				t.Fatal(err)
			}
			full = b
		}
	}
	if got, want := full.Entries, 101; got != want || !full.Counted {
		t.Fatalf("got the last backup %+v, want it counted with %d entries", full, want)
	}
	return db, svc, clock, full
}

// emptied closes db and starts it again as the app did after a damaged
// write-ahead log: on an empty database at the same path (the file and its
// side files gone, a new one made by Open). It returns the new database.
func emptied(t *testing.T, db *sqlite.DB, clock *backend.FixedClock) *sqlite.DB {
	t.Helper()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(db.Path + suffix); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	return sqlitetest.OpenAt(t, db.Path, clock)
}

// wantFull fails unless the backup b is still in its folder, whole, with
// every note.
func wantFull(t *testing.T, svc *backup.Service, b backup.Backup) {
	t.Helper()
	if _, err := os.Stat(b.Path); err != nil {
		t.Fatalf("the backup with the notes was pruned: %v (folder: %q)", err, dirNames(t, svc.Dir))
	}
	if got, want := count(t, b.Path, "entries"), 101; got != want {
		t.Errorf("got %d entries in %s, want %d", got, filepath.Base(b.Path), want)
	}
	list, err := svc.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range list {
		if l.Path == b.Path && l.Problem != "" {
			t.Errorf("got problem %q for the backup with the notes, want none", l.Problem)
		}
	}
}

// TestService_PruneAfterLoss replays what was seen outside: a damaged
// write-ahead log made the app start on an emptied database, and the backups
// of the empty database that followed pruned the last one with the notes.
func TestService_PruneAfterLoss(t *testing.T) {
	ctx := context.Background()

	// Three and a half hours of periodic backups of the emptied database,
	// each followed by a prune, as the backup loop makes them.
	t.Run("PeriodicBackupsOfTheEmptiedDatabase", func(t *testing.T) {
		db, svc, clock, full := withNotes(t)
		db = emptied(t, db, clock)
		svc = backup.New(db, svc.Dir, svc.Clock) // the app's next run
		var first backup.Backup
		for i := range 25 {
			clock.Advance(10 * time.Minute)
			b, err := svc.Create(ctx, backup.ReasonPeriodic)
			if err != nil {
				t.Fatal(err)
			}
			if b.Entries != 0 || b.Incidents != 0 {
				t.Fatalf("got %+v, want a backup of an empty database", b)
			}
			if i == 0 {
				first = b
			}
			if _, err := svc.Prune(ctx); err != nil {
				t.Fatal(err)
			}
		}
		wantFull(t, svc, full)
		names := dirNames(t, svc.Dir)
		if got, want := len(names), backup.KeepNewest+2; got != want {
			t.Errorf("got %d files %q, want %d: the newest %d, the last full copy and the first empty one",
				got, names, want, backup.KeepNewest)
		}
		if _, err := os.Stat(first.Path); err != nil {
			t.Errorf("the first backup of the emptied database was pruned: %v", err)
		}
	})

	// Twenty-five launches of the app on the emptied database, each ending
	// with its quit backup and a prune: no state carries over in memory.
	t.Run("QuitBackupsOverRestarts", func(t *testing.T) {
		db, svc, clock, full := withNotes(t)
		db = emptied(t, db, clock)
		for range 25 {
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			clock.Advance(2 * time.Minute)
			db = sqlitetest.OpenAt(t, db.Path, clock)
			svc := backup.New(db, svc.Dir, svc.Clock)
			if _, err := svc.Create(ctx, backup.ReasonQuit); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.Prune(ctx); err != nil {
				t.Fatal(err)
			}
		}
		wantFull(t, svc, full)
	})

	// A backup made by an earlier version has no counts in its name: they
	// are read from the file, and it is kept all the same.
	t.Run("NameWithoutCounts", func(t *testing.T) {
		db, svc, clock, full := withNotes(t)
		n, ok := backup.ParseName(filepath.Base(full.Path))
		if !ok {
			t.Fatalf("%s does not parse", full.Path)
		}
		n.Counted, n.Entries, n.Incidents = false, 0, 0
		legacy := filepath.Join(svc.Dir, n.String())
		if err := os.Rename(full.Path, legacy); err != nil {
			t.Fatal(err)
		}
		full.Path = legacy
		if strings.Contains(filepath.Base(full.Path), "101e") {
			t.Fatalf("the name %s carries counts; this test needs one without", full.Path)
		}
		db = emptied(t, db, clock)
		svc = backup.New(db, svc.Dir, svc.Clock)
		for range 25 {
			clock.Advance(10 * time.Minute)
			if _, err := svc.Create(ctx, backup.ReasonPeriodic); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.Prune(ctx); err != nil {
				t.Fatal(err)
			}
		}
		wantFull(t, svc, full)
	})
}
