//go:build unix

package sqlite

import (
	"os"
	"syscall"
)

// tryReadWrite opens the regular file at path for reading and writing and
// closes it, writing nothing: that fails on a read-only file system and
// without permission. O_NONBLOCK keeps a pipe put there meanwhile from
// blocking the open.
func tryReadWrite(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|syscall.O_NONBLOCK, 0)
	if err != nil {
		return err
	}
	return f.Close()
}

// canCreateIn reports whether this user may create files in the folder dir,
// without creating one: the kernel answers for this user, the folder's mode
// and a read-only mount alike.
func canCreateIn(dir string) error {
	if err := syscall.Access(dir, 0x2|0x1); err != nil { // W_OK | X_OK
		return &os.PathError{Op: "access", Path: dir, Err: err}
	}
	return nil
}
