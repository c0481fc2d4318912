package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// TestSideFiles checks the list against the files SQLite really makes beside
// a database: the write-ahead log and its index while Bridgelog's database is
// open, and the rollback journal while a transaction in rollback mode is.
func TestSideFiles(t *testing.T) {
	t.Run("WALMode", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		MustCreateIncident(t, db, "EU logins failing", backend.SEV2)
		got := besideFiles(t, db.Path)
		for _, want := range []string{"-wal", "-shm"} {
			if !slices.Contains(got, want) {
				t.Errorf("files beside the open database: got %v, want %s among them", got, want)
			}
		}
		for _, suffix := range got {
			if !slices.Contains(sqlite.SideFiles(), suffix) {
				t.Errorf("SQLite made %s beside the database; SideFiles %v lacks it", suffix, sqlite.SideFiles())
			}
		}
	})

	t.Run("RollbackJournal", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "rollback.db")
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(DELETE)")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		db.SetMaxOpenConns(1)
		if _, err := db.Exec(`CREATE TABLE t (x TEXT)`); err != nil {
			t.Fatal(err)
		}
		tx, err := db.BeginTx(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if _, err := tx.Exec(`INSERT INTO t VALUES ('a note')`); err != nil {
			t.Fatal(err)
		}
		got := besideFiles(t, path)
		if !slices.Equal(got, []string{"-journal"}) {
			t.Fatalf("files beside the database mid-transaction: got %v, want [-journal]", got)
		}
		if !slices.Contains(sqlite.SideFiles(), "-journal") {
			t.Errorf("SideFiles %v lacks -journal", sqlite.SideFiles())
		}
	})

	t.Run("WALFirst", func(t *testing.T) {
		if got, want := sqlite.SideFiles()[0], "-wal"; got != want {
			t.Errorf("first side file: got %s, want %s", got, want)
		}
	})

	t.Run("EachCallOwnsItsList", func(t *testing.T) {
		sqlite.SideFiles()[0] = "-changed"
		if got, want := sqlite.SideFiles()[0], "-wal"; got != want {
			t.Errorf("after a caller changed its copy: got %s, want %s", got, want)
		}
	})
}

// besideFiles lists the suffixes of the files whose names extend path's, sorted.
func besideFiles(tb testing.TB, path string) []string {
	tb.Helper()
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		tb.Fatal(err)
	}
	var suffixes []string
	for _, e := range entries {
		if s, ok := strings.CutPrefix(e.Name(), filepath.Base(path)); ok && s != "" {
			suffixes = append(suffixes, s)
		}
	}
	slices.Sort(suffixes)
	return suffixes
}
