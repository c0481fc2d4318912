package backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// KeepBeforeRecovery copies the database file at livePath and its
// write-ahead log into the backup folder, byte for byte, as a
// ReasonBeforeRecovery backup, and returns it (zero when there was nothing to
// keep: no file and no log, or both empty). A recovery that rewrites the
// database from the log's valid frames calls it first, and goes on only if it
// succeeded: the log may hold frames SQLite will not replay, which a later,
// better repair could still read, so it is copied as it is rather than
// through SQLite. Retention never removes such a copy (see Keep).
//
// The caller's protocol is Restore's: nothing has the database open (it was
// never opened, or it was closed) and the instance lock is held.
func (s *Service) KeepBeforeRecovery(ctx context.Context, livePath string) (Backup, error) {
	if err := ctx.Err(); err != nil {
		return Backup{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !nonEmpty(livePath) && !nonEmpty(livePath+"-wal") {
		return Backup{}, nil
	}
	b, err := s.keepRawAside(livePath, ReasonBeforeRecovery)
	if err != nil {
		return Backup{}, backend.Errorf(backend.EINTERNAL,
			"Bridgelog could not keep a copy of the database before recovering it (%v), so it changed nothing: "+
				"free some space or fix the permissions of %s, or copy %s and its -wal file somewhere safe yourself, then try again",
			err, s.Dir, livePath)
	}
	return b, nil
}

// keepAside copies the live file into the backup folder as a before-restore
// backup. A healthy file with no write-ahead log is copied through SQLite,
// which checks and counts the copy. A file with a log beside it is copied
// byte for byte with its log: a log a crash left may be damaged past a point
// SQLite stops reading at, and the frames after it may still hold notes that
// a repair could recover, which a copy through SQLite would drop. A damaged
// file is copied byte for byte too. If the file cannot be copied at all, the
// restore stops: replacing it would lose it.
func (s *Service) keepAside(ctx context.Context, live string) (Backup, error) {
	if !nonEmpty(live) && !nonEmpty(live+"-wal") {
		return Backup{}, nil
	}
	if err := s.makeDir(); err != nil {
		return Backup{}, err
	}
	problem := ""
	if !nonEmpty(live + "-wal") {
		h := sqlite.CheckFile(live)
		if !h.OK() {
			problem = fmt.Sprintf("%s: %s", h.Status, h.Detail)
		} else if b, err := s.copyAside(ctx, live); err == nil {
			return b, nil
		} else if err := ctx.Err(); err != nil {
			return Backup{}, err
		} else {
			problem = "copied byte for byte: SQLite could not copy it"
		}
	}
	b, err := s.keepRawAside(live, ReasonBeforeRestore)
	if err != nil {
		return Backup{}, backend.Errorf(backend.EINTERNAL,
			"Bridgelog could not keep a copy of the current database (%v), so it did not replace it: "+
				"copy %s somewhere safe yourself, move it aside, then restore again", err, live)
	}
	b.Problem = problem
	return b, nil
}

// copyAside copies the healthy, closed file at live through SQLite, checks
// and counts the copy, and names it a before-restore backup.
func (s *Service) copyAside(ctx context.Context, live string) (Backup, error) {
	tmp, err := s.tempFile()
	if err != nil {
		return Backup{}, err
	}
	defer removeFile(tmp) // a no-op once renamed
	if err := sqlite.CopyFile(ctx, live, tmp); err != nil {
		return Backup{}, err
	}
	if err := syncFile(tmp); err != nil {
		return Backup{}, err
	}
	stepDone("copying aside")
	h := sqlite.CheckFile(tmp)
	if !h.OK() {
		return Backup{}, fmt.Errorf("the copy failed its check: %s", h.Detail)
	}
	b, err := describe(ctx, tmp, ReasonBeforeRestore, h)
	if err != nil {
		return Backup{}, err
	}
	return s.publish(tmp, b)
}

// keepRawAside copies the live file and its non-empty WAL byte for byte into
// the backup folder and names the pair a backup with reason. Its counts are
// not known: the log is kept for what SQLite might not read.
func (s *Service) keepRawAside(live, reason string) (Backup, error) {
	if err := s.makeDir(); err != nil {
		return Backup{}, err
	}
	tmp, err := s.tempFile()
	if err != nil {
		return Backup{}, err
	}
	defer removeFile(tmp) // a no-op once renamed, and removes the WAL copy if it was not
	if err := keepRaw(live, tmp); err != nil {
		return Backup{}, err
	}
	stepDone("copying aside")
	return s.publishPair(tmp, reason)
}

// keepRaw copies the live file and its non-empty WAL to tmp, byte for byte.
func keepRaw(live, tmp string) error {
	if err := os.Remove(tmp); err != nil {
		return err
	}
	if err := copyFile(live, tmp); errors.Is(err, fs.ErrNotExist) {
		// Only the WAL exists: keep it under a name SQLite would pair with.
		if err := os.WriteFile(tmp, nil, 0o600); err != nil {
			return err
		}
		if err := syncFile(tmp); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	if nonEmpty(live + "-wal") {
		return copyFile(live+"-wal", tmp+"-wal")
	}
	return nil
}

// publishPair names a raw copy and the WAL beside it; the WAL goes first so a
// named database never lacks the WAL it was copied with.
func (s *Service) publishPair(tmp, reason string) (Backup, error) {
	b := Backup{Reason: reason, Time: s.Clock.Now().UTC().Truncate(time.Second)}
	b.Path = s.freeName(b)
	if _, err := os.Stat(tmp + "-wal"); err == nil {
		if err := os.Rename(tmp+"-wal", b.Path+"-wal"); err != nil {
			return Backup{}, fmt.Errorf("name backup: %w", err)
		}
	}
	return s.place(tmp, b)
}
