//go:build !windows

package main

// attachConsole has nothing to do where a program started from a terminal
// always has the terminal's output.
func attachConsole() {}
