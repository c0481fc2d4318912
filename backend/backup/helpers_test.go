package backup_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/sqlite"
	"bridgelog/backend/sqlite/sqlitetest"
)

// t0 is the fixed "now" tests start at.
var t0 = time.Date(2026, 11, 22, 18, 15, 0, 0, time.UTC)

// MustOpenDB opens a new database in a temporary folder with a clock pinned to
// t0 (sqlitetest.Open), and a Service backing it up into the folder beside it.
// The database closes when the test ends.
func MustOpenDB(tb testing.TB) (*sqlite.DB, *backup.Service, *backend.FixedClock) {
	tb.Helper()
	clock := &backend.FixedClock{T: t0}
	db := sqlitetest.Open(tb, clock)
	return db, backup.New(db, sqlite.BackupDir(db.Path), clock), clock
}

// MustCreateIncident starts an incident.
func MustCreateIncident(tb testing.TB, db *sqlite.DB, title string) *backend.Incident {
	tb.Helper()
	inc, err := sqlite.NewIncidentService(db).CreateIncident(context.Background(),
		backend.IncidentCreate{Title: title, Severity: backend.SEV2, Author: "Sam"})
	if err != nil {
		tb.Fatalf("create incident %q: %v", title, err)
	}
	return inc
}

// MustCreateEntry stores a line in the incident's timeline.
func MustCreateEntry(tb testing.TB, db *sqlite.DB, incidentID int64, line string) {
	tb.Helper()
	_, err := sqlite.NewEntryService(db).CreateEntry(context.Background(), backend.EntryCreate{
		IncidentID: incidentID, Line: backend.Parse(line), OccurredAt: t0, Author: "Sam", AuthorRole: backend.RoleScribe,
	})
	if err != nil {
		tb.Fatalf("create entry %q: %v", line, err)
	}
}

// titles reads the incident titles in a database file through a read-only
// connection, in id order.
func titles(tb testing.TB, path string) []string {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT title FROM incidents ORDER BY id`)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			tb.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// count returns the number of rows in a table of a database file.
func count(tb testing.TB, path, table string) int {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		tb.Fatalf("count %s in %s: %v", table, path, err)
	}
	return n
}

// fileSum is the file's sha256, or "absent".
func fileSum(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return "absent"
	} else if err != nil {
		tb.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

// dirNames lists a folder's file names, sorted.
func dirNames(tb testing.TB, dir string) []string {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// garble overwrites a page in the middle of the file with junk.
func garble(tb testing.TB, path string) {
	tb.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := f.WriteAt([]byte(strings.Repeat("\xde\xad", 2048)), fi.Size()/2/4096*4096); err != nil {
		tb.Fatal(err)
	}
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

// withSQL runs a statement on the file through a plain connection.
func withSQL(tb testing.TB, path, stmt string) {
	tb.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(stmt); err != nil {
		tb.Fatal(err)
	}
}
