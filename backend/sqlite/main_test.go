package sqlite_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// t0 is the fixed "now" every test starts at.
var t0 = time.Date(2026, 11, 21, 14, 0, 0, 0, time.UTC)

// MustOpenDB opens a new database file in a temporary folder with a clock pinned
// to t0, and closes it when the test ends.
func MustOpenDB(tb testing.TB) (*sqlite.DB, *backend.FixedClock) {
	tb.Helper()
	clock := &backend.FixedClock{T: t0}
	return MustOpenDBAt(tb, filepath.Join(tb.TempDir(), "bridgelog.db"), clock), clock
}

// MustOpenDBAt opens the database at path, closing it when the test ends.
func MustOpenDBAt(tb testing.TB, path string, clock backend.Clock) *sqlite.DB {
	tb.Helper()
	db := sqlite.NewDB(path, clock)
	if err := db.Open(); err != nil {
		tb.Fatalf("open %s: %v", path, err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("close: %v", err)
		}
	})
	return db
}

// MustCreateIncident starts an incident declared at the clock's now.
func MustCreateIncident(tb testing.TB, db *sqlite.DB, title string, sev backend.Severity) *backend.Incident {
	tb.Helper()
	inc, err := sqlite.NewIncidentService(db).CreateIncident(context.Background(),
		backend.IncidentCreate{Title: title, Severity: sev, Author: "Sam"})
	if err != nil {
		tb.Fatalf("create incident %q: %v", title, err)
	}
	return inc
}

// MustCreateEntry parses line as the scribe's grammar would and stores it.
func MustCreateEntry(tb testing.TB, db *sqlite.DB, incidentID int64, line string, at time.Time) *backend.Entry {
	tb.Helper()
	e, err := sqlite.NewEntryService(db).CreateEntry(context.Background(), backend.EntryCreate{
		IncidentID: incidentID, Line: backend.Parse(line), OccurredAt: at, Author: "Sam", AuthorRole: backend.RoleScribe,
	})
	if err != nil {
		tb.Fatalf("create entry %q: %v", line, err)
	}
	return e
}

// MustFindIncident returns an incident's current derived state.
func MustFindIncident(tb testing.TB, db *sqlite.DB, id int64) *backend.Incident {
	tb.Helper()
	inc, err := sqlite.NewIncidentService(db).FindIncident(context.Background(), id)
	if err != nil {
		tb.Fatalf("find incident %d: %v", id, err)
	}
	return inc
}

// wantError fails unless err is a domain error with code and a message holding substr.
func wantError(tb testing.TB, err error, code, substr string) {
	tb.Helper()
	var e *backend.Error
	if !errors.As(err, &e) {
		tb.Fatalf("got error %v (%T), want a *backend.Error with code %q", err, err, code)
	}
	if got, want := e.Code, code; got != want {
		tb.Errorf("got code %q, want %q (message %q)", got, want, e.Message)
	}
	if !strings.Contains(e.Message, substr) {
		tb.Errorf("got message %q, want it to contain %q", e.Message, substr)
	}
}

// at returns t0 plus d, for readable entry times.
func at(d time.Duration) time.Time { return t0.Add(d) }
