//go:build unix

// Package instance guarantees one writer per database file across processes.
package instance

import (
	"os"
	"path/filepath"
	"syscall"

	"bridgelog/backend"
)

// Lock is an exclusive advisory lock held on a file beside the database for the
// life of the process. The kernel drops it when the process dies, so a crash
// never leaves a stale lock behind.
type Lock struct{ f *os.File }

// Acquire takes the lock at path, or fails at once if another process holds it.
func Acquire(path string) (*Lock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, backend.Errorf(backend.ECONFLICT,
			"Another Bridgelog is already writing to this database (%s). Use that window, or start with --db for another file.", path)
	}
	return &Lock{f: f}, nil
}

// Release drops the lock.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	return l.f.Close()
}
