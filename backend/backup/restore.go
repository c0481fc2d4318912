package backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// Restore replaces the database file at livePath with the backup at
// backupPath, and returns the "before-restore" backup that keeps the file it
// replaced (zero when there was nothing to keep: no file, or an empty one).
//
// The caller's protocol:
//  1. Stop everything that uses the database (this package's Loop, the
//     reminder loop, pending saves), then Close the sqlite.DB. Keep holding
//     the instance lock, so no other Bridgelog opens the file meanwhile.
//  2. Call Restore. On error the live file is unchanged (or, after a crash,
//     see below) and the message says why.
//  3. Open the database afresh (a new sqlite.DB: a closed one cannot be
//     reopened) with new services, or relaunch the app.
//
// The order makes every crash leave a usable database and the old one kept:
//   - the backup is checked first, and nothing happens if it fails;
//   - the live file (with any WAL a crash left, so no saved note is lost) is
//     copied into the backup folder, synced and named, before the live file is
//     touched at all;
//   - a WAL a crash left beside a healthy live file is checkpointed into it
//     (SQLite's own recovery), so the file alone is the whole old database;
//   - the backup is copied to a temporary file beside the live one and
//     synced; a crash up to here leaves the live database as it was;
//   - the live file's -wal, -shm and -journal are removed, and only then the
//     copy is renamed over it. The other order would leave a window where the
//     restored file sits beside the old file's WAL, and SQLite would replay
//     those pages into it on the next open: a corrupt database. A crash
//     between the removal and the rename leaves the old database file without
//     its (by then empty) side files.
//   - the rename is atomic: the live path names the old file or the new one.
func (s *Service) Restore(ctx context.Context, backupPath, livePath string) (before Backup, err error) {
	if err := s.checkRestorable(backupPath, livePath); err != nil {
		return Backup{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()

	before, err = s.keepAside(ctx, livePath)
	if err != nil {
		return Backup{}, err
	}
	stepDone("kept aside")
	// A WAL file left by a crash is removed below, and the live file without
	// it would lack recent notes until the rename. Folding it in first keeps
	// the old database whole at every step. A damaged file is not touched:
	// the copy aside holds it and its WAL as they were.
	if nonEmpty(livePath+"-wal") && sqlite.CheckFile(livePath).OK() {
		if err := sqlite.Checkpoint(ctx, livePath); err != nil {
			return before, err
		}
		stepDone("checkpointed")
	}

	liveDir := filepath.Dir(livePath)
	if err := os.MkdirAll(liveDir, 0o700); err != nil {
		return before, fmt.Errorf("restore: %w", err)
	}
	prefix := "." + filepath.Base(livePath) + "-restore-"
	removeStale(liveDir, prefix) // from a restore a crash interrupted
	f, err := os.CreateTemp(liveDir, prefix+"*")
	if err != nil {
		return before, fmt.Errorf("restore: %w", err)
	}
	tmp := f.Name()
	f.Close()
	defer removeFile(tmp) // a no-op once renamed
	if err := os.Chmod(tmp, 0o600); err != nil {
		return before, fmt.Errorf("restore: %w", err)
	}
	// Through SQLite rather than byte for byte: a backup may have a WAL of
	// its own (a before-restore copy of a crashed file), and this folds it in.
	if err := sqlite.CopyFile(ctx, backupPath, tmp); err != nil {
		return before, fmt.Errorf("restore %s: %w", backupPath, err)
	}
	if err := syncFile(tmp); err != nil {
		return before, err
	}
	if h := sqlite.CheckFile(tmp); !h.OK() {
		return before, backend.Errorf(backend.EINTERNAL,
			"The restored copy failed its check (%s); the database was not replaced. The disk may be failing: copy %s to another disk",
			h.Detail, livePath)
	}
	stepDone("copied")

	for _, suffix := range sqlite.SideFiles() {
		if err := os.Remove(livePath + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return before, fmt.Errorf("restore: remove the old %s file: %w", suffix, err)
		}
	}
	if err := syncDir(liveDir); err != nil {
		return before, err
	}
	stepDone("side files removed")
	if err := os.Rename(tmp, livePath); err != nil {
		return before, fmt.Errorf("restore: put the backup in place: %w", err)
	}
	stepDone("renamed")
	return before, syncDir(liveDir)
}

// RestoredNotice is what Bridgelog says when it starts again after the backup
// at backupPath replaced the database: when that backup was made, in local
// time, read from its name (its file name if it has none), and the backup
// that keeps the database it replaced, if Restore kept one.
func RestoredNotice(backupPath string, before Backup) string {
	when := filepath.Base(backupPath)
	if n, ok := parseName(when); ok {
		when = n.time.In(time.Local).Format("Mon 2 Jan 15:04")
	}
	msg := "Restored the backup from " + when + "."
	if before.Path != "" {
		msg += " The database it replaced is kept as the backup " + filepath.Base(before.Path) + "."
	}
	return msg
}

// stepDone is called after each step of Restore and of Create. Tests replace
// it to stop the process there, as a crash would, and check what is left on
// disk.
var stepDone = func(step string) {}

// removeStale removes files in dir starting with prefix.
func removeStale(dir, prefix string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
