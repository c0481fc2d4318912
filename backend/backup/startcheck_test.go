package backup_test

import (
	"context"
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

// withBackups makes a database whose backups hold one incident with two
// entries (a manual backup), closes it, and returns its path, its backup
// Service (no database open) and the clock.
func withBackups(t *testing.T) (string, *backup.Service) {
	t.Helper()
	db, s, clock := MustOpenDB(t)
	inc := MustCreateIncident(t, db, "EU logins failing")
	MustCreateEntry(t, db, inc.ID, "paged the identity team")
	if _, err := s.Create(context.Background(), backup.ReasonManual); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Minute)
	return db.Path, backup.New(nil, s.Dir, clock)
}

// removeDB removes the database file and its side files.
func removeDB(t *testing.T, path string) {
	t.Helper()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
}

// emptyDatabase puts a valid database with no incidents at path.
func emptyDatabase(t *testing.T, path string) {
	t.Helper()
	removeDB(t, path)
	db := sqlitetest.OpenAt(t, path, nil)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestCheckStart(t *testing.T) {
	ctx := context.Background()

	for _, tt := range []struct {
		name   string
		make   func(t *testing.T, path string)
		status sqlite.HealthStatus
		text   string
	}{
		{"Missing", func(t *testing.T, path string) { removeDB(t, path) }, sqlite.HealthMissing, "There is no database file at "},
		{"Empty", func(t *testing.T, path string) {
			removeDB(t, path)
			if err := os.WriteFile(path, nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}, sqlite.HealthEmpty, "is empty"},
		{"Replaced", emptyDatabase, sqlite.HealthReplaced, "holds no incidents"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path, _ := withBackups(t)
			tt.make(t, path)
			h := backup.CheckStart(ctx, path)
			if got, want := h.Status, tt.status; got != want {
				t.Fatalf("got status %q (%s), want %q", got, h.Message, want)
			}
			if h.OK() {
				t.Error("got OK() for a database that lost its incidents")
			}
			for _, s := range []string{tt.text, path, sqlite.BackupDir(path), "holds 1 incident and 2 timeline entries",
				"restore that backup", "start with an empty database", "Nothing has been opened or changed"} {
				if !strings.Contains(h.Message, s) {
					t.Errorf("got message %q, want it to contain %q", h.Message, s)
				}
			}
		})
	}

	t.Run("OKWithIncidents", func(t *testing.T) {
		path, _ := withBackups(t)
		h := backup.CheckStart(ctx, path)
		if !h.OK() || h.Incidents != 1 {
			t.Errorf("got %+v, want OK with 1 incident", h)
		}
	})

	t.Run("OKNoBackups", func(t *testing.T) {
		for _, path := range []string{filepath.Join(t.TempDir(), "new.db"), filepath.Join(t.TempDir(), "deep", "new.db")} {
			if h := backup.CheckStart(ctx, path); !h.OK() {
				t.Errorf("%s: got %+v, want OK: a first start", path, h)
			}
		}
	})

	t.Run("OKNewestBackupHasNoIncidents", func(t *testing.T) {
		path, _ := withBackups(t)
		emptyDatabase(t, path)
		db := sqlitetest.OpenAt(t, path, nil)
		clock := &backend.FixedClock{T: t0.Add(time.Hour)}
		if _, err := backup.New(db, sqlite.BackupDir(path), clock).Create(ctx, backup.ReasonQuit); err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		if h := backup.CheckStart(ctx, path); !h.OK() {
			t.Errorf("got %+v, want OK: the newest backup is as empty as the database", h)
		}
	})

	t.Run("DamagedNewestIsPassedOver", func(t *testing.T) {
		path, _ := withBackups(t)
		removeDB(t, path)
		junk := filepath.Join(sqlite.BackupDir(path), "bridgelog-20991231T235959Z-manual.db")
		if err := os.WriteFile(junk, []byte("not a database"), 0o600); err != nil {
			t.Fatal(err)
		}
		list, err := backup.New(nil, sqlite.BackupDir(path), nil).List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].Path != junk || list[0].Problem == "" {
			t.Fatalf("got backups %+v, want the damaged one listed first, with its problem", list)
		}
		h := backup.CheckStart(ctx, path)
		if got, want := h.Status, sqlite.HealthMissing; got != want {
			t.Fatalf("got status %q, want %q", got, want)
		}
		if strings.Contains(h.Detail, filepath.Base(junk)) {
			t.Errorf("got detail %q, want the newest good backup, not the damaged one", h.Detail)
		}
	})

	t.Run("StartEmpty", func(t *testing.T) {
		path, s := withBackups(t)
		removeDB(t, path)
		if err := s.StartEmpty(ctx); err != nil {
			t.Fatal(err)
		}
		if h := backup.CheckStart(ctx, path); !h.OK() {
			t.Fatalf("got %+v after choosing to start empty, want OK", h)
		}
		list, err := s.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(list), 1; got != want {
			t.Errorf("got %d backups after starting empty, want %d (untouched)", got, want)
		}

		// A newer backup with incidents is a new question.
		db := sqlitetest.OpenAt(t, filepath.Join(t.TempDir(), "other.db"), nil)
		MustCreateIncident(t, db, "Payments down")
		newer := filepath.Join(s.Dir, "bridgelog-20991231T235959Z-manual.db")
		if err := db.BackupTo(ctx, newer); err != nil {
			t.Fatal(err)
		}
		if h := backup.CheckStart(ctx, path); h.Status != sqlite.HealthMissing {
			t.Errorf("got %+v with a newer backup, want %q", h, sqlite.HealthMissing)
		}
	})

	t.Run("LocationComesFirst", func(t *testing.T) {
		path, _ := withBackups(t)
		removeDB(t, path)
		if err := os.Mkdir(path, 0o700); err != nil {
			t.Fatal(err)
		}
		if h := backup.CheckStart(ctx, path); h.Status != sqlite.HealthUnusable {
			t.Errorf("got %+v for a folder, want %q", h, sqlite.HealthUnusable)
		}
	})

	t.Run("DamagedLogComesFirst", func(t *testing.T) {
		path, _ := withBackups(t)
		if err := os.WriteFile(path+"-wal", []byte("a write-ahead log with a garbled header, and more"), 0o600); err != nil {
			t.Fatal(err)
		}
		if h := backup.CheckStart(ctx, path); h.Status != sqlite.HealthWALDamaged {
			t.Errorf("got %+v, want %q", h, sqlite.HealthWALDamaged)
		}
	})
}
