package clocks

import (
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
)

// countdown builds a countdown and its state at now.
func countdown(due, amber, red, now time.Time) Countdown {
	c := Countdown{DueAt: due, AmberAt: amber, RedAt: red, State: StateOK}
	switch {
	case !now.Before(red):
		c.State = StateRed
	case !now.Before(amber):
		c.State = StateAmber
	}
	return c
}

// BuildBoard renders the clocks card of one incident at now. scale is the
// app clock's speed, passed through for the UI's countdowns; criteria are the
// default exit criteria of a watch the IC has not changed.
func BuildBoard(snap *backend.Snapshot, p cadence.Policy, now time.Time, scale float64, criteria []string) *Board {
	inc := snap.Incident
	st := State(snap, p)
	b := &Board{
		IncidentID: inc.ID, Now: now, TimeScale: scale, Severity: inc.Severity, Phase: inc.Phase, Impact: inc.Impact,
		DeclaredAt: inc.DeclaredAt,
		Security:   snap.Security, Roles: []RoleClock{}, Actions: snap.Actions,
		Reminders: cadence.Due(st, p, now),
	}
	b.LastAt, b.WrittenUp = st.LastAt, st.WrittenUpAt(now)
	elapsed(b, snap, now)
	if b.Actions == nil {
		b.Actions = []backend.Action{}
	}
	if b.Reminders == nil {
		b.Reminders = []cadence.Reminder{}
	}
	if m := backend.MitigationInProgress(snap.Entries); m != nil {
		b.Mitigation = &Mitigation{EntryID: m.ID, Text: m.Text, Since: m.OccurredAt}
	}
	fatigue := map[string]cadence.Reminder{}
	for _, r := range cadence.Schedule(st, p, now) {
		switch r.Kind {
		case cadence.KindStatus:
			b.Status = &StatusClock{Countdown: countdown(r.DueAt, r.DueAt.Add(-soon), r.DueAt, now),
				LastAt: st.LastStatusAt, PromisedAt: st.NextStatusAt, First: st.LastStatusAt.Before(inc.DeclaredAt)}
		case cadence.KindCheckIn:
			b.CheckIn = &CheckIn{Countdown: countdown(r.DueAt, r.DueAt.Add(-soon), r.DueAt, now),
				LastAt: r.DueAt.Add(-rhythm(p, inc.Severity).CheckInEvery), Impact: inc.Impact}
		case cadence.KindWatch:
			b.Watch = buildWatch(snap, r.DueAt, now, criteria)
		case cadence.KindReview:
			b.Review = &Review{Countdown: countdown(r.DueAt, r.DueAt, r.UrgentAt, now), ResolvedAt: inc.ResolvedAt, LimitAt: r.UrgentAt}
		case cadence.KindGDPR:
			deadline := st.BecameAwareAt.Add(p.GDPR)
			b.Regulatory = &Regulatory{Countdown: countdown(deadline, r.DueAt, r.UrgentAt, now),
				BecameAwareAt: st.BecameAwareAt, Locked: snap.Security.Locked}
		case cadence.KindFatigue:
			fatigue[r.Key] = r
		}
	}
	for _, h := range st.Roles {
		rc := RoleClock{Role: h.Role, RoleLabel: backend.RoleLabel(h.Role), Person: h.Person, Since: h.Since,
			Fatigue: FatigueOK}
		// Time in role runs from the role change to now (or the resolution),
		// never backwards: a role change dated after the end shows 0.
		inRole, _ := between(h.Since, clockEnd(inc, now))
		rc.Minutes = int(inRole / time.Minute)
		weighted := p.TimeInRole(h.Since, now)
		rc.Weighted = int(weighted / time.Minute)
		switch {
		case b.WrittenUp:
			// Nobody is on a call that ended days ago: no one is tired.
		case weighted >= p.FatigueUrgent:
			rc.Fatigue = FatigueUrgent
		case weighted >= p.FatigueGentle:
			rc.Fatigue = FatigueGentle
		}
		if r, ok := fatigue[fatigueKey(h)]; ok {
			rc.GentleAt, rc.UrgentAt = r.DueAt, r.UrgentAt
		}
		b.Roles = append(b.Roles, rc)
	}
	return b
}

// fatigueKey is the engine's key for a stretch in role (see cadence's fatigue rule).
func fatigueKey(h cadence.RoleHolder) string {
	return "fatigue:" + string(h.Role) + ":" + h.Person + ":" + h.Since.UTC().Format("20060102T150405Z")
}

// buildWatch renders the running watch, which ends at end.
func buildWatch(snap *backend.Snapshot, end, now time.Time, defaults []string) *Watch {
	start := watchStart(snap)
	if start == nil {
		return nil
	}
	w := &Watch{Countdown: countdown(end, end.Add(-soon), end, now), StartEntryID: start.ID, StartedAt: start.OccurredAt,
		Minutes: int(end.Sub(start.OccurredAt) / time.Minute), Ended: !now.Before(end)}
	w.Criteria = watchCriteria(snap, start.ID, defaults)
	return w
}

// openActions returns the actions still needing someone, oldest first.
func openActions(all []backend.Action) []backend.Action {
	out := []backend.Action{}
	for _, a := range all {
		if a.State.Open() {
			out = append(out, a)
		}
	}
	return out
}

// watchCriteria returns the exit criteria of the watch that began with entry
// id: the IC's, or the defaults, none ticked, when the IC set none.
func watchCriteria(snap *backend.Snapshot, id int64, defaults []string) []backend.WatchCriterion {
	if rec := watchRecord(snap, id); rec != nil && rec.Criteria != nil {
		return rec.Criteria
	}
	if len(defaults) == 0 {
		defaults = DefaultWatchCriteria
	}
	out := make([]backend.WatchCriterion, len(defaults))
	for i, text := range defaults {
		out[i].Text = text
	}
	return out
}
