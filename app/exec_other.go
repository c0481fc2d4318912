//go:build !unix

package app

import (
	"fmt"
	"os"
	"os/exec"
)

// StartAgain starts a new run of the same program, with the same arguments
// and env as its environment; the caller then exits. (Elsewhere than Unix a
// process cannot replace itself.)
func StartAgain(env []string) error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("start Bridgelog again: %w", err)
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Env, cmd.Stdin, cmd.Stdout, cmd.Stderr = env, os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start Bridgelog again (%s): %w", exe, err)
	}
	return nil
}
