package settings_test

import (
	"strings"
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/limits"
	"bridgelog/backend/settings"
)

// TestStore_Limits checks the settings against package limits, the numbers
// the settings dialog is generated from: a name is counted in characters, as
// the dialog counts it, and a clock setting's bounds and message are the
// shared range's.
func TestStore_Limits(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   settings.Settings
		want string // "" accepted, else the message
	}{
		{"NameAtLimitInAccents", settings.Settings{ScribeName: strings.Repeat("é", limits.MaxNameChars)}, ""},
		{"ErrNameOverLimit", settings.Settings{ScribeName: strings.Repeat("é", limits.MaxNameChars+1)},
			"Your name is too long: keep it to 100 characters."},
		{"PathNameAtLimit", settings.Settings{ScribeName: "Ana", EscalationPath: []string{strings.Repeat("é", limits.MaxNameChars)}}, ""},
		{"ClockAtLimit", settings.Settings{ScribeName: "Ana", Clocks: settings.ClockSettings{Watch: limits.ClockSettingMinutes.Max}}, ""},
		{"ErrClockOverLimit", settings.Settings{ScribeName: "Ana", Clocks: settings.ClockSettings{Watch: limits.ClockSettingMinutes.Max + 1}},
			"The monitoring watch must be 1 to 1440 minutes (24 h), or 0 for the default, not 1441."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := newStore(t).Save(tt.in)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("got %v, want it saved", err)
			case tt.want != "" && backend.ErrorCode(err) != backend.EINVALID:
				t.Errorf("got %v, want code %q", err, backend.EINVALID)
			case tt.want != "" && backend.ErrorMessage(err) != tt.want:
				t.Errorf("got %q, want %q", backend.ErrorMessage(err), tt.want)
			}
		})
	}
}
