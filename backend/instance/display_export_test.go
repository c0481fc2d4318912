//go:build linux || freebsd || netbsd || openbsd || dragonfly

package instance

import "testing"

// SetX11SocketDir makes ":n" displays mean the socket dir/Xn for one test.
func SetX11SocketDir(t testing.TB, dir string) {
	old := x11SocketDir
	x11SocketDir = dir
	t.Cleanup(func() { x11SocketDir = old })
}
