package backup_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/sqlite"
)

// TestService_RestoreCrash stops a restore after each of its steps, the way a
// crash or a power cut would (os.Exit runs no deferred cleanup), and checks
// that the live path always holds a usable database, either the old one or
// the restored one, and that once the old one was kept aside it stays kept.
func TestService_RestoreCrash(t *testing.T) {
	if step := os.Getenv("BRIDGELOG_CRASH_AT"); step != "" {
		crashAt(step)
		return
	}
	for _, setup := range []struct {
		name  string
		make  func(t *testing.T) (live string, a backup.Backup, svc *backup.Service)
		steps []string
	}{
		{"Closed", func(t *testing.T) (string, backup.Backup, *backup.Service) {
			live, a, svc, _ := withBackup(t)
			return live, a, svc
		}, []string{"copying aside", "kept aside", "copied", "side files removed", "renamed"}},
		{"WALLeft", withWAL, []string{"copying aside", "kept aside", "checkpointed", "copied", "side files removed", "renamed"}},
	} {
		for _, step := range setup.steps {
			t.Run(setup.name+"/"+step, func(t *testing.T) {
				crashTest(t, step, setup.steps, setup.make)
			})
		}
	}
}

// withWAL is withBackup after a crash: the live file is a copy of an open
// database, B's commit only in its WAL file.
func withWAL(t *testing.T) (live string, a backup.Backup, svc *backup.Service) {
	t.Helper()
	db, svc, _ := MustOpenDB(t)
	MustCreateIncident(t, db, "A: checkout errors")
	a, err := svc.Create(context.Background(), backup.ReasonResolved)
	if err != nil {
		t.Fatal(err)
	}
	MustCreateIncident(t, db, "B: login slow")
	live = filepath.Join(t.TempDir(), "crashed.db")
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(db.Path + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(live+suffix, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return live, a, svc
}

// crashTest runs a restore in a child process that stops after step, then checks
// what is on disk.
func crashTest(t *testing.T, step string, steps []string, setup func(t *testing.T) (string, backup.Backup, *backup.Service)) {
	live, a, svc := setup(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestService_RestoreCrash$")
	cmd.Env = append(os.Environ(), "BRIDGELOG_CRASH_AT="+step,
		"BRIDGELOG_CRASH_LIVE="+live, "BRIDGELOG_CRASH_BACKUP="+a.Path, "BRIDGELOG_CRASH_DIR="+svc.Dir)
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
		t.Fatalf("got %v from the restore, want it stopped after %q (exit 3):\n%s", err, step, out)
	}

	if h := sqlite.CheckFile(live); !h.OK() {
		t.Fatalf("got %s (%s) for the live file, want a usable database", h.Status, h.Detail)
	}
	got := titles(t, live)
	old, restored := []string{"A: checkout errors", "B: login slow"}, []string{"A: checkout errors"}
	if i := slices.Index(steps, step); i < slices.Index(steps, "renamed") && !slices.Equal(got, old) {
		t.Errorf("got incidents %q, want the old database %q until the rename", got, old)
	} else if i >= slices.Index(steps, "renamed") && !slices.Equal(got, restored) {
		t.Errorf("got incidents %q, want the restored database %q", got, restored)
	}
	list, err := svc.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var kept bool
	for _, b := range list {
		if b.Reason == backup.ReasonBeforeRestore && b.Problem == "" && slices.Equal(titles(t, b.Path), old) {
			kept = true
		}
	}
	if want := step != "copying aside"; kept != want {
		t.Errorf("got a before-restore copy of the old database: %v, want %v (backups %+v)", kept, want, list)
	}

	// Whatever was left over, the next restore completes and Prune
	// clears an unfinished copy.
	if _, err := svc.Restore(context.Background(), a.Path, live); err != nil {
		t.Fatalf("restore after the crash: %v", err)
	}
	if got := titles(t, live); !slices.Equal(got, restored) {
		t.Errorf("got incidents %q after restoring again, want %q", got, restored)
	}
	if _, err := svc.Prune(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{filepath.Dir(live), svc.Dir} {
		for _, name := range dirNames(t, dir) {
			if name[0] == '.' {
				t.Errorf("got leftover %s in %s", name, dir)
			}
		}
	}
}

// crashAt runs the restore the parent set up and exits, without cleanup,
// right after step.
func crashAt(step string) {
	backup.OnStep(func(s string) {
		if s == step {
			os.Exit(3)
		}
	})
	svc := backup.New(nil, os.Getenv("BRIDGELOG_CRASH_DIR"), &backend.FixedClock{T: t0})
	_, err := svc.Restore(context.Background(), os.Getenv("BRIDGELOG_CRASH_BACKUP"), os.Getenv("BRIDGELOG_CRASH_LIVE"))
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		os.Exit(1)
	}
	os.Exit(0)
}
