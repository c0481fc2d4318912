//go:build !windows && !darwin && !ios

package instance

import (
	"os"
	"path/filepath"
)

// dataDir is where applications keep their users' data on Linux and the BSDs:
// $XDG_DATA_HOME, by default ~/.local/share.
func dataDir(getenv func(string) string) (string, error) {
	if dir := getenv("XDG_DATA_HOME"); dir != "" {
		return dir, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share"), nil
}
