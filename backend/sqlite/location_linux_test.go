package sqlite_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"bridgelog/backend/sqlite"
)

// TestCheckLocation_ReadOnlyMount puts a database on a file system mounted
// read-only (a small tmpfs). Mounting needs root (CAP_SYS_ADMIN): elsewhere
// the test is skipped with the reason.
func TestCheckLocation_ReadOnlyMount(t *testing.T) {
	mnt := t.TempDir()
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=4m,mode=0755"); err != nil {
		t.Skipf("cannot mount a file system here (%v): a read-only mount needs root", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(mnt, 0); err != nil {
			t.Errorf("unmount %s: %v", mnt, err)
		}
	})
	path := filepath.Join(mnt, "bridgelog.db")
	copyFile(t, closedDB(t, 1), path)
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Fatalf("remount read-only: %v", err)
	}
	sum := fileSum(t, path)

	for _, tt := range []struct{ name, path string }{
		{"ExistingFile", path},
		{"NewFile", filepath.Join(mnt, "other.db")},
		{"NewFolder", filepath.Join(mnt, "sub", "bridgelog.db")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := sqlite.CheckLocation(tt.path)
			if got, want := h.Status, sqlite.HealthUnusable; got != want {
				t.Fatalf("got status %q (%s), want %q", got, h.Message, want)
			}
			for _, s := range []string{tt.path, "read-only file system", "--db pointing at a file on a disk you can write to"} {
				if !strings.Contains(h.Message, s) {
					t.Errorf("got message %q, want it to contain %q", h.Message, s)
				}
			}
		})
	}
	if got := fileSum(t, path); got != sum {
		t.Errorf("the check changed the file: got sha256 %s, want %s", got, sum)
	}
	if _, err := os.Stat(path + "-shm"); !os.IsNotExist(err) {
		t.Errorf("a -shm file is beside the database (stat: %v)", err)
	}
}
