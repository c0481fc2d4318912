package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"time"

	"bridgelog/backend"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// migrationFS holds the schema changes. A shipped file is never edited: a change
// is a new file, so every database walks the same path to the same schema.
//
//go:embed migration/*.sql
var migrationFS embed.FS

// migrationNames lists the embedded migrations in the order they apply.
func migrationNames() []string {
	names, err := fs.Glob(migrationFS, "migration/*.sql")
	if err != nil {
		panic(err) // the pattern is a constant; it cannot be malformed
	}
	for i := range names {
		names[i] = path.Base(names[i])
	}
	slices.Sort(names)
	return names
}

// checkCompatible looks at an existing file through a read-only connection and
// refuses it if it is not a Bridgelog database, or if a newer Bridgelog has
// migrated it past what this binary knows: writing to it could lose that
// version's data. A new, empty file passes.
func checkCompatible(file string) error {
	if fi, err := os.Stat(file); err != nil {
		return fmt.Errorf("check database file: %w", err)
	} else if fi.Size() == 0 {
		return nil
	}
	place, query, cleanup, err := readablePlace(file)
	if err != nil {
		return err
	}
	defer cleanup()
	probe, err := sql.Open("sqlite", dsn(place, query+"&_pragma=busy_timeout(5000)"))
	if err != nil {
		return fmt.Errorf("check database file: %w", err)
	}
	defer probe.Close()
	ctx := context.Background()

	var tables, hasMigrations int
	err = probe.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE name = 'migrations')
		FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`).Scan(&tables, &hasMigrations)
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_NOTADB {
		return backend.Errorf(backend.EINVALID, "%s is not a Bridgelog database (it is not a SQLite file): choose another file", file)
	} else if err != nil {
		return fmt.Errorf("check database file: %w", err)
	}
	if hasMigrations == 0 {
		if tables > 0 {
			return backend.Errorf(backend.EINVALID, "%s holds another program's data, not Bridgelog's: choose another file", file)
		}
		return nil
	}
	applied, err := appliedMigrations(ctx, probe)
	if err != nil {
		return err
	}
	return checkKnown(file, applied)
}

// checkKnown refuses a database that records a migration this binary lacks.
func checkKnown(file string, applied map[string]bool) error {
	known := migrationNames()
	for name := range applied {
		if !slices.Contains(known, name) {
			return backend.Errorf(backend.EINVALID,
				"This database was written by a newer Bridgelog (it has schema change %q, which this version does not know): "+
					"install the newer Bridgelog to open %s", name, file)
		}
	}
	return nil
}

// queryer is what both *sql.DB and *sql.Tx offer.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func appliedMigrations(ctx context.Context, q queryer) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM migrations`)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	defer rows.Close()
	applied := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("read migrations: %w", err)
		}
		applied[name] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	return applied, nil
}

// migrate applies every embedded migration the database has not recorded, each
// in its own transaction together with its record, so a crash leaves the
// database at a migration boundary, never between.
func migrate(ctx context.Context, db *sql.DB, file string, now time.Time) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (
		name       TEXT    PRIMARY KEY,
		applied_at INTEGER NOT NULL
	) STRICT`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	for _, name := range migrationNames() {
		if err := migrateOne(ctx, db, file, name, now); err != nil {
			return err
		}
	}
	return nil
}

func migrateOne(ctx context.Context, db *sql.DB, file, name string, now time.Time) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: %w", name, err)
	}
	defer tx.Rollback()

	// Read the record inside the write transaction: another Bridgelog opening
	// the same file at the same moment must not apply a migration twice.
	applied, err := appliedMigrations(ctx, tx)
	if err != nil {
		return err
	}
	if err := checkKnown(file, applied); err != nil {
		return err
	} else if applied[name] {
		return nil
	}
	body, err := migrationFS.ReadFile("migration/" + name)
	if err != nil {
		return fmt.Errorf("migration %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("migration %s: %w", name, err)
	}
	if step := migrationSteps[name]; step != nil {
		if err := step(ctx, tx); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (name, applied_at) VALUES (?, ?)`,
		name, millis(now)); err != nil {
		return fmt.Errorf("migration %s: record: %w", name, err)
	}
	return tx.Commit()
}
