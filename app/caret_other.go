//go:build !linux

package app

// SlowCaretBlink does nothing off Linux: the caret is the platform's own.
func SlowCaretBlink() {}
