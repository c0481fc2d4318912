package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// mustOpenReadOnly opens path read-only, closing it when the test ends.
func mustOpenReadOnly(tb testing.TB, path string) *sqlite.DB {
	tb.Helper()
	db := sqlite.NewDB(path, &backend.FixedClock{T: t0})
	if err := db.OpenReadOnly(); err != nil {
		tb.Fatalf("open %s read-only: %v", path, err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// quitDB makes a database at a new path with one incident and closes it,
// as the app leaves it when it quits.
func quitDB(tb testing.TB, edit func(db *sqlite.DB)) (path string, incidentID int64) {
	tb.Helper()
	path = filepath.Join(tb.TempDir(), "bridgelog.db")
	db := sqlite.NewDB(path, &backend.FixedClock{T: t0})
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	incidentID = MustCreateIncident(tb, db, "Checkout errors", backend.SEV2).ID
	if edit != nil {
		edit(db)
	}
	if err := db.Close(); err != nil {
		tb.Fatal(err)
	}
	return path, incidentID
}

func TestDB_OpenReadOnly(t *testing.T) {
	ctx := context.Background()

	t.Run("WhileTheAppWrites", func(t *testing.T) {
		app, clock := MustOpenDB(t)
		inc := MustCreateIncident(t, app, "Checkout errors", backend.SEV2)
		ro := mustOpenReadOnly(t, app.Path)
		records := sqlite.NewRecordService(ro)

		const n = 40
		done := make(chan error, 1)
		go func() {
			es := sqlite.NewEntryService(app)
			for i := range n {
				if _, err := es.CreateEntry(ctx, backend.EntryCreate{IncidentID: inc.ID,
					Line: backend.Parse(fmt.Sprintf("note %d", i)), OccurredAt: clock.T}); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
		reads := 0
		for writing := true; writing; reads++ {
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("got %v writing beside a read-only reader, want no error", err)
				}
				writing = false
			default:
			}
			if _, err := records.Report(ctx, inc.ID); err != nil {
				t.Fatalf("got %v reading while the app writes (read %d), want the last commit", err, reads)
			}
		}
		rep, err := records.Report(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(rep.Entries), n+1; got != want {
			t.Errorf("got %d entries after the writer finished, want %d", got, want)
		}
		t.Logf("%d reports read while %d entries were written", reads, n)
	})

	t.Run("RefusesWrites", func(t *testing.T) {
		path, id := quitDB(t, nil)
		ro := mustOpenReadOnly(t, path)
		before := fileSum(t, path)
		_, err := sqlite.NewEntryService(ro).CreateEntry(ctx, backend.EntryCreate{IncidentID: id, Line: backend.Parse("hello"), OccurredAt: t0})
		if err == nil {
			t.Fatal("got no error writing through a read-only handle, want one")
		}
		t.Logf("write refused: %v", err)
		if after := fileSum(t, path); after != before {
			t.Error("got a changed database file after a refused write")
		}
	})

	t.Run("LeavesTheFileAlone", func(t *testing.T) {
		path, id := quitDB(t, nil)
		if err := os.Chmod(path, 0o640); err != nil {
			t.Fatal(err)
		}
		before := fileSum(t, path)
		ro := mustOpenReadOnly(t, path)
		if rep, err := sqlite.NewRecordService(ro).Report(ctx, id); err != nil || rep.Incident.Title != "Checkout errors" {
			t.Fatalf("got %+v, %v reading a closed database, want its incident", rep, err)
		}
		if err := ro.Close(); err != nil {
			t.Fatal(err)
		}
		if after := fileSum(t, path); after != before {
			t.Error("got a changed database file after reading it")
		}
		side, _ := filepath.Glob(path + "-*")
		t.Logf("side files after a read-only session: %q", side)
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o640 {
			t.Errorf("got mode %v, %v; want 0640 left as it was", fi.Mode().Perm(), err)
		}
	})

	// A database on a read-only mount or in a folder this user cannot write:
	// SQLite cannot make the shared-memory file beside it. (Tests run as any
	// user, so a folder in the way stands in for the missing permission.)
	t.Run("SideFilesCannotBeMade", func(t *testing.T) {
		path, id := quitDB(t, nil)
		if err := os.Mkdir(path+"-shm", 0o700); err != nil {
			t.Fatal(err)
		}
		ro := mustOpenReadOnly(t, path)
		if _, err := sqlite.NewRecordService(ro).Report(ctx, id); err != nil {
			t.Errorf("got %v reading without a shared-memory file, want the incident", err)
		}
	})

	t.Run("ErrNoFile", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "nowhere", "bridgelog.db")
		err := sqlite.NewDB(path, nil).OpenReadOnly()
		wantError(t, err, backend.ENOTFOUND, "No Bridgelog database at "+path+": run Bridgelog once, or pass --db")
		if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
			t.Errorf("got %v for the folder, want it never made", err)
		}
	})

	t.Run("ErrEmptyFile", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "bridgelog.db")
		if err := os.WriteFile(path, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		wantError(t, sqlite.NewDB(path, nil).OpenReadOnly(), backend.ENOTFOUND, "No Bridgelog database at")
	})

	t.Run("ErrNotADatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.txt")
		if err := os.WriteFile(path, []byte("just some notes, not SQLite at all, long enough to be read"), 0o600); err != nil {
			t.Fatal(err)
		}
		wantError(t, sqlite.NewDB(path, nil).OpenReadOnly(), backend.EINVALID, "is not a Bridgelog database")
	})

	t.Run("ErrOlderSchema", func(t *testing.T) {
		path, _ := quitDB(t, func(db *sqlite.DB) {
			if _, err := sqlite.SQLDB(db).Exec(`DELETE FROM migrations WHERE name = '0003_records.sql'`); err != nil {
				t.Fatal(err)
			}
		})
		before := fileSum(t, path)
		wantError(t, sqlite.NewDB(path, nil).OpenReadOnly(), backend.EINVALID,
			`was last opened by an older Bridgelog (it lacks schema change "0003_records.sql"): open it once in this version of Bridgelog`)
		if after := fileSum(t, path); after != before {
			t.Error("got a changed database file, want an older one left for the app to migrate")
		}
	})

	t.Run("ErrNewerSchema", func(t *testing.T) {
		path, _ := quitDB(t, func(db *sqlite.DB) {
			if _, err := sqlite.SQLDB(db).Exec(`INSERT INTO migrations (name, applied_at) VALUES ('9999_future.sql', ?)`,
				t0.Add(time.Hour).UnixMilli()); err != nil {
				t.Fatal(err)
			}
		})
		wantError(t, sqlite.NewDB(path, nil).OpenReadOnly(), backend.EINVALID, "written by a newer Bridgelog")
	})
}
