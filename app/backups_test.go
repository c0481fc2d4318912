package app_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"bridgelog/app"
	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/settings"
	"bridgelog/backend/sqlite"
	"bridgelog/backend/timeline"
)

// backupStore is a real database in a temporary folder with its backup service.
type backupStore struct {
	clock     *backend.FixedClock
	db        *sqlite.DB
	incidents backend.IncidentService
	scribe    *timeline.Service
	backups   *backup.Service
}

func mustBackupStore(tb testing.TB) *backupStore {
	tb.Helper()
	s := &backupStore{clock: &backend.FixedClock{T: declared}}
	w := wired(tb, s.clock)
	s.db, s.incidents, s.scribe, s.backups = w.DB, w.Incidents, w.Timeline, w.Backups
	return s
}

func (s *backupStore) incident(tb testing.TB, title string) *backend.Incident {
	tb.Helper()
	inc, err := s.incidents.CreateIncident(context.Background(), backend.IncidentCreate{Title: title, Severity: backend.SEV2, Author: "Priya"})
	if err != nil {
		tb.Fatal(err)
	}
	return inc
}

func (s *backupStore) add(tb testing.TB, incidentID int64, line string) {
	tb.Helper()
	s.clock.Advance(time.Minute)
	if _, err := s.scribe.Add(context.Background(), incidentID, line, time.Time{}, "Priya"); err != nil {
		tb.Fatalf("add %q: %v", line, err)
	}
}

// backupFiles lists the names in dir.
func backupFiles(tb testing.TB, dir string) []string {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		tb.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestBackups(t *testing.T) {
	t.Run("CreateAndList", func(t *testing.T) {
		s := mustBackupStore(t)
		s.incident(t, "EU logins failing")
		b := &app.Backups{Service: s.backups, Relaunch: &app.Relaunch{}}

		list, err := b.List()
		if err != nil {
			t.Fatal(err)
		} else if list == nil || len(list) != 0 {
			t.Fatalf("before any backup: got %#v, want an empty, non-nil list", list)
		}
		made, err := b.Create()
		if err != nil {
			t.Fatal(err)
		}
		if got, want := made.Reason, backup.ReasonManual; got != want {
			t.Errorf("reason: got %q, want %q", got, want)
		}
		if got, want := made.Incidents, 1; got != want {
			t.Errorf("incidents: got %d, want %d", got, want)
		}
		list, err = b.List()
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].Path != made.Path || list[0].Problem != "" || list[0].Size <= 0 {
			t.Fatalf("list: got %+v, want the one backup, healthy, with a size", list)
		}
		if got, want := filepath.Dir(made.Path), sqlite.BackupDir(s.db.Path); got != want {
			t.Errorf("folder: got %s, want %s", got, want)
		}
	})

	t.Run("RestoreClosesTheWindowForAfterwards", func(t *testing.T) {
		s := mustBackupStore(t)
		s.incident(t, "EU logins failing")
		relaunch := &app.Relaunch{}
		closed := 0
		b := &app.Backups{Service: s.backups, Relaunch: relaunch, CloseWindow: func() { closed++ }}
		made, err := b.Create()
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Restore(made.Path); err != nil {
			t.Fatal(err)
		}
		if closed != 1 {
			t.Errorf("window closed %d times, want 1", closed)
		}
		again, restore, _ := relaunch.Pending()
		if !again || restore != made.Path {
			t.Errorf("pending: got again=%v restore=%q, want true and %s", again, restore, made.Path)
		}
		// The window closed for the restore, which keeps the file aside itself:
		// no quit backup as well.
		s.clock.Advance(time.Minute)
		s.incident(t, "Written after the backup")
		if err := app.QuitBackup(s.backups, relaunch)(); err != nil {
			t.Fatal(err)
		}
		if got := backupFiles(t, s.backups.Dir); len(got) != 1 {
			t.Errorf("backups after quitting for a restore: got %v, want only the manual one", got)
		}
	})

	t.Run("ErrRestoreNotABackup", func(t *testing.T) {
		s := mustBackupStore(t)
		s.incident(t, "EU logins failing")
		relaunch := &app.Relaunch{}
		b := &app.Backups{Service: s.backups, Relaunch: relaunch, CloseWindow: func() { t.Error("window closed for a refused restore") }}
		made, err := b.Create()
		if err != nil {
			t.Fatal(err)
		}
		damaged := filepath.Join(s.backups.Dir, "bridgelog-20261121T140000Z-manual.db")
		if err := os.WriteFile(damaged, []byte("not a database at all, just text that is long enough to have a header of a hundred bytes, or nearly."), 0o600); err != nil {
			t.Fatal(err)
		}
		for name, path := range map[string]string{
			"outside the folder": s.db.Path,
			"missing":            filepath.Join(s.backups.Dir, "bridgelog-20261121T130000Z-manual.db"),
			"damaged":            damaged,
			"empty":              "",
		} {
			err := b.Restore(path)
			if err == nil {
				t.Errorf("%s: restore accepted", name)
				continue
			}
			if msg := backend.ErrorMessage(err); !strings.Contains(msg, "choose") {
				t.Errorf("%s: message %q does not say what to do", name, msg)
			}
		}
		if again, restore, _ := relaunch.Pending(); again || restore != "" {
			t.Errorf("after refused restores: got again=%v restore=%q, want nothing pending", again, restore)
		}
		if _, err := os.Stat(made.Path); err != nil {
			t.Errorf("the good backup: %v", err)
		}
	})
}

// TestQuitBackup checks the closer main gives the App: it makes the quit
// backup (the rule of when is backup.Service.BackupOnQuit's).
func TestQuitBackup(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		s := mustBackupStore(t)
		s.incident(t, "EU logins failing")
		if err := app.QuitBackup(s.backups, &app.Relaunch{})(); err != nil {
			t.Fatal(err)
		}
		if got := backupFiles(t, s.backups.Dir); len(got) != 1 || !strings.HasSuffix(got[0], "-quit.db") {
			t.Fatalf("got %v, want one quit backup", got)
		}
	})
}

// TestResolvedWatch checks that a resolution made through a binding reaches
// the watch main wires (the rule itself is backup.ResolvedWatch's).
func TestResolvedWatch(t *testing.T) {
	t.Run("HeaderDialog", func(t *testing.T) {
		s := mustBackupStore(t)
		requests := 0
		w := &app.ResolvedWatch{Unresolved: app.Unresolved(sqlite.NewCallService(s.db)), Resolved: func() { requests++ }}
		inc := s.incident(t, "EU logins failing")
		if err := w.Prime(context.Background()); err != nil {
			t.Fatal(err)
		}
		s.clock.Advance(time.Minute)
		b := &app.Incidents{Store: s.incidents, Timeline: s.scribe, Settings: &settings.Store{Path: filepath.Join(t.TempDir(), "settings.json")}, Changed: w.Changed}
		if _, err := b.Update(inc.ID, app.HeaderUpdate{Phase: "resolved"}); err != nil {
			t.Fatal(err)
		}
		if requests != 1 {
			t.Errorf("resolved in the header: %d backup requests, want 1", requests)
		}
	})
}

// TestBackupLoopInApp checks the wiring main uses: the App starts the backup
// loop, a resolution reaches it, and Shutdown stops it before the closers.
func TestBackupLoopInApp(t *testing.T) {
	s := mustBackupStore(t)
	inc := s.incident(t, "EU logins failing")
	loop := backup.NewLoop(s.backups, func(context.Context) (bool, error) { return false, nil })
	made := make(chan backup.Backup, 4)
	loop.OnBackup = func(b backup.Backup) { made <- b }
	loop.OnError = func(err error) { t.Errorf("backup loop: %v", err) }
	var order []string
	a := app.New(func() error { order = append(order, "quit backup"); return nil })
	a.BackupLoop = loop
	w := &app.ResolvedWatch{Unresolved: app.Unresolved(sqlite.NewCallService(s.db)), Resolved: func() { loop.Request(backup.ReasonResolved) }}
	if err := w.Prime(context.Background()); err != nil {
		t.Fatal(err)
	}
	a.Startup(context.Background())
	s.add(t, inc.ID, "phase: resolved")
	w.Changed(inc.ID)
	select {
	case b := <-made:
		if b.Reason != backup.ReasonResolved {
			t.Errorf("reason: got %q, want %q", b.Reason, backup.ReasonResolved)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no backup after the incident was resolved")
	}
	a.Shutdown(context.Background())
	if !slices.Equal(order, []string{"quit backup"}) {
		t.Errorf("closers: got %v", order)
	}
	loop.Request(backup.ReasonResolved) // after Close: nothing runs
	select {
	case b := <-made:
		t.Errorf("backup after Shutdown: %+v", b)
	case <-time.After(200 * time.Millisecond):
	}
}
