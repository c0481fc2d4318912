package backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// MoveAside renames the database at path to <path>.damaged-<now, UTC>, its
// side files (sqlite.SideFiles) with it, so that each stays beside the file
// it belongs to, and returns the new name. The side files go first: a
// write-ahead log left at path would be replayed into the next, new database
// there and damage it. A name already taken, by the file or by one of its side
// files, gets a number after the time. Nothing is deleted, and the renames are
// made durable. The caller holds the instance lock, and nothing has the
// database open.
func MoveAside(path string, now time.Time) (string, error) {
	stamp := now.UTC().Format(stampLayout)
	to := path + ".damaged-" + stamp
	for n := 2; anyExists(to); n++ {
		to = fmt.Sprintf("%s.damaged-%s-%d", path, stamp, n)
	}
	for _, suffix := range append(sqlite.SideFiles(), "") {
		err := os.Rename(path+suffix, to+suffix)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", backend.Errorf(backend.EINTERNAL,
				"Bridgelog could not move %s aside (%v). Nothing was deleted: move or rename the file yourself, then start Bridgelog again",
				path+suffix, errors.Unwrap(err))
		}
	}
	// The renames are done whatever the sync says; a folder that cannot be
	// synced is no reason to report them as failed.
	_ = syncDir(filepath.Dir(path))
	return to, nil
}

// anyExists reports whether path or one of its side files exists.
func anyExists(path string) bool {
	for _, suffix := range append(sqlite.SideFiles(), "") {
		if _, err := os.Lstat(path + suffix); err == nil {
			return true
		}
	}
	return false
}

// Recovered is what RecoverFromLog did.
type Recovered struct {
	// MovedTo is where the damaged file, its log and its index were moved.
	MovedTo string
	// Kept is the before-recovery backup of the damaged file and log; zero
	// when there was nothing to keep.
	Kept Backup
	// Rebuilt is what the log gave back and what the database now holds.
	Rebuilt sqlite.WALRecovery
}

// Notice is what Bridgelog says when it starts again on the recovered
// database.
func (r Recovered) Notice() string {
	msg := fmt.Sprintf("Recovered %s and %s from the database file and the intact part of its write-ahead log (%s). "+
		"The damaged files were moved aside to %s (with its -wal and -shm files)",
		plural(r.Rebuilt.Incidents, "incident"), plural(r.Rebuilt.Entries, "timeline entry"),
		plural(r.Rebuilt.Log.Commits, "saved change"), r.MovedTo)
	if r.Kept.Path != "" {
		msg += ", and a copy is kept as the backup " + filepath.Base(r.Kept.Path)
	}
	return msg + "."
}

// RecoverFromLog rebuilds the database at livePath from the file and the
// intact part of its damaged write-ahead log. In order, so that every step
// can fail or be cut short with nothing lost:
//  1. the file and its log are copied byte for byte into the backup folder
//     (KeepBeforeRecovery); if that fails, nothing else happens;
//  2. the database is rebuilt beside the file from copies of the file and of
//     the log cut after its last valid commit, through SQLite, and checked
//     (sqlite.RecoverWAL);
//  3. the damaged file, log and index are moved aside together, unchanged
//     (MoveAside);
//  4. the rebuilt file is renamed into place.
//
// The caller's protocol is Restore's: nothing has the database open and the
// instance lock is held.
func (s *Service) RecoverFromLog(ctx context.Context, livePath string) (Recovered, error) {
	kept, err := s.KeepBeforeRecovery(ctx, livePath)
	if err != nil {
		return Recovered{}, err
	}
	now := s.Clock.Now()
	rebuilt := livePath + ".recovered-" + now.UTC().Format(stampLayout)
	rec, err := sqlite.RecoverWAL(ctx, livePath, rebuilt)
	if err != nil {
		return Recovered{}, err
	}
	to, err := MoveAside(livePath, now)
	if err != nil {
		os.Remove(rebuilt)
		return Recovered{}, err
	}
	if err := os.Rename(rebuilt, livePath); err != nil {
		return Recovered{}, backend.Errorf(backend.EINTERNAL,
			"The database was rebuilt, but Bridgelog could not put it in place (%v). Nothing was deleted: "+
				"rename %s to %s yourself, then start Bridgelog again", errors.Unwrap(err), rebuilt, livePath)
	}
	_ = syncDir(filepath.Dir(livePath)) // the database is in place either way
	return Recovered{MovedTo: to, Kept: kept, Rebuilt: rec}, nil
}
