package clocks_test

import (
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/clocks"
)

func TestBuildBoard(t *testing.T) {
	t.Run("StatusCountdown", func(t *testing.T) {
		for _, tt := range []struct {
			name  string
			now   int
			state clocks.ClockState
		}{
			{"OK", 2, clocks.StateOK},
			{"AmberTwoMinutesBefore", 3, clocks.StateAmber},
			{"RedWhenDue", 5, clocks.StateRed},
		} {
			t.Run(tt.name, func(t *testing.T) {
				b := clocks.BuildBoard(snapshot(), policy, at(tt.now), 1, nil)
				if b.Status == nil {
					t.Fatal("got no status clock, want one")
				}
				if got, want := b.Status.State, tt.state; got != want {
					t.Errorf("got %s, want %s", got, want)
				}
				if !b.Status.DueAt.Equal(at(5)) || !b.Status.AmberAt.Equal(at(3)) || !b.Status.RedAt.Equal(at(5)) || !b.Status.First {
					t.Errorf("got %+v, want the first update due at +5, amber at +3", b.Status)
				}
			})
		}
	})

	t.Run("StatusAfterUpdateWithPromise", func(t *testing.T) {
		s := snapshot()
		s.Updates = []backend.StatusUpdate{{EntryID: 1, SentAt: at(4), NextAt: at(14)}}
		b := clocks.BuildBoard(s, policy, at(6), 1, nil)
		if !b.Status.DueAt.Equal(at(14)) || b.Status.First || !b.Status.LastAt.Equal(at(4)) || !b.Status.PromisedAt.Equal(at(14)) {
			t.Errorf("got %+v, want due at the promised +14 after the update at +4", b.Status)
		}
	})

	t.Run("CheckInCard", func(t *testing.T) {
		s := snapshot()
		s.Actions = []backend.Action{action(1, "sam", "restart the queue", backend.ActionAcknowledged, 1),
			action(2, "jo", "read the logs", backend.ActionDone, 2)}
		b := clocks.BuildBoard(s, policy, at(3), 1, nil)
		c := b.CheckIn
		if c == nil || !c.DueAt.Equal(at(15)) || !c.LastAt.Equal(t0) || c.Impact != "EU customers cannot pay" {
			t.Fatalf("got %+v, want a SEV2 check-in due at +15 reiterating the impact", c)
		}
		// The card lists the open ones from the board's actions, which hold both.
		if len(b.Actions) != 2 {
			t.Errorf("got %d board actions, want both", len(b.Actions))
		}
	})

	t.Run("Elapsed", func(t *testing.T) {
		b := clocks.BuildBoard(snapshot(), policy, at(90).Add(5*time.Second), 60, nil)
		if b.Elapsed != 90*60+5 || b.TimeScale != 60 {
			t.Errorf("got elapsed %d s at scale %v, want %d at 60", b.Elapsed, b.TimeScale, 90*60+5)
		}
	})

	t.Run("Mitigation", func(t *testing.T) {
		s := snapshot()
		s.Entries = []*backend.Entry{entry(1, backend.KindMitigation, 4, "failover to eu-west")}
		b := clocks.BuildBoard(s, policy, at(6), 1, nil)
		if b.Mitigation == nil || b.Mitigation.EntryID != 1 || !b.Mitigation.Since.Equal(at(4)) {
			t.Errorf("got %+v, want the failover since +4", b.Mitigation)
		}
	})

	t.Run("WatchWithDefaults", func(t *testing.T) {
		s := snapshot()
		start := phase(s, 1, 30, backend.PhaseMonitoring)
		b := clocks.BuildBoard(s, policy, at(40), 1, []string{"p99 < 300 ms"})
		w := b.Watch
		if w == nil || w.StartEntryID != start.ID || w.Minutes != 15 || !w.DueAt.Equal(at(45)) || w.Ended {
			t.Fatalf("got %+v, want a 15 min watch from +30", w)
		}
		if len(w.Criteria) != 1 || w.Criteria[0].Text != "p99 < 300 ms" || w.Criteria[0].Done {
			t.Errorf("got criteria %+v, want the settings' default, unticked", w.Criteria)
		}
		if b.Status == nil || b.CheckIn == nil {
			t.Errorf("got status %v check-in %v, want both still running while monitoring", b.Status, b.CheckIn)
		}
	})

	t.Run("WatchExtendedAndEnded", func(t *testing.T) {
		s := snapshot()
		phase(s, 1, 30, backend.PhaseMonitoring)
		s.Watches = []backend.WatchRecord{{StartEntryID: 1, Minutes: 30, Criteria: []backend.WatchCriterion{{Text: "x", Done: true}}}}
		b := clocks.BuildBoard(s, policy, at(60), 1, nil)
		if w := b.Watch; w == nil || w.Minutes != 30 || !w.Ended || w.State != clocks.StateRed || !w.Criteria[0].Done {
			t.Errorf("got %+v, want an ended 30 min watch with its ticked criterion", w)
		}
	})

	t.Run("WatchRestartsAfterReopen", func(t *testing.T) {
		s := snapshot()
		phase(s, 1, 30, backend.PhaseMonitoring)
		phase(s, 2, 40, backend.PhaseMonitoring) // repeated: same watch
		phase(s, 3, 50, backend.PhaseInvestigating)
		phase(s, 4, 70, backend.PhaseMonitoring)
		b := clocks.BuildBoard(s, policy, at(72), 1, nil)
		if w := b.Watch; w == nil || w.StartEntryID != 4 || len(w.Criteria) != len(clocks.DefaultWatchCriteria) {
			t.Errorf("got %+v, want a new watch from the entry at +70 with the default criteria", w)
		}
	})

	t.Run("ResolvedShowsReviewOnly", func(t *testing.T) {
		s := snapshot()
		phase(s, 1, 60, backend.PhaseResolved) // Sunday 14:00 UTC
		b := clocks.BuildBoard(s, policy, at(61), 1, nil)
		if b.Status != nil || b.CheckIn != nil || b.Watch != nil {
			t.Errorf("got status %v check-in %v watch %v, want none once resolved", b.Status, b.CheckIn, b.Watch)
		}
		// Monday counts as a business day: due Monday 14:00, limit Tuesday 14:00.
		if r := b.Review; r == nil || !r.DueAt.Equal(at(60+24*60)) || !r.LimitAt.Equal(at(60+48*60)) || r.State != clocks.StateOK {
			t.Errorf("got %+v, want due a day later and limited at two", r)
		}
	})

	t.Run("Regulatory", func(t *testing.T) {
		s := snapshot()
		s.Security.On, s.Security.BecameAwareAt, s.Security.Locked = true, at(0), true
		for _, tt := range []struct {
			now   time.Duration
			state clocks.ClockState
		}{{47 * time.Hour, clocks.StateOK}, {48 * time.Hour, clocks.StateAmber}, {66 * time.Hour, clocks.StateRed}} {
			b := clocks.BuildBoard(s, policy, t0.Add(tt.now), 1, nil)
			if g := b.Regulatory; g == nil || !g.DueAt.Equal(t0.Add(72*time.Hour)) || g.State != tt.state || !g.Locked {
				t.Errorf("at +%v: got %+v, want %s with the deadline at +72 h", tt.now, g, tt.state)
			}
		}
		s.Security.On = false
		if b := clocks.BuildBoard(s, policy, at(1), 1, nil); b.Regulatory != nil {
			t.Errorf("got %+v, want no regulatory clock when not flagged", b.Regulatory)
		}
	})

	t.Run("Fatigue", func(t *testing.T) {
		s := snapshot()
		s.Roles = []backend.RoleAssignment{
			{Role: backend.RoleIC, Person: "Priya", From: at(0)},
			{Role: backend.RoleScribe, Person: "Jo", From: at(0), To: at(30)},
			{Role: backend.RoleScribe, Person: "Ana", From: at(30)},
		}
		b := clocks.BuildBoard(s, policy, at(190), 1, nil)
		if len(b.Roles) != 2 {
			t.Fatalf("got %+v, want the two current holders", b.Roles)
		}
		ic, scribe := b.Roles[0], b.Roles[1]
		if ic.Person != "Priya" || ic.Minutes != 190 || ic.Fatigue != clocks.FatigueUrgent || !ic.GentleAt.Equal(at(60)) || !ic.UrgentAt.Equal(at(180)) {
			t.Errorf("got %+v, want Priya urgent after 190 min", ic)
		}
		if scribe.Person != "Ana" || scribe.Minutes != 160 || scribe.Fatigue != clocks.FatigueGentle {
			t.Errorf("got %+v, want Ana gentle after 160 min", scribe)
		}
	})

	t.Run("NightCountsExtra", func(t *testing.T) {
		s := snapshot()
		night := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)
		s.Incident.DeclaredAt = night
		s.Roles = []backend.RoleAssignment{{Role: backend.RoleIC, Person: "Priya", From: night}}
		b := clocks.BuildBoard(s, policy, night.Add(40*time.Minute), 1, nil)
		if r := b.Roles[0]; r.Minutes != 40 || r.Weighted != 60 || r.Fatigue != clocks.FatigueGentle {
			t.Errorf("got %+v, want 40 real minutes counting 60 at night", r)
		}
	})

	t.Run("RemindersDueAndAcked", func(t *testing.T) {
		s := snapshot()
		b := clocks.BuildBoard(s, policy, at(6), 1, nil)
		if len(b.Reminders) != 2 { // the first update and nobody owning a next step
			t.Fatalf("got %d reminders %+v, want 2", len(b.Reminders), b.Reminders)
		}
		s.Marks = []backend.ReminderMark{{IncidentID: 7, Key: b.Reminders[0].Key, AckedAt: at(6)},
			{IncidentID: 7, Key: b.Reminders[1].Key, SnoozedUntil: at(11)}}
		if got := clocks.BuildBoard(s, policy, at(7), 1, nil).Reminders; len(got) != 0 {
			t.Errorf("got %+v, want none after an ack and a snooze", got)
		}
		if got := clocks.BuildBoard(s, policy, at(11), 1, nil).Reminders; len(got) != 1 {
			t.Errorf("got %+v, want the snoozed one back", got)
		}
	})
}
