// Package settings keeps the scribe's preferences in a small JSON file in the
// user's config directory. Incident data never goes here: it lives in the database.
package settings

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"bridgelog/backend"
)

// Settings are the scribe's preferences.
type Settings struct {
	// ScribeName is written as the author of every entry.
	ScribeName string `json:"scribeName"`
	// ShowUTC shows timeline times in UTC rather than local time.
	ShowUTC bool `json:"showUTC"`
	// LastIncidentID is reopened at start.
	LastIncidentID int64 `json:"lastIncidentId"`
}

// Store reads and writes the settings file.
type Store struct {
	Path     string
	Defaults Settings

	mu sync.Mutex
}

// Load returns the saved settings, or the defaults if there are none yet. A file
// that cannot be read as settings is set aside rather than lost, and the defaults
// are used: preferences must never stop a scribe from taking notes.
func (s *Store) Load() (Settings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.Defaults
	b, err := os.ReadFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	} else if err != nil {
		return out, err
	}
	if err := json.Unmarshal(b, &out); err != nil {
		_ = os.Rename(s.Path, s.Path+".unreadable")
		return s.Defaults, nil
	}
	if strings.TrimSpace(out.ScribeName) == "" {
		out.ScribeName = s.Defaults.ScribeName
	}
	return out, nil
}

// Save writes the settings atomically: a temporary file renamed over the old one,
// so a crash mid-write leaves either the old or the new settings, never half.
func (s *Store) Save(v Settings) error {
	v.ScribeName = strings.TrimSpace(backend.CleanText(v.ScribeName))
	if v.ScribeName == "" {
		return backend.Errorf(backend.EINVALID, "Your name cannot be empty: it is written beside every entry you record.")
	} else if len(v.ScribeName) > 100 {
		return backend.Errorf(backend.EINVALID, "Your name is too long: keep it under 100 characters.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(s.Path), 0o700); err != nil {
		return err
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	tmp := s.Path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, s.Path)
}
