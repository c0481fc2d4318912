package instance_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/instance"
)

func TestDataFiles_CheckOutput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	backups := filepath.Join(dir, "live-backups")
	for _, f := range []string{db, db + "-wal", filepath.Join(backups, "bridgelog-2026-12-07T100000Z-periodic.db")} {
		if err := os.MkdirAll(filepath.Dir(f), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	link := func(name string, f func(string, string) error, target string) string {
		p := filepath.Join(t.TempDir(), name)
		if err := f(target, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	guard := instance.DataFiles{DB: db, BackupDir: backups}
	for name, tc := range map[string]struct {
		path, want string
	}{
		"ErrDatabase":          {db, "is Bridgelog's database"},
		"ErrDatabaseDotDot":    {filepath.Join(dir, "x", "..", "live.db"), "is Bridgelog's database"},
		"ErrDatabaseSymlink":   {link("link.db", os.Symlink, db), "is Bridgelog's database"},
		"ErrDatabaseHardLink":  {link("hard.db", os.Link, db), "is Bridgelog's database"},
		"ErrWAL":               {db + "-wal", "beside its database"},
		"ErrSHMNotYetThere":    {db + "-shm", "beside its database"},
		"ErrLock":              {db + ".lock", "beside its database"},
		"ErrBackupsFolder":     {filepath.Join(backups, "export.json"), "backups folder"},
		"ErrBackupHardLink":    {link("b.db", os.Link, filepath.Join(backups, "bridgelog-2026-12-07T100000Z-periodic.db")), "another name for the backup"},
		"ErrBackupsFolderLink": {filepath.Join(link("bk", os.Symlink, backups), "x.md"), "backups folder"},
		"OK":                   {filepath.Join(dir, "live.md"), ""},
		"OKSimilarName":        {filepath.Join(dir, "live.db.json"), ""},
		"OKNewFolder":          {filepath.Join(dir, "exports", "live.md"), ""},
	} {
		t.Run(name, func(t *testing.T) {
			err := guard.CheckOutput(tc.path)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("got %v, want no error", err)
				}
				return
			}
			if got := backend.ErrorCode(err); got != backend.EINVALID {
				t.Fatalf("got %v (code %q), want EINVALID", err, got)
			}
			if !strings.Contains(backend.ErrorMessage(err), tc.want) {
				t.Errorf("got %q, want it to say %q", backend.ErrorMessage(err), tc.want)
			}
		})
	}
}
