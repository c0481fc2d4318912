//go:build !unix

package sqlite

import "os"

// tryReadWrite opens the file at path for reading and writing and closes it,
// writing nothing.
func tryReadWrite(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	return f.Close()
}

// canCreateIn is not checked here: a folder's access rules are the system's
// own, and Open reports a folder it cannot write to.
func canCreateIn(string) error { return nil }
