package cli_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/instance"
	"bridgelog/backend/sqlite"
)

func digest(tb testing.TB, path string) [32]byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return sha256.Sum256(b)
}

// An export never lands on the database, its side files or its backups,
// whatever name the output is given.
func TestExport_NeverOntoDataFiles(t *testing.T) {
	db := seed(t)
	dir := filepath.Dir(db)
	backups := sqlite.BackupDir(db)
	if err := os.MkdirAll(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	backupFile := filepath.Join(backups, "bridgelog-2026-12-07T100000Z-periodic.db")
	if err := os.WriteFile(backupFile, []byte("a backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	symlink, hardlink := filepath.Join(t.TempDir(), "sym.db"), filepath.Join(dir, "hard.db")
	if err := os.Symlink(db, symlink); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(db, hardlink); err != nil {
		t.Fatal(err)
	}
	before, beforeBackup := digest(t, db), digest(t, backupFile)
	for name, out := range map[string]string{
		"ErrDatabase":      db,
		"ErrDotDot":        filepath.Join(dir, "sub", "..", filepath.Base(db)),
		"ErrSymlink":       symlink,
		"ErrHardLink":      hardlink,
		"ErrWAL":           db + "-wal",
		"ErrLock":          db + ".lock",
		"ErrBackup":        backupFile,
		"ErrBackupsFolder": filepath.Join(backups, "incident.json"),
	} {
		t.Run(name, func(t *testing.T) {
			for _, format := range []string{"json", "md"} {
				code, _, errOut := run("export", "--db", db, "--incident", "latest", "--format", format, "--out", out)
				if code == 0 {
					t.Fatalf("%s: exit 0 exporting onto %s, want a refusal", format, out)
				}
				if !strings.Contains(errOut, "Choose another") && !strings.Contains(errOut, "choose another") {
					t.Errorf("%s: got %q, want it to say what to choose instead", format, errOut)
				}
			}
			if digest(t, db) != before || digest(t, backupFile) != beforeBackup {
				t.Fatal("the database or the backup changed")
			}
		})
	}
	t.Run("OKBeside", func(t *testing.T) {
		out := filepath.Join(dir, "incident.json")
		if code, _, errOut := run("export", "--db", db, "--incident", "latest", "--format", "json", "--out", out); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
	})
}

// The command line's writing commands take the window's lock through any
// name of the file: a symbolic link, a hard link, a path with "..".
func TestImportRecord_LockedThroughAnyName(t *testing.T) {
	db := seed(t)
	rec := filepath.Join(t.TempDir(), "record.json")
	if code, _, errOut := run("export", "--db", db, "--incident", "1", "--format", "json", "--out", rec); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lock, err := instance.AcquireDB(db) // what the window holds while open
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	dir := filepath.Dir(db)
	symlink, hardlink := filepath.Join(t.TempDir(), "sym.db"), filepath.Join(dir, "hard.db")
	if err := os.Symlink(db, symlink); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(db, hardlink); err != nil {
		t.Fatal(err)
	}
	before := digest(t, db)
	for name, path := range map[string]string{
		"Symlink": symlink, "HardLink": hardlink, "DotDot": filepath.Join(dir, "x", "..", filepath.Base(db)),
	} {
		t.Run(name, func(t *testing.T) {
			code, _, errOut := run("import-record", rec, "--db", path)
			if code == 0 {
				t.Fatal("exit 0 importing while the window holds the database, want a refusal")
			}
			if !strings.Contains(errOut, "Bridgelog is open on this database") {
				t.Errorf("got %q, want it to say the database is open", errOut)
			}
		})
	}
	if digest(t, db) != before {
		t.Fatal("the database changed")
	}
}

// A database on a read-only mount can be listed and exported: nothing is
// written beside it, and notes still in its WAL (a crash left it) are read.
func TestExport_ReadOnlyMount(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a read-only file system needs root (CI runs as root)")
	}
	for _, withWAL := range []bool{false, true} {
		name := map[bool]string{false: "NoWAL", true: "WithWAL"}[withWAL]
		t.Run(name, func(t *testing.T) {
			db := seed(t)
			files := []string{""}
			want := "EU logins failing" // the latest incident
			if withWAL {
				// A crash snapshot: the files copied while the database is
				// open and its last change is only in the WAL.
				live := sqlite.NewDB(db, backend.SystemClock{})
				live.CheckpointAfter = time.Hour
				if err := live.Open(); err != nil {
					t.Fatal(err)
				}
				defer live.Close()
				if _, err := sqlite.NewIncidentService(live).CreateIncident(context.Background(),
					backend.IncidentCreate{Title: "Only in the WAL", Severity: backend.SEV2, Author: "Sam"}); err != nil {
					t.Fatal(err)
				}
				files, want = []string{"", "-wal"}, "Only in the WAL"
			}
			mnt := t.TempDir()
			if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mnt).CombinedOutput(); err != nil {
				t.Fatalf("mount: %v: %s", err, out)
			}
			t.Cleanup(func() { exec.Command("umount", mnt).Run() })
			ro := filepath.Join(mnt, "bridgelog.db")
			for _, suffix := range files {
				b, err := os.ReadFile(db + suffix)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(ro+suffix, b, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if out, err := exec.Command("mount", "-o", "remount,ro", mnt).CombinedOutput(); err != nil {
				t.Fatalf("remount read-only: %v: %s", err, out)
			}
			if code, out, errOut := run("--db", ro, "list"); code != 0 || !strings.Contains(out, want) {
				t.Fatalf("list: exit %d, %q %q, want %q listed", code, out, errOut, want)
			}
			out := filepath.Join(t.TempDir(), "incident.json")
			if code, _, errOut := run("export", "--db", ro, "--incident", "latest", "--format", "json", "--out", out); code != 0 {
				t.Fatalf("export: exit %d: %s", code, errOut)
			}
			b, err := os.ReadFile(out)
			var rec map[string]any
			if err != nil || json.Unmarshal(b, &rec) != nil {
				t.Fatalf("the export is not JSON: %v", err)
			}
			if !strings.Contains(string(b), want) {
				t.Errorf("the export lacks %q", want)
			}
		})
	}
}
