package sqlite

import "database/sql"

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
