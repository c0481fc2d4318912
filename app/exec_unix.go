//go:build unix

package app

import (
	"fmt"
	"os"
	"syscall"
)

// StartAgain replaces this process with a new run of the same program, with
// the same arguments and env as its environment. The instance lock's file is
// close-on-exec, so the new run takes the lock over; on success it does not
// return.
func StartAgain(env []string) error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("start Bridgelog again: %w", err)
	}
	if err := syscall.Exec(exe, os.Args, env); err != nil {
		return fmt.Errorf("start Bridgelog again (%s): %w", exe, err)
	}
	return nil
}
