package backup_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/backup"
)

func TestService_CheckRestorable(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		_, a, svc, _ := withBackup(t)
		if err := svc.CheckRestorable(a.Path); err != nil {
			t.Errorf("a healthy backup from the list: got %v, want nil", err)
		}
	})

	// Each refusal names what is wrong and says what to do; none touches a file.
	for _, tt := range []struct {
		name   string
		path   func(t *testing.T, live, backup, dir string) string
		code   string
		substr string
	}{
		{"ErrEmptyPath", func(t *testing.T, live, b, dir string) string { return "" },
			backend.EINVALID, "is not one of the backups in"},
		{"ErrTheDatabase", func(t *testing.T, live, b, dir string) string { return live },
			backend.EINVALID, "is not one of the backups in"},
		{"ErrInAFolderBelow", func(t *testing.T, live, b, dir string) string {
			below := filepath.Join(dir, "old", filepath.Base(b))
			copyTo(t, b, below)
			return below
		}, backend.EINVALID, "is not one of the backups in"},
		{"ErrNotABackupName", func(t *testing.T, live, b, dir string) string {
			other := filepath.Join(dir, "copy of bridgelog.db")
			copyTo(t, b, other)
			return other
		}, backend.EINVALID, "choose one from the list"},
		{"ErrMissing", func(t *testing.T, live, b, dir string) string {
			return filepath.Join(dir, "bridgelog-20261121T130000Z-manual.db")
		}, backend.ENOTFOUND, "is no longer there: choose another one"},
		{"ErrEmptyFile", func(t *testing.T, live, b, dir string) string {
			empty := filepath.Join(dir, "bridgelog-20261121T130000Z-manual.db")
			if err := os.WriteFile(empty, nil, 0o600); err != nil {
				t.Fatal(err)
			}
			return empty
		}, backend.EINVALID, "is not a backup (it is empty or not a file)"},
		{"ErrAFolder", func(t *testing.T, live, b, dir string) string {
			folder := filepath.Join(dir, "bridgelog-20261121T130000Z-manual.db")
			if err := os.Mkdir(folder, 0o700); err != nil {
				t.Fatal(err)
			}
			return folder
		}, backend.EINVALID, "is not a backup (it is empty or not a file)"},
		{"ErrDamaged", func(t *testing.T, live, b, dir string) string { garble(t, b); return b },
			backend.EINVALID, "cannot be restored (corrupt: "},
		{"ErrNewer", func(t *testing.T, live, b, dir string) string {
			withSQL(t, b, `INSERT INTO migrations (name, applied_at) VALUES ('9999_future.sql', 0)`)
			return b
		}, backend.EINVALID, "cannot be restored (newer-schema: "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			live, a, svc, _ := withBackup(t)
			path := tt.path(t, live, a.Path, svc.Dir)
			want := fileSum(t, live)
			wantError(t, svc.CheckRestorable(path), tt.code, tt.substr)
			if got := fileSum(t, live); got != want {
				t.Error("the live file changed")
			}
		})
	}

	t.Run("ErrNoBackupFolder", func(t *testing.T) {
		_, a, _, _ := withBackup(t)
		svc := backup.New(nil, "", nil)
		wantError(t, svc.CheckRestorable(filepath.Base(a.Path)), backend.EINVALID, "is not one of the backups")
	})
}

func TestService_LatestRestorable(t *testing.T) {
	ctx := context.Background()

	t.Run("Newest", func(t *testing.T) {
		db, svc, clock := MustOpenDB(t)
		MustCreateIncident(t, db, "A: checkout errors")
		if _, err := svc.Create(ctx, backup.ReasonPeriodic); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Minute)
		MustCreateIncident(t, db, "B: login slow")
		newest, err := svc.Create(ctx, backup.ReasonManual)
		if err != nil {
			t.Fatal(err)
		}
		got, err := svc.LatestRestorable(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got.Path != newest.Path || got.Incidents != 2 {
			t.Errorf("got %s with %d incidents, want %s with 2", got.Path, got.Incidents, newest.Path)
		}
	})

	// A damaged newest copy does not hide the good one before it.
	t.Run("PastADamagedNewest", func(t *testing.T) {
		db, svc, clock := MustOpenDB(t)
		MustCreateIncident(t, db, "A: checkout errors")
		good, err := svc.Create(ctx, backup.ReasonPeriodic)
		if err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Minute)
		MustCreateIncident(t, db, "B: login slow")
		damaged, err := svc.Create(ctx, backup.ReasonManual)
		if err != nil {
			t.Fatal(err)
		}
		garble(t, damaged.Path)
		got, err := svc.LatestRestorable(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got.Path != good.Path {
			t.Errorf("got %s, want the older good %s", got.Path, good.Path)
		}
	})

	// A backup whose name carries no counts is counted from its file.
	t.Run("UncountedName", func(t *testing.T) {
		db, svc, _ := MustOpenDB(t)
		MustCreateIncident(t, db, "A: checkout errors")
		made, err := svc.Create(ctx, backup.ReasonManual)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := backup.ParseName(filepath.Base(made.Path))
		n.Counted = false
		old := filepath.Join(svc.Dir, n.String())
		if err := os.Rename(made.Path, old); err != nil {
			t.Fatal(err)
		}
		got, err := svc.LatestRestorable(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got.Path != old || got.Incidents != 1 {
			t.Errorf("got %s with %d incidents, want %s with 1", got.Path, got.Incidents, old)
		}
	})

	t.Run("ErrNoneGood", func(t *testing.T) {
		db, svc, _ := MustOpenDB(t)
		MustCreateIncident(t, db, "A: checkout errors")
		made, err := svc.Create(ctx, backup.ReasonManual)
		if err != nil {
			t.Fatal(err)
		}
		garble(t, made.Path)
		_, err = svc.LatestRestorable(ctx)
		wantError(t, err, backend.ENOTFOUND, "move the damaged file aside")
	})

	t.Run("ErrNoFolder", func(t *testing.T) {
		svc := backup.New(nil, filepath.Join(t.TempDir(), "none"), nil)
		_, err := svc.LatestRestorable(ctx)
		wantError(t, err, backend.ENOTFOUND, "No backup in")
	})
}

// copyTo copies the file at src to dst, creating dst's folder.
func copyTo(tb testing.TB, src, dst string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(dst, mustRead(tb, src), 0o600); err != nil {
		tb.Fatal(err)
	}
}
