package instance

import (
	"net"
	"path/filepath"
	"testing"
	"time"
)

func TestBusReachable(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "bus")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for _, tc := range []struct {
		name, address, runtimeDir string
		want                      bool
	}{
		{"OK", "unix:path=" + sock, "", true},
		{"OKRuntimeDir", "", dir, true},
		{"OKSecondTransport", "unix:path=" + filepath.Join(dir, "gone") + ";unix:path=" + sock, "", true},
		{"NoAddress", "", "", false},
		{"NoSocket", "unix:path=" + filepath.Join(dir, "gone"), "", false},
		{"RuntimeDirWithoutBus", "", t.TempDir(), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := busReachable(tc.address, tc.runtimeDir, time.Second); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}
