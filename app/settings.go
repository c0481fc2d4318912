package app

import (
	"bridgelog/backend/clocks"
	"bridgelog/backend/settings"
)

// Settings is the bound API for the scribe's preferences.
type Settings struct {
	Store *settings.Store
	// Changed is told after a save: quiet mode and the clocks' numbers may
	// have changed. Nil is allowed.
	Changed func()
}

// Get returns the current settings.
func (b *Settings) Get() (settings.Settings, error) { return b.Store.Load() }

// Save stores new settings.
func (b *Settings) Save(s settings.Settings) error {
	if err := b.Store.Save(s); err != nil {
		return err
	}
	if b.Changed != nil {
		b.Changed()
	}
	return nil
}

// Clocks returns the reminder engine's numbers as they apply now: the
// settings' overrides with every default filled in, for the settings form.
func (b *Settings) Clocks() (settings.ClockSettings, error) {
	s, err := b.Store.Load()
	if err != nil {
		return settings.ClockSettings{}, err
	}
	return clocks.Effective(s.Clocks), nil
}
