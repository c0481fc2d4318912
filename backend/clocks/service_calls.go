package clocks

import (
	"context"
	"fmt"
	"strings"
	"time"

	"bridgelog/backend"
)

// Actions lists the incident's actions, open ones first.
func (s *Service) Actions(ctx context.Context, incidentID int64) ([]backend.Action, error) {
	return s.Calls.Actions(ctx, incidentID)
}

// CreateAction asks owner to do text, writing the same action entry the
// scribe's line `a: @owner text 10m` would, which creates the action.
func (s *Service) CreateAction(ctx context.Context, incidentID int64, owner, text string, checkInMinutes int) (*backend.Action, error) {
	text = strings.TrimSpace(text)
	raw := "a: @" + owner + " " + text
	if checkInMinutes > 0 {
		raw += fmt.Sprintf(" %dm", checkInMinutes)
	}
	e, err := s.Entries.CreateEntry(ctx, backend.EntryCreate{
		IncidentID: incidentID, OccurredAt: s.Clock.Now(), Author: s.me(), AuthorRole: backend.RoleIC,
		Line: backend.Line{Kind: backend.KindAction, Owner: owner, Text: text, Raw: raw, CheckIn: checkInMinutes},
	})
	if err != nil {
		return nil, err
	}
	s.changed(incidentID)
	list, err := s.Calls.Actions(ctx, incidentID)
	if err != nil {
		return nil, err
	}
	for _, a := range list {
		if a.EntryID == e.ID {
			return &a, nil
		}
	}
	return nil, backend.Errorf(backend.EINTERNAL, "The action entry %d was saved but its action is missing", e.ID)
}

// SetActionState acknowledges, completes or abandons an action.
func (s *Service) SetActionState(ctx context.Context, id int64, state backend.ActionState) (*backend.Action, error) {
	a, err := s.Calls.SetActionState(ctx, id, state, s.me())
	if err != nil {
		return nil, err
	}
	s.changed(a.IncidentID)
	return a, nil
}

// SetActionCheckIn agrees a new report-back time, minutes from now (0 clears it).
func (s *Service) SetActionCheckIn(ctx context.Context, id int64, minutes int) (*backend.Action, error) {
	var at time.Time
	if minutes > 0 {
		at = s.Clock.Now().Add(time.Duration(minutes) * time.Minute)
	}
	a, err := s.Calls.SetActionCheckIn(ctx, id, at, s.me())
	if err != nil {
		return nil, err
	}
	s.changed(a.IncidentID)
	return a, nil
}

// ReportBackEvery is when an owner who just reported back reports next, for
// an action asked without an interval: a quarter of an hour, the usual
// rhythm of a task update on a call.
const ReportBackEvery = 15

// ReportedBack records that an action's owner reported back: the next
// report-back is promised at the interval the action was asked with
// (ReportBackEvery without one), on the timeline like any new agreement.
func (s *Service) ReportedBack(ctx context.Context, id int64) (*backend.Action, error) {
	a, err := s.Calls.FindAction(ctx, id)
	if err != nil {
		return nil, err
	}
	every := a.CheckInEvery
	if every <= 0 {
		every = ReportBackEvery
	}
	return s.SetActionCheckIn(ctx, id, every)
}

// StatusDraft prefills a status update for an audience.
func (s *Service) StatusDraft(ctx context.Context, incidentID int64, audience backend.Audience) (*StatusDraft, error) {
	snap, err := s.Calls.Snapshot(ctx, incidentID)
	if err != nil {
		return nil, err
	}
	// The scribe and the escalation path are people too, though the
	// incident may not name them yet: the customer draft leaves them out.
	people := []string{s.me()}
	if s.EscalationPath != nil {
		people = append(people, s.EscalationPath()...)
	}
	return DraftStatus(snap, s.policy(), s.Clock.Now(), audience, people...), nil
}

// RecordStatus records an update that went out and promises the next one in
// nextMinutes (0: the severity's default), which resets the cycle.
func (s *Service) RecordStatus(ctx context.Context, incidentID int64, text string, audience backend.Audience, nextMinutes int) (*backend.Entry, error) {
	now := s.Clock.Now()
	next := time.Duration(nextMinutes) * time.Minute
	if nextMinutes == 0 {
		inc, err := s.Incidents.FindIncident(ctx, incidentID)
		if err != nil {
			return nil, err
		}
		next = nextUpdateIn(inc, s.policy(), now)
	}
	e, err := s.Calls.RecordStatus(ctx, incidentID, text, audience, now.Add(next), s.me())
	if err != nil {
		return nil, err
	}
	s.changed(incidentID)
	return e, nil
}

// Brief writes the handoff brief for a role.
func (s *Service) Brief(ctx context.Context, incidentID int64, role backend.Role) (*HandoffBrief, error) {
	snap, err := s.Calls.Snapshot(ctx, incidentID)
	if err != nil {
		return nil, err
	}
	return BuildBrief(snap, s.policy(), s.Clock.Now(), role), nil
}

// CompleteHandoff records the brief and the role change once the incoming
// person confirmed; their time in role starts now.
func (s *Service) CompleteHandoff(ctx context.Context, incidentID int64, role backend.Role, incoming, brief string) (*backend.Entry, error) {
	e, err := s.Calls.Handoff(ctx, incidentID, role, incoming, BriefForRecord(brief), s.me())
	if err != nil {
		return nil, err
	}
	s.changed(incidentID)
	return e, nil
}

// Security returns the incident's security flag and checklist.
func (s *Service) Security(ctx context.Context, incidentID int64) (backend.Security, error) {
	snap, err := s.Calls.Snapshot(ctx, incidentID)
	if err != nil {
		return backend.Security{}, err
	}
	return snap.Security, nil
}

// SetSecurity flags or unflags a security incident; a zero awareAt keeps the
// locked time, or is now on the first flag.
func (s *Service) SetSecurity(ctx context.Context, incidentID int64, on bool, awareAt time.Time) (backend.Security, error) {
	sec, err := s.Calls.SetSecurity(ctx, incidentID, on, awareAt, false, "", s.me())
	if err == nil {
		s.changed(incidentID)
	}
	return sec, err
}

// UnlockAwareTime changes a locked became-aware time, recording why.
func (s *Service) UnlockAwareTime(ctx context.Context, incidentID int64, awareAt time.Time, reason string) (backend.Security, error) {
	cur, err := s.Security(ctx, incidentID)
	if err != nil {
		return cur, err
	}
	sec, err := s.Calls.SetSecurity(ctx, incidentID, cur.On, awareAt, true, strings.TrimSpace(reason), s.me())
	if err == nil {
		s.changed(incidentID)
	}
	return sec, err
}

// TickSecurity ticks or unticks a checklist item.
func (s *Service) TickSecurity(ctx context.Context, incidentID int64, key string, done bool) (backend.Security, error) {
	sec, err := s.Calls.TickSecurity(ctx, incidentID, key, done, s.me())
	if err == nil {
		s.changed(incidentID)
	}
	return sec, err
}

// Paging returns the paging tracker.
func (s *Service) Paging(ctx context.Context, incidentID int64) (*Paging, error) {
	snap, err := s.Calls.Snapshot(ctx, incidentID)
	if err != nil {
		return nil, err
	}
	var path []string
	if s.EscalationPath != nil {
		path = s.EscalationPath()
	}
	return BuildPaging(snap.Pages, path), nil
}

// Page records that person was paged at an escalation level; level 0 means
// the person's place on the path, or one past the highest level paged.
func (s *Service) Page(ctx context.Context, incidentID int64, person string, level int) (*backend.Page, error) {
	if level == 0 {
		pg, err := s.Paging(ctx, incidentID)
		if err != nil {
			return nil, err
		}
		level = 1
		for _, p := range pg.Pages {
			level = max(level, p.Level+1)
		}
		for i, name := range pg.Path {
			if strings.EqualFold(strings.TrimSpace(name), strings.TrimSpace(person)) {
				level = i + 1
			}
		}
	}
	p, err := s.Calls.Page(ctx, incidentID, person, level, s.me())
	if err != nil {
		return nil, err
	}
	s.changed(incidentID)
	return p, nil
}

// AnswerPage records that a paged person joined, or gave no answer.
func (s *Service) AnswerPage(ctx context.Context, pageID int64, state backend.PageState) (*backend.Page, error) {
	p, err := s.Calls.AnswerPage(ctx, pageID, state, s.me())
	if err != nil {
		return nil, err
	}
	s.changed(p.IncidentID)
	return p, nil
}
