package backup_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/sqlite"
	"bridgelog/backend/sqlite/sqlitetest"
)

// loopDB opens a database in a bubble, whose clock starts at 2000-01-01 00:00
// UTC and moves only when every goroutine in it waits. It returns the loop's
// "active" as the app wires it: an incident is live until resolved.
func loopDB(t *testing.T) (*sqlite.DB, *backup.Service, func(context.Context) (bool, error)) {
	t.Helper()
	clock := backend.SystemClock{} // time.Now is the bubble's clock
	db := sqlitetest.OpenAt(t, filepath.Join(t.TempDir(), "bridgelog.db"), clock)
	calls := sqlite.NewCallService(db)
	active := func(ctx context.Context) (bool, error) {
		ids, err := backup.UnresolvedIncidents(ctx, calls)
		return len(ids) > 0, err
	}
	return db, backup.New(db, sqlite.BackupDir(db.Path), clock), active
}

// note stores a line dated now on the bubble's clock.
func note(t *testing.T, db *sqlite.DB, incidentID int64, line string) {
	t.Helper()
	_, err := sqlite.NewEntryService(db).CreateEntry(context.Background(), backend.EntryCreate{
		IncidentID: incidentID, Line: backend.Parse(line), OccurredAt: backend.SystemClock{}.Now(), Author: "Sam", AuthorRole: backend.RoleScribe,
	})
	if err != nil {
		t.Fatalf("create entry %q: %v", line, err)
	}
}

// names lists the backups in the service's folder, oldest first.
func names(t *testing.T, svc *backup.Service) []string {
	t.Helper()
	list, err := svc.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, b := range slices.Backward(list) {
		out = append(out, strings.TrimPrefix(filepath.Base(b.Path), "bridgelog-20000101T"))
	}
	return out
}

func TestLoop(t *testing.T) {
	t.Run("EveryTenMinutesWhileLiveAndChanged", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			db, svc, active := loopDB(t)
			loop := backup.NewLoop(svc, active)
			loop.OnError = func(err error) { t.Errorf("loop error: %v", err) }
			var made []backup.Backup
			loop.OnBackup = func(b backup.Backup) { made = append(made, b) }
			loop.Start(t.Context())
			defer loop.Close()

			// No incident yet: nothing to protect.
			time.Sleep(10*time.Minute + time.Second)
			synctest.Wait()
			if got := names(t, svc); len(got) != 0 {
				t.Fatalf("got backups %q with no incident, want none", got)
			}

			inc := MustCreateIncident(t, db, "Checkout errors")
			time.Sleep(10 * time.Minute)
			synctest.Wait()
			if got, want := names(t, svc), []string{"002000Z-1e-1i-periodic.db"}; !slices.Equal(got, want) {
				t.Fatalf("got backups %q, want %q", got, want)
			}
			if got, want := len(made), 1; got != want || made[0].Incidents != 1 {
				t.Errorf("got OnBackup %+v, want one backup of 1 incident", made)
			}

			// Nothing written since: no copy of the same bytes.
			time.Sleep(10 * time.Minute)
			synctest.Wait()
			if got, want := names(t, svc), []string{"002000Z-1e-1i-periodic.db"}; !slices.Equal(got, want) {
				t.Fatalf("got backups %q after a quiet interval, want %q", got, want)
			}

			note(t, db, inc.ID, "paged the database team")
			time.Sleep(9 * time.Minute)
			synctest.Wait()
			if got, want := len(names(t, svc)), 1; got != want {
				t.Fatalf("got %d backups before the interval ended, want %d", got, want)
			}
			time.Sleep(time.Minute)
			synctest.Wait()
			if got, want := names(t, svc), []string{"002000Z-1e-1i-periodic.db", "004000Z-2e-1i-periodic.db"}; !slices.Equal(got, want) {
				t.Fatalf("got backups %q, want %q", got, want)
			}

			// Resolved: the loop stops copying.
			note(t, db, inc.ID, "phase: resolved")
			time.Sleep(30 * time.Minute)
			synctest.Wait()
			if got, want := len(names(t, svc)), 2; got != want {
				t.Fatalf("got %d backups after the incident was resolved, want %d", got, want)
			}
		})
	})

	t.Run("Request", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			db, svc, active := loopDB(t)
			inc := MustCreateIncident(t, db, "Checkout errors")
			loop := backup.NewLoop(svc, active)
			loop.OnError = func(err error) { t.Errorf("loop error: %v", err) }
			// Asked twice before the loop runs: made once, in the order asked.
			loop.Request(backup.ReasonResolved)
			loop.Request(backup.ReasonManual)
			loop.Request(backup.ReasonResolved)
			loop.Start(t.Context())
			defer loop.Close()
			synctest.Wait()
			if got, want := names(t, svc), []string{"000000Z-1e-1i-resolved.db", "000000Z-1e-1i-manual-2.db"}; !slices.Equal(got, want) {
				t.Fatalf("got backups %q, want %q at once", got, want)
			}

			// A request does not move the periodic schedule.
			time.Sleep(5 * time.Minute)
			loop.Request(backup.ReasonResolved)
			synctest.Wait()
			note(t, db, inc.ID, "paged the database team")
			time.Sleep(5 * time.Minute)
			synctest.Wait()
			if got, want := names(t, svc), []string{"000000Z-1e-1i-resolved.db", "000000Z-1e-1i-manual-2.db", "000500Z-1e-1i-resolved.db", "001000Z-2e-1i-periodic.db"}; !slices.Equal(got, want) {
				t.Fatalf("got backups %q, want %q", got, want)
			}
		})
	})

	t.Run("Prunes", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			db, svc, active := loopDB(t)
			inc := MustCreateIncident(t, db, "Checkout errors")
			loop := backup.NewLoop(svc, active)
			loop.Every = time.Minute
			loop.Start(t.Context())
			defer loop.Close()
			for i := range backup.KeepNewest + 3 {
				note(t, db, inc.ID, "note")
				time.Sleep(time.Minute)
				synctest.Wait()
				if got, want := len(names(t, svc)), min(i+1, backup.KeepNewest); got != want {
					t.Fatalf("got %d backups after %d minutes, want %d", got, i+1, want)
				}
			}
		})
	})

	t.Run("ErrorsReportedAndRetried", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			db, svc, active := loopDB(t)
			MustCreateIncident(t, db, "Checkout errors")
			var mu sync.Mutex
			var errs []error
			loop := backup.NewLoop(svc, active)
			loop.OnError = func(err error) { mu.Lock(); errs = append(errs, err); mu.Unlock() }
			loop.Start(t.Context())
			defer loop.Close()
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(20*time.Minute + time.Second)
			synctest.Wait()
			mu.Lock()
			defer mu.Unlock()
			if got, want := len(errs), 2; got != want {
				t.Fatalf("got %d errors %v, want %d (one per interval)", got, errs, want)
			}
			if !strings.Contains(errs[0].Error(), "database is closed") {
				t.Errorf("got error %q, want the closed database's", errs[0])
			}
		})
	})

	t.Run("CloseWaits", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			_, svc, active := loopDB(t)
			loop := backup.NewLoop(svc, active)
			if err := loop.Close(); err != nil { // never started
				t.Fatal(err)
			}
			loop.Start(t.Context())
			loop.Start(t.Context()) // a second start does nothing
			if err := loop.Close(); err != nil {
				t.Fatal(err)
			}
			if err := loop.Close(); err != nil {
				t.Fatal(err)
			}
			// synctest.Test fails if the loop's goroutine were still running.
		})
	})
}
