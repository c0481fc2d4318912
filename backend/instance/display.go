//go:build linux || freebsd || netbsd || openbsd || dragonfly

package instance

import (
	"net"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"bridgelog/backend"
)

// x11SocketDir is where an X server on this machine listens for ":n".
var x11SocketDir = "/tmp/.X11-unix"

// CheckDisplay reports, before anything is opened or created, whether the
// window has a display to open on: nil if one answers within timeout, else an
// error saying what is missing and what to do. Without this check GTK panics
// with "failed to init GTK" after the database has been made.
//
// It reads the environment the way the window will: Wails makes GTK use X11
// (GDK_BACKEND=x11) unless GDK_BACKEND is set or XDG_SESSION_TYPE names
// another session, and GTK then tries Wayland before X11. A display answers
// when its socket accepts a connection; whether the X server then accepts
// this user (its authorisation) is left to GTK.
func CheckDisplay(getenv func(string) string, timeout time.Duration) error {
	var missing []string
	for _, b := range gdkBackends(getenv) {
		var reason string
		switch b {
		case "wayland":
			reason = waylandAnswers(getenv, timeout)
		case "x11":
			reason = x11Answers(getenv("DISPLAY"), timeout)
		default:
			return nil // another GTK backend (broadway): not this check's to judge
		}
		if reason == "" {
			return nil
		}
		missing = append(missing, reason)
	}
	return backend.Errorf(backend.ENOTFOUND, "There is no display to open the window on (%s). "+
		"Run Bridgelog in a desktop session, or use its commands, which need no window: bridgelog help lists them.",
		strings.Join(missing, "; "))
}

// gdkBackends lists the GTK backends the window will try, in GTK's order.
func gdkBackends(getenv func(string) string) []string {
	v := getenv("GDK_BACKEND")
	if v == "" {
		// Wails sets GDK_BACKEND=x11 in this case before GTK starts.
		if s := getenv("XDG_SESSION_TYPE"); s == "" || s == "unspecified" || s == "x11" {
			return []string{"x11"}
		}
		v = "*"
	}
	var out []string
	for _, b := range strings.Split(v, ",") {
		switch b = strings.TrimSpace(b); b {
		case "":
		case "*":
			out = append(out, "wayland", "x11")
		default:
			out = append(out, b)
		}
	}
	return out
}

// waylandAnswers returns "" if the Wayland compositor GTK would connect to
// accepts a connection, else why not. Like libwayland, it reads
// WAYLAND_DISPLAY (by default "wayland-0"), a name in XDG_RUNTIME_DIR or an
// absolute path.
func waylandAnswers(getenv func(string) string, timeout time.Duration) string {
	if getenv("WAYLAND_SOCKET") != "" {
		return "" // an inherited connection: nothing to dial
	}
	name := getenv("WAYLAND_DISPLAY")
	shown := "WAYLAND_DISPLAY=" + name
	if name == "" {
		name, shown = "wayland-0", "WAYLAND_DISPLAY is not set and wayland-0"
	}
	path := name
	if !filepath.IsAbs(name) {
		dir := getenv("XDG_RUNTIME_DIR")
		if dir == "" {
			return shown + " needs XDG_RUNTIME_DIR, which is not set"
		}
		path = filepath.Join(dir, name)
	}
	if !dials("unix", path, timeout) {
		return shown + " does not answer"
	}
	return ""
}

// x11Answers returns "" if the X server named by display ([protocol/][host]:n[.screen],
// or the path of its socket) accepts a connection, else why not.
func x11Answers(display string, timeout time.Duration) string {
	if display == "" {
		return "DISPLAY is not set"
	}
	noAnswer := "DISPLAY=" + display + " does not answer"
	if strings.HasPrefix(display, "/") {
		// The path of the server's socket, perhaps with ".screen".
		if dials("unix", display, timeout) {
			return ""
		}
		if dot := strings.LastIndex(display, "."); dot > 0 && dials("unix", display[:dot], timeout) {
			return ""
		}
		return noAnswer
	}
	protocol, rest := "", display
	if slash := strings.LastIndex(display, "/"); slash >= 0 {
		protocol, rest = display[:slash], display[slash+1:]
	}
	colon := strings.LastIndex(rest, ":")
	if colon < 0 {
		return "DISPLAY=" + display + " is not a display name like :0"
	}
	host, num := rest[:colon], rest[colon+1:]
	num, _, _ = strings.Cut(num, ".")
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 || strings.HasSuffix(host, ":") { // DECnet (host::n) is not served
		return "DISPLAY=" + display + " is not a display name like :0"
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if protocol == "unix" || (protocol == "" && (host == "" || host == "unix")) {
		sock := filepath.Join(x11SocketDir, "X"+strconv.Itoa(n))
		// Xlib tries the abstract socket first on Linux: it still answers
		// when the file in /tmp has been cleaned away.
		if runtime.GOOS == "linux" && dials("unix", "@"+sock, timeout) {
			return ""
		}
		if dials("unix", sock, timeout) {
			return ""
		}
		return noAnswer
	}
	if host == "" || host == "unix" {
		host = "localhost"
	}
	if dials("tcp", net.JoinHostPort(host, strconv.Itoa(6000+n)), timeout) {
		return ""
	}
	return noAnswer
}

func dials(network, address string, timeout time.Duration) bool {
	c, err := net.DialTimeout(network, address, timeout)
	if err != nil {
		return false
	}
	c.Close()
	return true
}
