//go:build darwin || ios

package instance

import (
	"os"
	"path/filepath"
)

// dataDir is where applications keep their users' data on macOS:
// ~/Library/Application Support, the folder os.UserConfigDir names too, so
// the database and the settings sit side by side in .../bridgelog.
func dataDir(func(string) string) (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, "Library", "Application Support"), nil
}
