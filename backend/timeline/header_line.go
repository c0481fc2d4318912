package timeline

import (
	"context"
	"time"

	"bridgelog/backend"
)

// setHeaderTime carries out a "declared:" or "detected:" line: the incident's
// time moves to the line's (the store checks the two together and keeps the
// declaration entry's old time as a revision), then any text is kept as a
// note at that time. Without text there is no new entry and nil is returned;
// the incident's draft is cleared all the same, since the line is done.
func (s *Service) setHeaderTime(ctx context.Context, incidentID int64, line backend.Line, at time.Time, author, input string, startedAt time.Time) (*backend.Entry, error) {
	if err := s.updateHeader(ctx, incidentID, line.Header, at, author); err != nil {
		return nil, err
	}
	if line.Text != "" {
		return s.create(ctx, incidentID, line, at, author, input, startedAt)
	}
	err := s.Entries.ClearDraftOf(ctx, backend.Draft{IncidentID: incidentID, Text: input, StartedAt: startedAt})
	return nil, err
}

// updateHeader sets the incident's declared or detected time.
func (s *Service) updateHeader(ctx context.Context, incidentID int64, header string, at time.Time, author string) error {
	upd := backend.IncidentUpdate{Author: author}
	if header == backend.HeaderDeclared {
		upd.DeclaredAt = &at
	} else {
		upd.DetectedAt = &at
	}
	_, err := s.Incidents.UpdateIncident(ctx, incidentID, upd)
	return err
}

// headerProblem is why a "declared:" or "detected:" line could not be saved
// at at, or "": the chip says so while the scribe types.
func (s *Service) headerProblem(ctx context.Context, incidentID int64, header string, at time.Time) string {
	inc, err := s.Incidents.FindIncident(ctx, incidentID)
	if err != nil {
		return "" // the store says so when saving
	}
	declared, detected := inc.DeclaredAt, inc.DetectedAt
	if header == backend.HeaderDeclared {
		declared = at
	} else {
		detected = at
	}
	if err := backend.CheckHeaderTimes(declared, detected, s.Clock.Now()); err != nil {
		return backend.ErrorMessage(err)
	}
	return ""
}

// askUndated refuses an untimed line in an incident written up after the
// fact with ECONFIRM, saying when the incident's latest moment was and what
// the line would be dated: the entry line asks before dating it now.
func (s *Service) askUndated(ctx context.Context, incidentID int64, at time.Time) error {
	inc, err := s.Incidents.FindIncident(ctx, incidentID)
	if err != nil {
		return err
	}
	newest, err := s.Entries.RecentEntries(ctx, incidentID, nil, false, 1)
	if err != nil {
		return err
	}
	var last *backend.Entry
	if len(newest) > 0 {
		last = newest[0]
	}
	latest, now := backend.LatestMoment(inc, last), s.Clock.Now()
	if !backend.WrittenUp(latest, now) {
		return nil
	}
	loc := s.Location
	if loc == nil {
		loc = time.Local
	}
	const layout = "Mon 2 Jan 2006 15:04 MST"
	return backend.Errorf(backend.ECONFIRM,
		"The latest entry of this incident is from %s. Without a time, this line will be dated now, %s. "+
			"To date it on the incident's day, start it with a time such as @14:05.",
		latest.In(loc).Format(layout), at.In(loc).Format(layout))
}
