package backup_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/sqlite"
	"bridgelog/backend/sqlite/sqlitetest"
)

// withDamagedWAL is a closed database whose latest notes are only in its
// write-ahead log, and whose log ends in junk, as after a crash mid-write.
// It returns the live path and the database's service and clock.
func withDamagedWAL(t *testing.T) (live string, svc *backup.Service, clock *backend.FixedClock) {
	t.Helper()
	clock = &backend.FixedClock{T: t0}
	// No checkpoint while the files are copied: the notes stay in the log.
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "bridgelog.db"), clock)
	db.CheckpointAfter = time.Hour
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc = backup.New(db, sqlite.BackupDir(db.Path), clock)
	inc := MustCreateIncident(t, db, "Checkout errors")
	for i := range 20 {
		MustCreateEntry(t, db, inc.ID, fmt.Sprintf("note %d", i))
	}
	live = filepath.Join(t.TempDir(), "crashed.db")
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(db.Path + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if suffix == "-wal" {
			b = append(b, strings.Repeat("\xde\xad", 3000)...)
		}
		if err := os.WriteFile(live+suffix, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return live, svc, clock
}

func TestService_KeepBeforeRecovery(t *testing.T) {
	ctx := context.Background()

	// The file and its log are kept as they are, and survive far more than
	// KeepNewest newer backups and KeepDays days.
	t.Run("ByteForByteAndKept", func(t *testing.T) {
		live, svc, clock := withDamagedWAL(t)
		if !nonEmptyFile(t, live+"-wal") {
			t.Fatal("the live database has no write-ahead log: nothing would test the copy of it")
		}
		sums := []string{fileSum(t, live), fileSum(t, live+"-wal")}
		kept, err := svc.KeepBeforeRecovery(ctx, live)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := filepath.Base(kept.Path), "bridgelog-20261122T181500Z-before-recovery.db"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		if kept.Reason != backup.ReasonBeforeRecovery || kept.Counted || kept.Size != int64(len(mustRead(t, live))) {
			t.Errorf("got %+v, want an uncounted before-recovery copy of the file's size", kept)
		}
		for i, suffix := range []string{"", "-wal"} {
			if got, want := fileSum(t, live+suffix), sums[i]; got != want {
				t.Errorf("the live %s changed", "file"+suffix)
			}
			if got, want := fileSum(t, kept.Path+suffix), sums[i]; got != want {
				t.Errorf("got a copy of the %s that differs from it", "file"+suffix)
			}
		}

		// Thirty-five newer backups over forty days of a growing database.
		db := sqlitetest.OpenAt(t, filepath.Join(filepath.Dir(live), "next.db"), clock)
		svc = backup.New(db, svc.Dir, clock)
		inc := MustCreateIncident(t, db, "Login slow")
		for i := range 35 {
			clock.Advance(27 * time.Hour)
			MustCreateEntry(t, db, inc.ID, fmt.Sprintf("note %d", i))
			if _, err := svc.Create(ctx, backup.ReasonPeriodic); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.Prune(ctx); err != nil {
				t.Fatal(err)
			}
		}
		for i, suffix := range []string{"", "-wal"} {
			if got, want := fileSum(t, kept.Path+suffix), sums[i]; got != want {
				t.Errorf("after 35 newer backups: got %s for the kept %s, want %s", got, "file"+suffix, want)
			}
		}
		if got, want := len(dirNames(t, svc.Dir)), 3+backup.KeepNewest; got < want {
			t.Errorf("got %d files, want at least %d: the copy, its log, the first backup of a database, and the newest %d",
				got, want, backup.KeepNewest)
		}
	})

	t.Run("NothingToKeep", func(t *testing.T) {
		_, svc, _ := MustOpenDB(t)
		kept, err := svc.KeepBeforeRecovery(ctx, filepath.Join(t.TempDir(), "missing.db"))
		if err != nil || kept != (backup.Backup{}) {
			t.Errorf("got %+v, %v; want nothing kept and no error", kept, err)
		}
		if _, err := os.Stat(svc.Dir); !os.IsNotExist(err) {
			t.Errorf("got %v for the backup folder, want it not made", err)
		}
	})

	t.Run("ErrCannotKeep", func(t *testing.T) {
		live, _, clock := withDamagedWAL(t)
		blocker := filepath.Join(t.TempDir(), "a-file")
		if err := os.WriteFile(blocker, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		svc := backup.New(nil, filepath.Join(blocker, "bridgelog-backups"), clock)
		sum := fileSum(t, live+"-wal")
		_, err := svc.KeepBeforeRecovery(ctx, live)
		wantError(t, err, backend.EINTERNAL, "could not keep a copy of the database before recovering it")
		if got := fileSum(t, live+"-wal"); got != sum {
			t.Error("the live write-ahead log changed")
		}
	})
}

// A restore over a file with a write-ahead log keeps the log as it was,
// junk included: frames SQLite stops reading at may still hold notes.
func TestService_RestoreKeepsTheLogAside(t *testing.T) {
	ctx := context.Background()
	live, svc, clock := withDamagedWAL(t)
	db := sqlitetest.OpenAt(t, filepath.Join(t.TempDir(), "other.db"), clock)
	MustCreateIncident(t, db, "A: checkout errors")
	a, err := backup.New(db, svc.Dir, clock).Create(ctx, backup.ReasonManual)
	if err != nil {
		t.Fatal(err)
	}
	sums := []string{fileSum(t, live), fileSum(t, live+"-wal")}
	clock.Advance(time.Minute)
	before, err := svc.Restore(ctx, a.Path, live)
	if err != nil {
		t.Fatal(err)
	}
	for i, suffix := range []string{"", "-wal"} {
		if got, want := fileSum(t, before.Path+suffix), sums[i]; got != want {
			t.Errorf("got a before-restore %s that differs from the one replaced", "file"+suffix)
		}
	}
	if got, want := titles(t, live), []string{"A: checkout errors"}; !slices.Equal(got, want) {
		t.Errorf("got incidents %q after the restore, want %q", got, want)
	}
	if got, want := count(t, before.Path, "entries"), 21; got != want {
		t.Errorf("got %d entries readable from the before-restore copy, want %d", got, want)
	}
}

func mustRead(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func nonEmptyFile(tb testing.TB, path string) bool {
	tb.Helper()
	fi, err := os.Stat(path)
	return err == nil && fi.Size() > 0
}
