package instance

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// SessionBusReachable reports whether a desktop session bus answers within
// timeout: DBUS_SESSION_BUS_ADDRESS, else the per-user bus socket in
// $XDG_RUNTIME_DIR. A second launch hands over to the running window over
// that bus; without one, the hand-over would start a bus of its own and wait
// on it, so the caller says what to do and exits instead.
func SessionBusReachable(timeout time.Duration) bool {
	return busReachable(os.Getenv("DBUS_SESSION_BUS_ADDRESS"), os.Getenv("XDG_RUNTIME_DIR"), timeout)
}

func busReachable(address, runtimeDir string, timeout time.Duration) bool {
	if address == "" {
		if runtimeDir == "" {
			return false
		}
		address = "unix:path=" + filepath.Join(runtimeDir, "bus")
	}
	// An address lists transports to try in turn, separated by ';'.
	for _, a := range strings.Split(address, ";") {
		kind, params, ok := strings.Cut(a, ":")
		if !ok {
			continue
		}
		if kind != "unix" {
			return true // another transport (tcp, launchd): assume it answers
		}
		for _, p := range strings.Split(params, ",") {
			k, v, _ := strings.Cut(p, "=")
			var sock string
			switch k {
			case "path":
				sock = v
			case "abstract":
				sock = "@" + v
			default:
				continue
			}
			if c, err := net.DialTimeout("unix", sock, timeout); err == nil {
				c.Close()
				return true
			}
		}
	}
	return false
}
