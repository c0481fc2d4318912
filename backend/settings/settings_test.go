package settings_test

import (
	"os"
	"path/filepath"
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/settings"
)

func newStore(t *testing.T) *settings.Store {
	t.Helper()
	return &settings.Store{Path: filepath.Join(t.TempDir(), "cfg", "settings.json"), Defaults: settings.Settings{ScribeName: "Jo"}}
}

func TestStore(t *testing.T) {
	t.Run("DefaultsWhenMissing", func(t *testing.T) {
		got, err := newStore(t).Load()
		if err != nil || got.ScribeName != "Jo" {
			t.Fatalf("Load() = %+v, %v; want defaults", got, err)
		}
	})
	t.Run("OK", func(t *testing.T) {
		s := newStore(t)
		if err := s.Save(settings.Settings{ScribeName: " Ana ", ShowUTC: true, LastIncidentID: 3}); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Load()
		if want := (settings.Settings{ScribeName: "Ana", ShowUTC: true, LastIncidentID: 3}); got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
		fi, _ := os.Stat(s.Path)
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", fi.Mode().Perm())
		}
	})
	t.Run("ErrNameRequired", func(t *testing.T) {
		err := newStore(t).Save(settings.Settings{ScribeName: "  "})
		if backend.ErrorCode(err) != backend.EINVALID {
			t.Fatalf("err = %v, want invalid", err)
		}
	})
	t.Run("UnreadableFileSetAside", func(t *testing.T) {
		s := newStore(t)
		os.MkdirAll(filepath.Dir(s.Path), 0o700)
		os.WriteFile(s.Path, []byte("{not json"), 0o600)
		got, err := s.Load()
		if err != nil || got.ScribeName != "Jo" {
			t.Fatalf("Load() = %+v, %v; want defaults", got, err)
		}
		if _, err := os.Stat(s.Path + ".unreadable"); err != nil {
			t.Errorf("the unreadable file was not kept aside: %v", err)
		}
	})
}
