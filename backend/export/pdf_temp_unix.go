//go:build unix

package export

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// ownedByUs reports whether this user owns the file: others' folders in a
// shared temporary folder are theirs to clean.
func ownedByUs(st fs.FileInfo) bool {
	s, ok := st.Sys().(*syscall.Stat_t)
	return ok && int(s.Uid) == os.Getuid()
}

// processRunning reports whether a process with this id exists. One that
// exists but is another user's (EPERM) counts as running.
func processRunning(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
