//go:build unix

// Package instance guarantees one writer per database file across processes.
package instance

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"

	"bridgelog/backend"
)

// Lock is an exclusive advisory lock held for the life of the process. The
// kernel drops it when the process dies, so a crash never leaves a stale lock
// behind.
type Lock struct{ files []*os.File }

// Acquire takes the lock at path, or fails at once if another process holds it.
func Acquire(path string) (*Lock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := flock(f, path); err != nil {
		return nil, err
	}
	return &Lock{files: []*os.File{f}}, nil
}

// AcquireDB takes the one-writer lock of the database at dbPath, whatever
// name reaches the file: a lock file beside its canonical name (symbolic
// links and ".." meet there) and a lock on the database file itself (hard
// links meet there: they are the same inode). It fails at once with
// ECONFLICT if another process holds either.
//
// Where the lock file cannot be made because nothing can be written there
// (a read-only mount, a folder without permission), the lock on the file
// itself stands alone: no writer can get in through that folder either, and
// opening the database then tells the person what is wrong. A path that is
// not a regular file (a FIFO, a device) is never opened here.
func AcquireDB(dbPath string) (*Lock, error) {
	canon, err := Canonical(dbPath)
	if err != nil {
		return nil, err
	}
	l := &Lock{}
	side, err := Acquire(canon + ".lock")
	switch {
	case err == nil:
		l.files = append(l.files, side.files...)
	case backend.ErrorCode(err) == backend.ECONFLICT:
		return nil, conflict(dbPath)
	case !unwritable(err):
		return nil, err
	}
	// A file that does not exist yet is locked by HoldFile once Open has
	// made it: creating it here would turn a deleted database into an
	// empty one, which the start check tells apart.
	if err := l.HoldFile(dbPath); err != nil {
		l.Release()
		return nil, err
	}
	return l, nil
}

// HoldFile adds the lock on the database file itself, if it exists, is a
// regular file and is not held yet: call it again once Open has created the
// file, so that a hard link made to it later meets this lock too.
func (l *Lock) HoldFile(dbPath string) error {
	canon, err := Canonical(dbPath)
	if err != nil {
		return nil
	}
	st, err := os.Lstat(canon)
	if err != nil || !st.Mode().IsRegular() {
		return nil
	}
	for _, f := range l.files {
		if held, err := f.Stat(); err == nil && os.SameFile(held, st) {
			return nil
		}
	}
	f, err := os.OpenFile(canon, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil // unreadable: opening the database says so
	}
	if err := flock(f, canon); err != nil {
		return conflict(dbPath)
	}
	l.files = append(l.files, f)
	return nil
}

func flock(f *os.File, path string) error {
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return conflict(path)
		}
		return err
	}
	return nil
}

func conflict(path string) error {
	return backend.Errorf(backend.ECONFLICT,
		"Another Bridgelog is already writing to this database (%s). Use that window, or start with --db for another file.", path)
}

// unwritable reports whether err says nothing can be created where it was tried.
func unwritable(err error) bool {
	return errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM) ||
		errors.Is(err, syscall.ENOTDIR)
}

// Release drops the lock. Call it after the database is closed: SQLite's own
// locks on the file belong to its connections, never to these descriptors.
func (l *Lock) Release() error {
	if l == nil {
		return nil
	}
	var errs []error
	for _, f := range l.files {
		errs = append(errs, f.Close())
	}
	l.files = nil
	return errors.Join(errs...)
}

// Writable reports whether the file at path and its folder take writes.
// Where they do not (a read-only mount, no permission), only a read-only
// open works, and an export needs nothing more.
func Writable(path string) bool {
	return syscall.Access(path, 2 /* W_OK */) == nil && syscall.Access(filepath.Dir(path), 2) == nil
}
