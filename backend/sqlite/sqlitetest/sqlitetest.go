// Package sqlitetest opens real Bridgelog databases for the tests of other
// packages, so that every package tests against a file SQLite wrote rather
// than a stand-in, and none keeps its own copy of how to open and close one.
package sqlitetest

import (
	"path/filepath"
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// Open opens a new database, bridgelog.db in a temporary folder of its own,
// whose transactions are stamped by clock, and closes it when the test ends.
func Open(tb testing.TB, clock backend.Clock) *sqlite.DB {
	tb.Helper()
	return OpenAt(tb, filepath.Join(tb.TempDir(), "bridgelog.db"), clock)
}

// OpenAt opens the database at path (creating it if there is none) and closes
// it when the test ends. A test may close it earlier itself, to copy or damage
// the file; closing it again is then harmless.
func OpenAt(tb testing.TB, path string, clock backend.Clock) *sqlite.DB {
	tb.Helper()
	db := sqlite.NewDB(path, clock)
	if err := db.Open(); err != nil {
		tb.Fatalf("open %s: %v", path, err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close %s: %v", path, err)
		}
	})
	return db
}
