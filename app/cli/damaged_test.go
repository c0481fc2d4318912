package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bridgelog/backend/instance"
	"bridgelog/backend/sqlite"
)

// TestDamaged runs the commands on a file that is not a database: each says
// what the window's recovery screen says, and none changes the file.
func TestDamaged(t *testing.T) {
	garbage := bytes.Repeat([]byte("\x00\xffnot a database\n"), 400)
	setup := func(t *testing.T) string {
		path := filepath.Join(t.TempDir(), "bridgelog.db")
		if err := os.WriteFile(path, garbage, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for name, args := range map[string][]string{
		"List":         {"list"},
		"Export":       {"export", "--incident", "latest", "--format", "md", "--out", "-"},
		"ImportRecord": {"import-record", "missing.json"},
	} {
		t.Run(name, func(t *testing.T) {
			path := setup(t)
			want := sqlite.CheckFile(path).Message
			if want == "" {
				t.Fatal("CheckFile passed a file of garbage")
			}
			code, out, errOut := run(append([]string{"--db", path}, args...)...)
			if code != 1 || out != "" {
				t.Errorf("got status %d and output %q, want 1 and none", code, out)
			}
			if got := strings.TrimSpace(strings.TrimPrefix(errOut, "bridgelog: ")); got != want {
				t.Errorf("message:\n got %s\nwant %s", got, want)
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, garbage) {
				t.Error("the file changed")
			}
		})
	}

	t.Run("WhileTheWindowHoldsTheLock", func(t *testing.T) {
		path := setup(t)
		lock, err := instance.Acquire(path + ".lock") // the recovery screen holds it
		if err != nil {
			t.Fatal(err)
		}
		defer lock.Release()
		code, _, errOut := run("--db", path, "list")
		if want := sqlite.CheckFile(path).Message; code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("got status %d and %q, want 1 and %q", code, errOut, want)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, garbage) {
			t.Error("the file changed")
		}
	})
}
