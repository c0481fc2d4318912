package settings_test

import (
	"os"
	"path/filepath"
	"reflect"
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
		if want := (settings.Settings{ScribeName: "Ana", ShowUTC: true, LastIncidentID: 3}); !reflect.DeepEqual(got, want) {
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

func TestStore_Clocks(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		s := newStore(t)
		in := settings.Settings{ScribeName: "Ana", QuietMode: true, EscalationPath: []string{" sam ", "", "jo"},
			Clocks: settings.ClockSettings{Rhythms: map[string]settings.Rhythm{"SEV1": {CheckInEvery: 5}}, Watch: 30}}
		if err := s.Save(in); err != nil {
			t.Fatal(err)
		}
		got, err := s.Load()
		if err != nil {
			t.Fatal(err)
		}
		want := in
		want.EscalationPath = []string{"sam", "jo"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %+v, want %+v", got, want)
		}
	})
	for name, c := range map[string]settings.ClockSettings{
		"ErrNegative":        {Watch: -1},
		"ErrTooLong":         {FatigueUrgent: 25 * 60},
		"ErrUnknownSeverity": {Rhythms: map[string]settings.Rhythm{"SEV9": {}}},
		"ErrRhythm":          {Rhythms: map[string]settings.Rhythm{"SEV2": {StatusEvery: -5}}},
	} {
		t.Run(name, func(t *testing.T) {
			err := newStore(t).Save(settings.Settings{ScribeName: "Ana", Clocks: c})
			if backend.ErrorCode(err) != backend.EINVALID {
				t.Errorf("got %v, want invalid", err)
			}
		})
	}
}

func TestSetLastIncident(t *testing.T) {
	s := newStore(t)
	if err := s.Save(settings.Settings{ScribeName: "Ana", QuietMode: true}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetLastIncident(5); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Load()
	if got.LastIncidentID != 5 || !got.QuietMode || got.ScribeName != "Ana" {
		t.Errorf("got %+v, want incident 5 with quiet mode and the name kept", got)
	}
}

// Load keeps what it read until the file changes: a hand edit is seen at the
// next Load, a deleted file gives the defaults again, and a caller changing
// what it got changes nothing kept.
func TestStore_LoadSeesChanges(t *testing.T) {
	s := newStore(t)
	if err := s.Save(settings.Settings{ScribeName: "Ana", EscalationPath: []string{"sam", "kim"}}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Load()
	got.EscalationPath[0] = "changed by a caller"
	if again, _ := s.Load(); again.EscalationPath[0] != "sam" {
		t.Errorf("a caller's change reached the store: %v", again.EscalationPath)
	}
	// The same size, written by hand a moment later.
	if err := os.WriteFile(s.Path, []byte(`{"scribeName": "Bea", "escalationPath": ["sam", "kim"]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Load(); got.ScribeName != "Bea" {
		t.Errorf("after a hand edit Load() gave %q, want Bea", got.ScribeName)
	}
	if err := os.Remove(s.Path); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Load(); got.ScribeName != "Jo" {
		t.Errorf("with the file gone Load() gave %q, want the default Jo", got.ScribeName)
	}
}
