package backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// CheckRestorable refuses backupPath unless it is one of the backups in the
// backup folder (a file directly in Dir with a backup's name) and the file
// passes its check. A person picks a backup from the list, so any other path
// is a stale list or one typed by hand. The app calls it before it closes
// anything for a restore, so that a refusal leaves Bridgelog running and says
// why; Restore checks the file again when it runs.
func (s *Service) CheckRestorable(backupPath string) error {
	_, named := parseName(filepath.Base(backupPath))
	if s.Dir == "" || backupPath == "" || !named || filepath.Dir(filepath.Clean(backupPath)) != filepath.Clean(s.Dir) {
		return backend.Errorf(backend.EINVALID, "%s is not one of the backups in %s: choose one from the list", backupPath, s.Dir)
	}
	return checkBackupFile(backupPath)
}

// checkRestorable refuses, before Restore touches anything, a backup that is
// the live database itself, or one checkBackupFile refuses.
func (s *Service) checkRestorable(backupPath, livePath string) error {
	src, err1 := filepath.Abs(backupPath)
	dst, err2 := filepath.Abs(livePath)
	if err := errors.Join(err1, err2); err != nil {
		return fmt.Errorf("restore: %w", err)
	} else if src == dst {
		return backend.Errorf(backend.EINVALID, "%s is the database itself: choose a backup to restore", backupPath)
	}
	return checkBackupFile(backupPath)
}

// checkBackupFile refuses a backup file that is missing, empty, not a regular
// file, damaged or from a newer Bridgelog.
func checkBackupFile(path string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return backend.Errorf(backend.ENOTFOUND, "The backup %s is no longer there: choose another one", filepath.Base(path))
	} else if err != nil {
		return fmt.Errorf("restore: %w", err)
	} else if !fi.Mode().IsRegular() || fi.Size() == 0 {
		return backend.Errorf(backend.EINVALID, "%s is not a backup (it is empty or not a file): choose another one", path)
	}
	if h := sqlite.CheckFile(path); !h.OK() {
		return backend.Errorf(backend.EINVALID,
			"The backup %s cannot be restored (%s: %s). The database was not changed: choose another backup",
			filepath.Base(path), h.Status, h.Detail)
	}
	return nil
}

// LatestRestorable returns the newest backup that passes its check, checking
// the backups newest first and stopping at the first good one: a damaged
// newest copy must not stand between a person and an older good one. Its
// Incidents are read from the file when its name carries no counts. With no
// good backup it returns an ENOTFOUND error that says what to do instead.
func (s *Service) LatestRestorable(ctx context.Context) (Backup, error) {
	list, err := s.scan()
	if err != nil {
		return Backup{}, err
	}
	for _, b := range list {
		if err := ctx.Err(); err != nil {
			return Backup{}, err
		}
		h := sqlite.CheckFile(b.Path)
		if !h.OK() {
			continue
		}
		if !b.Counted {
			b.Incidents = h.Incidents
		}
		return b, nil
	}
	return Backup{}, backend.Errorf(backend.ENOTFOUND,
		"No backup in %s can be restored: move the damaged file aside to start fresh", s.Dir)
}
