package sqlite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// CheckLocation says whether path can hold Bridgelog's database, before
// anything opens it: what is there must be a regular file (or nothing), which
// this user may read and write, as may be its -wal, -shm and -journal files,
// in a folder where this user may create files (SQLite creates its side files
// there, and Bridgelog its lock). It opens nothing but a regular file, and
// that without blocking and without writing: a named pipe at the path would
// otherwise hang the start. HealthUnusable says what is wrong and what to do.
func CheckLocation(path string) Health {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case errors.Is(err, fs.ErrPermission):
		return unusable(path, "a folder on its path is not open to your user (permission denied)", adviceFor(err))
	case err != nil:
		return unusable(path, "it "+describeErr(err, "cannot be reached"), adviceFor(err))
	case !fi.Mode().IsRegular():
		return unusable(path, "it is "+notAFile(fi.Mode()), "")
	default:
		if err := tryReadWrite(path); err != nil {
			return unusable(path, fileProblem("it", path, err), adviceFor(err))
		}
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		side, err := os.Stat(path + suffix)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			return unusable(path, fmt.Sprintf("its %s file %s", suffix, describeErr(err, "cannot be reached")), adviceFor(err))
		} else if !side.Mode().IsRegular() {
			return unusable(path, fmt.Sprintf("its %s file is %s", suffix, notAFile(side.Mode())), "")
		} else if err := tryReadWrite(path + suffix); err != nil {
			return unusable(path, fileProblem("its "+suffix+" file", path+suffix, err), adviceFor(err))
		}
	}
	dir, err := existingFolder(filepath.Dir(path))
	if err != nil {
		return unusable(path, "its folder "+describeErr(err, "cannot be used"), adviceFor(err))
	}
	if err := canCreateIn(dir); err != nil {
		why := "it " + describeErr(err, "is not writable")
		if errors.Is(err, fs.ErrPermission) {
			why = "your user may not write there (permission denied)"
		}
		return unusable(path, fmt.Sprintf("no file can be created in its folder %s: %s", dir, why), adviceFor(err))
	}
	return Health{Status: HealthOK}
}

// fileProblem says why the file at path, called subject, could not be
// opened for reading and writing.
func fileProblem(subject, path string, err error) string {
	if !errors.Is(err, fs.ErrPermission) {
		return subject + " " + describeErr(err, "cannot be opened for reading and writing")
	}
	if f, rerr := openNoBlock(path); rerr == nil {
		f.Close()
		return subject + " can be read but not written by your user (permission denied)"
	}
	return subject + " can be neither read nor written by your user (permission denied)"
}

// existingFolder is dir or its nearest existing parent: Open creates the
// folders missing in between, so that one must let it.
func existingFolder(dir string) (string, error) {
	for {
		fi, err := os.Stat(dir)
		if err == nil && fi.IsDir() {
			return dir, nil
		} else if err == nil {
			return "", fmt.Errorf("%s: %w", dir, syscall.ENOTDIR)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", err
		}
		dir = parent
	}
}

// describeErr says in words what err means for the database's location.
func describeErr(err error, otherwise string) string {
	switch {
	case errors.Is(err, syscall.EROFS):
		return "is on a read-only file system"
	case errors.Is(err, fs.ErrPermission):
		return "is not open to your user (permission denied)"
	case errors.Is(err, syscall.ENOTDIR):
		return "has a file where a folder should be on its path"
	case errors.Is(err, syscall.ELOOP):
		return "is a loop of symbolic links"
	}
	return fmt.Sprintf("%s (%v)", otherwise, errors.Unwrap(err))
}

// adviceFor is what a person can do about err.
func adviceFor(err error) string {
	switch {
	case errors.Is(err, syscall.EROFS):
		return "Start Bridgelog with --db pointing at a file on a disk you can write to " +
			"(for example --db ~/bridgelog.db), or mount this disk read-write."
	case errors.Is(err, fs.ErrPermission):
		return "Give your user read and write access to the file and its folder, " +
			"or start Bridgelog with --db pointing at another file (for example --db ~/bridgelog.db)."
	}
	return ""
}
