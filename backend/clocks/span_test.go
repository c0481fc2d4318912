package clocks_test

import (
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/clocks"
)

// A duration is shown only between two times that exist and are in order.
func TestBuildBoard_ElapsedNeverNegative(t *testing.T) {
	t.Run("CountsFromAnEntryBeforeTheDeclaration", func(t *testing.T) {
		s := snapshot()
		s.FirstAt = at(-90)
		b := clocks.BuildBoard(s, policy, at(30), 1, nil)
		if got, want := b.Elapsed, int64(120*60); got != want {
			t.Errorf("got elapsed %d s, want %d s (from the first entry, 90 min before the declaration)", got, want)
		}
		if !b.StartedAt.Equal(at(-90)) || b.ElapsedNote != "" {
			t.Errorf("got start %v note %q, want %v and no note", b.StartedAt, b.ElapsedNote, at(-90))
		}
	})

	t.Run("DeclarationBeforeFirstEntry", func(t *testing.T) {
		s := snapshot()
		s.FirstAt = at(5)
		b := clocks.BuildBoard(s, policy, at(30), 1, nil)
		if got, want := b.Elapsed, int64(30*60); got != want || !b.StartedAt.Equal(t0) {
			t.Errorf("got elapsed %d s from %v, want %d s from the declaration", got, b.StartedAt, want)
		}
	})

	t.Run("StopsAtTheResolution", func(t *testing.T) {
		s := snapshot()
		s.FirstAt = t0
		phase(s, 1, 45, backend.PhaseResolved)
		b := clocks.BuildBoard(s, policy, at(3*24*60), 1, nil)
		if got, want := b.Elapsed, int64(45*60); got != want {
			t.Errorf("got elapsed %d s three days later, want %d s (declared to resolved)", got, want)
		}
		if !b.EndedAt.Equal(at(45)) {
			t.Errorf("got ended %v, want %v", b.EndedAt, at(45))
		}
	})

	t.Run("ResolvedBeforeItStartedSaysSo", func(t *testing.T) {
		s := snapshot()
		phase(s, 1, -30, backend.PhaseResolved) // the resolution typed with a wrong date
		b := clocks.BuildBoard(s, policy, at(60), 1, nil)
		if b.Elapsed != 0 || b.ElapsedNote == "" {
			t.Errorf("got elapsed %d s note %q, want 0 and a note saying the times are out of order", b.Elapsed, b.ElapsedNote)
		}
	})

	t.Run("NoStartTimeSaysSo", func(t *testing.T) {
		s := snapshot()
		s.Incident.DeclaredAt = time.Time{}
		b := clocks.BuildBoard(s, policy, at(60), 1, nil)
		if b.Elapsed != 0 || !strings.Contains(b.ElapsedNote, "No start time") {
			t.Errorf("got elapsed %d s note %q, want 0 and a note saying the start is missing", b.Elapsed, b.ElapsedNote)
		}
	})

	t.Run("RoleChangeAfterNowIsZeroMinutes", func(t *testing.T) {
		s := snapshot()
		s.Roles = []backend.RoleAssignment{{Role: backend.RoleIC, Person: "Priya", From: at(40)}}
		b := clocks.BuildBoard(s, policy, at(10), 1, nil)
		if len(b.Roles) != 1 || b.Roles[0].Minutes != 0 {
			t.Errorf("got %+v, want one role at 0 minutes", b.Roles)
		}
	})

	t.Run("TimeInRoleStopsAtTheResolution", func(t *testing.T) {
		s := snapshot()
		s.Roles = []backend.RoleAssignment{{Role: backend.RoleIC, Person: "Priya", From: at(0)}}
		phase(s, 1, 50, backend.PhaseResolved)
		b := clocks.BuildBoard(s, policy, at(24*60), 1, nil)
		if len(b.Roles) != 1 || b.Roles[0].Minutes != 50 {
			t.Errorf("got %+v, want one role at 50 minutes", b.Roles)
		}
	})
}

func TestBrief_NoNegativeSpans(t *testing.T) {
	s := snapshot()
	s.FirstAt = at(-20)
	s.Roles = []backend.RoleAssignment{{Role: backend.RoleIC, Person: "Priya", From: at(40)}}
	text := clocks.BuildBrief(s, policy, at(30), backend.RoleIC).Text
	for _, want := range []string{"50 min since its first entry at 12:40", "Priya, time in role unknown"} {
		if !strings.Contains(text, want) {
			t.Errorf("got brief\n%s\nwant it to contain %q", text, want)
		}
	}
}

func TestBrief_ResolvedStopsTheClocks(t *testing.T) {
	s := snapshot()
	s.Roles = []backend.RoleAssignment{{Role: backend.RoleIC, Person: "Priya", From: at(10)}}
	phase(s, 1, 70, backend.PhaseResolved)
	text := clocks.BuildBrief(s, policy, at(5*24*60), backend.RoleIC).Text
	for _, want := range []string{"resolved 1 h 10 min after it was declared at 13:00", "Priya, 1 h 00 min in role"} {
		if !strings.Contains(text, want) {
			t.Errorf("got brief\n%s\nwant it to contain %q", text, want)
		}
	}
}
