package sqlite

// SideFiles returns the suffixes of the files SQLite keeps beside a database
// file: its write-ahead log, the log's shared-memory index and the rollback
// journal. Each belongs to the database file it sits beside: left beside
// another file of that name, SQLite would replay its pages into that file and
// corrupt it. So whatever moves, copies, removes or guards a database does the
// same with these. The write-ahead log comes first: it holds the latest saved
// notes, so it is the one that must never be separated from its file.
//
// It returns a new slice on each call, so no caller can change another's list.
func SideFiles() []string {
	return []string{"-wal", "-shm", "-journal"}
}
