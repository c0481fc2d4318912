package cadence_test

import (
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
)

// An incident with nothing in it for a day is written up after the fact:
// its call clocks stop, and only the GDPR deadline keeps counting.
func TestWrittenUpRunsNoCallClocks(t *testing.T) {
	p := cadence.DefaultPolicy(time.UTC)
	st := active(backend.SEV1)
	st.LastAt = at(30)
	st.Actions = []cadence.Action{{ID: 1, Owner: "sam", Text: "restart", State: cadence.ActionAsked, AskedAt: at(5)}}
	st.Roles = []cadence.RoleHolder{{Role: backend.RoleIC, Person: "Priya", Since: t0}}

	t.Run("a day after the last entry the call clocks still run", func(t *testing.T) {
		now := st.LastAt.Add(backend.WrittenUpAfter)
		if got := cadence.Due(st, p, now); len(of(got, cadence.KindStatus)) != 1 || len(of(got, cadence.KindActionAck)) == 0 {
			t.Fatalf("Due at the boundary = %v, want a status and an action reminder", keys(got))
		}
	})
	t.Run("after that nothing is due, scheduled or next", func(t *testing.T) {
		now := st.LastAt.Add(backend.WrittenUpAfter + time.Minute)
		if got := cadence.Due(st, p, now); len(got) != 0 {
			t.Fatalf("Due = %v, want none", keys(got))
		}
		if got := cadence.Schedule(st, p, now); len(got) != 0 {
			t.Fatalf("Schedule = %v, want none", keys(got))
		}
		if got := cadence.Next(st, p, now); !got.IsZero() {
			t.Fatalf("Next = %v, want zero", got)
		}
	})
	t.Run("the loop wakes when the clocks stop", func(t *testing.T) {
		now := st.LastAt.Add(backend.WrittenUpAfter - time.Hour)
		fresh := st
		fresh.Actions, fresh.Roles = nil, nil
		fresh.LastStatusAt, fresh.NextStatusAt = now, now.Add(10*time.Hour)
		if got, want := cadence.Next(fresh, p, now), st.LastAt.Add(backend.WrittenUpAfter); !got.After(now) || got.After(want) {
			t.Fatalf("Next = %v, want after %v and no later than %v", got, now, want)
		}
	})
	t.Run("a resolution a day ago keeps its review clock", func(t *testing.T) {
		done := st
		done.Phase, done.ResolvedAt = backend.PhaseResolved, at(60)
		done.LastAt = at(60)
		now := at(60).Add(3 * 24 * time.Hour)
		if done.WrittenUpAt(now) {
			t.Fatal("an incident resolved three days ago counts as written up")
		}
		if got := cadence.Due(done, p, now); len(of(got, cadence.KindReview)) != 1 {
			t.Fatalf("Due = %v, want the review reminder", keys(got))
		}
		later := at(60).Add(cadence.ReviewClockFor + time.Hour)
		if got := cadence.Due(done, p, later); len(got) != 0 || !done.WrittenUpAt(later) {
			t.Fatalf("Due a week after resolving = %v, want none: a review long past runs no clock", keys(got))
		}
	})
	t.Run("the GDPR deadline still counts", func(t *testing.T) {
		sec := st
		sec.Security, sec.BecameAwareAt = true, at(10)
		now := at(10).Add(p.GDPR + time.Hour)
		if got := cadence.Due(sec, p, now); len(of(got, cadence.KindGDPR)) != 1 || len(got) != 1 {
			t.Fatalf("Due = %v, want only the GDPR reminder", keys(got))
		}
	})
}
