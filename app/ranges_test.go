package app_test

import (
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/limits"
)

// TestBindings_Ranges calls every binding that takes a number of minutes or
// a level at its range's bounds and one past them: the bounds are accepted,
// and past them the binding refuses with the shared range's message, so the
// numbers in the message are the ones the check used.
func TestBindings_Ranges(t *testing.T) {
	b := mustBind(t)
	id := b.inc.ID
	action, err := b.actions.Create(id, "@sam", "restart the queue", 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		r    limits.Range
		call func(n int) error
	}{
		{"Actions.Create", limits.CheckInMinutes, func(n int) error { _, err := b.actions.Create(id, "@sam", "scale out", n); return err }},
		{"Actions.CheckIn", limits.CheckInMinutes, func(n int) error { _, err := b.actions.CheckIn(action.ID, n); return err }},
		{"Status.Record", limits.NextUpdateMinutes, func(n int) error { _, err := b.status.Record(id, "Checkout is failing", "internal", n); return err }},
		{"Watch.Start", limits.WatchMinutes, func(n int) error { _, err := b.watch.Start(id, n, nil); return err }},
		{"Watch.Extend", limits.WatchExtensionMinutes, func(n int) error { _, err := b.watch.Extend(id, n); return err }},
		{"Reminders.Snooze", limits.SnoozeMinutes, func(n int) error { return b.rem.Snooze(id, "status", n) }},
		{"Paging.Page", limits.EscalationLevel, func(n int) error { _, err := b.paging.Page(id, "Ana", n); return err }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, n := range []int{tt.r.Min, tt.r.Max} {
				if err := tt.call(n); err != nil {
					t.Errorf("%d: got %v, want it accepted", n, err)
				}
			}
			for _, n := range []int{tt.r.Min - 1, tt.r.Max + 1} {
				err := tt.call(n)
				want := backend.ErrorMessage(backend.CheckRange(tt.r, n))
				if got := backend.ErrorMessage(err); backend.ErrorCode(err) != backend.EINVALID || got != want {
					t.Errorf("%d: got %v (code %q), want %q", n, got, backend.ErrorCode(err), want)
				}
			}
		})
	}
}
