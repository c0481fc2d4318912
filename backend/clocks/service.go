package clocks

import (
	"context"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
)

// Service runs the IC's clocks over the store: it reads snapshots, renders
// them with the pure functions of this package, and writes changes through
// backend.CallService. Changed is called after every change that can move a
// clock, so the app can wake the reminder loop and refresh the dashboard.
type Service struct {
	Calls     backend.CallService
	Incidents backend.IncidentService
	Entries   backend.EntryService
	Clock     backend.Clock
	// Policy returns the reminder engine's current policy (settings may
	// change it); nil means the defaults in UTC.
	Policy func() cadence.Policy
	// Me returns the name written as the author of changes.
	Me func() string
	// EscalationPath returns who to page, primary first.
	EscalationPath func() []string
	// WatchCriteria returns the default exit criteria of a watch; empty
	// means DefaultWatchCriteria.
	WatchCriteria func() []string
	// TimeScale is reported on the board so the UI can run its countdowns at
	// the app clock's speed (1 except in tests and demos).
	TimeScale float64
	// Changed, when set, is told which incident's clocks may have moved.
	Changed func(incidentID int64)
}

// LiveFor is how long after resolving (or becoming aware of a breach) an
// incident's clocks keep running: longer than the review's two business days
// over a weekend and the GDPR clock's 72 hours.
const LiveFor = 7 * 24 * time.Hour

func (s *Service) policy() cadence.Policy {
	if s.Policy == nil {
		return cadence.DefaultPolicy(time.UTC)
	}
	return s.Policy()
}

func (s *Service) me() string {
	if s.Me == nil {
		return ""
	}
	return s.Me()
}

func (s *Service) criteria() []string {
	if s.WatchCriteria == nil {
		return nil
	}
	return s.WatchCriteria()
}

func (s *Service) changed(incidentID int64) {
	if s.Changed != nil {
		s.Changed(incidentID)
	}
}

// Board returns the clocks board of one incident.
func (s *Service) Board(ctx context.Context, incidentID int64) (*Board, error) {
	snap, err := s.Calls.Snapshot(ctx, incidentID)
	if err != nil {
		return nil, err
	}
	return BuildBoard(snap, s.policy(), s.Clock.Now(), max(s.TimeScale, 1), s.criteria()), nil
}

// States is the reminder loop's load: the cadence state of every live incident.
func (s *Service) States(ctx context.Context) ([]cadence.State, error) {
	ids, err := s.Calls.LiveIncidents(ctx, s.Clock.Now().Add(-LiveFor))
	if err != nil {
		return nil, err
	}
	p := s.policy()
	states := make([]cadence.State, 0, len(ids))
	for _, id := range ids {
		snap, err := s.Calls.Snapshot(ctx, id)
		if backend.ErrorCode(err) == backend.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, err
		}
		states = append(states, State(snap, p))
	}
	return states, nil
}

// Reminders returns the reminders due now for one incident, or for every
// live one when incidentID is 0.
func (s *Service) Reminders(ctx context.Context, incidentID int64) ([]cadence.Reminder, error) {
	p, now := s.policy(), s.Clock.Now()
	out := []cadence.Reminder{}
	if incidentID != 0 {
		snap, err := s.Calls.Snapshot(ctx, incidentID)
		if err != nil {
			return nil, err
		}
		return append(out, cadence.Due(State(snap, p), p, now)...), nil
	}
	states, err := s.States(ctx)
	if err != nil {
		return nil, err
	}
	for _, st := range states {
		out = append(out, cadence.Due(st, p, now)...)
	}
	return out, nil
}

// Ack acknowledges a reminder for good. A check-in reminder's
// acknowledgement is the check-in itself (the next cycle counts from it), so
// it is also written to the timeline: a check-in the review can see.
func (s *Service) Ack(ctx context.Context, incidentID int64, key string) error {
	var err error
	if cadence.IsCheckIn(key) {
		_, err = s.Calls.AckReminderNoting(ctx, incidentID, key, s.me(), CheckInNote)
	} else {
		err = s.Calls.AckReminder(ctx, incidentID, key, s.me())
	}
	if err != nil {
		return err
	}
	s.changed(incidentID)
	return nil
}

// CheckInNote is the timeline's line for a check-in held.
const CheckInNote = "Check-in held: impact, actions in progress and their ETAs reiterated"

// Snooze hides a reminder for minutes of the app clock.
func (s *Service) Snooze(ctx context.Context, incidentID int64, key string, minutes int) error {
	until := s.Clock.Now().Add(time.Duration(minutes) * time.Minute)
	if err := s.Calls.SnoozeReminder(ctx, incidentID, key, until, s.me()); err != nil {
		return err
	}
	s.changed(incidentID)
	return nil
}
