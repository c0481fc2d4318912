package instance_test

import (
	"os"
	"path/filepath"
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/instance"
)

func TestDBPath(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"Flag", []string{"--db", "/x/a.db"}, nil, "/x/a.db"},
		{"FlagEquals", []string{"-assetdir", "d", "--db=/x/b.db"}, nil, "/x/b.db"},
		{"FlagBeatsEnv", []string{"--db", "/x/a.db"}, map[string]string{"BRIDGELOG_DB": "/y.db"}, "/x/a.db"},
		{"Env", nil, map[string]string{"BRIDGELOG_DB": "/y/c.db"}, "/y/c.db"},
		{"XDGDataHome", nil, map[string]string{"XDG_DATA_HOME": "/data"}, "/data/bridgelog/bridgelog.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := instance.DBPath(tt.args, env(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("DefaultUnderHome", func(t *testing.T) {
		home, _ := os.UserHomeDir()
		got, _ := instance.DBPath(nil, env(nil))
		if want := filepath.Join(home, ".local/share/bridgelog/bridgelog.db"); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

func TestAcquire(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db.lock")
	first, err := instance.Acquire(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("ErrSecondWriter", func(t *testing.T) {
		_, err := instance.Acquire(path)
		if got := backend.ErrorCode(err); got != backend.ECONFLICT {
			t.Fatalf("second Acquire code = %q, want %q", got, backend.ECONFLICT)
		}
	})
	t.Run("OKAfterRelease", func(t *testing.T) {
		if err := first.Release(); err != nil {
			t.Fatal(err)
		}
		again, err := instance.Acquire(path)
		if err != nil {
			t.Fatalf("Acquire after release: %v", err)
		}
		again.Release()
	})
}

func TestAcquireCreatesFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "bridgelog")
	l, err := instance.Acquire(filepath.Join(dir, "bridgelog.db.lock"))
	if err != nil {
		t.Fatalf("Acquire in a folder that does not exist yet: %v", err)
	}
	defer l.Release()
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("folder %v mode %v, want 0700", err, fi.Mode().Perm())
	}
}
