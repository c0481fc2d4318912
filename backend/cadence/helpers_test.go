package cadence_test

import (
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
)

// t0 is when the test incidents are declared: Sunday 2026-11-22 13:00 UTC.
var t0 = time.Date(2026, 11, 22, 13, 0, 0, 0, time.UTC)

func mins(n int) time.Duration { return time.Duration(n) * time.Minute }

// at is t0 plus n minutes.
func at(n int) time.Time { return t0.Add(mins(n)) }

// berlin loads Europe/Berlin or fails the test.
func berlin(tb testing.TB) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}

// active returns a SEV1 incident declared at t0 with no history.
func active(sev backend.Severity) cadence.State {
	return cadence.State{IncidentID: 7, Severity: sev, Phase: backend.PhaseInvestigating, DeclaredAt: t0}
}

// of returns the reminders of one kind.
func of(rs []cadence.Reminder, k cadence.Kind) []cadence.Reminder {
	var out []cadence.Reminder
	for _, r := range rs {
		if r.Kind == k {
			out = append(out, r)
		}
	}
	return out
}

// one returns the only reminder of kind k, failing unless there is exactly one.
func one(tb testing.TB, rs []cadence.Reminder, k cadence.Kind) cadence.Reminder {
	tb.Helper()
	got := of(rs, k)
	if len(got) != 1 {
		tb.Fatalf("got %d %s reminders, want 1: %+v", len(got), k, rs)
	}
	return got[0]
}

// keys lists the reminders' keys in order.
func keys(rs []cadence.Reminder) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Key)
	}
	return out
}
