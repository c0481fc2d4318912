package sqlite_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// closedDB writes a database with incidents and enough entries to span many
// pages, closes it (folding the WAL into the file) and returns its path.
func closedDB(tb testing.TB, incidents int) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "bridgelog.db")
	db := sqlite.NewDB(path, &backend.FixedClock{T: t0})
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	for i := range incidents {
		inc := MustCreateIncident(tb, db, fmt.Sprintf("Incident %d", i+1), backend.SEV2)
		for j := range 40 {
			MustCreateEntry(tb, db, inc.ID, fmt.Sprintf("note %d: %s", j, strings.Repeat("queue depth rising ", 10)), at(time.Duration(j)*time.Minute))
		}
	}
	if err := db.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// fileSum is the file's sha256, or "absent".
func fileSum(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return "absent"
	} else if err != nil {
		tb.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

// copyFile copies src to dst (mode 0600).
func copyFile(tb testing.TB, src, dst string) {
	tb.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		tb.Fatal(err)
	}
}

func TestCheckFile(t *testing.T) {
	good := closedDB(t, 2)

	for _, tt := range []struct {
		name      string
		make      func(t *testing.T, path string)
		status    sqlite.HealthStatus
		incidents int
		message   []string
		deny      bool // chmod 000 after taking the checksum
	}{
		{name: "OK", make: func(t *testing.T, path string) { copyFile(t, good, path) },
			status: sqlite.HealthOK, incidents: 2},
		{name: "Missing", make: func(t *testing.T, path string) {}, status: sqlite.HealthOK},
		{name: "Empty", make: func(t *testing.T, path string) {
			if err := os.WriteFile(path, nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}, status: sqlite.HealthOK},
		{name: "Truncated", make: func(t *testing.T, path string) {
			copyFile(t, good, path)
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(path, fi.Size()/2); err != nil {
				t.Fatal(err)
			}
		}, status: sqlite.HealthCorrupt,
			message: []string{"is damaged (database disk image is malformed)", "It has not been changed",
				"Restore the latest good backup from", "bridgelog-backups"}},
		{name: "GarbledPage", make: func(t *testing.T, path string) {
			copyFile(t, good, path)
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			fi, err := f.Stat()
			if err != nil {
				t.Fatal(err)
			}
			junk := make([]byte, 4096)
			_, _ = rand.NewChaCha8([32]byte{3}).Read(junk)
			if _, err := f.WriteAt(junk, fi.Size()/2/4096*4096); err != nil {
				t.Fatal(err)
			}
		}, status: sqlite.HealthCorrupt, message: []string{"is damaged (", "It has not been changed"}},
		{name: "RandomBytes", make: func(t *testing.T, path string) {
			b := make([]byte, 8192)
			r := rand.NewChaCha8([32]byte{7})
			_, _ = r.Read(b)
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}, status: sqlite.HealthNotDatabase, message: []string{"is not a Bridgelog database", "It has not been changed"}},
		{name: "ShortText", make: func(t *testing.T, path string) {
			if err := os.WriteFile(path, []byte("hello\n"), 0o600); err != nil {
				t.Fatal(err)
			}
		}, status: sqlite.HealthNotDatabase},
		{name: "NewerSchema", make: func(t *testing.T, path string) {
			copyFile(t, good, path)
			withSQL(t, path, `INSERT INTO migrations (name, applied_at) VALUES ('9999_future.sql', 0)`)
		}, status: sqlite.HealthNewer, message: []string{"newer Bridgelog", "9999_future.sql", "It has not been changed"}},
		{name: "Foreign", make: func(t *testing.T, path string) {
			withSQL(t, path, `CREATE TABLE photos (id INTEGER PRIMARY KEY)`)
		}, status: sqlite.HealthForeign, message: []string{"another program's data"}},
		{name: "Unreadable", make: func(t *testing.T, path string) {
			if os.Geteuid() == 0 {
				t.Skip("root reads any file: permissions cannot make it unreadable")
			}
			copyFile(t, good, path)
		}, deny: true, status: sqlite.HealthUnreadable, message: []string{"cannot read the database", "permission denied"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bridgelog.db")
			tt.make(t, path)
			before := fileSum(t, path)
			if tt.deny {
				if err := os.Chmod(path, 0); err != nil {
					t.Fatal(err)
				}
			}

			h := sqlite.CheckFile(path)
			if tt.deny {
				if err := os.Chmod(path, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if got, want := h.Status, tt.status; got != want {
				t.Fatalf("got status %q, want %q (detail %q)", got, want, h.Detail)
			}
			if got, want := h.OK(), tt.status == sqlite.HealthOK; got != want {
				t.Errorf("got OK() %v, want %v", got, want)
			}
			if got, want := h.Err() == nil, tt.status == sqlite.HealthOK; got != want {
				t.Errorf("got Err() %v, want nil: %v", h.Err(), want)
			}
			if got, want := h.Incidents, tt.incidents; got != want {
				t.Errorf("got %d incidents, want %d", got, want)
			}
			for _, s := range tt.message {
				if !strings.Contains(h.Message, s) {
					t.Errorf("got message %q, want it to contain %q", h.Message, s)
				}
			}
			if got, want := fileSum(t, path), before; got != want {
				t.Errorf("the check changed the file: got sha256 %s, want %s", got, want)
			}
			if _, err := os.Stat(path + "-wal"); !os.IsNotExist(err) {
				t.Errorf("the check left a WAL file beside the database (stat: %v)", err)
			}
		})
	}

	// A crash leaves committed notes in the WAL file: the check must count
	// them and leave both files as they were.
	t.Run("CrashLeftWAL", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		MustCreateIncident(t, db, "Login slow", backend.SEV3)
		path := filepath.Join(t.TempDir(), "crashed.db")
		copyFile(t, db.Path, path)
		copyFile(t, db.Path+"-wal", path+"-wal")
		main, wal := fileSum(t, path), fileSum(t, path+"-wal")

		h := sqlite.CheckFile(path)
		if got, want := h.Status, sqlite.HealthOK; got != want {
			t.Fatalf("got status %q, want %q (%s)", got, want, h.Detail)
		}
		if got, want := h.Incidents, 2; got != want {
			t.Errorf("got %d incidents, want %d (the WAL's commits)", got, want)
		}
		if got := fileSum(t, path); got != main {
			t.Errorf("the check changed the database file")
		}
		if got := fileSum(t, path+"-wal"); got != wal {
			t.Errorf("the check changed the WAL file")
		}
	})
}

// withSQL runs statements on the file through a plain connection.
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

func TestBackupDir(t *testing.T) {
	if got, want := sqlite.BackupDir("/home/sam/.local/share/bridgelog/bridgelog.db"),
		"/home/sam/.local/share/bridgelog/bridgelog-backups"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// capPages makes the open database full: it pins the pool to one connection
// and caps that connection at the file's current size. max_page_count is a
// per-connection setting, so a cap on one pooled connection leaves the others
// free to grow the file; SetMaxOpenConns(1) closes the other idle connections
// and makes every later call share the capped one. (A DSN with
// _pragma=max_page_count(N) caps every connection a pool opens, but Open's DSN
// is fixed, and raising the cap would again need each connection.) The
// returned function lifts the cap and unpins the pool.
func capPages(tb testing.TB, db *sqlite.DB) (lift func()) {
	tb.Helper()
	pool := sqlite.SQLDB(db)
	pool.SetMaxOpenConns(1)
	var pages, limit int64
	if err := pool.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		tb.Fatal(err)
	}
	if err := pool.QueryRow(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)).Scan(&limit); err != nil {
		tb.Fatal(err)
	}
	if limit != pages {
		tb.Fatalf("got max_page_count %d, want %d", limit, pages)
	}
	return func() {
		tb.Helper()
		if _, err := pool.Exec(`PRAGMA max_page_count = 4294967294`); err != nil {
			tb.Fatal(err)
		}
		pool.SetMaxOpenConns(0)
	}
}

func TestCreateEntry_DiskFull(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, _ := MustOpenDB(t)
	inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
	MustCreateEntry(t, db, inc.ID, "paged the database team", at(time.Minute))
	entries := sqlite.NewEntryService(db)
	// A line long enough to need new pages whatever room the file has left.
	line := "rollback logs: " + strings.Repeat("error 503 from the checkout gateway ", 1500)
	if err := entries.SaveDraft(ctx, backend.Draft{IncidentID: inc.ID, Text: line}); err != nil {
		t.Fatal(err)
	}
	create := backend.EntryCreate{IncidentID: inc.ID, Line: backend.Parse(line), OccurredAt: at(2 * time.Minute),
		Author: "Sam", AuthorRole: backend.RoleScribe, ClearDraft: true, DraftText: line}

	lift := capPages(t, db)
	_, err := entries.CreateEntry(ctx, create)
	if err == nil {
		t.Fatal("got no error saving to a full database, want one")
	}
	if !sqlite.IsFull(err) {
		t.Fatalf("got error %v, want SQLITE_FULL", err)
	}
	if got, want := backend.ErrorCode(err), backend.EINTERNAL; got != want {
		t.Errorf("got code %q before mapping, want %q", got, want)
	}
	wantError(t, sqlite.FullDiskError(err), backend.EINTERNAL, "The disk is full, so this was not saved; what you typed is kept")

	t.Run("NothingPartial", func(t *testing.T) {
		list, err := entries.ListEntries(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(list), 2; got != want { // the declaration and the page
			t.Errorf("got %d entries after the failed save, want %d", got, want)
		}
		d, err := entries.FindDraft(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := d.Text, line; got != want {
			t.Errorf("got draft of %d bytes after the failed save, want the line (%d bytes)", len(got), len(want))
		}
		hits, err := entries.Search(ctx, "gateway", inc.ID, 10)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(hits); got != 0 {
			t.Errorf("got %d search hits for the failed line, want 0", got)
		}
	})

	t.Run("SucceedsAfterSpaceIsFreed", func(t *testing.T) {
		lift()
		e, err := entries.CreateEntry(ctx, create)
		if err != nil {
			t.Fatalf("save after lifting the cap: %v", err)
		}
		if got, want := e.Text, strings.TrimSpace(line); got != want {
			t.Errorf("got text of %d bytes, want %d", len(got), len(want))
		}
		d, err := entries.FindDraft(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Text != "" {
			t.Errorf("got draft of %d bytes after the save, want it cleared", len(d.Text))
		}
	})

	t.Run("OtherErrorsUnchanged", func(t *testing.T) {
		other := backend.Errorf(backend.EINVALID, "Say when this happened")
		if got := sqlite.FullDiskError(other); got != error(other) {
			t.Errorf("got %v, want the error unchanged", got)
		}
		if got := sqlite.FullDiskError(nil); got != nil {
			t.Errorf("got %v for nil, want nil", got)
		}
	})
}

// A damaged or stale -shm file is harmless: it is only an index of the log,
// and SQLite's first opener rebuilds it from the log. The check reads the
// log without trusting the index and without writing it, and the store then
// opens with every note there.
func TestCheckFile_ShmDamageIsHarmless(t *testing.T) {
	const notes = 40
	snap := crashSnapshot(t, notes)
	for _, tt := range []struct {
		name   string
		damage func(t *testing.T, path string)
	}{
		{"Garbled", func(t *testing.T, path string) {
			b := mustReadFile(t, path+"-shm")
			for i := range b {
				b[i] = byte(255 - i%251)
			}
			if err := os.WriteFile(path+"-shm", b, 0o600); err != nil {
				t.Fatal(err)
			}
		}},
		{"Stale", func(t *testing.T, path string) { copyFile(t, snap+".halfway-shm", path+"-shm") }},
		{"Empty", func(t *testing.T, path string) {
			if err := os.Truncate(path+"-shm", 0); err != nil {
				t.Fatal(err)
			}
		}},
		{"Missing", func(t *testing.T, path string) {
			if err := os.Remove(path + "-shm"); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bridgelog.db")
			for _, suffix := range []string{"", "-wal", "-shm"} {
				copyFile(t, snap+suffix, path+suffix)
			}
			tt.damage(t, path)
			before := [3]string{fileSum(t, path), fileSum(t, path+"-wal"), fileSum(t, path+"-shm")}

			h := sqlite.CheckFile(path)
			if got, want := h.Status, sqlite.HealthOK; got != want {
				t.Fatalf("got status %q (%s), want %q", got, h.Detail, want)
			}
			if got, want := h.Incidents, 1; got != want {
				t.Errorf("got %d incidents, want %d", got, want)
			}
			if h.WAL == nil || h.WAL.Damaged() || h.WAL.Commits == 0 {
				t.Errorf("got WAL report %+v, want a sound log", h.WAL)
			}
			if got := [3]string{fileSum(t, path), fileSum(t, path+"-wal"), fileSum(t, path+"-shm")}; got != before {
				t.Errorf("the check changed the files: got %v, want %v", got, before)
			}

			db := MustOpenDBAt(t, path, &backend.FixedClock{T: t0})
			list, err := sqlite.NewEntryService(db).ListEntries(context.Background(), 1)
			if err != nil {
				t.Fatal(err)
			}
			got := 0
			for _, e := range list {
				if strings.HasPrefix(e.Text, "matrix note ") {
					got++
				}
			}
			if got != notes {
				t.Errorf("the store opened with %d notes, want %d", got, notes)
			}
		})
	}
}

// A database file that is missing or empty while its log still holds
// transactions: SQLite would delete the log on opening, so the check stops
// the start, and recovering rebuilds the database from the log's pages.
func TestCheckFile_WALOnly(t *testing.T) {
	const notes = 30
	src := snapshotOf(t, notes, true)
	wal := mustReadFile(t, src+"-wal")
	rep, err := sqlite.VerifyWAL(src + "-wal")
	if err != nil {
		t.Fatal(err)
	}

	for _, tt := range []struct {
		name string
		main func(t *testing.T, path string)
	}{
		{"Missing", func(*testing.T, string) {}},
		{"Empty", func(t *testing.T, path string) {
			if err := os.WriteFile(path, nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bridgelog.db")
			tt.main(t, path)
			if err := os.WriteFile(path+"-wal", wal, 0o600); err != nil {
				t.Fatal(err)
			}
			walSum := fileSum(t, path+"-wal")
			h := sqlite.CheckFile(path)
			if got, want := h.Status, sqlite.HealthWALOnly; got != want {
				t.Fatalf("got status %q, want %q", got, want)
			}
			for _, s := range []string{path, "missing or empty", "would delete that log", fmt.Sprintf("%d saved changes", rep.Commits)} {
				if !strings.Contains(h.Message, s) {
					t.Errorf("got message %q, want it to contain %q", h.Message, s)
				}
			}
			if got := fileSum(t, path+"-wal"); got != walSum {
				t.Error("the check changed the log")
			}
			dst := filepath.Join(t.TempDir(), "recovered.db")
			rec, err := sqlite.RecoverWAL(context.Background(), path, dst)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := countNotes(t, dst, "mode=ro&immutable=1"), notes; got != want {
				t.Errorf("recovered %d notes from the log alone, want %d", got, want)
			}
			if got, want := rec.Entries, notes+1; got != want {
				t.Errorf("recovered %d entries from the log alone, want %d", got, want)
			}
			if got, want := rec.Incidents, 1; got != want {
				t.Errorf("recovered %d incidents, want %d", got, want)
			}
		})
	}

	t.Run("EmptyLogIsFine", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "bridgelog.db")
		if err := os.WriteFile(path+"-wal", nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if h := sqlite.CheckFile(path); !h.OK() {
			t.Errorf("got %+v, want OK", h)
		}
	})
}

func mustReadFile(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
