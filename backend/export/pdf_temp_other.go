//go:build !unix

package export

import (
	"io/fs"
	"os"
)

// ownedByUs: outside Unix the temporary folder is the user's own.
func ownedByUs(fs.FileInfo) bool { return true }

// processRunning reports whether a process with this id exists.
func processRunning(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
