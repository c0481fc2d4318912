package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"

	"bridgelog/backend"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// HealthStatus says whether a database file can be opened, and if not, why.
type HealthStatus string

const (
	HealthOK          HealthStatus = "ok"             // a Bridgelog database, or a new (missing or empty) file
	HealthNotDatabase HealthStatus = "not-a-database" // not a SQLite file at all
	HealthCorrupt     HealthStatus = "corrupt"        // a SQLite file that is truncated or damaged
	HealthNewer       HealthStatus = "newer-schema"   // written by a newer Bridgelog
	HealthForeign     HealthStatus = "foreign"        // another program's SQLite data
	HealthUnreadable  HealthStatus = "unreadable"     // the file cannot be read (permissions, I/O)
	// HealthUnusable: the path cannot hold a database: a folder, a named pipe
	// or a device is there, or its file system is read-only, or the user may
	// not write there. Nothing at the path was opened.
	HealthUnusable HealthStatus = "unusable"
	// HealthWALDamaged: the write-ahead log beside the file is damaged, and
	// SQLite would silently drop the transactions after the damage.
	HealthWALDamaged HealthStatus = "wal-damaged"
	// HealthWALOnly: the file is missing or empty but a log with committed
	// transactions is beside it; SQLite would delete that log on opening.
	HealthWALOnly HealthStatus = "wal-only"
	// HealthMissing, HealthEmpty and HealthReplaced: the file is missing,
	// empty, or a database without incidents, while its backups hold some.
	// CheckFile never returns these; backup.CheckStart does.
	HealthMissing  HealthStatus = "missing"
	HealthEmpty    HealthStatus = "empty"
	HealthReplaced HealthStatus = "replaced"
)

// Health is what CheckFile found.
type Health struct {
	Status HealthStatus `json:"status"`
	// Detail is what SQLite or the system said, for the message and the log.
	Detail string `json:"detail,omitempty"`
	// Message tells a person what happened and what to do; empty when OK.
	Message string `json:"message,omitempty"`
	// Incidents is how many incidents the file holds, when OK.
	Incidents int `json:"incidents"`
	// WAL is what the check found in the write-ahead log beside the file,
	// when there is one.
	WAL *WALReport `json:"wal,omitempty"`
}

// OK reports whether the file can be opened.
func (h Health) OK() bool { return h.Status == HealthOK }

// Err is nil for a healthy file, else a domain error carrying Message.
func (h Health) Err() error {
	switch h.Status {
	case HealthOK:
		return nil
	case HealthCorrupt, HealthUnreadable, HealthUnusable, HealthWALDamaged, HealthWALOnly:
		return backend.Errorf(backend.EINTERNAL, "%s", h.Message)
	}
	return backend.Errorf(backend.EINVALID, "%s", h.Message)
}

// BackupDir is where the backups of the database at dbPath are kept: a folder
// beside it named after it, so two databases in one folder never mix their
// backups, and the folder is found next to the file a person is looking at.
func BackupDir(dbPath string) string {
	base := strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath))
	return filepath.Join(filepath.Dir(dbPath), base+"-backups")
}

// sqliteHeader starts every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// CheckFile looks at a database file before Open and never changes it, nor
// the write-ahead log (-wal) and shared-memory index (-shm) beside it. In
// order, before SQLite sees anything:
//   - a path that is not a regular file (a folder, a named pipe, a device) is
//     refused without being opened: opening a pipe could block forever;
//   - the file must start with the SQLite header;
//   - the write-ahead log is read and its checksums verified (VerifyWAL): a
//     damaged log would be silently cut short by SQLite and then overwritten
//     by the next write, so it stops the start here.
//
// Only then does SQLite read the file, through a read-only connection that
// does not switch it to WAL or write anything: it runs quick_check, and the
// file is refused if Open would refuse it (another program's data, a newer
// schema). With a log beside the file, SQLite reads the log as well, keeping
// its index in private memory (readonly_shm), or, when there is no -shm file
// to read, from a private copy of the file and the log: either way the files
// at path stay byte for byte as they were.
//
// A missing or empty file is healthy (Open makes it a new database) unless a
// log with committed transactions is beside it, which SQLite would delete.
// Call it only on a file no one is writing: before Open (under the instance
// lock), after Close, or on a backup.
func CheckFile(path string) Health {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return checkLogAlone(path)
	} else if err != nil {
		return unreadable(path, err.Error())
	} else if !fi.Mode().IsRegular() {
		return unusable(path, "it is "+notAFile(fi.Mode()), "")
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if side, err := os.Stat(path + suffix); err == nil && !side.Mode().IsRegular() {
			return unusable(path, fmt.Sprintf("its %s file is %s", suffix, notAFile(side.Mode())), "")
		}
	}
	if fi.Size() == 0 {
		return checkLogAlone(path)
	}

	// Read the header ourselves first: a file that is not SQLite at all gets a
	// clear answer without depending on how SQLite reports it.
	f, err := openNoBlock(path)
	if err != nil {
		return unreadable(path, err.Error())
	}
	head := make([]byte, 100) // the SQLite file header
	n, err := io.ReadFull(f, head)
	f.Close()
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return unreadable(path, err.Error())
	}
	if n < len(head) || !bytes.HasPrefix(head, sqliteHeader) {
		return notDatabase(path, "it does not start with the SQLite header")
	}

	wal, err := VerifyWAL(path + "-wal")
	if err != nil {
		return unreadable(path+"-wal", err.Error())
	} else if wal.Damaged() {
		return walDamaged(path, wal)
	}
	probe, done, err := openUnchanged(path, wal)
	if err != nil {
		return unreadable(path, err.Error())
	}
	defer done()
	h := checkOpen(context.Background(), path, probe)
	if wal.Size > 0 {
		h.WAL = &wal
	}
	return h
}

// openUnchanged opens the closed database at path for reading, so that
// neither the file nor its -wal and -shm files change, whose log wal
// describes (undamaged). Without a log, mode=ro&immutable=1 reads the file
// alone and takes no locks. With a log and a -shm file, readonly_shm=1 opens
// the index read-only: with no other process holding it, SQLite trusts
// nothing in it and rebuilds the index from the log in private memory, so a
// stale or damaged -shm cannot mislead it. With a log and no -shm file
// (SQLite would create one), it reads a copy of the file and of the log, cut
// after its last valid commit frame, in a private temporary folder: the same
// transactions SQLite would read from the original. Call done when finished.
func openUnchanged(path string, wal WALReport) (db *sql.DB, done func(), err error) {
	read, cleanup := path, func() {}
	query := "mode=ro&immutable=1"
	if wal.Size > 0 {
		query = "mode=ro&readonly_shm=1"
	}
	if _, statErr := os.Stat(path + "-shm"); wal.Size > 0 && statErr != nil {
		if read, cleanup, err = privateCopy(path, wal); err != nil {
			return nil, nil, err
		}
		query = "mode=ro"
	}
	if db, err = sql.Open("sqlite", dsn(read, query+"&_pragma=busy_timeout(5000)")); err != nil {
		cleanup()
		return nil, nil, err
	}
	return db, func() { db.Close(); cleanup() }, nil
}

// privateCopy copies the database at path and the committed part of its log
// into a new private temporary folder, and returns the copy's path and a
// function removing the folder.
func privateCopy(path string, wal WALReport) (string, func(), error) {
	dir, err := os.MkdirTemp("", "bridgelog-check-")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	cp := filepath.Join(dir, "check.db")
	err = copyPrefix(path, cp, -1)
	if err == nil && wal.LastCommit > 0 {
		err = copyPrefix(path+"-wal", cp+"-wal", wal.CommittedSize())
	}
	if err != nil {
		cleanup()
		return "", nil, err
	}
	return cp, cleanup, nil
}

// checkLogAlone checks a missing or empty database file: healthy, unless a
// log with committed transactions is beside it. SQLite deletes the log of a
// database with no pages, so those notes would be lost on opening.
func checkLogAlone(path string) Health {
	wal, err := VerifyWAL(path + "-wal")
	if err != nil {
		return unreadable(path+"-wal", err.Error())
	}
	if wal.LastCommit == 0 && !wal.Damaged() {
		return Health{Status: HealthOK}
	}
	h := Health{Status: HealthWALOnly, WAL: &wal, Detail: "the database file is missing or empty, but its log holds transactions",
		Message: fmt.Sprintf("The database file %s is missing or empty, but its write-ahead log %s-wal is still there "+
			"and holds %s. Opening the database now would delete that log, so nothing has been opened or changed. "+
			"Recover what the log holds, restore a backup from %s, or move the files aside to start fresh.",
			path, path, commitsText(wal.Commits), BackupDir(path))}
	if wal.Damaged() {
		h.Detail = "the database file is missing or empty, and its log is damaged: " + wal.Damage
	}
	return h
}

// walDamaged describes a damaged log beside the file at path.
func walDamaged(path string, wal WALReport) Health {
	what := "Its header is damaged, so SQLite would ignore the whole log and then overwrite it"
	if wal.DamageAt > 0 {
		what = fmt.Sprintf("%d bytes into it, frame %d of %d is damaged, and at least %s written after it "+
			"would be dropped by SQLite without a word and then overwritten",
			wal.DamageAt, wal.DamagedFrame, wal.Frames, commitsText(wal.LostCommits))
	}
	return Health{Status: HealthWALDamaged, WAL: &wal, Detail: "write-ahead log: " + wal.Damage,
		Message: fmt.Sprintf("The write-ahead log of the database at %s (the file %s-wal, where the latest notes wait "+
			"until they are copied into the database) is damaged. %s. Nothing has been opened or changed. "+
			"Recover what the log's intact part holds, restore a backup from %s, or move the files aside to start fresh.",
			path, path, what, BackupDir(path))}
}

// commitsText says how many saved changes (transactions) n is.
func commitsText(n int) string {
	if n == 1 {
		return "1 saved change"
	}
	return fmt.Sprintf("%d saved changes", n)
}

// notAFile names what mode says is at a path instead of a file.
func notAFile(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "a folder, not a file"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO), not a file"
	case mode&fs.ModeDevice != 0:
		return "a device, not a file"
	case mode&fs.ModeSocket != 0:
		return "a socket, not a file"
	}
	return "not a regular file"
}

func checkOpen(ctx context.Context, path string, probe *sql.DB) Health {
	var tables, hasMigrations int
	err := probe.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE name = 'migrations')
		FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`).Scan(&tables, &hasMigrations)
	if err != nil {
		return sqliteHealth(path, err)
	}

	rows, err := probe.QueryContext(ctx, `PRAGMA quick_check(5)`)
	if err != nil {
		return sqliteHealth(path, err)
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return sqliteHealth(path, err)
		}
		for _, l := range strings.Split(line, "\n") {
			// The first finding is headed by which attached database it is in;
			// Bridgelog attaches none.
			if l = strings.TrimSpace(l); l != "ok" && l != "" && !strings.HasPrefix(l, "*** in database") {
				problems = append(problems, l)
			}
		}
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return sqliteHealth(path, err)
	} else if len(problems) > 0 {
		return corrupt(path, strings.Join(problems, "; "))
	}

	if hasMigrations == 0 {
		if tables > 0 {
			return Health{Status: HealthForeign, Detail: "no migrations table",
				Message: fmt.Sprintf("%s holds another program's data, not Bridgelog's. It has not been changed. "+
					"Start Bridgelog with --db pointing at your Bridgelog database, or move this file aside to start fresh.", path)}
		}
		return Health{Status: HealthOK} // a SQLite file with no tables yet: Open migrates it
	}
	applied, err := appliedMigrations(ctx, probe)
	if err != nil {
		return sqliteHealth(path, err)
	}
	if err := checkKnown(path, applied); err != nil {
		return Health{Status: HealthNewer, Detail: "unknown schema change",
			Message: backend.ErrorMessage(err) + ". It has not been changed."}
	}
	var h Health
	if err := probe.QueryRowContext(ctx, `SELECT count(*) FROM incidents`).Scan(&h.Incidents); err != nil {
		return sqliteHealth(path, err)
	}
	h.Status = HealthOK
	return h
}

// sqliteHealth classifies an error SQLite gave while reading the file.
func sqliteHealth(path string, err error) Health {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return unreadable(path, err.Error())
	}
	// SQLite's text ends in its numeric code, "... malformed (11)", which
	// means nothing to the person reading the message.
	detail := strings.TrimSpace(errorCodeSuffix.ReplaceAllString(se.Error(), ""))
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_NOTADB:
		return notDatabase(path, detail)
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_FORMAT, sqlite3.SQLITE_RANGE, sqlite3.SQLITE_ERROR:
		// SQLITE_ERROR here means the schema SQLite read is itself damaged
		// ("malformed database schema"), since the queries are fixed.
		return corrupt(path, detail)
	}
	return unreadable(path, detail)
}

var errorCodeSuffix = regexp.MustCompile(`\s*\(\d+\)$`)

func corrupt(path, detail string) Health {
	return Health{Status: HealthCorrupt, Detail: detail, Message: fmt.Sprintf(
		"The database at %s is damaged (%s). It has not been changed. "+
			"Restore the latest good backup from %s, or move the file aside to start fresh.",
		path, detail, BackupDir(path))}
}

func notDatabase(path, detail string) Health {
	return Health{Status: HealthNotDatabase, Detail: detail, Message: fmt.Sprintf(
		"The file at %s is not a Bridgelog database: it is not a SQLite file (%s), so it is another kind of file or badly damaged. "+
			"It has not been changed. Restore the latest good backup from %s, start Bridgelog with --db pointing at your database, "+
			"or move the file aside to start fresh.",
		path, detail, BackupDir(path))}
}

// unusable says that path cannot hold a database and what to do; advice
// replaces the default advice when not empty.
func unusable(path, detail, advice string) Health {
	if advice == "" {
		advice = "Remove or rename what is there, or start Bridgelog with --db pointing at a database file " +
			"in a folder you can write to (for example --db ~/bridgelog.db)."
	}
	return Health{Status: HealthUnusable, Detail: detail, Message: fmt.Sprintf(
		"Bridgelog cannot keep its database at %s: %s. Nothing there was opened or changed. %s", path, detail, advice)}
}

func unreadable(path, detail string) Health {
	return Health{Status: HealthUnreadable, Detail: detail, Message: fmt.Sprintf(
		"Bridgelog cannot read the database at %s (%s). It has not been changed. "+
			"Give your user read and write access to it and its folder, or start Bridgelog with --db pointing at another file.",
		path, detail)}
}

// BackupTo writes a consistent copy of the open database to path, which must
// not exist or be empty (create it empty first to choose its mode). It is
// SQLite's VACUUM INTO: one read transaction, so writers carry on meanwhile
// (WAL) and the copy holds exactly the commits made before it began. The copy
// is a single file (no WAL) and, like the source, synced to disk.
func (db *DB) BackupTo(ctx context.Context, path string) error {
	if db.db == nil {
		return backend.Errorf(backend.EINTERNAL, "The database is not open")
	}
	if _, err := db.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("copy database to %s: %w", path, err)
	}
	return nil
}

// CopyFile writes a consistent copy of the closed database at src, including
// notes still in its WAL file, to dst (absent or empty), without changing src
// or its side files. It fails on a file CheckFile would not pass, a damaged
// log included; copy such a file byte for byte.
func CopyFile(ctx context.Context, src, dst string) error {
	wal, err := VerifyWAL(src + "-wal")
	if err != nil {
		return fmt.Errorf("copy database %s: %w", src, err)
	} else if wal.Damaged() {
		return backend.Errorf(backend.EINTERNAL, "The write-ahead log of %s is damaged (%s), so it was not copied", src, wal.Damage)
	}
	probe, done, err := openUnchanged(src, wal)
	if err != nil {
		return fmt.Errorf("copy database %s: %w", src, err)
	}
	defer done()
	if _, err := probe.ExecContext(ctx, `VACUUM INTO ?`, dst); err != nil {
		return fmt.Errorf("copy database %s to %s: %w", src, dst, err)
	}
	return probe.Close()
}

// Checkpoint folds the WAL file a crash left beside the closed database at
// path into the file itself and empties it, as SQLite's own recovery would on
// the next open. Afterwards the file alone holds every commit.
func Checkpoint(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", dsn(path, "_pragma=busy_timeout(5000)"))
	if err != nil {
		return fmt.Errorf("checkpoint %s: %w", path, err)
	}
	defer db.Close()
	var busy, frames, done int
	if err := db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &frames, &done); err != nil {
		return fmt.Errorf("checkpoint %s: %w", path, err)
	} else if busy != 0 {
		return fmt.Errorf("checkpoint %s: the database is in use", path)
	}
	return db.Close()
}

// IsFull reports whether err says the disk (or the database's size cap) is full.
func IsFull(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_FULL {
		return true
	}
	return errors.Is(err, syscall.ENOSPC)
}

// FullDiskError turns a "database or disk is full" failure into a message a
// person can act on, and returns any other error unchanged. SQLite rolls back
// the statement and the transaction's caller rolls back the rest, so nothing
// of the failed save is on disk, and the UI still holds what was typed.
func FullDiskError(err error) error {
	if err == nil || !IsFull(err) {
		return err
	}
	return backend.Errorf(backend.EINTERNAL,
		"The disk is full, so this was not saved; what you typed is kept. Free some space on the disk that holds the database, then press Enter again")
}
