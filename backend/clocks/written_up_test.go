package clocks_test

import (
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/clocks"
)

// The board of an incident written up after the fact says so and shows no
// overdue clocks; an entry dated now brings them back.
func TestBoard_WrittenUp(t *testing.T) {
	s := snapshot()
	s.LastAt = at(90)
	s.Actions = append(s.Actions, action(1, "sam", "restart the queue", backend.ActionAsked, 10))
	s.Roles = []backend.RoleAssignment{{Role: backend.RoleIC, Person: "Priya", From: t0}}

	t.Run("years later", func(t *testing.T) {
		now := t0.AddDate(8, 0, 0)
		b := clocks.BuildBoard(s, policy, now, 1, nil)
		if !b.WrittenUp || !b.LastAt.Equal(at(90)) {
			t.Fatalf("WrittenUp, LastAt = %v, %v; want true, %v", b.WrittenUp, b.LastAt, at(90))
		}
		if b.Status != nil || b.CheckIn != nil || len(b.Reminders) != 0 {
			t.Fatalf("status %+v, check-in %+v, reminders %+v: want none", b.Status, b.CheckIn, b.Reminders)
		}
		if len(b.Roles) != 1 || b.Roles[0].Fatigue != clocks.FatigueOK {
			t.Fatalf("roles = %+v, want Priya with no fatigue", b.Roles)
		}
	})
	t.Run("an hour after the last entry", func(t *testing.T) {
		now := at(150)
		b := clocks.BuildBoard(s, policy, now, 1, nil)
		if b.WrittenUp || b.Status == nil || len(b.Reminders) == 0 {
			t.Fatalf("WrittenUp %v, status %+v, reminders %d: want a live board", b.WrittenUp, b.Status, len(b.Reminders))
		}
	})
	t.Run("a line dated now turns the clocks back on", func(t *testing.T) {
		now := t0.AddDate(8, 0, 0)
		s.LastAt = now.Add(-time.Minute)
		if b := clocks.BuildBoard(s, policy, now, 1, nil); b.WrittenUp || b.Status == nil {
			t.Fatalf("WrittenUp %v, status %+v: want the clocks back", b.WrittenUp, b.Status)
		}
	})
}
