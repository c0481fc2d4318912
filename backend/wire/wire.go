// Package wire builds the backend's services over one open database, once,
// for the window, the command line and the tests: each used to assemble
// them by hand, and the copies drifted.
package wire

import (
	"time"

	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/cadence"
	"bridgelog/backend/clocks"
	"bridgelog/backend/export"
	"bridgelog/backend/importer"
	"bridgelog/backend/instance"
	"bridgelog/backend/settings"
	"bridgelog/backend/sqlite"
	"bridgelog/backend/timeline"
)

// Config is what the services need besides the database.
type Config struct {
	Clock backend.Clock
	// Location is the scribe's zone for "@14:05" and the reminders' night
	// hours; nil is time.Local.
	Location *time.Location
	// Settings are the person's preferences (name, clocks, escalation path);
	// nil runs on the defaults.
	Settings *settings.Store
	// TimeScale is the app clock's speed, shown to the UI (1 unless testing).
	TimeScale float64
}

// Services are the backend over one database.
type Services struct {
	DB        *sqlite.DB
	Incidents *sqlite.IncidentService
	Entries   *Entries
	Calls     *sqlite.CallService
	Records   *sqlite.RecordService
	Timeline  *timeline.Service
	Clocks    *clocks.Service
	Exports   *export.Service
	Imports   *importer.Service
	Backups   *backup.Service
	// Settings is the store given in Config (nil: none).
	Settings *settings.Store
	// Policy is the reminder policy the settings give now.
	Policy func() cadence.Policy
}

// New builds the services over db, which the caller has opened (read-only
// or not) and closes.
func New(db *sqlite.DB, cfg Config) *Services {
	loc := cfg.Location
	if loc == nil {
		loc = time.Local
	}
	s := &Services{
		DB:        db,
		Incidents: sqlite.NewIncidentService(db),
		Calls:     sqlite.NewCallService(db),
		Records:   sqlite.NewRecordService(db),
		Settings:  cfg.Settings,
	}
	s.Entries = &Entries{EntryService: sqlite.NewEntryService(db), Author: s.ScribeName}
	s.Policy = func() cadence.Policy { return clocks.PolicyFrom(s.load().Clocks, loc) }
	s.Timeline = &timeline.Service{Incidents: s.Incidents, Entries: s.Entries, Clock: cfg.Clock, Location: loc}
	s.Clocks = &clocks.Service{
		Calls: s.Calls, Incidents: s.Incidents, Entries: s.Entries, Clock: cfg.Clock, Policy: s.Policy, TimeScale: cfg.TimeScale,
		Me:             func() string { return s.load().ScribeName },
		EscalationPath: func() []string { return s.load().EscalationPath },
		WatchCriteria:  func() []string { return s.load().WatchCriteria },
	}
	s.Exports = &export.Service{Records: s.Records, Incidents: s.Incidents, Clock: cfg.Clock,
		Keep: instance.DataFiles{DB: db.Path, BackupDir: sqlite.BackupDir(db.Path)}}
	s.Imports = &importer.Service{Records: s.Records, Incidents: s.Incidents, Keys: s.Records, MaxMessages: sqlite.MaxImportEntries,
		Clock: cfg.Clock, Location: loc}
	s.Backups = backup.New(db, sqlite.BackupDir(db.Path), cfg.Clock)
	return s
}

// load reads the settings, falling back to the defaults (Load does) or to
// the zero settings without a store.
func (s *Services) load() settings.Settings {
	if s.Settings == nil {
		return settings.Settings{}
	}
	st, _ := s.Settings.Load()
	return st
}

// ScribeName is the name entries are written by.
func (s *Services) ScribeName() string { return s.load().ScribeName }
