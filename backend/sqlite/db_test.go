package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// appliedMigrations reads the migrations table under the services.
func appliedMigrations(tb testing.TB, db *sql.DB) []string {
	tb.Helper()
	rows, err := db.Query(`SELECT name FROM migrations ORDER BY name`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			tb.Fatal(err)
		}
		names = append(names, name)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return names
}

func TestDB_Open(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		if got, want := appliedMigrations(t, sqlite.SQLDB(db)), []string{"0001_init.sql", "0002_clocks.sql", "0003_records.sql", "0004_identity.sql", "0005_changes.sql", "0006_change_apply.sql"}; !slices.Equal(got, want) {
			t.Fatalf("got migrations %q, want %q", got, want)
		}
	})

	t.Run("Pragmas", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		for pragma, want := range map[string]string{
			"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "busy_timeout": "5000",
		} {
			var got string
			if err := sqlite.SQLDB(db).QueryRow("PRAGMA " + pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("got %s %q, want %q", pragma, got, want)
			}
		}
	})

	t.Run("ReopenIsIdempotent", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "bridgelog.db")
		clock := &backend.FixedClock{T: t0}
		db := sqlite.NewDB(path, clock)
		if err := db.Open(); err != nil {
			t.Fatal(err)
		}
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}

		db = MustOpenDBAt(t, path, clock)
		if got, want := appliedMigrations(t, sqlite.SQLDB(db)), []string{"0001_init.sql", "0002_clocks.sql", "0003_records.sql", "0004_identity.sql", "0005_changes.sql", "0006_change_apply.sql"}; !slices.Equal(got, want) {
			t.Fatalf("got migrations %q, want %q", got, want)
		}
		if got, want := MustFindIncident(t, db, inc.ID).Title, "Checkout errors"; got != want {
			t.Fatalf("got title %q after reopening, want %q", got, want)
		}
	})

	t.Run("FileModes", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "data")
		path := filepath.Join(dir, "bridgelog.db")
		db := MustOpenDBAt(t, path, &backend.FixedClock{T: t0})
		MustCreateIncident(t, db, "Checkout errors", backend.SEV2) // makes SQLite write the -wal file

		for file, want := range map[string]os.FileMode{dir: 0o700 | os.ModeDir, path: 0o600, path + "-wal": 0o600} {
			fi, err := os.Stat(file)
			if err != nil {
				t.Fatal(err)
			}
			if got := fi.Mode(); got != want {
				t.Errorf("got mode %v for %s, want %v", got, filepath.Base(file), want)
			}
		}
	})

	t.Run("PathWithURICharacters", func(t *testing.T) {
		// '?', '#' and '%' in a folder name must not be read as URI syntax.
		path := filepath.Join(t.TempDir(), "on-call ?#%20 notes", "bridgelog.db")
		db := MustOpenDBAt(t, path, &backend.FixedClock{T: t0})
		MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("got %v, want the database at %s", err, path)
		}
	})

	t.Run("ErrPathRequired", func(t *testing.T) {
		wantError(t, sqlite.NewDB("", nil).Open(), backend.EINVALID, "No database file")
	})

	t.Run("ErrNewerDatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "bridgelog.db")
		db := sqlite.NewDB(path, &backend.FixedClock{T: t0})
		if err := db.Open(); err != nil {
			t.Fatal(err)
		}
		MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		// A newer Bridgelog would have recorded a migration this one lacks.
		if _, err := sqlite.SQLDB(db).Exec(`INSERT INTO migrations (name, applied_at) VALUES ('9999_future.sql', 0)`); err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		before, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}

		db = sqlite.NewDB(path, &backend.FixedClock{T: t0})
		err = db.Open()
		defer db.Close()
		wantError(t, err, backend.EINVALID, "This database was written by a newer Bridgelog")
		wantError(t, err, backend.EINVALID, "9999_future.sql")

		after, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(after, before) {
			t.Fatalf("got the database file changed (%d bytes, was %d), want it untouched", len(after), len(before))
		}
	})

	t.Run("ErrNotSQLite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.txt")
		content := bytes.Repeat([]byte("not a database, just the scribe's notes\n"), 200)
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		wantError(t, sqlite.NewDB(path, nil).Open(), backend.EINVALID, "is not a Bridgelog database")
		if got, _ := os.ReadFile(path); !bytes.Equal(got, content) {
			t.Fatal("got the file changed, want it untouched")
		}
	})

	t.Run("ErrOtherProgramsDatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "other.db")
		other, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := other.Exec(`CREATE TABLE photos (id INTEGER PRIMARY KEY)`); err != nil {
			t.Fatal(err)
		}
		other.Close()
		wantError(t, sqlite.NewDB(path, nil).Open(), backend.EINVALID, "another program's data")
	})
}

// TestDB_Durability checks that everything written is there after the file is
// closed and opened again by a new DB, as after a restart.
func TestDB_Durability(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bridgelog.db")
	clock := &backend.FixedClock{T: t0}
	db := sqlite.NewDB(path, clock)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
	e := MustCreateEntry(t, db, inc.ID, "d: roll back to v41", at(3*time.Minute))
	if _, err := sqlite.NewEntryService(db).UpdateEntry(ctx, e.ID, backend.Parse("d: roll back to v40"), at(4*time.Minute)); err != nil {
		t.Fatal(err)
	}
	draft := backend.Draft{IncidentID: inc.ID, Text: "? cache stamp", StartedAt: at(5 * time.Minute)}
	if err := sqlite.NewEntryService(db).SaveDraft(ctx, draft); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db = MustOpenDBAt(t, path, clock)
	es := sqlite.NewEntryService(db)
	got, err := es.FindEntry(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != "roll back to v40" || !got.OccurredAt.Equal(at(4*time.Minute)) || got.Revisions != 1 {
		t.Errorf("got entry %q at %v with %d revisions, want %q at %v with 1", got.Text, got.OccurredAt, got.Revisions,
			"roll back to v40", at(4*time.Minute))
	}
	if d, err := es.FindDraft(ctx, inc.ID); err != nil {
		t.Fatal(err)
	} else if d.Text != draft.Text {
		t.Errorf("got draft %q, want %q", d.Text, draft.Text)
	}
	if hits, err := es.Search(ctx, "v40", 0, 10); err != nil {
		t.Fatal(err)
	} else if len(hits) != 1 {
		t.Errorf("got %d search hits for v40, want 1", len(hits))
	}
	if got, want := MustFindIncident(t, db, inc.ID).EntryCount, 2; got != want {
		t.Errorf("got %d entries, want %d", got, want)
	}
}
