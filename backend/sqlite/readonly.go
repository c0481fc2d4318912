package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"

	"bridgelog/backend"
)

// OpenReadOnly opens an existing database for reading only: a command-line
// export while the app has the file open. It never creates, migrates or
// changes the file (permissions included), so the schema must be exactly
// this build's: an older one needs the app to open it once, a newer one a
// newer build. Reads work while another process writes: the database is in
// WAL mode, and readers see the last commit.
func (db *DB) OpenReadOnly() (err error) {
	if db.Path == "" {
		return backend.Errorf(backend.EINVALID, "No database file was given: pass --db with the path of Bridgelog's database")
	} else if db.db != nil {
		return backend.Errorf(backend.ECONFLICT, "The database %s is already open", db.Path)
	}
	if fi, err := os.Stat(db.Path); errors.Is(err, os.ErrNotExist) || err == nil && fi.Size() == 0 {
		return backend.Errorf(backend.ENOTFOUND, "No Bridgelog database at %s: run Bridgelog once, or pass --db", db.Path)
	} else if err != nil {
		return fmt.Errorf("open database: %w", err)
	} else if fi.IsDir() {
		return backend.Errorf(backend.EINVALID, "%s is a folder, not a Bridgelog database: pass --db with the database file", db.Path)
	}
	// checkCompatible tells a file of another program and a newer schema
	// apart, with a read-only probe of its own.
	if err := checkCompatible(db.Path); err != nil {
		return err
	}
	// mode=ro opens the file read-only; query_only refuses writes even where
	// SQLite could make them. The -wal and -shm files a running app keeps
	// are read like any reader's; with the app closed SQLite makes them
	// beside the file (mode as the file's), or, where it cannot (a read-only
	// folder), reads without them.
	// On a read-only mount the file is read in place when it has no WAL,
	// else from a private copy (readablePlace), removed by Close.
	place, query, cleanup, err := readablePlace(db.Path)
	if err != nil {
		return err
	}
	pool, err := sql.Open("sqlite", dsn(place, query+"&_pragma=busy_timeout(5000)&_pragma=query_only(1)"))
	if err != nil {
		cleanup()
		return fmt.Errorf("open database: %w", err)
	}
	defer func() {
		if err != nil {
			pool.Close()
			cleanup()
		}
	}()
	var tables int
	if err := pool.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'migrations'`).Scan(&tables); err != nil {
		return fmt.Errorf("open database: %w", err)
	} else if tables == 0 {
		return backend.Errorf(backend.ENOTFOUND, "No Bridgelog database at %s (the file is empty): run Bridgelog once, or pass --db", db.Path)
	}
	applied, err := appliedMigrations(context.Background(), pool)
	if err != nil {
		return err
	}
	if err := checkKnown(db.Path, applied); err != nil {
		return err
	}
	for _, name := range migrationNames() {
		if !applied[name] {
			return backend.Errorf(backend.EINVALID,
				"The database %s was last opened by an older Bridgelog (it lacks schema change %q): "+
					"open it once in this version of Bridgelog, then try again", db.Path, name)
		}
	}
	db.db, db.cleanup = pool, cleanup
	return nil
}
