package backup_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/sqlite"
)

// mustScreen is the recovery screen over a closed database file at a new
// path whose start check found status, with one good backup of a database
// holding an incident.
func mustScreen(tb testing.TB, status sqlite.HealthStatus) (*backup.Screen, backup.Backup) {
	tb.Helper()
	db, svc, clock := MustOpenDB(tb)
	MustCreateIncident(tb, db, "Checkout errors")
	made, err := svc.Create(context.Background(), backup.ReasonManual)
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "bridgelog.db")
	if err := os.WriteFile(path, []byte("damaged"), 0o600); err != nil {
		tb.Fatal(err)
	}
	return &backup.Screen{Path: path, Health: sqlite.Health{Status: status, Message: "The database is damaged."},
		Backups: backup.New(nil, svc.Dir, clock), Clock: clock}, made
}

func TestScreen_Problem(t *testing.T) {
	ctx := context.Background()
	t.Run("NoneWhenOpened", func(t *testing.T) {
		s, _ := mustScreen(t, sqlite.HealthOK)
		if p := s.Problem(ctx); p != nil {
			t.Errorf("got %+v for a database that opened, want none", p)
		}
	})
	t.Run("OffersForTheStatus", func(t *testing.T) {
		s, made := mustScreen(t, sqlite.HealthEmpty)
		p := s.Problem(ctx)
		if got, want := p.Offers, (backup.Remedies{Restore: true, StartEmpty: true}); got != want {
			t.Errorf("got offers %+v, want %+v", got, want)
		}
		if p.Log != nil {
			t.Errorf("got a log preview %+v for a problem that is not the log", p.Log)
		}
		if len(p.Backups) != 1 || p.Backups[0].Path != made.Path || p.Message != "The database is damaged." || p.Path != s.Path {
			t.Errorf("got %+v, want the message, the path and the one backup %s", p, made.Path)
		}
	})
	// A log whose preview fails is shown with why, and recovering from it
	// is not offered: it would fail the same way.
	t.Run("NoRecoverWhenThePreviewFails", func(t *testing.T) {
		s, _ := mustScreen(t, sqlite.HealthWALDamaged)
		p := s.Problem(ctx)
		if p.Log == nil || p.Log.Problem == "" {
			t.Fatalf("got log preview %+v, want one saying why recovering cannot be done", p.Log)
		}
		if got, want := p.Offers, (backup.Remedies{Restore: true, MoveAside: true}); got != want {
			t.Errorf("got offers %+v, want %+v", got, want)
		}
	})
	t.Run("NoBackupFolder", func(t *testing.T) {
		s, _ := mustScreen(t, sqlite.HealthCorrupt)
		s.Backups = backup.New(nil, filepath.Join(t.TempDir(), "none"), s.Clock)
		if p := s.Problem(ctx); p == nil || p.Backups == nil || len(p.Backups) != 0 {
			t.Errorf("got %+v, want the problem with an empty list of backups", p)
		}
	})
}

func TestScreen_Remedies(t *testing.T) {
	ctx := context.Background()
	t.Run("MoveAsideNamesTheFile", func(t *testing.T) {
		s, _ := mustScreen(t, sqlite.HealthCorrupt)
		to, notice, err := s.MoveAside()
		if err != nil {
			t.Fatal(err)
		}
		if got, want := filepath.Base(to), "bridgelog.db.damaged-20261122T181500Z"; got != want {
			t.Errorf("moved to %s, want %s", got, want)
		}
		if got, want := notice, "The damaged database was moved aside to "+to+"; this is a new, empty one."; got != want {
			t.Errorf("got notice %q, want %q", got, want)
		}
	})
	t.Run("RestoreLatest", func(t *testing.T) {
		s, made := mustScreen(t, sqlite.HealthCorrupt)
		notice, err := s.RestoreLatest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(notice, "Restored the backup from ") {
			t.Errorf("got notice %q, want it to say which backup was restored", notice)
		}
		if got, want := titles(t, s.Path), []string{"Checkout errors"}; len(got) != 1 || got[0] != want[0] {
			t.Errorf("got incidents %v after restoring %s, want %v", got, made.Path, want)
		}
	})
	t.Run("StartEmptyNotice", func(t *testing.T) {
		s, _ := mustScreen(t, sqlite.HealthEmpty)
		notice, err := s.StartEmpty(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := notice, "Started with an empty database, as you chose. The backups in "+s.Backups.Dir+
			" are kept: restore one from Settings (Ctrl+,) at any time."; got != want {
			t.Errorf("got notice %q, want %q", got, want)
		}
	})
	// A file that is not a backup is refused before the damaged file is touched.
	t.Run("ErrNotRestorable", func(t *testing.T) {
		s, _ := mustScreen(t, sqlite.HealthCorrupt)
		bogus := filepath.Join(s.Backups.Dir, "bridgelog-20261121T140000Z-manual.db")
		if err := os.WriteFile(bogus, []byte("not a database at all, just text that is long enough to have a header of a hundred bytes, or nearly."), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Restore(ctx, bogus); err == nil {
			t.Error("got no error restoring a file that is not a database")
		}
		if got, want := string(mustRead(t, s.Path)), "damaged"; got != want {
			t.Errorf("the damaged file holds %q, want %q", got, want)
		}
	})
	// Each remedy is refused where the screen does not offer it, and nothing changes.
	for _, tc := range []struct {
		name   string
		status sqlite.HealthStatus
		do     func(s *backup.Screen) error
	}{
		{"ErrStartEmptyOverDamage", sqlite.HealthCorrupt, func(s *backup.Screen) error { _, err := s.StartEmpty(ctx); return err }},
		{"ErrMoveAsideWhenOpened", sqlite.HealthOK, func(s *backup.Screen) error { _, _, err := s.MoveAside(); return err }},
		{"ErrRecoverWithoutALogProblem", sqlite.HealthCorrupt, func(s *backup.Screen) error { _, _, err := s.RecoverFromLog(ctx); return err }},
		{"ErrRetryOverDamage", sqlite.HealthCorrupt, func(s *backup.Screen) error { return s.CheckAgain() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := mustScreen(t, tc.status)
			if got, want := backend.ErrorCode(tc.do(s)), backend.ECONFLICT; got != want {
				t.Errorf("got code %q, want %q", got, want)
			}
			if got, want := string(mustRead(t, s.Path)), "damaged"; got != want {
				t.Errorf("the damaged file holds %q, want %q", got, want)
			}
		})
	}
}

func TestService_RestoreAfterClose(t *testing.T) {
	ctx := context.Background()
	t.Run("ErrGone", func(t *testing.T) {
		s, _ := mustScreen(t, sqlite.HealthOK)
		notice := s.Backups.RestoreAfterClose(ctx, filepath.Join(s.Backups.Dir, "gone.db"), s.Path)
		if !strings.HasPrefix(notice, "The backup was not restored: ") {
			t.Errorf("got notice %q, want it to say the backup was not restored", notice)
		}
		if got, want := string(mustRead(t, s.Path)), "damaged"; got != want {
			t.Errorf("the database holds %q, want %q", got, want)
		}
	})
	t.Run("OK", func(t *testing.T) {
		s, made := mustScreen(t, sqlite.HealthOK)
		notice := s.Backups.RestoreAfterClose(ctx, made.Path, s.Path)
		if !strings.HasPrefix(notice, "Restored the backup from ") {
			t.Errorf("got notice %q, want it to say which backup was restored", notice)
		}
	})
}
