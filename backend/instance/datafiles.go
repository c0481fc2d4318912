package instance

import (
	"os"
	"path/filepath"
	"strings"

	"bridgelog/backend"
)

// DataFiles are the files a database lives in: the database file, the side
// files SQLite and Bridgelog keep beside it, and its backups folder. Nothing
// Bridgelog writes on a person's behalf (an export, a PDF, a copy of an
// attachment) may land on one of them.
type DataFiles struct {
	// DB is the database file; "" guards nothing.
	DB string
	// BackupDir is the folder of its backups.
	BackupDir string
}

// sideSuffixes are the files kept beside the database: SQLite's write-ahead
// log, its shared-memory index and rollback journal, and the instance lock.
var sideSuffixes = []string{"-wal", "-shm", "-journal", ".lock"}

// CheckOutput refuses path when writing it would replace or damage one of
// the data files, reached by any name: the same name after resolving links
// and "..", or the same file (device and inode) under another name. The
// message says why and what to choose instead.
func (d DataFiles) CheckOutput(path string) error {
	if d.DB == "" || strings.TrimSpace(path) == "" {
		return nil
	}
	out, err := Canonical(path)
	if err != nil {
		return nil // the write itself will say what is wrong with the path
	}
	outInfo, outErr := os.Stat(out)
	same := func(name string) bool {
		c, err := Canonical(name)
		if err == nil && c == out {
			return true
		}
		if outErr != nil {
			return false
		}
		st, err := os.Stat(name)
		return err == nil && os.SameFile(st, outInfo)
	}
	if same(d.DB) {
		return backend.Errorf(backend.EINVALID,
			"%s is Bridgelog's database: saving there would replace the whole record. Choose another file name", path)
	}
	for _, s := range sideSuffixes {
		if same(d.DB + s) {
			return backend.Errorf(backend.EINVALID,
				"%s is a file Bridgelog keeps beside its database (%s): saving there would damage the record. Choose another file name",
				path, filepath.Base(d.DB))
		}
	}
	if d.BackupDir == "" {
		return nil
	}
	if dir, err := Canonical(d.BackupDir); err == nil && (out == dir || strings.HasPrefix(out, dir+string(filepath.Separator))) {
		return backend.Errorf(backend.EINVALID,
			"%s is in Bridgelog's backups folder (%s), which holds only backups: choose another folder", path, d.BackupDir)
	}
	if outErr == nil {
		entries, _ := os.ReadDir(d.BackupDir)
		for _, e := range entries {
			if same(filepath.Join(d.BackupDir, e.Name())) {
				return backend.Errorf(backend.EINVALID,
					"%s is another name for the backup %s: saving there would replace it. Choose another file name", path, e.Name())
			}
		}
	}
	return nil
}
