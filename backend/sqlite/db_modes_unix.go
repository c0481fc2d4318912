//go:build !windows

package sqlite

// sideFilesToRestrict are the side files Open narrows to the owner (0600).
var sideFilesToRestrict = []string{"-wal", "-shm"}
