package app_test

import (
	"path/filepath"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/settings"
	"bridgelog/backend/sqlite/sqlitetest"
	"bridgelog/backend/wire"
)

// wired opens a database in a temporary folder and builds the backend's
// services over it as main.go does (wire.New), in UTC, with the settings
// of a scribe named Priya. The database closes when the test ends.
func wired(tb testing.TB, clock backend.Clock) *wire.Services {
	tb.Helper()
	return wiredAt(tb, filepath.Join(tb.TempDir(), "bridgelog.db"), clock)
}

// wiredAt is wired on the database at path.
func wiredAt(tb testing.TB, path string, clock backend.Clock) *wire.Services {
	tb.Helper()
	db := sqlitetest.OpenAt(tb, path, clock)
	prefs := &settings.Store{Path: filepath.Join(tb.TempDir(), "settings.json"), Defaults: settings.Settings{ScribeName: "Priya"}}
	return wire.New(db, wire.Config{Clock: clock, Location: time.UTC, Settings: prefs})
}
