package timeline_test

import (
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
)

// TestPreview_ClockChanges types a time Berlin's clocks went back over and
// one they jumped over: the preview says which reading it took, or why it
// cannot take either, and Add keeps to the same reading.
func TestPreview_ClockChanges(t *testing.T) {
	t.Run("TwiceIsTheFirstAndSaysSo", func(t *testing.T) {
		f := mustService(t)
		f.clock.T = time.Date(2026, 10, 25, 10, 0, 0, 0, time.UTC) // 11:00 CET, after 03:00 CEST became 02:00 CET
		line, at := f.svc.Preview("@02:30 d: roll back", time.Time{})
		if want := time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC); !at.Equal(want) || line.Problem != "" {
			t.Fatalf("got %v, problem %q; want %v, the first 02:30 (CEST)", at, line.Problem, want)
		}
		if got, want := line.TimeNote, "02:30 happens twice on 25 Oct 2026 in Europe/Berlin (clocks went back from 03:00 to 02:00): taken as the first, 02:30 CEST (00:30 UTC); for the second, write @2026-10-25 01:30Z"; got != want {
			t.Errorf("got note %q, want %q", got, want)
		}
		e, err := f.svc.Add(ctx, f.inc.ID, "@02:30 d: roll back", time.Time{}, "Jo")
		if err != nil || !e.OccurredAt.Equal(at) {
			t.Errorf("Add: got %v, %v; want %v", e, err, at)
		}
	})
	t.Run("ErrDoesNotExist", func(t *testing.T) {
		f := mustService(t)
		f.clock.T = time.Date(2026, 3, 29, 10, 0, 0, 0, time.UTC) // 12:00 CEST
		line, _ := f.svc.Preview("@02:30 d: roll back", time.Time{})
		if want := "02:30 does not exist on 29 Mar 2026 in Europe/Berlin (clocks went from 02:00 to 03:00): write @01:30 or @03:30, or give UTC with a Z"; line.Problem != want || line.TimeNote != "" {
			t.Errorf("got problem %q, note %q; want %q and no note", line.Problem, line.TimeNote, want)
		}
		_, err := f.svc.Add(ctx, f.inc.ID, "@02:30 d: roll back", time.Time{}, "Jo")
		if backend.ErrorCode(err) != backend.EINVALID || !strings.Contains(backend.ErrorMessage(err), "does not exist") {
			t.Errorf("Add: got %v, want the same refusal", err)
		}
	})
	t.Run("OrdinaryTimeHasNoNote", func(t *testing.T) {
		f := mustService(t)
		if line, _ := f.svc.Preview("@14:05 d: roll back", time.Time{}); line.TimeNote != "" || line.Problem != "" {
			t.Errorf("got note %q, problem %q; want neither", line.TimeNote, line.Problem)
		}
	})
}
