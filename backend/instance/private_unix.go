//go:build unix

package instance

import "syscall"

// Private makes every file this process and its children create readable by
// the user alone (umask 077). Bridgelog's own files are created 0600 anyway;
// this also covers what the web view writes beside them (its caches, HSTS
// store, local storage), which holds the same incident details.
func Private() { syscall.Umask(0o077) }
