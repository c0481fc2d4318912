package backup_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/sqlite"
	"bridgelog/backend/sqlite/sqlitetest"
)

// withBackup opens a database holding incident A, backs it up, adds incident
// B, and closes it as the caller's protocol asks. It returns the live path,
// the backup of A and the service.
func withBackup(t *testing.T) (live string, a backup.Backup, svc *backup.Service, clock *backend.FixedClock) {
	t.Helper()
	db, svc, clock := MustOpenDB(t)
	MustCreateIncident(t, db, "A: checkout errors")
	a, err := svc.Create(context.Background(), backup.ReasonResolved)
	if err != nil {
		t.Fatal(err)
	}
	MustCreateIncident(t, db, "B: login slow")
	clock.Advance(time.Hour)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return db.Path, a, svc, clock
}

func TestService_Restore(t *testing.T) {
	ctx := context.Background()

	t.Run("RoundTrip", func(t *testing.T) {
		live, a, svc, clock := withBackup(t)
		before, err := svc.Restore(ctx, a.Path, live)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := titles(t, live), []string{"A: checkout errors"}; !slices.Equal(got, want) {
			t.Errorf("got incidents %q after the restore, want %q", got, want)
		}
		if got, want := filepath.Base(before.Path), "bridgelog-20261122T191500Z-2e-2i-before-restore.db"; got != want {
			t.Errorf("got before-restore copy %q, want %q", got, want)
		}
		if before.Reason != backup.ReasonBeforeRestore || before.Incidents != 2 || before.Problem != "" || !before.Time.Equal(clock.T) {
			t.Errorf("got before-restore %+v, want 2 incidents at %v and no problem", before, clock.T)
		}
		if got, want := titles(t, before.Path), []string{"A: checkout errors", "B: login slow"}; !slices.Equal(got, want) {
			t.Errorf("got incidents %q in the before-restore copy, want %q", got, want)
		}
		if got, want := dirNames(t, filepath.Dir(live)), []string{"bridgelog-backups", "bridgelog.db"}; !slices.Equal(got, want) {
			t.Errorf("got database folder %q, want %q (no side or temporary files)", got, want)
		}
		fi, err := os.Stat(live)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := fi.Mode().Perm(), os.FileMode(0o600); got != want {
			t.Errorf("got mode %v for the restored file, want %v", got, want)
		}

		// The restored file opens as usual, and the backup itself is unchanged.
		db := sqlitetest.OpenAt(t, live, clock)
		incs, err := sqlite.NewIncidentService(db).ListIncidents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(incs), 1; got != want {
			t.Errorf("got %d incidents through the store, want %d", got, want)
		}
		list, err := svc.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(list), 2; got != want {
			t.Fatalf("got %d backups, want %d (A and the before-restore copy)", got, want)
		}
		if list[1].Path != a.Path || list[1].Incidents != 1 || list[1].Problem != "" {
			t.Errorf("got %+v, want the backup of A untouched", list[1])
		}
	})

	// After a crash the notes since the last checkpoint are in the WAL file
	// only: the before-restore copy must hold them, and the old WAL must not
	// be replayed into the restored file.
	t.Run("CrashLeftWAL", func(t *testing.T) {
		db, svc, _ := MustOpenDB(t)
		MustCreateIncident(t, db, "A: checkout errors")
		a, err := svc.Create(ctx, backup.ReasonResolved)
		if err != nil {
			t.Fatal(err)
		}
		MustCreateIncident(t, db, "B: login slow")
		live := filepath.Join(t.TempDir(), "crashed.db")
		for _, suffix := range []string{"", "-wal"} {
			b, err := os.ReadFile(db.Path + suffix)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(live+suffix, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}

		before, err := svc.Restore(ctx, a.Path, live)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := titles(t, before.Path), []string{"A: checkout errors", "B: login slow"}; !slices.Equal(got, want) {
			t.Errorf("got incidents %q in the before-restore copy, want %q", got, want)
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(live + suffix); !os.IsNotExist(err) {
				t.Errorf("the old %s file is still beside the restored database (stat: %v)", suffix, err)
			}
		}
		if got, want := titles(t, live), []string{"A: checkout errors"}; !slices.Equal(got, want) {
			t.Errorf("got incidents %q after the restore, want %q", got, want)
		}
		if h := sqlite.CheckFile(live); !h.OK() {
			t.Errorf("got %s (%s) for the restored file, want it healthy", h.Status, h.Detail)
		}
	})

	// A damaged live file is kept byte for byte: a repair may still recover
	// notes from it.
	t.Run("DamagedLive", func(t *testing.T) {
		live, a, svc, _ := withBackup(t)
		if err := os.WriteFile(live, []byte(strings.Repeat("not a database ", 500)), 0o600); err != nil {
			t.Fatal(err)
		}
		damaged := fileSum(t, live)
		before, err := svc.Restore(ctx, a.Path, live)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := fileSum(t, before.Path), damaged; got != want {
			t.Errorf("got before-restore sha256 %s, want the damaged file's %s", got, want)
		}
		if !strings.HasPrefix(before.Problem, "not-a-database: ") {
			t.Errorf("got problem %q, want it to start with %q", before.Problem, "not-a-database: ")
		}
		if got, want := titles(t, live), []string{"A: checkout errors"}; !slices.Equal(got, want) {
			t.Errorf("got incidents %q after the restore, want %q", got, want)
		}
		list, err := svc.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(list), 2; got != want || list[0].Problem == "" {
			t.Errorf("got %+v, want 2 backups, the newest flagged", list)
		}
	})

	t.Run("NothingToKeep", func(t *testing.T) {
		_, a, svc, _ := withBackup(t)
		live := filepath.Join(t.TempDir(), "new.db")
		before, err := svc.Restore(ctx, a.Path, live)
		if err != nil {
			t.Fatal(err)
		}
		if before != (backup.Backup{}) {
			t.Errorf("got before-restore %+v, want none: there was no file", before)
		}
		if got, want := titles(t, live), []string{"A: checkout errors"}; !slices.Equal(got, want) {
			t.Errorf("got incidents %q after the restore, want %q", got, want)
		}
	})

	// A backup that cannot be restored changes nothing: not the live file, and
	// no before-restore copy appears.
	for _, tt := range []struct {
		name   string
		spoil  func(t *testing.T, live, backup string) string
		code   string
		substr string
	}{
		{"ErrDamagedBackup", func(t *testing.T, live, b string) string { garble(t, b); return b },
			backend.EINVALID, "cannot be restored (corrupt: "},
		{"ErrNewerBackup", func(t *testing.T, live, b string) string {
			withSQL(t, b, `INSERT INTO migrations (name, applied_at) VALUES ('9999_future.sql', 0)`)
			return b
		}, backend.EINVALID, "cannot be restored (newer-schema: "},
		{"ErrEmptyBackup", func(t *testing.T, live, b string) string {
			if err := os.Truncate(b, 0); err != nil {
				t.Fatal(err)
			}
			return b
		}, backend.EINVALID, "is not a backup"},
		{"ErrMissingBackup", func(t *testing.T, live, b string) string { return b + ".gone" },
			backend.ENOTFOUND, "is no longer there"},
		{"ErrLiveItself", func(t *testing.T, live, b string) string { return live },
			backend.EINVALID, "is the database itself"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			live, a, svc, _ := withBackup(t)
			from := tt.spoil(t, live, a.Path)
			want := fileSum(t, live)
			_, err := svc.Restore(ctx, from, live)
			wantError(t, err, tt.code, tt.substr)
			if got := fileSum(t, live); got != want {
				t.Errorf("the live file changed")
			}
			if got, want := dirNames(t, svc.Dir), []string{filepath.Base(a.Path)}; !slices.Equal(got, want) {
				t.Errorf("got backup folder %q, want %q", got, want)
			}
		})
	}
}
