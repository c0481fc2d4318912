package cli_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bridgelog/app/cli"
)

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"-v"}, {"version"}, {"-version"}, {"--db", "/nowhere/x.db", "--version"}} {
		t.Run(strings.Join(args, "_"), func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := cli.Main(args, &out, &errOut)
			if want := "bridgelog " + cli.ProductVersion; code != 0 || !strings.HasPrefix(out.String(), want) ||
				strings.Count(out.String(), "\n") != 1 || errOut.Len() != 0 {
				t.Errorf("got %d %q %q, want 0 and one line starting %q", code, out.String(), errOut.String(), want)
			}
		})
	}
}

// TestProductVersion keeps the version the binary prints the one the
// packages are built with.
func TestProductVersion(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "wails.json"))
	if err != nil {
		t.Fatal(err)
	}
	var project struct {
		Info struct {
			ProductVersion string `json:"productVersion"`
		} `json:"info"`
	}
	if err := json.Unmarshal(data, &project); err != nil {
		t.Fatal(err)
	}
	if got, want := cli.ProductVersion, project.Info.ProductVersion; got != want {
		t.Errorf("got %q, want wails.json's productVersion %q", got, want)
	}
}

func TestHelpNamesWindowAndVersion(t *testing.T) {
	var out, errOut bytes.Buffer
	code := cli.Main([]string{"--help"}, &out, &errOut)
	for _, want := range []string{"open the window", "--version", "list", "export", "import-record"} {
		if code != 0 || !strings.Contains(out.String(), want) {
			t.Errorf("got %d %q, want 0 and usage naming %q", code, out.String(), want)
		}
	}
}

// TestBinaryWithoutDisplay runs the real binary where there is no display (a
// terminal over ssh, a script): --version and --help answer, and the window
// says there is no display and exits 1 before it makes any file.
func TestBinaryWithoutDisplay(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	root := filepath.Join("..", "..")
	// The binary embeds frontend/dist, which the repository keeps (with a
	// placeholder) so the commands build before the frontend is; the window
	// itself is never shown here.
	if _, err := os.Stat(filepath.Join(root, "frontend", "dist")); err != nil {
		t.Fatalf("the binary embeds frontend/dist, which is missing (%v): run (cd frontend && npm run build)", err)
	}
	bin := filepath.Join(t.TempDir(), "bridgelog")
	build := exec.Command("go", "build", "-tags", "webkit2_41", "-o", bin, ".")
	build.Dir = root
	began := time.Now()
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	t.Logf("built the binary in %v", time.Since(began).Round(time.Millisecond))

	// runBin runs the binary with a home of its own and no display; it
	// returns the exit status, the output and every file the run left in
	// that home.
	runBin := func(t *testing.T, display string, args ...string) (code int, out, errOut string, made []string) {
		t.Helper()
		home := t.TempDir()
		cmd := exec.Command(bin, args...)
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "LANG=C.UTF-8",
			"XDG_DATA_HOME=" + filepath.Join(home, "data"), "XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
			"XDG_CACHE_HOME=" + filepath.Join(home, "cache"), "DISPLAY=" + display, "WAYLAND_DISPLAY="}
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		switch {
		case err == nil:
		case errors.As(err, &exit):
			code = exit.ExitCode()
		default:
			t.Fatal(err)
		}
		filepath.WalkDir(home, func(path string, d fs.DirEntry, err error) error {
			if path != home {
				made = append(made, strings.TrimPrefix(path, home))
			}
			return nil
		})
		if all := stdout.String() + stderr.String(); strings.Contains(all, "panic") || strings.Contains(all, "goroutine") ||
			strings.Contains(all, "Gtk-") {
			t.Errorf("got %q, want no panic and no GTK message", all)
		}
		return code, stdout.String(), stderr.String(), made
	}

	for _, args := range [][]string{{"--version"}, {"-v"}, {"version"}} {
		t.Run("Version"+strings.Join(args, ""), func(t *testing.T) {
			code, out, errOut, made := runBin(t, "", args...)
			if want := "bridgelog " + cli.ProductVersion; code != 0 || !strings.HasPrefix(out, want) || errOut != "" {
				t.Errorf("got %d %q %q, want 0 and a line starting %q", code, out, errOut, want)
			}
			if len(made) > 0 {
				t.Errorf("got %q made, want no file", made)
			}
		})
	}
	t.Run("Help", func(t *testing.T) {
		code, out, errOut, made := runBin(t, "", "--help")
		if code != 0 || !strings.Contains(out, "open the window") || !strings.Contains(out, "--version") || errOut != "" {
			t.Errorf("got %d %q %q, want 0 and the usage", code, out, errOut)
		}
		if len(made) > 0 {
			t.Errorf("got %q made, want no file", made)
		}
	})
	window := func(t *testing.T, display, why string, args ...string) {
		t.Helper()
		code, out, errOut, made := runBin(t, display, args...)
		if code != 1 || out != "" || strings.Count(errOut, "\n") != 1 {
			t.Errorf("got %d %q %q, want 1 and one line on standard error", code, out, errOut)
		}
		for _, want := range []string{"no display to open the window on", why, "bridgelog help"} {
			if !strings.Contains(errOut, want) {
				t.Errorf("got %q, want it to say %q", errOut, want)
			}
		}
		if len(made) > 0 {
			t.Errorf("got %q made, want no file (no database, lock or backups)", made)
		}
	}
	t.Run("Window", func(t *testing.T) { window(t, "", "DISPLAY is not set") })
	t.Run("WindowOnDB", func(t *testing.T) {
		dir := t.TempDir()
		window(t, "", "DISPLAY is not set", "--db", filepath.Join(dir, "elsewhere.db"))
		if left, err := os.ReadDir(dir); err != nil || len(left) > 0 {
			t.Errorf("got %v %v beside the database, want no file", left, err)
		}
	})
	t.Run("WindowDisplayNotAnswering", func(t *testing.T) {
		display := filepath.Join(t.TempDir(), "X0") // a server's socket path, with no server
		window(t, display, "DISPLAY="+display+" does not answer")
	})
}
