//go:build unix

package sqlite_test

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"bridgelog/backend/sqlite"
)

// within fails the test if f has not returned after a few seconds: a check
// that opens a named pipe blocks forever.
func within[T any](t *testing.T, what string, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("%s did not return within 10 s: it blocked", what)
		panic("unreachable")
	}
}

// wantUnusable checks that both the location check and CheckFile refuse
// path as unusable, quickly, with a message naming the path and each of parts.
func wantUnusable(t *testing.T, path string, parts ...string) {
	t.Helper()
	for _, check := range []struct {
		name string
		f    func(string) sqlite.Health
	}{{"CheckLocation", sqlite.CheckLocation}, {"CheckFile", sqlite.CheckFile}} {
		h := within(t, check.name, func() sqlite.Health { return check.f(path) })
		if got, want := h.Status, sqlite.HealthUnusable; got != want {
			t.Errorf("%s: got status %q (%s), want %q", check.name, got, h.Message, want)
			continue
		}
		if check.name == "CheckFile" {
			continue // CheckFile says what is there; the location check says all
		}
		for _, s := range append([]string{"Bridgelog cannot keep its database at " + path, "Nothing there was opened or changed", "--db"}, parts...) {
			if !strings.Contains(h.Message, s) {
				t.Errorf("%s: got message %q, want it to contain %q", check.name, h.Message, s)
			}
		}
	}
}

func TestCheckLocation(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		path := closedDB(t, 1)
		if h := sqlite.CheckLocation(path); !h.OK() {
			t.Errorf("got %+v, want OK", h)
		}
	})

	t.Run("OKMissingFolders", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "new", "folders", "bridgelog.db")
		if h := sqlite.CheckLocation(path); !h.OK() {
			t.Errorf("got %+v, want OK: Open creates the folders", h)
		}
	})

	t.Run("Folder", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "bridgelog.db")
		if err := os.Mkdir(path, 0o700); err != nil {
			t.Fatal(err)
		}
		wantUnusable(t, path, "it is a folder, not a file")
	})

	t.Run("FIFO", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "bridgelog.db")
		if err := syscall.Mkfifo(path, 0o600); err != nil {
			t.Fatal(err)
		}
		wantUnusable(t, path, "it is a named pipe (FIFO), not a file")
	})

	t.Run("FIFOAsWAL", func(t *testing.T) {
		path := closedDB(t, 1)
		if err := syscall.Mkfifo(path+"-wal", 0o600); err != nil {
			t.Fatal(err)
		}
		wantUnusable(t, path, "its -wal file is a named pipe (FIFO)")
	})

	t.Run("DeviceThroughSymlink", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "bridgelog.db")
		if err := os.Symlink("/dev/null", path); err != nil {
			t.Fatal(err)
		}
		wantUnusable(t, path, "it is a device, not a file")
	})

	t.Run("DeviceNode", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "bridgelog.db")
		// The character device 1:3 is /dev/null's.
		if err := syscall.Mknod(path, syscall.S_IFCHR|0o600, 1<<8|3); err != nil {
			t.Skipf("cannot make a device node here (%v); DeviceThroughSymlink covers devices", err)
		}
		wantUnusable(t, path, "it is a device, not a file")
	})

	t.Run("FileOnThePath", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "notes.txt")
		if err := os.WriteFile(file, []byte("a file, not a folder"), 0o600); err != nil {
			t.Fatal(err)
		}
		h := sqlite.CheckLocation(filepath.Join(file, "bridgelog.db"))
		if got, want := h.Status, sqlite.HealthUnusable; got != want {
			t.Fatalf("got status %q, want %q", got, want)
		}
		if !strings.Contains(h.Message, "has a file where a folder should be") {
			t.Errorf("got message %q", h.Message)
		}
	})

	// Permissions bind every user but root, so these run the check in a
	// child process as the unprivileged user "nobody" when the tests run as
	// root, and directly otherwise.
	for _, tt := range []struct {
		name  string
		setup func(t *testing.T, dir string) string // returns the database path
		want  []string
	}{
		{name: "ReadOnlyFile", setup: func(t *testing.T, dir string) string {
			return ownedFile(t, dir, 0o400)
		}, want: []string{"it can be read but not written by your user (permission denied)", "Give your user read and write access"}},
		{name: "NoPermissionFile", setup: func(t *testing.T, dir string) string {
			return ownedFile(t, dir, 0)
		}, want: []string{"it can be neither read nor written by your user (permission denied)"}},
		{name: "FolderWithoutPermission", setup: func(t *testing.T, dir string) string {
			sub := filepath.Join(dir, "locked")
			path := ownedFile(t, dir, 0o600)
			if err := os.Mkdir(sub, 0o700); err != nil {
				t.Fatal(err)
			}
			moved := filepath.Join(sub, "bridgelog.db")
			if err := os.Rename(path, moved); err != nil {
				t.Fatal(err)
			}
			chown(t, sub)
			if err := os.Chmod(sub, 0); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(sub, 0o700) })
			return moved
		}, want: []string{"a folder on its path is not open to your user (permission denied)"}},
		{name: "ReadOnlyFolder", setup: func(t *testing.T, dir string) string {
			sub := filepath.Join(dir, "readonly")
			if err := os.Mkdir(sub, 0o700); err != nil {
				t.Fatal(err)
			}
			chown(t, sub)
			if err := os.Chmod(sub, 0o500); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(sub, 0o700) })
			return filepath.Join(sub, "bridgelog.db")
		}, want: []string{"no file can be created in its folder", "your user may not write there (permission denied)"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := reachableTempDir(t)
			path := tt.setup(t, dir)
			h := checkAsUser(t, path)
			t.Log(h.Message)
			if got, want := h.Status, sqlite.HealthUnusable; got != want {
				t.Fatalf("got status %q (%s), want %q", got, h.Message, want)
			}
			for _, s := range append([]string{path, "Nothing there was opened or changed", "--db"}, tt.want...) {
				if !strings.Contains(h.Message, s) {
					t.Errorf("got message %q, want it to contain %q", h.Message, s)
				}
			}
		})
	}
}

// reachableTempDir is a new temporary folder that other users may enter (the
// test's own temporary folders are private), for the child run as nobody.
func reachableTempDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// nobody is the unprivileged user the permission checks run as under root.
const nobody = 65534

// ownedFile writes a database file in dir with mode, owned by the user the
// check runs as, and returns its path.
func ownedFile(t *testing.T, dir string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(dir, "bridgelog.db")
	copyFile(t, closedDB(t, 1), path)
	chown(t, path)
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

// chown gives path to the user the check runs as (nobody under root).
func chown(t *testing.T, path string) {
	t.Helper()
	if os.Geteuid() == 0 {
		if err := os.Chown(path, nobody, nobody); err != nil {
			t.Fatal(err)
		}
	}
}

// checkAsUser runs CheckLocation on path as this user, or, under root, in a
// copy of this test binary run as nobody, and returns what it found.
func checkAsUser(t *testing.T, path string) sqlite.Health {
	t.Helper()
	if os.Geteuid() != 0 {
		return sqlite.CheckLocation(path)
	}
	bin := filepath.Join(reachableTempDir(t), "check.test")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(bin, os.O_WRONLY|os.O_CREATE, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^TestCheckLocationChild$", "-test.count=1")
	cmd.Env = []string{"BRIDGELOG_CHECK_LOCATION=" + path, "HOME=/nonexistent"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("the check as user nobody: %v\n%s", err, out)
	}
	i := strings.Index(string(out), "HEALTH ")
	if i < 0 {
		t.Fatalf("the child printed no result:\n%s", out)
	}
	var h sqlite.Health
	line, _, _ := strings.Cut(string(out[i+len("HEALTH "):]), "\n")
	if err := json.Unmarshal([]byte(line), &h); err != nil {
		t.Fatalf("the child's result %q: %v", line, err)
	}
	return h
}

// TestCheckLocationChild is the child process of checkAsUser; run directly,
// it has nothing to check and skips.
func TestCheckLocationChild(t *testing.T) {
	path := os.Getenv("BRIDGELOG_CHECK_LOCATION")
	if path == "" {
		t.Skip("runs only as the child process of TestCheckLocation's permission cases")
	}
	b, err := json.Marshal(sqlite.CheckLocation(path))
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("HEALTH " + string(b) + "\n")
}
