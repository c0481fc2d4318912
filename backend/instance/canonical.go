package instance

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"path/filepath"
)

// Canonical is the name every route to the file at path shares: absolute,
// with symbolic links and ".." resolved. A file that does not exist yet
// resolves through its folder (the nearest one that exists), so the name
// it will have once created is the same one.
func Canonical(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err == nil {
		return real, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	dir, base := filepath.Split(abs)
	dir = filepath.Clean(dir)
	if dir == abs { // the root itself
		return abs, nil
	}
	parent, err := Canonical(dir)
	if err != nil {
		return "", err
	}
	return filepath.Join(parent, base), nil
}

// ID names the database at dbPath for the desktop's single-instance lock: the
// same for every name of the file (a link, a relative path), so a second
// launch through any of them finds the window already open on it.
func ID(dbPath string) string {
	if c, err := Canonical(dbPath); err == nil {
		dbPath = c
	}
	sum := sha256.Sum256([]byte(filepath.Clean(dbPath)))
	return "bridgelog." + hex.EncodeToString(sum[:8])
}
