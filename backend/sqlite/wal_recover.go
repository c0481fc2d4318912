package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"bridgelog/backend"
)

// WALRecovery is what RecoverWAL rebuilt from a database and the intact part
// of its write-ahead log.
type WALRecovery struct {
	// Log is what VerifyWAL found in the log.
	Log WALReport `json:"log"`
	// Incidents and Entries are what the rebuilt database holds: the file's
	// own rows plus every transaction replayed from the log.
	Incidents int `json:"incidents"`
	Entries   int `json:"entries"`
}

// RecoverWAL writes to dst a database holding the file at path plus every
// transaction of its write-ahead log up to the last valid commit frame, the
// same transactions SQLite itself would replay, and nothing after the damage.
// It never opens or changes the files at path: it copies the database and the
// log, cut after that commit frame, into a private folder beside dst, lets
// SQLite open the copy (which replays the frames), and writes the result to
// dst with VACUUM INTO as one file with no log. dst must not exist or be
// empty; it is created with mode 0600, synced, and checked before this
// returns. On error dst is removed.
//
// When the database file is missing or empty and only the log is left, SQLite
// would delete the log rather than read it, so the pages are copied from the
// frames into a new file here, as a checkpoint would, and SQLite checks the
// result like any other.
func RecoverWAL(ctx context.Context, path, dst string) (rec WALRecovery, err error) {
	fi, err := os.Stat(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return rec, fmt.Errorf("recover %s: %w", path, err)
	} else if err == nil && !fi.Mode().IsRegular() {
		return rec, backend.Errorf(backend.EINVALID, "%s is not a database file", path)
	}
	mainEmpty := err != nil || fi.Size() == 0
	if rec.Log, err = VerifyWAL(path + "-wal"); err != nil {
		return rec, fmt.Errorf("recover %s: read its log: %w", path, err)
	}
	if mainEmpty && rec.Log.LastCommit == 0 {
		return rec, backend.Errorf(backend.ENOTFOUND,
			"There is nothing to recover at %s: the database file is empty and its log holds no complete transaction", path)
	}

	work, err := os.MkdirTemp(filepath.Dir(dst), ".bridgelog-recover-")
	if err != nil {
		return rec, fmt.Errorf("recover %s: %w", path, err)
	}
	defer os.RemoveAll(work)
	copyDB := filepath.Join(work, "recover.db")
	if mainEmpty {
		err = pagesFromLog(path+"-wal", copyDB, rec.Log)
	} else {
		err = copyPrefix(path, copyDB, -1)
		if err == nil && rec.Log.LastCommit > 0 {
			err = copyPrefix(path+"-wal", copyDB+"-wal", rec.Log.CommittedSize())
		}
	}
	if err != nil {
		return rec, fmt.Errorf("recover %s: copy it: %w", path, err)
	}

	if err := createEmpty(dst); err != nil {
		return rec, fmt.Errorf("recover %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			os.Remove(dst)
		}
	}()
	if err := vacuumCopy(ctx, copyDB, dst); err != nil {
		return rec, fmt.Errorf("recover %s: %w", path, err)
	}
	h := CheckFile(dst)
	if !h.OK() {
		return rec, backend.Errorf(backend.EINTERNAL,
			"The database rebuilt from the log failed its check (%s: %s), so nothing was changed: restore a backup instead",
			h.Status, h.Detail)
	}
	rec.Incidents = h.Incidents
	if rec.Entries, err = countEntries(ctx, dst); err != nil {
		return rec, fmt.Errorf("recover %s: %w", path, err)
	}
	return rec, nil
}

// PreviewWAL says what RecoverWAL would get back from the database at path,
// rebuilding it in a private temporary folder that it then removes.
func PreviewWAL(ctx context.Context, path string) (WALRecovery, error) {
	dir, err := os.MkdirTemp("", "bridgelog-preview-")
	if err != nil {
		return WALRecovery{}, err
	}
	defer os.RemoveAll(dir)
	return RecoverWAL(ctx, path, filepath.Join(dir, "preview.db"))
}

// vacuumCopy opens the private copy at src read-write (so SQLite replays its
// log and keeps its index beside it, in the private folder), checks it, and
// writes it to dst, synced.
func vacuumCopy(ctx context.Context, src, dst string) error {
	db, err := sql.Open("sqlite", dsn(src, "_pragma=busy_timeout(5000)"))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var check string
	if err := db.QueryRowContext(ctx, `PRAGMA quick_check(1)`).Scan(&check); err != nil {
		return fmt.Errorf("check the rebuilt copy: %w", err)
	} else if check != "ok" {
		return backend.Errorf(backend.EINTERNAL,
			"The database rebuilt from the log is damaged (%s), so nothing was changed: restore a backup instead", check)
	}
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, dst); err != nil {
		return fmt.Errorf("write the rebuilt copy: %w", err)
	}
	if err := db.Close(); err != nil {
		return err
	}
	return syncPath(dst)
}

func countEntries(ctx context.Context, path string) (int, error) {
	db, err := sql.Open("sqlite", dsn(path, "mode=ro&immutable=1"))
	if err != nil {
		return 0, err
	}
	defer db.Close()
	// A log damaged from its first frame may leave a file that SQLite never
	// gave a schema: it holds no entries, and Open will migrate it.
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'entries'`).Scan(&n); err != nil || n == 0 {
		return 0, err
	}
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM entries`).Scan(&n)
	return n, err
}

// copyPrefix copies the first n bytes of src (all of it when n < 0) to a new
// file dst, mode 0600.
func copyPrefix(src, dst string, n int64) error {
	in, err := openNoBlock(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	var r io.Reader = in
	if n >= 0 {
		r = io.LimitReader(in, n)
	}
	if _, err := io.Copy(out, r); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// pagesFromLog writes a database file at dst from the log alone: each page of
// the valid frames up to the last commit, the later frame of a page winning,
// cut to the size that commit gives. This is what a checkpoint does; it is
// whole only if the log holds every page of the database, which SQLite's
// check of the result decides.
func pagesFromLog(walPath, dst string, rep WALReport) error {
	in, err := openNoBlock(walPath)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer out.Close()
	frameSize := int64(walFrameHeaderSize + rep.PageSize)
	frame := make([]byte, frameSize)
	var pages uint32
	for i := range int64(rep.LastCommit) {
		if _, err := in.ReadAt(frame, walHeaderSize+i*frameSize); err != nil {
			return err
		}
		pgno := binary.BigEndian.Uint32(frame[0:])
		if _, err := out.WriteAt(frame[walFrameHeaderSize:], int64(pgno-1)*int64(rep.PageSize)); err != nil {
			return err
		}
		if commit := binary.BigEndian.Uint32(frame[4:]); commit != 0 {
			pages = commit
		}
	}
	if err := out.Truncate(int64(pages) * int64(rep.PageSize)); err != nil {
		return err
	}
	return out.Close()
}

// createEmpty creates an empty file at path with mode 0600, or checks that
// the one there is empty: SQLite keeps the mode of a file it writes into.
func createEmpty(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil {
		return err
	} else if fi.Size() != 0 {
		return fmt.Errorf("%s is not empty", path)
	}
	return f.Close()
}

// syncPath flushes the file at path to disk.
func syncPath(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
