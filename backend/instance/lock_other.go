//go:build !unix

package instance

// Lock is a no-op where flock is unavailable; Wails' single-instance lock still applies.
type Lock struct{}

// Acquire always succeeds here.
func Acquire(path string) (*Lock, error) { return &Lock{}, nil }

// AcquireDB always succeeds here.
func AcquireDB(dbPath string) (*Lock, error) { return &Lock{}, nil }

// HoldFile does nothing here.
func (l *Lock) HoldFile(dbPath string) error { return nil }

// Release does nothing.
func (l *Lock) Release() error { return nil }

// Writable is true here: opening the database says otherwise.
func Writable(path string) bool { return true }
