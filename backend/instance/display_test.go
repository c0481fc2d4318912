//go:build linux || freebsd || netbsd || openbsd || dragonfly

package instance_test

import (
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/instance"
)

// TestCheckDisplay points the environment at real sockets: a display answers
// when something listens on the socket its variables name.
func TestCheckDisplay(t *testing.T) {
	dir := t.TempDir()
	instance.SetX11SocketDir(t, dir)
	listen := func(network, address string) net.Listener {
		t.Helper()
		l, err := net.Listen(network, address)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Close() })
		return l
	}
	listen("unix", filepath.Join(dir, "X5"))
	// A server that died left its socket file behind.
	stale := listen("unix", filepath.Join(dir, "X6")).(*net.UnixListener)
	stale.SetUnlinkOnClose(false)
	stale.Close()
	// X11 over TCP listens on 6000 + the display number.
	tcpDisplay := func(l net.Listener) string {
		port := l.Addr().(*net.TCPAddr).Port
		if port < 6000 {
			t.Fatalf("got port %d for the TCP display, want one above 6000", port)
		}
		return "127.0.0.1:" + strconv.Itoa(port-6000)
	}
	tcpOpen := tcpDisplay(listen("tcp", "127.0.0.1:0"))
	closed := listen("tcp", "127.0.0.1:0")
	tcpClosed := tcpDisplay(closed)
	closed.Close()
	socketPath := filepath.Join(dir, "xserver")
	listen("unix", socketPath)
	runtimeDir, defaultRuntimeDir := filepath.Join(dir, "run"), filepath.Join(dir, "run0")
	for _, d := range []string{runtimeDir, defaultRuntimeDir} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	listen("unix", filepath.Join(runtimeDir, "wayland-1"))
	listen("unix", filepath.Join(defaultRuntimeDir, "wayland-0"))

	type env = map[string]string
	tests := []struct {
		name string
		env  env
		// why is "" when the display answers, else part of the error's message.
		why string
	}{
		{"NoDisplay", env{}, "DISPLAY is not set"},
		{"EmptyDisplays", env{"DISPLAY": "", "WAYLAND_DISPLAY": ""}, "DISPLAY is not set"},
		{"X11Socket", env{"DISPLAY": ":5"}, ""},
		{"X11Screen", env{"DISPLAY": ":5.0"}, ""},
		{"X11UnixHost", env{"DISPLAY": "unix:5"}, ""},
		{"X11UnixProtocol", env{"DISPLAY": "unix/:5"}, ""},
		{"X11NoServer", env{"DISPLAY": ":7"}, "DISPLAY=:7 does not answer"},
		{"X11StaleSocket", env{"DISPLAY": ":6"}, "DISPLAY=:6 does not answer"},
		{"X11TCP", env{"DISPLAY": tcpOpen}, ""},
		{"X11TCPProtocol", env{"DISPLAY": "tcp/" + tcpOpen}, ""},
		{"X11TCPRefused", env{"DISPLAY": tcpClosed}, "DISPLAY=" + tcpClosed + " does not answer"},
		{"X11SocketPath", env{"DISPLAY": socketPath}, ""},
		{"X11SocketPathScreen", env{"DISPLAY": socketPath + ".0"}, ""},
		{"X11NotADisplayName", env{"DISPLAY": "somewhere"}, "DISPLAY=somewhere is not a display name like :0"},
		{"Wayland", env{"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": runtimeDir}, ""},
		{"WaylandPath", env{"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": filepath.Join(runtimeDir, "wayland-1")}, ""},
		{"WaylandDefaultName", env{"XDG_SESSION_TYPE": "wayland", "XDG_RUNTIME_DIR": defaultRuntimeDir}, ""},
		{"WaylandGone", env{"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-9", "XDG_RUNTIME_DIR": runtimeDir},
			"WAYLAND_DISPLAY=wayland-9 does not answer; DISPLAY is not set"},
		{"WaylandWithoutRuntimeDir", env{"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-1"}, "needs XDG_RUNTIME_DIR"},
		{"WaylandGoneX11Answers", env{"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-9", "XDG_RUNTIME_DIR": runtimeDir, "DISPLAY": ":5"}, ""},
		// Outside a Wayland session the window uses X11 alone, whatever
		// WAYLAND_DISPLAY says.
		{"WaylandOutsideWaylandSession", env{"WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": runtimeDir}, "DISPLAY is not set"},
		{"GDKBackendX11", env{"GDK_BACKEND": "x11", "XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": runtimeDir}, "DISPLAY is not set"},
		{"GDKBackendWayland", env{"GDK_BACKEND": "wayland", "WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": runtimeDir}, ""},
		{"GDKBackendBroadway", env{"GDK_BACKEND": "broadway"}, ""},
	}
	if runtime.GOOS == "linux" {
		// Only the abstract socket: the file in the socket folder was cleaned away.
		listen("unix", "@"+filepath.Join(dir, "X8"))
		tests = append(tests, struct {
			name string
			env  env
			why  string
		}{"X11AbstractSocket", env{"DISPLAY": ":8"}, ""})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := instance.CheckDisplay(func(k string) string { return tt.env[k] }, time.Second)
			switch {
			case tt.why == "" && err != nil:
				t.Errorf("got %v, want nil", err)
			case tt.why == "":
			case err == nil:
				t.Errorf("got nil, want an error saying %q", tt.why)
			default:
				msg := backend.ErrorMessage(err)
				for _, want := range []string{tt.why, "no display to open the window on", "bridgelog help"} {
					if !strings.Contains(msg, want) {
						t.Errorf("got %q, want it to say %q", msg, want)
					}
				}
				if strings.Contains(msg, "\n") {
					t.Errorf("got %q, want one line", msg)
				}
				if got, want := backend.ErrorCode(err), backend.ENOTFOUND; got != want {
					t.Errorf("got code %q, want %q", got, want)
				}
			}
		})
	}
}
