//go:build unix

package instance_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/instance"
)

// One writer per database file, whatever name reaches it.
func TestAcquireDB(t *testing.T) {
	newDB := func(t *testing.T) (dir, path string) {
		dir = t.TempDir()
		path = filepath.Join(dir, "live.db")
		if err := os.WriteFile(path, []byte("SQLite format 3\x00"), 0o600); err != nil {
			t.Fatal(err)
		}
		return dir, path
	}
	mustHold := func(t *testing.T, path string) *instance.Lock {
		t.Helper()
		l, err := instance.AcquireDB(path)
		if err != nil {
			t.Fatalf("lock %s: %v", path, err)
		}
		t.Cleanup(func() { l.Release() })
		return l
	}
	wantConflict := func(t *testing.T, other string) {
		t.Helper()
		l, err := instance.AcquireDB(other)
		if got := backend.ErrorCode(err); got != backend.ECONFLICT {
			l.Release()
			t.Fatalf("lock %s while the database is locked: got %v (code %q), want ECONFLICT", other, err, got)
		}
	}

	t.Run("SamePath", func(t *testing.T) {
		_, path := newDB(t)
		mustHold(t, path)
		wantConflict(t, path)
	})
	t.Run("Symlink", func(t *testing.T) {
		dir, path := newDB(t)
		link := filepath.Join(dir, "link.db")
		if err := os.Symlink(path, link); err != nil {
			t.Fatal(err)
		}
		mustHold(t, path)
		wantConflict(t, link)
	})
	t.Run("SymlinkedFolder", func(t *testing.T) {
		dir, path := newDB(t)
		other := filepath.Join(t.TempDir(), "elsewhere")
		if err := os.Symlink(dir, other); err != nil {
			t.Fatal(err)
		}
		mustHold(t, filepath.Join(other, "live.db"))
		wantConflict(t, path)
	})
	t.Run("HardLink", func(t *testing.T) {
		dir, path := newDB(t)
		link := filepath.Join(dir, "hard.db")
		if err := os.Link(path, link); err != nil {
			t.Fatal(err)
		}
		mustHold(t, path)
		wantConflict(t, link)
	})
	t.Run("DotDot", func(t *testing.T) {
		dir, path := newDB(t)
		if err := os.Mkdir(filepath.Join(dir, "sub"), 0o700); err != nil {
			t.Fatal(err)
		}
		mustHold(t, path)
		wantConflict(t, filepath.Join(dir, "sub", "..", "live.db"))
	})
	t.Run("ReleasedOnRelease", func(t *testing.T) {
		dir, path := newDB(t)
		link := filepath.Join(dir, "hard.db")
		if err := os.Link(path, link); err != nil {
			t.Fatal(err)
		}
		l, err := instance.AcquireDB(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := l.Release(); err != nil {
			t.Fatal(err)
		}
		mustHold(t, link)
	})
	t.Run("MissingFile", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "new.db")
		l := mustHold(t, path)
		wantConflict(t, filepath.Join(dir, ".", "new.db"))
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Fatalf("got %v, want the file left missing (a deleted database is not an empty one)", err)
		}
		// Open makes the file, then the lock holds it, so a hard link made
		// while the lock is held meets it too.
		if err := os.WriteFile(path, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := l.HoldFile(path); err != nil {
			t.Fatal(err)
		}
		if err := os.Link(path, filepath.Join(dir, "hard.db")); err != nil {
			t.Fatal(err)
		}
		wantConflict(t, filepath.Join(dir, "hard.db"))
	})
	t.Run("FIFONeverBlocks", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "fifo.db")
		if err := syscall.Mkfifo(path, 0o600); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() {
			l, err := instance.AcquireDB(path)
			l.Release()
			done <- err
		}()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("got %v, want the lock (opening the database then says what is wrong)", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("locking a FIFO blocked")
		}
	})
	t.Run("SameIDForEveryName", func(t *testing.T) {
		dir, path := newDB(t)
		link := filepath.Join(dir, "link.db")
		if err := os.Symlink(path, link); err != nil {
			t.Fatal(err)
		}
		if got, want := instance.ID(link), instance.ID(path); got != want {
			t.Errorf("got id %s through the link, want %s", got, want)
		}
		if got, want := instance.ID(filepath.Join(dir, "x", "..", "live.db")), instance.ID(path); got != want {
			t.Errorf("got id %s through .., want %s", got, want)
		}
	})
}
