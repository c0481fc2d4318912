package timeline

import (
	"context"
	"strings"
	"time"

	"bridgelog/backend"
)

// IncidentStart is a new incident as the dialog gives it. Declared and
// Detected are time overrides as the entry line takes them ("-20m", "@14:05",
// "@2026-12-06 14:05", a Z for UTC; the "@" may be left out): "" declares it
// now and leaves the detection unknown.
type IncidentStart struct {
	Title    string
	Severity string
	Declared string
	Detected string
}

// HeaderEdit is the incident header as edited in the dialog, field by field
// as typed. Empty strings mean "unchanged"; DetectedAt is RFC 3339; Declared
// and Detected are time overrides as in IncidentStart.
type HeaderEdit struct {
	Title      string
	Severity   string
	Phase      string
	Impact     string
	DetectedAt string
	Declared   string
	Detected   string
}

// StartIncident starts an incident by author, declared and detected when the
// scribe says. A detection typed as "@14:05" is read on the declaration's
// day, so an incident written up the day after lands where it happened.
func (s *Service) StartIncident(ctx context.Context, in IncidentStart, author string) (*backend.Incident, error) {
	now := s.Clock.Now()
	declared, err := backend.ResolveHeaderTime("declared", in.Declared, now, time.Time{}, s.Location)
	if err != nil {
		return nil, err
	}
	detected, err := backend.ResolveHeaderTime("detected", in.Detected, now, backend.WritingDayOf(declared, now, s.Location), s.Location)
	if err != nil {
		return nil, err
	}
	return s.Incidents.CreateIncident(ctx, backend.IncidentCreate{
		Title:      strings.TrimSpace(backend.CleanText(in.Title)),
		Severity:   backend.Severity(strings.ToUpper(strings.TrimSpace(in.Severity))),
		DeclaredAt: declared,
		DetectedAt: detected,
		Author:     author,
	})
}

// ResolveIncidentTime reads a declared or detected time as typed in a
// dialog, for showing what it means before saving; zero for a blank field.
// incidentID, when not 0, reads "@14:05" on that incident's writing day.
func (s *Service) ResolveIncidentTime(ctx context.Context, incidentID int64, token string) (time.Time, error) {
	now := s.Clock.Now()
	var day time.Time
	if incidentID != 0 {
		inc, err := s.Incidents.FindIncident(ctx, incidentID)
		if err != nil {
			return time.Time{}, err
		}
		day = inc.WritingDay(now, s.Location)
	}
	return backend.ResolveHeaderTime("time", token, now, day, s.Location)
}

// UpdateHeader edits an incident's header by author. Only what differs from
// the incident as stored changes: a title or impact is cleaned and trimmed,
// a severity or phase is read whatever its case and refused unless known.
// Severity, phase and impact changes become timeline entries (the store
// writes them).
func (s *Service) UpdateHeader(ctx context.Context, id int64, h HeaderEdit, author string) (*backend.Incident, error) {
	cur, err := s.Incidents.FindIncident(ctx, id)
	if err != nil {
		return nil, err
	}
	upd, err := headerChanges(cur, h)
	if err != nil {
		return nil, err
	}
	upd.Author = author
	if err := s.headerTimes(cur, h, &upd); err != nil {
		return nil, err
	}
	return s.Incidents.UpdateIncident(ctx, id, upd)
}

// headerChanges is what the typed header changes of cur, times aside.
func headerChanges(cur *backend.Incident, h HeaderEdit) (backend.IncidentUpdate, error) {
	var upd backend.IncidentUpdate
	if t := strings.TrimSpace(backend.CleanText(h.Title)); t != "" && t != cur.Title {
		upd.Title = &t
	}
	if v := backend.Severity(strings.ToUpper(strings.TrimSpace(h.Severity))); v != "" && v != cur.Severity {
		if !v.Valid() {
			return upd, backend.Errorf(backend.EINVALID, "Severity must be SEV1, SEV2, SEV3 or SEV4.")
		}
		upd.Severity = &v
	}
	if p := backend.Phase(strings.ToLower(strings.TrimSpace(h.Phase))); p != "" && p != cur.Phase {
		if !p.Valid() {
			return upd, backend.Errorf(backend.EINVALID, "Phase must be investigating, identified, mitigating, monitoring or resolved.")
		}
		upd.Phase = &p
	}
	if im := strings.TrimSpace(backend.CleanText(h.Impact)); im != "" && im != cur.Impact {
		upd.Impact = &im
	}
	if h.DetectedAt != "" {
		t, err := backend.ParseInstant("detected", h.DetectedAt)
		if err != nil {
			return upd, err
		}
		upd.DetectedAt = &t
	}
	return upd, nil
}

// headerTimes resolves the declared and detected times typed in the
// incident's dialog; "@14:05" is read on the incident's writing day, which
// a new declared time moves.
func (s *Service) headerTimes(cur *backend.Incident, h HeaderEdit, upd *backend.IncidentUpdate) error {
	now := s.Clock.Now()
	declared := cur.DeclaredAt
	if strings.TrimSpace(h.Declared) != "" {
		t, err := backend.ResolveHeaderTime("declared", h.Declared, now, cur.WritingDay(now, s.Location), s.Location)
		if err != nil {
			return err
		}
		declared = t
		upd.DeclaredAt = &t
	}
	if strings.TrimSpace(h.Detected) != "" {
		t, err := backend.ResolveHeaderTime("detected", h.Detected, now, backend.WritingDayOf(declared, now, s.Location), s.Location)
		if err != nil {
			return err
		}
		upd.DetectedAt = &t
	}
	return nil
}
