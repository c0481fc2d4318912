//go:build windows

package instance

import "bridgelog/backend"

// dataDir is where applications keep their users' data on Windows:
// %LOCALAPPDATA%, which stays on the machine. The settings are in %APPDATA%
// (os.UserConfigDir), which may roam with the user; a database that is being
// written must not.
func dataDir(getenv func(string) string) (string, error) {
	if dir := getenv("LOCALAPPDATA"); dir != "" {
		return dir, nil
	}
	return "", backend.Errorf(backend.EINVALID, "%%LOCALAPPDATA%% is not set, so Bridgelog has no folder for its database: start it with --db PATH")
}
