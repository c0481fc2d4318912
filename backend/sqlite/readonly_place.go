package sqlite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// readablePlace says how to open the database at path for reading when its
// folder may take no writes (a read-only mount, a folder without write
// permission). A reader of a WAL database needs its shared-memory index
// beside it, which SQLite cannot create there. Then: with no WAL to read,
// the file is opened immutable (no locks, no side files); with a WAL (a
// database last closed by a crash), the file and its WAL are copied into a
// private temporary folder and read there, so every note in the WAL is seen.
// Where the folder takes writes, path is returned unchanged.
//
// The returned query goes after the DSN's other parameters; cleanup removes
// any copy and is never nil.
func readablePlace(path string) (open, query string, cleanup func(), err error) {
	nothing := func() {}
	if folderTakesWrites(filepath.Dir(path)) {
		return path, "mode=ro", nothing, nil
	}
	wal, err := os.Stat(path + "-wal")
	if errors.Is(err, fs.ErrNotExist) || err == nil && wal.Size() == 0 {
		return path, "mode=ro&immutable=1", nothing, nil
	} else if err != nil {
		return "", "", nothing, fmt.Errorf("read %s-wal: %w", path, err)
	}
	dir, err := os.MkdirTemp("", "bridgelog-read-*")
	if err != nil {
		return "", "", nothing, fmt.Errorf("copy the database to read it: %w", err)
	}
	cleanup = func() { os.RemoveAll(dir) }
	cp := filepath.Join(dir, filepath.Base(path))
	for _, suffix := range []string{"", "-wal"} {
		if err := copyPrefix(path+suffix, cp+suffix, -1); err != nil {
			cleanup()
			return "", "", nothing, fmt.Errorf("copy the database to read it: %w", err)
		}
	}
	return cp, "mode=ro", cleanup, nil
}

// folderTakesWrites tries what SQLite would need: creating a file in dir.
func folderTakesWrites(dir string) bool {
	f, err := os.CreateTemp(dir, ".bridgelog-probe-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}
