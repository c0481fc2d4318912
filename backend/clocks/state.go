package clocks

import (
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
)

// soon is how long before a countdown's due time it turns amber.
const soon = 2 * time.Minute

// State turns a snapshot into what the reminder engine runs on.
func State(snap *backend.Snapshot, p cadence.Policy) cadence.State {
	inc := snap.Incident
	st := cadence.State{
		IncidentID: inc.ID, Title: inc.Title, Impact: inc.Impact, Severity: inc.Severity, Phase: inc.Phase,
		DeclaredAt: inc.DeclaredAt, ResolvedAt: inc.ResolvedAt,
		Snoozes: map[string]time.Time{}, Acked: map[string]time.Time{}, LastFired: map[string]time.Time{},
	}
	st.LastAt = inc.DeclaredAt
	if snap.LastAt.After(st.LastAt) {
		st.LastAt = snap.LastAt
	}
	if start := watchStart(snap); start != nil {
		st.MitigatedAt = start.OccurredAt
		if rec := watchRecord(snap, start.ID); rec != nil && rec.Minutes > 0 {
			st.WatchFor = time.Duration(rec.Minutes) * time.Minute
		}
	}
	if snap.Security.On {
		st.Security, st.BecameAwareAt = true, snap.Security.BecameAwareAt
	}
	if n := len(snap.Updates); n > 0 {
		st.LastStatusAt, st.NextStatusAt = snap.Updates[n-1].SentAt, snap.Updates[n-1].NextAt
	}
	for _, a := range snap.Actions {
		st.Actions = append(st.Actions, cadence.Action{ID: a.ID, Owner: a.Owner, Text: a.Text, State: a.State,
			AskedAt: a.AskedAt, AckedAt: a.AckedAt, CheckInAt: a.CheckInAt, ClosedAt: a.ClosedAt})
	}
	for _, r := range snap.Roles {
		if r.To.IsZero() {
			st.Roles = append(st.Roles, cadence.RoleHolder{Role: r.Role, Person: r.Person, Since: r.From})
		}
	}
	for _, m := range snap.Marks {
		if !m.FiredAt.IsZero() {
			st.LastFired[m.Key] = m.FiredAt
		}
		if !m.AckedAt.IsZero() {
			st.Acked[m.Key] = m.AckedAt
		}
		if !m.SnoozedUntil.IsZero() {
			st.Snoozes[m.Key] = m.SnoozedUntil
		}
	}
	return st
}

// watchStart returns the phase entry that began the current monitoring
// stretch, or nil when the incident is not monitoring. A repeated "phase:
// monitoring" does not restart the watch; leaving monitoring and coming back
// does.
func watchStart(snap *backend.Snapshot) *backend.Entry {
	if snap.Incident.Phase != backend.PhaseMonitoring {
		return nil
	}
	var start *backend.Entry
	var prev backend.Phase
	for _, e := range snap.Entries {
		if e.Kind != backend.KindPhase || !e.Phase.Valid() {
			continue
		}
		if e.Phase == backend.PhaseMonitoring && prev != backend.PhaseMonitoring {
			start = e
		}
		prev = e.Phase
	}
	return start
}

// watchRecord returns the IC's changes to the watch that began with entry id, or nil.
func watchRecord(snap *backend.Snapshot, id int64) *backend.WatchRecord {
	for i := range snap.Watches {
		if snap.Watches[i].StartEntryID == id {
			return &snap.Watches[i]
		}
	}
	return nil
}

// rhythm returns the policy's rhythm for sev, SEV1's when it has none (as the engine does).
func rhythm(p cadence.Policy, sev backend.Severity) cadence.Rhythm {
	if r, ok := p.Rhythms[sev]; ok {
		return r
	}
	return p.Rhythms[backend.SEV1]
}

// nextUpdateIn is how long until the next update a new one should promise by
// default: the severity's interval in the opening window, the later one after.
func nextUpdateIn(inc *backend.Incident, p cadence.Policy, now time.Time) time.Duration {
	r := rhythm(p, inc.Severity)
	if now.Before(inc.DeclaredAt.Add(p.StatusWindow)) {
		return r.StatusEvery
	}
	return r.StatusLater
}
