package app

import (
	"context"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/settings"
	"bridgelog/backend/timeline"
)

// Incidents is the bound API for starting, listing and editing incidents.
type Incidents struct {
	Store    backend.IncidentService
	Timeline *timeline.Service
	Settings *settings.Store
	// Changed is told after a change that can move a clock. Nil is allowed.
	Changed func(incidentID int64)
}

// Create starts an incident at the current time.
func (b *Incidents) Create(title string, severity string) (*backend.Incident, error) {
	return b.Start(IncidentStart{Title: title, Severity: severity})
}

// IncidentStart is a new incident as the dialog gives it (timeline.IncidentStart).
type IncidentStart struct {
	Title    string `json:"title"`
	Severity string `json:"severity"`
	Declared string `json:"declared"`
	Detected string `json:"detected"`
}

// Start starts an incident, declared and detected when the scribe says
// (timeline.Service.StartIncident).
func (b *Incidents) Start(in IncidentStart) (*backend.Incident, error) {
	s, err := b.Settings.Load()
	if err != nil {
		return nil, err
	}
	inc, err := b.Timeline.StartIncident(context.Background(), timeline.IncidentStart(in), s.ScribeName)
	if err != nil {
		return nil, err
	}
	if b.Changed != nil {
		b.Changed(inc.ID)
	}
	// The incident exists; failing to remember it as the last one open is harmless.
	_ = b.Settings.SetLastIncident(inc.ID)
	return inc, nil
}

// ResolveTime reads a declared or detected time as typed in a dialog, for
// showing what it means before saving: an RFC 3339 instant, or "" for a blank
// field (timeline.Service.ResolveIncidentTime).
func (b *Incidents) ResolveTime(incidentID int64, token string) (string, error) {
	t, err := b.Timeline.ResolveIncidentTime(context.Background(), incidentID, token)
	if err != nil || t.IsZero() {
		return "", err
	}
	return t.UTC().Format(time.RFC3339), nil
}

// List returns every incident, the most recently declared first.
func (b *Incidents) List() ([]*backend.Incident, error) {
	return b.Store.ListIncidents(context.Background())
}

// Dashboard returns the IC pane's view of an incident.
func (b *Incidents) Dashboard(id int64) (*timeline.Dashboard, error) {
	return b.Timeline.Dashboard(context.Background(), id)
}

// Open marks an incident as the one to reopen at the next start and returns it.
func (b *Incidents) Open(id int64) (*backend.Incident, error) {
	inc, err := b.Store.FindIncident(context.Background(), id)
	if err != nil {
		return nil, err
	}
	_ = b.Settings.SetLastIncident(id)
	return inc, nil
}

// HeaderUpdate is the incident header as edited in the UI
// (timeline.HeaderEdit): empty strings mean "unchanged".
type HeaderUpdate struct {
	Title      string `json:"title"`
	Severity   string `json:"severity"`
	Phase      string `json:"phase"`
	Impact     string `json:"impact"`
	DetectedAt string `json:"detectedAt"`
	Declared   string `json:"declared"`
	Detected   string `json:"detected"`
}

// Update edits the header (timeline.Service.UpdateHeader). Severity, phase
// and impact changes become timeline entries.
func (b *Incidents) Update(id int64, h HeaderUpdate) (*backend.Incident, error) {
	s, _ := b.Settings.Load() // Load falls back to the defaults
	inc, err := b.Timeline.UpdateHeader(context.Background(), id, timeline.HeaderEdit(h), s.ScribeName)
	if err == nil && b.Changed != nil {
		b.Changed(id)
	}
	return inc, err
}
