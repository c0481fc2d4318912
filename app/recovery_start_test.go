//go:build unix

package app_test

import (
	"context"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"bridgelog/app"
	"bridgelog/backend/backup"
	"bridgelog/backend/sqlite"
)

// lostDatabase makes a database with one incident and a backup of it, closes
// it, lets change do something to the file, and returns the recovery binding
// main would build after backup.CheckStart.
func lostDatabase(t *testing.T, change func(t *testing.T, path string)) (*app.Recovery, *app.Relaunch) {
	t.Helper()
	s := mustBackupStore(t)
	s.incident(t, "EU logins failing")
	if _, err := s.backups.Create(context.Background(), backup.ReasonManual); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Close(); err != nil {
		t.Fatal(err)
	}
	change(t, s.db.Path)
	s.clock.Advance(time.Minute)
	relaunch := &app.Relaunch{}
	return &app.Recovery{Path: s.db.Path, Health: backup.CheckStart(context.Background(), s.db.Path),
		Backups: backup.New(nil, sqlite.BackupDir(s.db.Path), s.clock), Relaunch: relaunch, Clock: s.clock}, relaunch
}

func deleteFile(t *testing.T, path string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}

func replaceWithEmpty(t *testing.T, path string) {
	t.Helper()
	deleteFile(t, path)
	db := sqlite.NewDB(path, nil)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestRecovery_LostDatabase(t *testing.T) {
	ctx := context.Background()

	t.Run("Problem", func(t *testing.T) {
		r, _ := lostDatabase(t, deleteFile)
		p, err := r.Problem()
		if err != nil {
			t.Fatal(err)
		} else if p == nil {
			t.Fatal("no problem for a deleted database with backups beside it")
		}
		if got, want := p.Status, string(sqlite.HealthMissing); got != want {
			t.Errorf("got status %q, want %q", got, want)
		}
		if !p.CanRestore || !p.CanStartEmpty || p.CanMoveAside || p.CanRecover || p.Log != nil {
			t.Errorf("got offers %+v, want restore and start empty", p)
		}
		if len(p.Backups) != 1 || p.Backups[0].Incidents != 1 {
			t.Errorf("got backups %+v, want the one with 1 incident", p.Backups)
		}
	})

	t.Run("RestoreLatest", func(t *testing.T) {
		r, relaunch := lostDatabase(t, deleteFile)
		if err := r.RestoreLatest(); err != nil {
			t.Fatal(err)
		}
		if h := backup.CheckStart(ctx, r.Path); !h.OK() || h.Incidents != 1 {
			t.Errorf("the next start: got %+v, want the restored incident", h)
		}
		if again, _, notice := relaunch.Pending(); !again || !strings.HasPrefix(notice, "Restored the backup from ") {
			t.Errorf("got again=%v notice=%q", again, notice)
		}
	})

	t.Run("StartEmpty", func(t *testing.T) {
		for _, change := range []func(*testing.T, string){deleteFile, replaceWithEmpty} {
			r, relaunch := lostDatabase(t, change)
			if r.Health.OK() {
				t.Fatalf("got %+v, want a problem", r.Health)
			}
			if err := r.StartEmpty(); err != nil {
				t.Fatal(err)
			}
			if h := backup.CheckStart(ctx, r.Path); !h.OK() || h.Incidents != 0 {
				t.Errorf("the next start: got %+v, want an empty database let through", h)
			}
			if again, restore, notice := relaunch.Pending(); !again || restore != "" || !strings.Contains(notice, "Started with an empty database") {
				t.Errorf("got again=%v restore=%q notice=%q", again, restore, notice)
			}
			if list, err := r.Backups.List(ctx); err != nil || len(list) != 1 {
				t.Errorf("got backups %v, %v; want the one backup untouched", list, err)
			}
		}
	})

	t.Run("RestoreOverReplacedKeepsIt", func(t *testing.T) {
		r, _ := lostDatabase(t, replaceWithEmpty)
		if got, want := r.Health.Status, sqlite.HealthReplaced; got != want {
			t.Fatalf("got status %q, want %q", got, want)
		}
		if err := r.RestoreLatest(); err != nil {
			t.Fatal(err)
		}
		list, err := r.Backups.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].Reason != backup.ReasonBeforeRestore {
			t.Errorf("got backups %+v, want the replacing file kept as a before-restore backup", list)
		}
	})
}

func TestRecovery_UnusableLocation(t *testing.T) {
	s := mustBackupStore(t)
	if err := s.db.Close(); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(s.db.Path + suffix)
	}
	if err := syscall.Mkfifo(s.db.Path, 0o600); err != nil {
		t.Fatal(err)
	}
	relaunch := &app.Relaunch{}
	r := &app.Recovery{Path: s.db.Path, Health: backup.CheckStart(context.Background(), s.db.Path),
		Backups: backup.New(nil, sqlite.BackupDir(s.db.Path), s.clock), Relaunch: relaunch, Clock: s.clock}
	p, err := r.Problem()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Status, string(sqlite.HealthUnusable); got != want {
		t.Fatalf("got status %q, want %q", got, want)
	}
	for _, s := range []string{s.db.Path, "named pipe", "--db"} {
		if !strings.Contains(p.Message, s) {
			t.Errorf("got message %q, want it to contain %q", p.Message, s)
		}
	}
	if !p.CanRetry || p.CanRestore || p.CanMoveAside || p.CanStartEmpty || p.CanRecover {
		t.Errorf("got offers %+v, want only to check again", p)
	}
	if fi, err := os.Lstat(s.db.Path); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe: %v, %v; want it left as it was", fi, err)
	}
}
