package app

import "bridgelog/backend/settings"

// Settings is the bound API for the scribe's preferences.
type Settings struct {
	Store *settings.Store
}

// Get returns the current settings.
func (b *Settings) Get() (settings.Settings, error) { return b.Store.Load() }

// Save stores new settings.
func (b *Settings) Save(s settings.Settings) error { return b.Store.Save(s) }
