//go:build windows

package sqlite

// sideFilesToRestrict is empty on Windows: file modes do not apply there,
// and a chmod of a file SQLite holds open is refused as a sharing violation.
var sideFilesToRestrict []string
