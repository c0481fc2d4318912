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
	return b.Start(IncidentStart{Title: title, Severity: severity})
}

// IncidentStart is a new incident as the dialog gives it. Declared and
// Detected are time overrides as the entry line takes them ("-20m", "@14:05",
// "@2026-12-06 14:05", a Z for UTC; the "@" may be left out): "" declares it
// now and leaves the detection unknown.
type IncidentStart struct {
	Title    string `json:"title"`
	Severity string `json:"severity"`
	Declared string `json:"declared"`
	Detected string `json:"detected"`
}

// Start starts an incident, declared and detected when the scribe says.
func (b *Incidents) Start(in IncidentStart) (*backend.Incident, error) {
	s, err := b.Settings.Load()
	if err != nil {
		return nil, err
	}
	now := b.Timeline.Clock.Now()
	declared, err := b.headerTime("declared", in.Declared, now, time.Time{})
	if err != nil {
		return nil, err
	}
	detected, err := b.headerTime("detected", in.Detected, now, writingDay(declared, now, b.Timeline.Location))
	if err != nil {
		return nil, err
	}
	inc, err := b.Store.CreateIncident(context.Background(), backend.IncidentCreate{
		Title:      strings.TrimSpace(backend.CleanText(in.Title)),
		Severity:   backend.Severity(strings.ToUpper(strings.TrimSpace(in.Severity))),
		DeclaredAt: declared,
		DetectedAt: detected,
		Author:     s.ScribeName,
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

// ResolveTime reads a declared or detected time as typed in a dialog, for
// showing what it means before saving: an RFC 3339 instant, or "" for a blank
// field. incidentID, when not 0, reads "@14:05" on that incident's writing day.
func (b *Incidents) ResolveTime(incidentID int64, token string) (string, error) {
	now := b.Timeline.Clock.Now()
	var day time.Time
	if incidentID != 0 {
		inc, err := b.Store.FindIncident(context.Background(), incidentID)
		if err != nil {
			return "", err
		}
		day = inc.WritingDay(now, b.Timeline.Location)
	}
	t, err := b.headerTime("time", token, now, day)
	if err != nil || t.IsZero() {
		return "", err
	}
	return t.UTC().Format(time.RFC3339), nil
}

// headerTime reads a declared or detected time typed in a dialog (the rule
// is backend.ResolveHeaderTime).
func (b *Incidents) headerTime(field, token string, now, day time.Time) (time.Time, error) {
	return backend.ResolveHeaderTime(field, token, now, day, b.Timeline.Location)
}

// writingDay is the writing day of an incident declared at declared (zero: now).
func writingDay(declared, now time.Time, loc *time.Location) time.Time {
	return backend.WritingDayOf(declared, now, loc)
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
// "unchanged"; DetectedAt is RFC 3339; Declared and Detected are time
// overrides as the entry line takes them (see IncidentStart).
type HeaderUpdate struct {
	Title      string `json:"title"`
	Severity   string `json:"severity"`
	Phase      string `json:"phase"`
	Impact     string `json:"impact"`
	DetectedAt string `json:"detectedAt"`
	Declared   string `json:"declared"`
	Detected   string `json:"detected"`
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
		t, err := backend.ParseInstant("detected", h.DetectedAt)
		if err != nil {
			return nil, err
		}
		upd.DetectedAt = &t
	}
	if err := b.headerTimes(cur, h, &upd); err != nil {
		return nil, err
	}
	inc, err := b.Store.UpdateIncident(context.Background(), id, upd)
	if err == nil && b.Changed != nil {
		b.Changed(id)
	}
	return inc, err
}

// headerTimes resolves the declared and detected times typed in the
// incident's dialog; "@14:05" is read on the incident's writing day, which
// a new declared time moves.
func (b *Incidents) headerTimes(cur *backend.Incident, h HeaderUpdate, upd *backend.IncidentUpdate) error {
	now := b.Timeline.Clock.Now()
	declared := cur.DeclaredAt
	if strings.TrimSpace(h.Declared) != "" {
		t, err := b.headerTime("declared", h.Declared, now, cur.WritingDay(now, b.Timeline.Location))
		if err != nil {
			return err
		}
		declared = t
		upd.DeclaredAt = &t
	}
	if strings.TrimSpace(h.Detected) != "" {
		t, err := b.headerTime("detected", h.Detected, now, writingDay(declared, now, b.Timeline.Location))
		if err != nil {
			return err
		}
		upd.DetectedAt = &t
	}
	return nil
}
