package backup

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"

	"bridgelog/backend/sqlite"
)

// fingerprint is the size and modification time of the database and its WAL.
// Every commit appends to the WAL and every checkpoint writes the database,
// so an unchanged fingerprint means nothing was written. (Two commits within
// one tick of the file system's clock that leave the WAL the same size would
// look unchanged; the next commit changes it again, so a periodic backup is
// at most one interval late, never skipped for good.)
type fingerprint [2]struct{ size, mod int64 }

func stat(path string) (f fingerprint) {
	for i, p := range []string{path, path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			f[i].size, f[i].mod = fi.Size(), fi.ModTime().UnixNano()
		}
	}
	return f
}

// syncFile flushes a written file to disk before it is renamed into place:
// a rename can reach the disk before the data it names.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("sync %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync %s: %w", path, err)
	}
	return f.Close()
}

// syncDir makes renames and removals in dir durable. Windows has no way to
// sync a folder and makes renames durable on its own.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync folder %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync folder %s: %w", dir, err)
	}
	return nil
}

// copyFile copies src to dst, which it creates with mode 0600 (failing if it
// exists), and syncs it.
func copyFile(src, dst string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(dst)
		}
	}()
	if _, err := io.Copy(out, in); err != nil {
		return err
	}
	return out.Sync()
}

// removeFile removes path and its side files (sqlite.SideFiles); absent
// files are fine.
func removeFile(path string) error {
	var errs []error
	for _, suffix := range append([]string{""}, sqlite.SideFiles()...) {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// nonEmpty reports whether path names a file holding at least one byte.
func nonEmpty(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Size() > 0
}
