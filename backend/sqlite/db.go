// Package sqlite is Bridgelog's store: one SQLite file holding incidents, their
// timelines, revisions and drafts, with full-text search. It implements the
// service interfaces declared in package backend.
package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"bridgelog/backend"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// pragmas are applied to the write connection. synchronous=FULL makes a commit
// wait until the write-ahead log is on disk, so a note the scribe saw saved
// survives a power cut; WAL keeps readers (search, the timeline) from blocking
// the writer. busy_timeout covers the moments another process reads the file
// (a command-line export): inside this process writers queue on the write slot
// and never meet SQLITE_BUSY. wal_autocheckpoint copies the log into the
// database every 256 pages (1 MiB at 4 KiB pages) rather than SQLite's 1000, so
// less of the record lives only in the WAL file.
const pragmas = "_pragma=busy_timeout(5000)" +
	"&_pragma=journal_mode(WAL)" +
	"&_pragma=synchronous(FULL)" +
	"&_pragma=foreign_keys(1)" +
	"&_pragma=wal_autocheckpoint(256)"

// readPragmas are applied to the read pool. Its transactions begin deferred
// and only ever read; the one statement it runs that writes is VACUUM INTO,
// whose output is another file (a backup).
const readPragmas = "_pragma=busy_timeout(5000)" +
	"&_pragma=foreign_keys(1)"

// DB is an open Bridgelog database file.
//
// Writes go through one connection, one transaction at a time, admitted in
// the order they asked (the write slot); reads use a pool of their own, which
// WAL lets run beside the writer. So no caller in this process ever sees
// SQLITE_BUSY, and a burst of writers is served first come, first served.
type DB struct {
	db  *sql.DB // reads, and VACUUM INTO
	wdb *sql.DB // the write connection

	// slot admits one write transaction at a time. Goroutines blocked sending
	// on a channel are woken in the order they blocked, which makes it fair.
	slot chan struct{}

	// cleanup removes what a read-only open made to read (a private copy).
	cleanup func()

	// checkpoints copies the WAL into the database once writes go quiet.
	checkpoints *checkpointer

	// CheckpointAfter is how long writes must pause before the WAL is copied
	// into the database (real time: it is about the disk, not the incident).
	// Zero means DefaultCheckpointAfter; set it before Open.
	CheckpointAfter time.Duration

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

	// clock orders the change log (hlc.go); moved by write transactions only.
	clock hlc
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
	// reads and then writes cannot fail halfway with SQLITE_BUSY.
	if db.wdb, err = sql.Open("sqlite", dsn(db.Path, pragmas+"&_txlock=immediate")); err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	db.wdb.SetMaxOpenConns(1)
	db.wdb.SetMaxIdleConns(1)
	db.wdb.SetConnMaxLifetime(0)
	db.wdb.SetConnMaxIdleTime(0)
	defer func() {
		if err != nil {
			db.wdb.Close()
			db.wdb = nil
			if db.db != nil {
				db.db.Close()
				db.db = nil
			}
		}
	}()
	// The write connection opens first: it switches the file to WAL and
	// migrates it before any reader looks.
	if err := migrate(context.Background(), db.wdb, db.Path, db.now()); err != nil {
		return err
	}
	if db.db, err = sql.Open("sqlite", dsn(db.Path, readPragmas)); err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	db.slot = make(chan struct{}, 1)
	db.checkpoints = startCheckpointer(db, cmp.Or(db.CheckpointAfter, DefaultCheckpointAfter))

	// SQLite creates its side files with the main file's mode, but a side file
	// left by an older run may predate that; the notes in them are as private.
	// Windows has no such modes (its ACLs come from the user's folder), and
	// refuses a chmod of a file SQLite holds open.
	for _, suffix := range sideFilesToRestrict {
		if err := os.Chmod(db.Path+suffix, 0o600); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("restrict %s file: %w", suffix, err)
		}
	}
	return nil
}

// Close closes the database. It is safe to call on a DB that failed to open.
// Closing the write connection, the last one, checkpoints the WAL into the
// database file.
func (db *DB) Close() error {
	if db.db == nil {
		return nil
	}
	db.checkpoints.Close()
	// The handles are kept: a call still in flight as the window closes then
	// gets "sql: database is closed" instead of racing on a nil field.
	rerr := db.db.Close()
	if db.cleanup != nil {
		db.cleanup()
	}
	if db.wdb == nil {
		return rerr
	}
	return errors.Join(db.wdb.Close(), rerr)
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
	// done gives the write slot back, once; nil for a read transaction.
	done func()
	// wrote tells the checkpointer a write committed; nil for reads.
	wrote func()
}

// Commit commits and, for a write transaction, counts the write after it is
// visible, so a reader that sees the new count also sees the new rows.
func (tx *stampedTx) Commit() error {
	err := tx.Tx.Commit()
	if tx.written != nil {
		tx.written.Add(1)
	}
	if tx.done != nil {
		tx.done()
		if err == nil {
			tx.wrote()
		}
	}
	return err
}

// Rollback rolls back and gives the write slot back. Calling it after Commit
// (the usual deferred call) is harmless.
func (tx *stampedTx) Rollback() error {
	err := tx.Tx.Rollback()
	if tx.done != nil {
		tx.done()
	}
	return err
}

// beginTx starts a write transaction (BEGIN IMMEDIATE on the write
// connection, once the write slot is ours) or, with readOnly, a deferred one
// on the read pool that never blocks the writer.
func (db *DB) beginTx(ctx context.Context, readOnly bool) (*stampedTx, error) {
	if db.db == nil {
		return nil, backend.Errorf(backend.EINTERNAL, "The database is not open")
	}
	if readOnly {
		tx, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return nil, fmt.Errorf("begin transaction: %w", err)
		}
		return &stampedTx{Tx: tx, now: db.now()}, nil
	}
	if db.wdb == nil {
		return nil, backend.Errorf(backend.EINTERNAL, "The database is open for reading only")
	}
	release, err := db.acquireWrite(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := db.wdb.BeginTx(ctx, nil)
	if err != nil {
		release()
		return nil, fmt.Errorf("begin transaction: %w", err)
	}
	stx := &stampedTx{Tx: tx, now: db.now(), written: &db.writes, done: release, wrote: db.checkpoints.kick}
	if err := db.stampChange(ctx, stx); err != nil {
		stx.Rollback()
		return nil, err
	}
	return stx, nil
}

// acquireWrite waits for the write slot, in turn, and returns the function
// that gives it back (safe to call more than once).
func (db *DB) acquireWrite(ctx context.Context) (func(), error) {
	select {
	case db.slot <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("begin transaction: %w", ctx.Err())
	}
	var once sync.Once
	return func() { once.Do(func() { <-db.slot }) }, nil
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
