//go:build !windows

package instance

// AttachConsole has nothing to do where a program started from a terminal
// always has the terminal's output.
func AttachConsole() {}
