package clocks

import (
	"time"

	"bridgelog/backend"
)

// A duration is shown only between two times that both exist and are in
// order. A timeline typed the next day, or backdated before the incident was
// declared, must not make a clock run backwards or count years.

// incidentStart is when the incident's story begins: its declaration, or an
// entry that happened before it was declared, whichever is earlier.
func incidentStart(snap *backend.Snapshot) time.Time {
	start := snap.Incident.DeclaredAt
	if !snap.FirstAt.IsZero() && (start.IsZero() || snap.FirstAt.Before(start)) {
		start = snap.FirstAt
	}
	return start
}

// clockEnd is when the incident's running clocks stop: its resolution once it
// is resolved, otherwise now.
func clockEnd(inc *backend.Incident, now time.Time) time.Time {
	if inc.Phase == backend.PhaseResolved && !inc.ResolvedAt.IsZero() {
		return inc.ResolvedAt
	}
	return now
}

// between returns to - from when both times exist and from is not after to.
func between(from, to time.Time) (time.Duration, bool) {
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return 0, false
	}
	return to.Sub(from), true
}

// elapsed fills the board's elapsed clock: from the incident's start to now,
// or to its resolution; with a note instead of a number when a time is
// missing or the two are out of order.
func elapsed(b *Board, snap *backend.Snapshot, now time.Time) {
	b.StartedAt = incidentStart(snap)
	end := clockEnd(snap.Incident, now)
	if end != now {
		b.EndedAt = end
	}
	d, ok := between(b.StartedAt, end)
	switch {
	case ok:
		b.Elapsed = int64(d / time.Second)
	case b.StartedAt.IsZero():
		b.ElapsedNote = "No start time: the incident has no declaration or entry time"
	default:
		b.ElapsedNote = "Starts after " + end.UTC().Format("2006-01-02 15:04Z") + ": check the entry times"
	}
}
