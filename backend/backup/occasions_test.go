package backup_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"bridgelog/backend/backup"
)

func TestService_CreateAndPrune(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db, svc, _ := MustOpenDB(t)
		MustCreateIncident(t, db, "A: checkout errors")
		made, err := svc.CreateAndPrune(ctx, backup.ReasonManual)
		if err != nil {
			t.Fatal(err)
		}
		if made.Reason != backup.ReasonManual || made.Incidents != 1 || made.Path == "" {
			t.Errorf("got %+v, want a manual backup holding 1 incident", made)
		}
	})

	// Old copies are thinned out as the new one is made, and the new one
	// stays.
	t.Run("Thins", func(t *testing.T) {
		db, svc, clock := MustOpenDB(t)
		MustCreateIncident(t, db, "A: checkout errors")
		clock.Advance(-60 * 24 * time.Hour) // long before the KeepDays window
		for range backup.KeepNewest + 2 {
			clock.Advance(time.Minute)
			if _, err := svc.Create(ctx, backup.ReasonPeriodic); err != nil {
				t.Fatal(err)
			}
		}
		clock.T = t0
		made, err := svc.CreateAndPrune(ctx, backup.ReasonManual)
		if err != nil {
			t.Fatal(err)
		}
		names := dirNames(t, svc.Dir)
		if got, want := len(names), backup.KeepNewest; got != want {
			t.Errorf("got %d backups after the prune, want the newest %d", got, want)
		}
		if !slices.Contains(names, filepath.Base(made.Path)) {
			t.Errorf("the new backup %s is gone: %v", made.Path, names)
		}
	})

	t.Run("ErrUnknownReason", func(t *testing.T) {
		_, svc, _ := MustOpenDB(t)
		if _, err := svc.CreateAndPrune(ctx, "whenever"); err == nil {
			t.Error("a backup with an unknown reason was made")
		}
	})
}

func TestService_BackupOnQuit(t *testing.T) {
	ctx := context.Background()

	t.Run("OnlyWhenChanged", func(t *testing.T) {
		db, svc, clock := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "A: checkout errors")
		first, err := svc.BackupOnQuit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if first.Reason != backup.ReasonQuit {
			t.Fatalf("first quit: got %+v, want a quit backup", first)
		}
		clock.Advance(time.Minute)
		again, err := svc.BackupOnQuit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if again.Path != "" {
			t.Errorf("quit with nothing written since: got %s, want no backup", again.Path)
		}
		MustCreateEntry(t, db, inc.ID, "tl: logins fail for eu-west")
		clock.Advance(time.Minute)
		after, err := svc.BackupOnQuit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if after.Path == "" || after.Path == first.Path {
			t.Errorf("quit after a write: got %q, want a new backup", after.Path)
		}
		if got, want := len(dirNames(t, svc.Dir)), 2; got != want {
			t.Errorf("got %d backups, want %d", got, want)
		}
	})

	// Any backup this Service made counts, not only quit backups: the quit
	// after a periodic copy of an unchanged database adds nothing.
	t.Run("AfterAnotherBackup", func(t *testing.T) {
		db, svc, clock := MustOpenDB(t)
		MustCreateIncident(t, db, "A: checkout errors")
		if _, err := svc.Create(ctx, backup.ReasonPeriodic); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Minute)
		got, err := svc.BackupOnQuit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got.Path != "" {
			t.Errorf("got %s, want no quit backup of an unchanged database", got.Path)
		}
	})

	t.Run("Thins", func(t *testing.T) {
		db, svc, clock := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "A: checkout errors")
		clock.Advance(-60 * 24 * time.Hour)
		for range backup.KeepNewest + 2 {
			clock.Advance(time.Minute)
			if _, err := svc.Create(ctx, backup.ReasonPeriodic); err != nil {
				t.Fatal(err)
			}
		}
		clock.T = t0
		MustCreateEntry(t, db, inc.ID, "tl: logins fail for eu-west")
		if _, err := svc.BackupOnQuit(ctx); err != nil {
			t.Fatal(err)
		}
		if got, want := len(dirNames(t, svc.Dir)), backup.KeepNewest; got != want {
			t.Errorf("got %d backups after quitting, want the newest %d", got, want)
		}
	})
}
