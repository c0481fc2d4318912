package settings_test

import (
	"os"
	"strings"
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/settings"
)

// The escalation path and the default exit criteria are lists a person
// types: bounded, so a stray paste cannot fill the settings file.
func TestStore_Lists(t *testing.T) {
	for name, in := range map[string]settings.Settings{
		"ErrPathTooLong":      {EscalationPath: strings.Fields(strings.Repeat("sam ", 21))},
		"ErrPathNameTooLong":  {EscalationPath: []string{strings.Repeat("x", 101)}},
		"ErrTooManyCriteria":  {WatchCriteria: strings.Fields(strings.Repeat("check ", 21))},
		"ErrCriterionTooLong": {WatchCriteria: []string{strings.Repeat("y", 1<<20)}},
	} {
		t.Run(name, func(t *testing.T) {
			s := newStore(t)
			in.ScribeName = "Ana"
			err := s.Save(in)
			if got := backend.ErrorCode(err); got != backend.EINVALID {
				t.Fatalf("got %v (code %q), want invalid", err, got)
			}
			if _, err := os.Stat(s.Path); !os.IsNotExist(err) {
				t.Errorf("got %v, want no settings file written", err)
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		s := newStore(t)
		in := settings.Settings{ScribeName: "Ana", EscalationPath: strings.Fields(strings.Repeat("sam ", 20)),
			WatchCriteria: []string{strings.Repeat("y", 300)}}
		if err := s.Save(in); err != nil {
			t.Fatal(err)
		}
	})
}
