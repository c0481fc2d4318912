package clocks_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
	"bridgelog/backend/clocks"
)

// TestAck_CheckInIsOnTheTimeline: acknowledging the IC's check-in reminder
// is the check-in, and it is written to the timeline with who held it;
// acknowledging another reminder writes nothing there.
func TestAck_CheckInIsOnTheTimeline(t *testing.T) {
	ctx := context.Background()
	f := mustService(t)
	notes := func() (out []*backend.Entry) {
		list, err := f.svc.Entries.ListEntries(ctx, f.inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range list {
			if e.Text == clocks.CheckInNote {
				out = append(out, e)
			}
		}
		return out
	}
	f.clock.Advance(2 * time.Hour)
	rs, err := f.svc.Reminders(ctx, f.inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	find := func(kind cadence.Kind) cadence.Reminder {
		i := slices.IndexFunc(rs, func(r cadence.Reminder) bool { return r.Kind == kind })
		if i < 0 {
			t.Fatalf("got %+v, want a %s reminder two hours in", rs, kind)
		}
		return rs[i]
	}
	t.Run("OtherReminder", func(t *testing.T) {
		if err := f.svc.Ack(ctx, f.inc.ID, find(cadence.KindStatus).Key); err != nil {
			t.Fatal(err)
		}
		if got := notes(); len(got) != 0 {
			t.Errorf("got %d check-in notes after acknowledging a status reminder, want 0", len(got))
		}
	})
	t.Run("CheckIn", func(t *testing.T) {
		r := find(cadence.KindCheckIn)
		if err := f.svc.Ack(ctx, f.inc.ID, r.Key); err != nil {
			t.Fatal(err)
		}
		got := notes()
		if len(got) != 1 || got[0].Author != "Priya" || !got[0].OccurredAt.Equal(f.clock.Now()) {
			t.Fatalf("got %+v, want one check-in note by Priya, now", got)
		}
		// The next cycle counts from it: no check-in reminder now.
		after, _ := f.svc.Reminders(ctx, f.inc.ID)
		if slices.ContainsFunc(after, func(x cadence.Reminder) bool { return x.Kind == cadence.KindCheckIn }) {
			t.Errorf("got a check-in reminder right after the check-in: %+v", after)
		}
	})
}

// TestReportedBack: an owner's report-back promises the next one at the
// interval the action was asked with, or a quarter of an hour without one.
func TestReportedBack(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		line string
		want time.Duration
	}{
		{"AskedEvery10", "restart the queue", 10 * time.Minute},
		{"AskedWithout", "", clocks.ReportBackEvery * time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := mustService(t)
			minutes := 10
			if tc.line == "" {
				minutes = 0
			}
			a, err := f.svc.CreateAction(ctx, f.inc.ID, "sam", "restart the queue", minutes)
			if err != nil {
				t.Fatal(err)
			}
			f.clock.Advance(25 * time.Minute)
			got, err := f.svc.ReportedBack(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if want := f.clock.Now().Add(tc.want); !got.CheckInAt.Equal(want) {
				t.Errorf("got next report-back %v, want %v", got.CheckInAt, want)
			}
		})
	}
}
