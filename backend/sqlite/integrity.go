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
}

// OK reports whether the file can be opened.
func (h Health) OK() bool { return h.Status == HealthOK }

// Err is nil for a healthy file, else a domain error carrying Message.
func (h Health) Err() error {
	switch h.Status {
	case HealthOK:
		return nil
	case HealthCorrupt, HealthUnreadable:
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

// CheckFile looks at a database file before Open and never changes it: it
// reads it through a read-only connection that does not switch it to WAL or
// write anything into it. It runs SQLite's quick_check, and refuses files that
// Open would refuse (another program's data, a newer schema). A missing or
// empty file is healthy: Open makes it a new database.
//
// A WAL file left beside the database by a crash holds notes already saved, so
// the check reads it too (SQLite may create the shared-memory index beside the
// file for that, never the database itself). Call it only on a file no one is
// writing: before Open (under the instance lock), after Close, or on a backup.
func CheckFile(path string) Health {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Health{Status: HealthOK}
	} else if err != nil {
		return unreadable(path, err.Error())
	} else if fi.IsDir() {
		return unreadable(path, "it is a folder")
	} else if fi.Size() == 0 {
		return Health{Status: HealthOK}
	}

	// Read the header ourselves first: a file that is not SQLite at all gets a
	// clear answer without depending on how SQLite reports it.
	f, err := os.Open(path)
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

	probe, err := sql.Open("sqlite", probeDSN(path))
	if err != nil {
		return unreadable(path, err.Error())
	}
	defer probe.Close()
	return checkOpen(context.Background(), path, probe)
}

// probeDSN opens path read-only. Without a WAL file it is also immutable, so
// SQLite takes no locks and creates no side files; with one it must read the
// WAL, which needs the shared-memory index.
func probeDSN(path string) string {
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		return dsn(path, "mode=ro&_pragma=busy_timeout(5000)")
	}
	return dsn(path, "mode=ro&immutable=1")
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
// notes still in its WAL file, to dst (absent or empty), without changing src.
// It fails on a file CheckFile would not pass; copy such a file byte for byte.
func CopyFile(ctx context.Context, src, dst string) error {
	probe, err := sql.Open("sqlite", probeDSN(src))
	if err != nil {
		return fmt.Errorf("copy database %s: %w", src, err)
	}
	defer probe.Close()
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
