//go:build !(linux || freebsd || netbsd || openbsd || dragonfly)

package instance

import "time"

// CheckDisplay is nil here: on Windows and macOS the desktop is always there
// for the window, and no variable names it.
func CheckDisplay(getenv func(string) string, timeout time.Duration) error { return nil }
