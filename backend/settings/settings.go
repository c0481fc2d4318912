// Package settings keeps the scribe's preferences in a small JSON file in the
// user's config directory. Incident data never goes here: it lives in the database.
package settings

import (
	"encoding/json"
	"errors"
	"io/fs"
	"log"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"bridgelog/backend"
	"bridgelog/backend/limits"
)

// Settings are the scribe's preferences.
type Settings struct {
	// ScribeName is written as the author of every entry.
	ScribeName string `json:"scribeName"`
	// ShowUTC shows timeline times in UTC rather than local time.
	ShowUTC bool `json:"showUTC"`
	// LastIncidentID is reopened at start.
	LastIncidentID int64 `json:"lastIncidentId"`

	// QuietMode keeps reminders in the app only, for screen sharing: no
	// desktop notifications.
	QuietMode bool `json:"quietMode"`
	// Clocks overrides the reminder engine's defaults; zero values keep them.
	Clocks ClockSettings `json:"clocks"`
	// EscalationPath is who to page, in order: the primary on-call first.
	EscalationPath []string `json:"escalationPath"`
	// WatchCriteria are the default exit criteria of a monitoring watch;
	// empty means Bridgelog's defaults.
	WatchCriteria []string `json:"watchCriteria"`
}

// Rhythm overrides the per-severity cadence, in minutes; 0 keeps the default.
type Rhythm struct {
	FirstStatus  int `json:"firstStatus"`  // first update after declaring
	StatusEvery  int `json:"statusEvery"`  // update interval in the first StatusWindow
	StatusLater  int `json:"statusLater"`  // interval after it when the last update promised nothing
	StatusUrgent int `json:"statusUrgent"` // how long after due an update turns urgent
	CheckInEvery int `json:"checkInEvery"`
	ActionAck    int `json:"actionAck"` // how long an action may wait for acknowledgement
	Idle         int `json:"idle"`      // how long a call may go with no open action
}

// ClockSettings overrides the reminder engine's numbers, in minutes; 0 keeps
// the default. Rhythms is keyed by severity ("SEV1" to "SEV4").
type ClockSettings struct {
	Rhythms       map[string]Rhythm `json:"rhythms"`
	StatusWindow  int               `json:"statusWindow"`
	FatigueGentle int               `json:"fatigueGentle"`
	FatigueUrgent int               `json:"fatigueUrgent"`
	Watch         int               `json:"watch"`
}

// Store reads and writes the settings file.
type Store struct {
	Path     string
	Defaults Settings

	mu sync.Mutex
	// read is the file as last read, with its size and time: every Enter
	// asks for the scribe's name, and a stat is cheaper than a read and a
	// decode. A hand edit of the file changes its time and is read again.
	read *readSettings
}

type readSettings struct {
	size int64
	mod  time.Time
	v    Settings
}

// clone copies v's slices and map, so a caller cannot change what is kept.
func (v Settings) clone() Settings {
	v.EscalationPath = slices.Clone(v.EscalationPath)
	v.WatchCriteria = slices.Clone(v.WatchCriteria)
	v.Clocks.Rhythms = maps.Clone(v.Clocks.Rhythms)
	return v
}

// Load returns the saved settings, or the defaults if there are none yet. A file
// that cannot be read as settings is set aside rather than lost, and the defaults
// are used: preferences must never stop a scribe from taking notes.
func (s *Store) Load() (Settings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.load()
}

// load reads the file; the caller holds s.mu.
func (s *Store) load() (Settings, error) {
	fi, err := os.Stat(s.Path)
	if err == nil && s.read != nil && fi.Size() == s.read.size && fi.ModTime().Equal(s.read.mod) {
		return s.read.v.clone(), nil
	}
	s.read = nil
	out := s.Defaults
	b, err := os.ReadFile(s.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	} else if err != nil {
		// Unreadable (permissions after a sudo run, a folder in its place):
		// carry on with the defaults rather than refuse to save notes.
		log.Printf("settings: %v; using the defaults", err)
		return out, nil
	}
	if err := json.Unmarshal(b, &out); err != nil {
		_ = os.Rename(s.Path, s.Path+".unreadable")
		return s.Defaults, nil
	}
	if strings.TrimSpace(out.ScribeName) == "" {
		out.ScribeName = s.Defaults.ScribeName
	}
	// Kept only when the file did not change between the stat and the read.
	if fi != nil && int64(len(b)) == fi.Size() {
		if again, err := os.Stat(s.Path); err == nil && again.ModTime().Equal(fi.ModTime()) && again.Size() == fi.Size() {
			s.read = &readSettings{size: fi.Size(), mod: fi.ModTime(), v: out.clone()}
		}
	}
	return out, nil
}

// Save writes the settings atomically: a temporary file renamed over the old one,
// so a crash mid-write leaves either the old or the new settings, never half.
func (s *Store) Save(v Settings) error {
	v.ScribeName = strings.TrimSpace(backend.CleanText(v.ScribeName))
	if v.ScribeName == "" {
		return backend.Errorf(backend.EINVALID, "Your name cannot be empty: it is written beside every entry you record.")
	} else if utf8.RuneCountInString(v.ScribeName) > limits.MaxNameChars {
		return backend.Errorf(backend.EINVALID, "Your name is too long: keep it to %d characters.", limits.MaxNameChars)
	}
	if err := checkClocks(v.Clocks); err != nil {
		return err
	}
	var err error
	if v.EscalationPath, err = cleanList(v.EscalationPath, "The escalation path", "name", maxPathNames, limits.MaxNameChars); err != nil {
		return err
	}
	if v.WatchCriteria, err = cleanList(v.WatchCriteria, "The default exit criteria", "criterion", maxCriteria, 300); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.write(v)
}

// SetLastIncident records which incident to reopen at the next start. It reads
// and writes under one lock, so it never undoes a settings change saved just
// before it (quiet mode switched on for a screen share, say).
func (s *Store) SetLastIncident(id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.load()
	if err != nil || v.LastIncidentID == id {
		return err
	}
	v.LastIncidentID = id
	return s.write(v)
}

// write stores v atomically; the caller holds s.mu.
func (s *Store) write(v Settings) error {
	s.read = nil
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

// checkClocks refuses clock settings the engine cannot use.
func checkClocks(c ClockSettings) error {
	bad := func(name string, v int) error {
		r := limits.ClockSettingMinutes
		r.What = name
		return backend.CheckRange(r, v)
	}
	for sev, r := range c.Rhythms {
		if !backend.Severity(sev).Valid() {
			return backend.Errorf(backend.EINVALID, "Clock settings are per severity SEV1 to SEV4, not %q", sev)
		}
		for name, v := range map[string]int{"First update": r.FirstStatus, "Update interval": r.StatusEvery,
			"Later update interval": r.StatusLater, "Update urgency": r.StatusUrgent, "Check-in interval": r.CheckInEvery,
			"Acknowledgement wait": r.ActionAck, "Idle wait": r.Idle} {
			if err := bad(sev+" "+name, v); err != nil {
				return err
			}
		}
	}
	for name, v := range map[string]int{"The opening window": c.StatusWindow, "The gentle fatigue prompt": c.FatigueGentle,
		"The urgent fatigue prompt": c.FatigueUrgent, "The monitoring watch": c.Watch} {
		if err := bad(name, v); err != nil {
			return err
		}
	}
	return nil
}

// Bounds of the lists: the escalation path has as many levels as a page
// can name (1 to 20); a watch shows up to 20 exit criteria.
const (
	maxPathNames = 20
	maxCriteria  = 20
)

// cleanList trims each item and drops empty ones, refusing more than most
// items or an item longer than chars characters: what names the list and
// one item in the message.
func cleanList(in []string, what, item string, most, chars int) ([]string, error) {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(backend.CleanText(s)); s != "" {
			out = append(out, s)
		}
	}
	if len(out) > most {
		return nil, backend.Errorf(backend.EINVALID, "%s holds %d items; keep it to %d", what, len(out), most)
	}
	for i, s := range out {
		if n := utf8.RuneCountInString(s); n > chars {
			return nil, backend.Errorf(backend.EINVALID, "%s: %s %d is %d characters; keep it under %d", what, item, i+1, n, chars)
		}
	}
	return out, nil
}
