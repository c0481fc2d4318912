package app

import (
	"context"
	"strings"
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
	s, err := b.Settings.Load()
	if err != nil {
		return nil, err
	}
	inc, err := b.Store.CreateIncident(context.Background(), backend.IncidentCreate{
		Title:    strings.TrimSpace(backend.CleanText(title)),
		Severity: backend.Severity(strings.ToUpper(strings.TrimSpace(severity))),
		Author:   s.ScribeName,
	})
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

// HeaderUpdate is the incident header as edited in the UI. Empty strings mean
// "unchanged"; DetectedAt is RFC 3339.
type HeaderUpdate struct {
	Title      string `json:"title"`
	Severity   string `json:"severity"`
	Phase      string `json:"phase"`
	Impact     string `json:"impact"`
	DetectedAt string `json:"detectedAt"`
}

// Update edits the header. Severity, phase and impact changes become timeline entries.
func (b *Incidents) Update(id int64, h HeaderUpdate) (*backend.Incident, error) {
	cur, err := b.Store.FindIncident(context.Background(), id)
	if err != nil {
		return nil, err
	}
	s, _ := b.Settings.Load()
	upd := backend.IncidentUpdate{Author: s.ScribeName}
	if t := strings.TrimSpace(backend.CleanText(h.Title)); t != "" && t != cur.Title {
		upd.Title = &t
	}
	if v := backend.Severity(strings.ToUpper(strings.TrimSpace(h.Severity))); v != "" && v != cur.Severity {
		if !v.Valid() {
			return nil, backend.Errorf(backend.EINVALID, "Severity must be SEV1, SEV2, SEV3 or SEV4.")
		}
		upd.Severity = &v
	}
	if p := backend.Phase(strings.ToLower(strings.TrimSpace(h.Phase))); p != "" && p != cur.Phase {
		if !p.Valid() {
			return nil, backend.Errorf(backend.EINVALID, "Phase must be investigating, identified, mitigating, monitoring or resolved.")
		}
		upd.Phase = &p
	}
	if im := strings.TrimSpace(backend.CleanText(h.Impact)); im != "" && im != cur.Impact {
		upd.Impact = &im
	}
	if h.DetectedAt != "" {
		t, err := time.Parse(time.RFC3339, h.DetectedAt)
		if err != nil {
			return nil, backend.Errorf(backend.EINVALID, "Detected time %q is not a date and time.", h.DetectedAt)
		}
		upd.DetectedAt = &t
	}
	inc, err := b.Store.UpdateIncident(context.Background(), id, upd)
	if err == nil && b.Changed != nil {
		b.Changed(id)
	}
	return inc, err
}
