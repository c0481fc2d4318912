package app_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite" // a raw connection below fills a capped database

	"bridgelog/app"
	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/sqlite"
)

// garbage is what a damaged database file holds in these tests.
var garbage = bytes.Repeat([]byte("\x00\xffnot a database\n"), 400)

// mustRecovery writes garbage where the database was, beside the backups a
// healthy run made, and returns the recovery binding as main builds it.
func mustRecovery(t *testing.T, backups int) (*app.Recovery, *app.Relaunch, *int) {
	t.Helper()
	s := mustBackupStore(t)
	s.incident(t, "EU logins failing")
	for range backups {
		s.clock.Advance(time.Minute)
		if _, err := s.backups.Create(context.Background(), backup.ReasonPeriodic); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.db.Close(); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(s.db.Path + suffix)
	}
	if err := os.WriteFile(s.db.Path, garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	h := sqlite.CheckFile(s.db.Path)
	if h.OK() {
		t.Fatal("CheckFile passed a file of garbage")
	}
	closed := 0
	relaunch := &app.Relaunch{}
	s.clock.Advance(time.Minute)
	r := &app.Recovery{Path: s.db.Path, Health: h, Backups: backup.New(nil, sqlite.BackupDir(s.db.Path), s.clock),
		Relaunch: relaunch, Clock: s.clock, CloseWindow: func() { closed++ }}
	return r, relaunch, &closed
}

func TestRecovery(t *testing.T) {
	t.Run("Problem", func(t *testing.T) {
		r, relaunch, closed := mustRecovery(t, 2)
		p, err := r.Problem()
		if err != nil {
			t.Fatal(err)
		} else if p == nil {
			t.Fatal("no problem reported for a damaged database")
		}
		if !strings.Contains(p.Message, r.Path) || !strings.Contains(p.Message, "has not been changed") {
			t.Errorf("message %q does not name the file and say it is unchanged", p.Message)
		}
		if got, want := p.Status, string(sqlite.HealthNotDatabase); got != want {
			t.Errorf("status: got %q, want %q", got, want)
		}
		if got, want := len(p.Backups), 2; got != want {
			t.Errorf("backups: got %d, want %d", got, want)
		}
		if again, _, _ := relaunch.Pending(); again || *closed != 0 {
			t.Errorf("asking for the problem restarted (%v) or closed the window (%d times)", again, *closed)
		}
		if got, _ := os.ReadFile(r.Path); !bytes.Equal(got, garbage) {
			t.Error("the damaged file changed")
		}
	})

	t.Run("MoveAsideKeepsTheBytes", func(t *testing.T) {
		r, relaunch, closed := mustRecovery(t, 0)
		wal := []byte("a write-ahead log left by a crash")
		if err := os.WriteFile(r.Path+"-wal", wal, 0o600); err != nil {
			t.Fatal(err)
		}
		to, err := r.MoveAside()
		if err != nil {
			t.Fatal(err)
		}
		if got, want := filepath.Base(to), filepath.Base(r.Path)+".damaged-20261121T140100Z"; got != want {
			t.Errorf("moved to %s, want %s", got, want)
		}
		if got, _ := os.ReadFile(to); !bytes.Equal(got, garbage) {
			t.Error("the moved file does not hold the damaged file's bytes")
		}
		if got, _ := os.ReadFile(to + "-wal"); !bytes.Equal(got, wal) {
			t.Error("the WAL did not move with its file")
		}
		for _, p := range []string{r.Path, r.Path + "-wal"} {
			if _, err := os.Stat(p); !os.IsNotExist(err) {
				t.Errorf("%s is still there (%v): the next start would not be fresh", p, err)
			}
		}
		if again, restore, notice := relaunch.Pending(); !again || restore != "" || !strings.Contains(notice, to) {
			t.Errorf("pending: got again=%v restore=%q notice=%q, want a fresh start naming %s", again, restore, notice, to)
		}
		if *closed != 1 {
			t.Errorf("window closed %d times, want 1", *closed)
		}
		// A new database opens where the damaged one was.
		db := sqlite.NewDB(r.Path, r.Clock)
		if err := db.Open(); err != nil {
			t.Fatalf("open a fresh database after moving aside: %v", err)
		}
		db.Close()
	})

	t.Run("RestoreLatest", func(t *testing.T) {
		r, relaunch, closed := mustRecovery(t, 2)
		if err := r.RestoreLatest(); err != nil {
			t.Fatal(err)
		}
		if h := sqlite.CheckFile(r.Path); !h.OK() || h.Incidents != 1 {
			t.Errorf("restored file: got %+v, want a healthy file with one incident", h)
		}
		again, restore, notice := relaunch.Pending()
		if !again || restore != "" || !strings.HasPrefix(notice, "Restored the backup from ") {
			t.Errorf("pending: got again=%v restore=%q notice=%q", again, restore, notice)
		}
		if *closed != 1 {
			t.Errorf("window closed %d times, want 1", *closed)
		}
		// The damaged file is kept in the backup folder, byte for byte.
		list, err := r.Backups.List(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		kept := 0
		for _, b := range list {
			if b.Reason == backup.ReasonBeforeRestore && bytes.Equal(mustRead(t, b.Path), garbage) {
				kept++
			}
		}
		if kept != 1 || !strings.Contains(notice, "kept") {
			t.Errorf("damaged copies kept: got %d (notice %q), want 1", kept, notice)
		}
	})

	t.Run("ErrNoGoodBackup", func(t *testing.T) {
		r, relaunch, _ := mustRecovery(t, 0)
		err := r.RestoreLatest()
		if got, want := backend.ErrorCode(err), backend.ENOTFOUND; got != want {
			t.Fatalf("code: got %q, want %q (%v)", got, want, err)
		}
		if !strings.Contains(backend.ErrorMessage(err), "move the damaged file aside") {
			t.Errorf("message %q does not say what to do", backend.ErrorMessage(err))
		}
		if again, _, _ := relaunch.Pending(); again {
			t.Error("a failed restore asked to start again")
		}
		if got := mustRead(t, r.Path); !bytes.Equal(got, garbage) {
			t.Error("the damaged file changed")
		}
	})

	t.Run("HealthyHasNoProblem", func(t *testing.T) {
		s := mustBackupStore(t)
		r := &app.Recovery{Path: s.db.Path, Health: sqlite.Health{Status: sqlite.HealthOK}, Backups: s.backups,
			Relaunch: &app.Relaunch{}, Clock: s.clock, Message: "Restored the backup from Sat 21 Nov 14:00."}
		if p, err := r.Problem(); p != nil || err != nil {
			t.Errorf("got %+v, %v; want nil, nil", p, err)
		}
		if _, err := r.MoveAside(); backend.ErrorCode(err) != backend.ECONFLICT {
			t.Errorf("MoveAside of a healthy, open database: got %v, want a conflict", err)
		}
		if _, err := os.Stat(s.db.Path); err != nil {
			t.Errorf("the database: %v", err)
		}
		if got, want := r.Notice(), "Restored the backup from Sat 21 Nov 14:00."; got != want {
			t.Errorf("notice: got %q, want %q", got, want)
		}
	})
}

// TestRestoreNow is the restore main makes after the window closed for one.
func TestRestoreNow(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		s := mustBackupStore(t)
		s.incident(t, "EU logins failing")
		made, err := s.backups.Create(context.Background(), backup.ReasonManual)
		if err != nil {
			t.Fatal(err)
		}
		s.clock.Advance(time.Minute)
		s.incident(t, "Written after the backup")
		if err := s.db.Close(); err != nil {
			t.Fatal(err)
		}
		notice := app.RestoreNow(context.Background(), backup.New(nil, s.backups.Dir, s.clock), made.Path, s.db.Path)
		if !strings.HasPrefix(notice, "Restored the backup from ") || !strings.Contains(notice, "before-restore") {
			t.Errorf("notice %q", notice)
		}
		if h := sqlite.CheckFile(s.db.Path); !h.OK() || h.Incidents != 1 {
			t.Errorf("restored file: got %+v, want one incident", h)
		}
	})

	t.Run("ErrGone", func(t *testing.T) {
		s := mustBackupStore(t)
		s.incident(t, "EU logins failing")
		if err := s.db.Close(); err != nil {
			t.Fatal(err)
		}
		gone := filepath.Join(s.backups.Dir, "bridgelog-20261121T140000Z-manual.db")
		notice := app.RestoreNow(context.Background(), backup.New(nil, s.backups.Dir, s.clock), gone, s.db.Path)
		if !strings.HasPrefix(notice, "The backup was not restored: ") {
			t.Errorf("notice %q", notice)
		}
		if h := sqlite.CheckFile(s.db.Path); !h.OK() || h.Incidents != 1 {
			t.Errorf("database after a refused restore: got %+v, want it unchanged", h)
		}
	})
}

func TestFormatStoreError(t *testing.T) {
	decode := func(t *testing.T, v any) app.BindingError {
		t.Helper()
		var be app.BindingError
		if err := json.Unmarshal([]byte(v.(string)), &be); err != nil {
			t.Fatal(err)
		}
		return be
	}

	t.Run("SQLiteFull", func(t *testing.T) {
		// A database capped at a few pages fills up like a full disk does.
		db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "full.db")+"?_pragma=max_page_count(3)")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		db.SetMaxOpenConns(1)
		if _, err := db.Exec(`CREATE TABLE t (x TEXT)`); err != nil {
			t.Fatal(err)
		}
		var full error
		for i := 0; i < 100 && full == nil; i++ {
			_, full = db.Exec(`INSERT INTO t VALUES (?)`, strings.Repeat("x", 2000))
		}
		if full == nil {
			t.Fatal("the capped database never filled")
		}
		be := decode(t, app.FormatStoreError(fmt.Errorf("add entry: %w", full)))
		if got, want := be.Code, backend.EFULL; got != want {
			t.Errorf("code: got %q, want %q (%v)", got, want, full)
		}
		if !strings.Contains(be.Message, "disk is full") || !strings.Contains(be.Message, "what you typed is kept") {
			t.Errorf("message %q", be.Message)
		}
	})

	t.Run("ENOSPC", func(t *testing.T) {
		be := decode(t, app.FormatStoreError(fmt.Errorf("write attachment: %w", syscall.ENOSPC)))
		if got, want := be.Code, backend.EFULL; got != want {
			t.Errorf("code: got %q, want %q", got, want)
		}
	})

	t.Run("OtherErrorsUnchanged", func(t *testing.T) {
		err := backend.Errorf(backend.EINVALID, "Add some text after the prefix")
		if got, want := app.FormatStoreError(err), app.FormatError(err); got != want {
			t.Errorf("got %v, want %v", got, want)
		}
		if got := app.FormatStoreError(nil); got != nil {
			t.Errorf("nil: got %v", got)
		}
	})
}

func mustRead(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
