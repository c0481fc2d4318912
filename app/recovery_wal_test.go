package app_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bridgelog/app"
	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/sqlite"
)

// crashedWithNotes writes an incident, a backup of it, and then notes that
// live only in the write-ahead log (a read transaction held open keeps every
// checkpoint from copying them into the file), and copies the database, its
// log, its index and the backup folder elsewhere while everything is open,
// as a crash leaves them. It returns the copy's path.
func crashedWithNotes(t *testing.T, notes int) string {
	t.Helper()
	s := mustBackupStore(t)
	inc := s.incident(t, "EU logins failing")
	if _, err := s.backups.Create(context.Background(), backup.ReasonManual); err != nil {
		t.Fatal(err)
	}
	pin, err := sql.Open("sqlite", "file:"+s.db.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer pin.Close()
	pin.SetMaxOpenConns(1)
	// The incident goes into the file, and the log starts afresh.
	if _, err := pin.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	tx, err := pin.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM entries`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	for i := range notes {
		s.add(t, inc.ID, fmt.Sprintf("logged note %03d: session store latency above 2 s", i))
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "bridgelog.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		copyBytes(t, s.db.Path+suffix, path+suffix)
	}
	if err := os.MkdirAll(sqlite.BackupDir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(s.backups.Dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		copyBytes(t, filepath.Join(s.backups.Dir, e.Name()), filepath.Join(sqlite.BackupDir(path), e.Name()))
	}
	return path
}

func copyBytes(tb testing.TB, src, dst string) {
	tb.Helper()
	if err := os.WriteFile(dst, mustRead(tb, src), 0o600); err != nil {
		tb.Fatal(err)
	}
}

func sha(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return "absent"
	} else if err != nil {
		tb.Fatal(err)
	}
	return fmt.Sprintf("%x", sha256.Sum256(b))
}

// loggedNotes counts the notes crashedWithNotes wrote that the closed
// database at path holds.
func loggedNotes(tb testing.TB, path string) int {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM entries WHERE text LIKE 'logged note %'`).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// flipAt inverts one byte of the file at path.
func flipAt(tb testing.TB, path string, off int64) {
	tb.Helper()
	b := mustRead(tb, path)
	b[off] ^= 0xff
	if err := os.WriteFile(path, b, 0o600); err != nil {
		tb.Fatal(err)
	}
}

func TestRecovery_DamagedLog(t *testing.T) {
	const notes = 60
	path := crashedWithNotes(t, notes)
	rep, err := sqlite.VerifyWAL(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	// A byte flipped in a frame halfway through the log.
	flipAt(t, path+"-wal", 32+int64(rep.Frames/2)*int64(24+rep.PageSize)+24+1000)
	damaged := map[string]string{}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		damaged[suffix] = sha(t, path+suffix)
	}

	h := backup.CheckStart(context.Background(), path)
	if got, want := h.Status, sqlite.HealthWALDamaged; got != want {
		t.Fatalf("got status %q (%s), want %q", got, h.Detail, want)
	}
	clock := &backend.FixedClock{T: declared}
	relaunch := &app.Relaunch{}
	closed := 0
	r := &app.Recovery{Path: path, Health: h, Backups: backup.New(nil, sqlite.BackupDir(path), clock),
		Relaunch: relaunch, Clock: clock, CloseWindow: func() { closed++ }}

	p, err := r.Problem()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("Problem", func(t *testing.T) {
		if !p.CanRecover || !p.CanRestore || !p.CanMoveAside || p.CanStartEmpty || p.CanRetry {
			t.Errorf("got offers %+v, want recover, restore and move aside", p)
		}
		if p.Log == nil || p.Log.Problem != "" {
			t.Fatalf("got log preview %+v, want one", p.Log)
		}
		if p.Log.Commits == 0 || p.Log.LostCommits == 0 || p.Log.Incidents != 1 {
			t.Errorf("got preview %+v, want commits before and after the damage, 1 incident", p.Log)
		}
		for _, s := range []string{path + "-wal", "is damaged", "Nothing has been opened or changed", "Recover what the log's intact part holds"} {
			if !strings.Contains(p.Message, s) {
				t.Errorf("got message %q, want it to contain %q", p.Message, s)
			}
		}
		for suffix, want := range damaged {
			if got := sha(t, path+suffix); got != want {
				t.Errorf("asking for the problem changed the %q file", suffix)
			}
		}
	})

	to, err := r.RecoverFromLog()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("DamagedFilesKeptAsTheyWere", func(t *testing.T) {
		for suffix, want := range damaged {
			if got := sha(t, to+suffix); got != want {
				t.Errorf("%s%s: got sha256 %s, want the damaged file's %s", filepath.Base(to), suffix, got, want)
			}
		}
		var kept []backup.Backup
		list, err := r.Backups.List(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range list {
			if b.Reason == backup.ReasonBeforeRecovery {
				kept = append(kept, b)
			}
		}
		if len(kept) != 1 || sha(t, kept[0].Path+"-wal") != damaged["-wal"] {
			t.Errorf("got before-recovery backups %+v, want one holding the damaged log byte for byte", kept)
		}
	})
	t.Run("RecoveredInPlace", func(t *testing.T) {
		for _, suffix := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(path + suffix); !os.IsNotExist(err) {
				t.Errorf("a %s file is beside the recovered database (stat: %v)", suffix, err)
			}
		}
		h := sqlite.CheckFile(path)
		if !h.OK() || h.Incidents != 1 {
			t.Fatalf("got %+v for the recovered file, want a healthy one with 1 incident", h)
		}
		got := loggedNotes(t, path)
		if got != p.Log.Entries-1 { // the preview counted the declaration too
			t.Errorf("got %d notes back, the preview said %d", got, p.Log.Entries-1)
		}
		if got == 0 || got >= notes {
			t.Errorf("got %d notes back from a log damaged halfway, want some, not all", got)
		}
		// SQLite's own reading of the damaged files, in a copy, holds the same.
		sees := filepath.Join(t.TempDir(), "sees.db")
		for _, suffix := range []string{"", "-wal"} {
			copyBytes(t, to+suffix, sees+suffix)
		}
		db := sqlite.NewDB(sees, clock)
		if err := db.Open(); err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		if want := loggedNotes(t, sees); got != want {
			t.Errorf("got %d notes back, SQLite's valid frames hold %d", got, want)
		}
	})
	t.Run("StartsAgain", func(t *testing.T) {
		again, restore, notice := relaunch.Pending()
		if !again || restore != "" || closed != 1 {
			t.Errorf("got again=%v restore=%q closed=%d, want a restart", again, restore, closed)
		}
		for _, s := range []string{"Recovered 1 incident and ", "moved aside to " + to, "kept as the backup bridgelog-"} {
			if !strings.Contains(notice, s) {
				t.Errorf("got notice %q, want it to contain %q", notice, s)
			}
		}
		if h := backup.CheckStart(context.Background(), path); !h.OK() {
			t.Errorf("the next start: got %+v, want OK", h)
		}
	})
}

// A log damaged in its header holds nothing SQLite can replay: recovering
// keeps what the database file holds, and says so before.
func TestRecovery_DamagedLogHeader(t *testing.T) {
	path := crashedWithNotes(t, 5)
	flipAt(t, path+"-wal", 20)
	h := sqlite.CheckFile(path)
	if got, want := h.Status, sqlite.HealthWALDamaged; got != want {
		t.Fatalf("got status %q, want %q", got, want)
	}
	clock := &backend.FixedClock{T: declared}
	r := &app.Recovery{Path: path, Health: h, Backups: backup.New(nil, sqlite.BackupDir(path), clock),
		Relaunch: &app.Relaunch{}, Clock: clock}
	p, err := r.Problem()
	if err != nil {
		t.Fatal(err)
	}
	if p.Log == nil || p.Log.Commits != 0 || p.Log.Incidents != 1 || !p.CanRecover {
		t.Fatalf("got %+v / %+v, want no commits from the log and the file's 1 incident", p, p.Log)
	}
	if !strings.Contains(p.Message, "Its header is damaged") {
		t.Errorf("got message %q", p.Message)
	}
	if _, err := r.RecoverFromLog(); err != nil {
		t.Fatal(err)
	}
	if got := loggedNotes(t, path); got != 0 {
		t.Errorf("got %d notes, want 0: the log's notes were beyond reach", got)
	}
}

// Each action is refused where the screen does not offer it.
func TestRecovery_Offers(t *testing.T) {
	for _, tt := range []struct {
		status                                         sqlite.HealthStatus
		recover, restore, moveAside, startEmpty, retry bool
	}{
		{sqlite.HealthWALDamaged, true, true, true, false, false},
		{sqlite.HealthWALOnly, true, true, true, false, false},
		{sqlite.HealthMissing, false, true, false, true, false},
		{sqlite.HealthEmpty, false, true, false, true, false},
		{sqlite.HealthReplaced, false, true, false, true, false},
		{sqlite.HealthUnusable, false, false, false, false, true},
		{sqlite.HealthUnreadable, false, true, true, false, true},
		{sqlite.HealthCorrupt, false, true, true, false, false},
		{sqlite.HealthNotDatabase, false, true, true, false, false},
	} {
		t.Run(string(tt.status), func(t *testing.T) {
			clock := &backend.FixedClock{T: declared}
			path := filepath.Join(t.TempDir(), "bridgelog.db")
			relaunch := &app.Relaunch{}
			r := &app.Recovery{Path: path, Health: sqlite.Health{Status: tt.status, Message: "a problem"},
				Backups: backup.New(nil, sqlite.BackupDir(path), clock), Relaunch: relaunch, Clock: clock}
			p, err := r.Problem()
			if err != nil {
				t.Fatal(err)
			}
			got := [5]bool{p.CanRecover || p.Log != nil, p.CanRestore, p.CanMoveAside, p.CanStartEmpty, p.CanRetry}
			if want := [5]bool{tt.recover, tt.restore, tt.moveAside, tt.startEmpty, tt.retry}; got != want {
				t.Errorf("got offers recover/restore/move/empty/retry %v, want %v", got, want)
			}
			refused := func(name string, err error, offered bool) {
				if !offered && backend.ErrorCode(err) != backend.ECONFLICT {
					t.Errorf("%s: got %v, want it refused", name, err)
				}
			}
			if !tt.recover {
				_, err := r.RecoverFromLog()
				refused("RecoverFromLog", err, false)
			}
			if !tt.restore {
				refused("RestoreLatest", r.RestoreLatest(), false)
			}
			if !tt.moveAside {
				_, err := r.MoveAside()
				refused("MoveAside", err, false)
			}
			if !tt.startEmpty {
				refused("StartEmpty", r.StartEmpty(), false)
			}
			if !tt.retry {
				refused("CheckAgain", r.CheckAgain(), false)
			} else if err := r.CheckAgain(); err != nil {
				t.Errorf("CheckAgain: %v", err)
			} else if again, _, notice := relaunch.Pending(); !again || notice != "" {
				t.Errorf("CheckAgain: got again=%v notice=%q, want a plain restart", again, notice)
			}
		})
	}
}
