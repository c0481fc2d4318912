package backup_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/sqlite"
)

func TestService_CleanLeftovers(t *testing.T) {
	if path := os.Getenv("BRIDGELOG_KILL_BACKUP"); path != "" {
		killedBackup(path)
		return
	}
	ctx := context.Background()

	// A backup killed midway (here: the process exits right after SQLite
	// wrote the copy, before it was checked and named) leaves its partial
	// file; the next start removes it, and nothing else.
	t.Run("KilledBackup", func(t *testing.T) {
		db, svc, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors")
		for i := range 200 {
			MustCreateEntry(t, db, inc.ID, fmt.Sprintf("note %d %s", i, strings.Repeat("queue depth ", 30)))
		}
		good, err := svc.Create(ctx, backup.ReasonPeriodic)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestService_CleanLeftovers$")
		cmd.Env = append(os.Environ(), "BRIDGELOG_KILL_BACKUP="+db.Path)
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
			t.Fatalf("got %v from the backup, want it stopped after writing its copy (exit 3):\n%s", err, out)
		}
		var partial string
		for _, name := range dirNames(t, svc.Dir) {
			if strings.HasPrefix(name, ".bridgelog-partial-") {
				partial = filepath.Join(svc.Dir, name)
			}
		}
		if fi, err := os.Stat(partial); err != nil || fi.Size() == 0 {
			t.Fatalf("got no partial file with content in %q (%v): the child did not stop mid-backup", dirNames(t, svc.Dir), err)
		}

		// The next start, with a Service of its own.
		removed, err := backup.New(nil, svc.Dir, svc.Clock).CleanLeftovers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := removed, []string{partial}; !slices.Equal(got, want) {
			t.Errorf("got removed %q, want %q", got, want)
		}
		if got, want := dirNames(t, svc.Dir), []string{filepath.Base(good.Path)}; !slices.Equal(got, want) {
			t.Errorf("got folder %q, want only the good backup %q", got, want)
		}
	})

	t.Run("OnlyItsOwnPartialFiles", func(t *testing.T) {
		db, svc, _ := MustOpenDB(t)
		good, err := svc.Create(ctx, backup.ReasonManual)
		if err != nil {
			t.Fatal(err)
		}
		write := func(path string) {
			t.Helper()
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte("partial"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		mine := []string{".bridgelog-partial-123.db", ".bridgelog-partial-123.db-journal", ".bridgelog-partial-456.db-wal"}
		for _, name := range mine {
			write(filepath.Join(svc.Dir, name))
		}
		// Not this Service's partial files: kept.
		outside := filepath.Join(t.TempDir(), "outside.db")
		write(outside)
		others := []string{
			filepath.Join(filepath.Dir(db.Path), ".bridgelog-partial-9.db"),                  // the database's folder
			filepath.Join(filepath.Dir(db.Path), "other-backups", ".bridgelog-partial-9.db"), // another database's backups
			filepath.Join(svc.Dir, ".bridgelog-partial-dir", "kept.db"),                      // inside a folder of that name
			filepath.Join(svc.Dir, "x.bridgelog-partial-1.db"),
			filepath.Join(svc.Dir, ".bridgelog-partial"),
			filepath.Join(svc.Dir, "notes.txt"),
		}
		for _, path := range others {
			write(path)
		}
		link := filepath.Join(svc.Dir, ".bridgelog-partial-link.db")
		if err := os.Symlink(outside, link); err != nil {
			t.Fatal(err)
		}

		removed, err := svc.CleanLeftovers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, name := range mine {
			want = append(want, filepath.Join(svc.Dir, name))
		}
		slices.Sort(want)
		slices.Sort(removed)
		if !slices.Equal(removed, want) {
			t.Errorf("got removed\n %q\nwant\n %q", removed, want)
		}
		for _, path := range append(others, outside, link, good.Path) {
			if _, err := os.Lstat(path); err != nil {
				t.Errorf("%s: %v, want it left alone", path, err)
			}
		}
		if got, want := fileSum(t, outside), fileSum(t, link); got != want {
			t.Errorf("the file a partial-named link points to changed")
		}
	})

	t.Run("NoFolderYet", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "bridgelog-backups")
		removed, err := backup.New(nil, dir, nil).CleanLeftovers(ctx)
		if err != nil || removed != nil {
			t.Errorf("got %q, %v; want nothing removed and no error", removed, err)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("got %v for the folder, want it still absent", err)
		}
	})

	t.Run("ErrCancelled", func(t *testing.T) {
		_, svc, _ := MustOpenDB(t)
		ctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := svc.CleanLeftovers(ctx); err != context.Canceled {
			t.Errorf("got %v, want %v", err, context.Canceled)
		}
	})
}

// killedBackup backs up the database at path and exits, without cleanup,
// once SQLite has written the copy: a kill in the middle of a backup.
func killedBackup(path string) {
	backup.OnStep(func(step string) {
		if step == "backup written" {
			os.Exit(3)
		}
	})
	clock := &backend.FixedClock{T: t0}
	db := sqlite.NewDB(path, clock)
	if err := db.Open(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	_, err := backup.New(db, sqlite.BackupDir(path), clock).Create(context.Background(), backup.ReasonPeriodic)
	fmt.Fprintln(os.Stderr, "the backup finished:", err)
	os.Exit(1)
}
