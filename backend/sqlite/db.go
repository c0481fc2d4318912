// Package sqlite is Bridgelog's store: one SQLite file holding incidents, their
// timelines, revisions and drafts, with full-text search. It implements the
// service interfaces declared in package backend.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"bridgelog/backend"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// pragmas are applied to every pooled connection. synchronous=FULL makes a commit
// wait until the write-ahead log is on disk, so a note the scribe saw saved
// survives a power cut; WAL keeps readers (search, the timeline) from blocking
// the writer. busy_timeout lets two writers queue instead of failing at once.
const pragmas = "_pragma=busy_timeout(5000)" +
	"&_pragma=journal_mode(WAL)" +
	"&_pragma=synchronous(FULL)" +
	"&_pragma=foreign_keys(1)"

// DB is an open Bridgelog database file.
type DB struct {
	db *sql.DB

	// Path is the database file.
	Path string

	// Now stamps every transaction once, so all rows a change writes agree on
	// the time, and tests can pin it.
	Now func() time.Time

	// writes counts write transactions that tried to commit (a failed commit
	// counts too: the cost is one more read), so a cache can tell whether the
	// file may have changed since it read. Only this process writes: the lock
	// file keeps every other writer out.
	writes atomic.Uint64
}

// NewDB returns a DB for the file at path, stamping times with clock (the system
// clock when nil). Call Open before use.
func NewDB(path string, clock backend.Clock) *DB {
	if clock == nil {
		clock = backend.SystemClock{}
	}
	return &DB{Path: path, Now: clock.Now}
}

// Open creates the folder and file if needed, refuses a database written by a
// newer Bridgelog without touching it, and applies any missing migrations.
func (db *DB) Open() (err error) {
	if db.Path == "" {
		return backend.Errorf(backend.EINVALID, "No database file was given: choose where Bridgelog keeps its data")
	} else if db.db != nil {
		return backend.Errorf(backend.ECONFLICT, "The database %s is already open", db.Path)
	}
	if err := prepareFile(db.Path); err != nil {
		return err
	}
	// Check before the real connection exists: opening it switches the file to
	// WAL mode, which would modify a database this binary must not touch.
	if err := checkCompatible(db.Path); err != nil {
		return err
	}
	if err := os.Chmod(db.Path, 0o600); err != nil {
		return fmt.Errorf("restrict database file: %w", err)
	}

	// _txlock=immediate takes the write lock at BEGIN, so a transaction that
	// reads and then writes cannot fail halfway with SQLITE_BUSY. Read-only
	// transactions still begin deferred.
	if db.db, err = sql.Open("sqlite", dsn(db.Path, pragmas+"&_txlock=immediate")); err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer func() {
		if err != nil {
			db.db.Close()
			db.db = nil
		}
	}()
	if err := migrate(context.Background(), db.db, db.Path, db.now()); err != nil {
		return err
	}

	// SQLite creates its side files with the main file's mode, but a side file
	// left by an older run may predate that; the notes in them are as private.
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Chmod(db.Path+suffix, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("restrict %s file: %w", suffix, err)
		}
	}
	return nil
}

// Close closes the database. It is safe to call on a DB that failed to open.
func (db *DB) Close() error {
	if db.db == nil {
		return nil
	}
	// The handle is kept: a call still in flight as the window closes then gets
	// "sql: database is closed" instead of racing on a nil field.
	return db.db.Close()
}

// now is the clock's time as stored: UTC, whole milliseconds.
func (db *DB) now() time.Time {
	return db.Now().UTC().Truncate(time.Millisecond)
}

// prepareFile creates the parent folder (0700) and an empty database file
// (0600) before SQLite sees the path, so the file is never readable by other
// users, not even for a moment.
func prepareFile(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create database folder: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("create database file: %w", err)
	}
	return f.Close()
}

// dsn builds a SQLite URI for path. A URI (rather than a bare path) keeps a
// folder name containing '?', '#' or '%' from being read as query parameters.
func dsn(path, query string) string {
	p := filepath.ToSlash(path)
	if filepath.VolumeName(path) != "" && !strings.HasPrefix(p, "/") {
		p = "/" + p // file:/C:/... is how SQLite spells a Windows drive
	}
	return "file:" + (&url.URL{Path: p}).EscapedPath() + "?" + query
}

// stampedTx is a transaction stamped with one time, so every row it writes agrees.
type stampedTx struct {
	*sql.Tx
	now time.Time
	// written is the DB's write counter when this is a write transaction.
	written *atomic.Uint64
}

// Commit commits and, for a write transaction, counts the write after it is
// visible, so a reader that sees the new count also sees the new rows.
func (tx *stampedTx) Commit() error {
	err := tx.Tx.Commit()
	if tx.written != nil {
		tx.written.Add(1)
	}
	return err
}

// beginTx starts a write transaction (BEGIN IMMEDIATE) or, with readOnly, a
// deferred one that never blocks the writer.
func (db *DB) beginTx(ctx context.Context, readOnly bool) (*stampedTx, error) {
	if db.db == nil {
		return nil, backend.Errorf(backend.EINTERNAL, "The database is not open")
	}
	tx, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: readOnly})
	if err != nil {
		return nil, fmt.Errorf("begin transaction: %w", err)
	}
	stx := &stampedTx{Tx: tx, now: db.now()}
	if !readOnly {
		stx.written = &db.writes
	}
	return stx, nil
}

// beginDraftTx starts a write transaction that touches only the drafts table,
// which no cache holds: a draft saved while the scribe types keeps them warm.
func (db *DB) beginDraftTx(ctx context.Context) (*stampedTx, error) {
	tx, err := db.beginTx(ctx, false)
	if tx != nil {
		tx.written = nil
	}
	return tx, err
}
