package instance

import (
	"os"
	"os/user"
	"path/filepath"
	"strings"
)

// DBPath decides which database to open: --db PATH (or --db=PATH) on the command
// line, else $BRIDGELOG_DB, else bridgelog.db in the user's data directory
// (see dataDir: $XDG_DATA_HOME/bridgelog, by default ~/.local/share/bridgelog,
// on Linux). Unknown arguments are left alone because the Wails runtime reads
// its own.
func DBPath(args []string, getenv func(string) string) (string, error) {
	for i, a := range args {
		switch {
		case (a == "--db" || a == "-db") && i+1 < len(args):
			return filepath.Abs(args[i+1])
		case strings.HasPrefix(a, "--db="), strings.HasPrefix(a, "-db="):
			_, v, _ := strings.Cut(a, "=")
			return filepath.Abs(v)
		}
	}
	if p := getenv("BRIDGELOG_DB"); p != "" {
		return filepath.Abs(p)
	}
	dir, err := dataDir(getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "bridgelog", "bridgelog.db"), nil
}

// SettingsPath is the settings file in the user's config directory.
func SettingsPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "bridgelog", "settings.json"), nil
}

// UserName is the default author name: the login's full name if it has one.
func UserName() string {
	if u, err := user.Current(); err == nil {
		if name, _, _ := strings.Cut(u.Name, ","); strings.TrimSpace(name) != "" {
			return strings.TrimSpace(name)
		}
		if u.Username != "" {
			return u.Username
		}
	}
	return "Scribe"
}

// ExportNotesPath is where exports note their temporary files while they
// write them (see export.Leftovers): in the user's cache folder, so that an
// export from a read-only place still has somewhere to note.
func ExportNotesPath() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "bridgelog", "exports-in-progress"), nil
}
