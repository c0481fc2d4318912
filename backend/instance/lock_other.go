//go:build !unix

package instance

// Lock is a no-op where flock is unavailable; Wails' single-instance lock still applies.
type Lock struct{}

// Acquire always succeeds here.
func Acquire(path string) (*Lock, error) { return &Lock{}, nil }

// Release does nothing.
func (l *Lock) Release() error { return nil }
