package clocks_test

import (
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
)

// t0 is when the test incident is declared: Sunday 2026-11-22 13:00 UTC.
var t0 = time.Date(2026, 11, 22, 13, 0, 0, 0, time.UTC)

// at is t0 plus n minutes.
func at(n int) time.Time { return t0.Add(time.Duration(n) * time.Minute) }

var policy = cadence.DefaultPolicy(time.UTC)

// snapshot is a SEV2 incident declared at t0 with nothing else yet.
func snapshot() *backend.Snapshot {
	return &backend.Snapshot{
		Incident: &backend.Incident{ID: 7, Title: "Checkout errors", DeclaredAt: t0, Severity: backend.SEV2,
			Phase: backend.PhaseInvestigating, Impact: "EU customers cannot pay"},
		Security: backend.Security{Checklist: backend.SecurityChecklist},
	}
}

// entry is a visible entry of kind k at minute n.
func entry(id int64, k backend.Kind, n int, text string) *backend.Entry {
	return &backend.Entry{ID: id, IncidentID: 7, Kind: k, Text: text, OccurredAt: at(n)}
}

// phase is a phase entry at minute n, applied to the snapshot's incident.
func phase(s *backend.Snapshot, id int64, n int, p backend.Phase) *backend.Entry {
	e := entry(id, backend.KindPhase, n, "")
	e.Phase = p
	s.Entries = append(s.Entries, e)
	s.Incident.Phase = p
	if p == backend.PhaseResolved {
		s.Incident.ResolvedAt = at(n)
	}
	return e
}

// action is an action owned by owner, asked at minute n.
func action(id int64, owner, text string, state backend.ActionState, n int) backend.Action {
	a := backend.Action{ID: id, IncidentID: 7, EntryID: 100 + id, Owner: owner, Text: text, State: state, AskedAt: at(n)}
	if state != backend.ActionAsked {
		a.AckedAt = at(n + 1)
	}
	return a
}
