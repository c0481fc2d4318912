package sqlite

import (
	"context"
	"database/sql"
	"time"
)

// SQLDB exposes the write connection (the read pool of a database opened
// read-only) to tests that must look under the services: pragma checks,
// tampering with the migrations table, and fast benchmark seeding.
func SQLDB(db *DB) *sql.DB {
	if db.wdb != nil {
		return db.wdb
	}
	return db.db
}

// ReadDB exposes the read pool.
func ReadDB(db *DB) *sql.DB { return db.db }

// DSN is the connection string Open uses, for a second database with the same
// settings in benchmarks.
func DSN(path string) string { return dsn(path, pragmas) }

// MigrateTo applies the embedded migrations up to and including last, as an
// older Bridgelog would have left a database.
func MigrateTo(db *sql.DB, last string, now time.Time) error {
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT`); err != nil {
		return err
	}
	for _, name := range migrationNames() {
		if name > last {
			break
		}
		if err := migrateOne(context.Background(), db, "test.db", name, now); err != nil {
			return err
		}
	}
	return nil
}
