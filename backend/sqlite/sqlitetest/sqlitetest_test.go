package sqlitetest_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
	"bridgelog/backend/sqlite/sqlitetest"
)

func TestOpen(t *testing.T) {
	clock := &backend.FixedClock{T: time.Date(2026, 11, 21, 14, 0, 0, 0, time.UTC)}
	t.Run("OK", func(t *testing.T) {
		db := sqlitetest.Open(t, clock)
		if got, want := filepath.Base(db.Path), "bridgelog.db"; got != want {
			t.Errorf("file: got %s, want %s", got, want)
		}
		if list, err := sqlite.NewIncidentService(db).ListIncidents(context.Background()); err != nil || len(list) != 0 {
			t.Errorf("a new database: got %d incidents, %v; want none", len(list), err)
		}
	})
	// The file outlives the subtest that opens it, so what closing it did
	// can be seen.
	path := filepath.Join(t.TempDir(), "kept.db")
	t.Run("OpenAt", func(t *testing.T) {
		db := sqlitetest.OpenAt(t, path, clock)
		inc, err := sqlite.NewIncidentService(db).CreateIncident(context.Background(),
			backend.IncidentCreate{Title: "EU logins failing", Severity: backend.SEV2, Author: "Sam"})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := inc.DeclaredAt, clock.T; !got.Equal(want) {
			t.Errorf("declared: got %s, want the clock's %s", got, want)
		}
	})
	// Closing at the end of the test checkpointed the log into the file and
	// removed it, which only a closed database does.
	t.Run("ClosedWhenTheTestEnds", func(t *testing.T) {
		if _, err := os.Stat(path + "-wal"); !os.IsNotExist(err) {
			t.Errorf("%s-wal after the test: got %v, want it gone with the database closed", path, err)
		}
		if h := sqlite.CheckFile(path); !h.OK() || h.Incidents != 1 {
			t.Errorf("the file after the test: got %+v, want a healthy database with 1 incident", h)
		}
	})
	t.Run("ClosedTwice", func(t *testing.T) {
		db := sqlitetest.OpenAt(t, filepath.Join(t.TempDir(), "early.db"), clock)
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	})
}
