package cadence_test

import (
	"slices"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
)

// TestDueAfterJump wakes the engine five hours after the last thing happened,
// as after a laptop sleep or a wall-clock jump: each overdue cycle comes back
// once, by key, not once per period missed.
func TestDueAfterJump(t *testing.T) {
	p := cadence.DefaultPolicy(time.UTC)
	s := active(backend.SEV1)
	s.Actions = []cadence.Action{{ID: 9, Owner: "erin", Text: "page the DB team", State: cadence.ActionAsked, AskedAt: at(1)}}
	got := cadence.Due(s, p, at(300))
	want := []string{"action-ack:9:20261122T130100Z", "status:first:20261122T130000Z", "checkin:20261122T130000Z"}
	if !slices.Equal(keys(got), want) {
		t.Fatalf("got %v, want %v", keys(got), want)
	}
	t.Run("SameKeysLater", func(t *testing.T) {
		if later := keys(cadence.Due(s, p, at(600))); !slices.Equal(later, want) {
			t.Errorf("got %v, want %v", later, want)
		}
	})
	t.Run("StatusIsUrgentOnce", func(t *testing.T) {
		r := one(t, got, cadence.KindStatus)
		if r.Urgency != cadence.UrgencyUrgent || !r.Since.Equal(at(10)) {
			t.Errorf("got %s since %v, want urgent since %v", r.Urgency, r.Since, at(10))
		}
	})
	t.Run("SentBeforeNotSentAgain", func(t *testing.T) {
		fired := map[string]time.Time{}
		for _, r := range got {
			fired[r.Key] = at(300)
		}
		if again := cadence.Unfired(cadence.Due(s, p, at(600)), fired); len(again) != 0 {
			t.Errorf("got %v, want nothing new", keys(again))
		}
	})
}

func TestSnoozeAndAck(t *testing.T) {
	p := cadence.DefaultPolicy(time.UTC)
	const key = "status:first:20261122T130000Z"
	// SEV4 with an acknowledged action: the status clock is the subject, and
	// the only other clock is the check-in at +30.
	base := func() cadence.State {
		s := active(backend.SEV4)
		s.Actions = []cadence.Action{{ID: 1, Owner: "bob", Text: "roll back", State: cadence.ActionAcknowledged, AskedAt: at(0), AckedAt: at(0)}}
		return s
	}
	snoozed := func(until time.Time) cadence.State {
		s := base()
		s.Snoozes = map[string]time.Time{key: until}
		return s
	}
	acked := base()
	acked.Acked = map[string]time.Time{key: at(6)}
	tests := []struct {
		name      string
		s         cadence.State
		now       time.Time
		wantDue   bool
		wantSince time.Time
		wantNext  time.Time
	}{
		{"Unsnoozed", base(), at(6), true, at(5), at(10)},
		{"SnoozedHides", snoozed(at(8)), at(6), false, time.Time{}, at(8)},
		{"SnoozeEndsShowsAgain", snoozed(at(8)), at(8), true, at(8), at(10)},
		{"SnoozePastUrgentHidesIt", snoozed(at(12)), at(9), false, time.Time{}, at(12)},
		{"SnoozeEndsUrgent", snoozed(at(12)), at(12), true, at(12), at(30)},
		{"SnoozeBeforeDueChangesNothing", snoozed(at(3)), at(2), false, time.Time{}, at(5)},
		{"AckedHides", acked, at(6), false, time.Time{}, at(30)},
		{"AckedStopsEscalation", acked, at(29), false, time.Time{}, at(30)},
		{"NothingLeft", acked, at(30), false, time.Time{}, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := of(cadence.Due(tt.s, p, tt.now), cadence.KindStatus)
			if (len(got) == 1) != tt.wantDue {
				t.Fatalf("got %+v, want due %v", got, tt.wantDue)
			}
			if tt.wantDue && !got[0].Since.Equal(tt.wantSince) {
				t.Errorf("got since %v, want %v", got[0].Since, tt.wantSince)
			}
			if n := cadence.Next(tt.s, p, tt.now); !n.Equal(tt.wantNext) {
				t.Errorf("got next %v, want %v", n, tt.wantNext)
			}
		})
	}
}

func TestUnfired(t *testing.T) {
	p := cadence.DefaultPolicy(time.UTC)
	s := active(backend.SEV4)
	s.Acked = map[string]time.Time{"checkin:20261122T130000Z": at(0), "idle:20261122T130000Z": at(0)}
	const key = "status:first:20261122T130000Z"
	tests := []struct {
		name  string
		now   time.Time
		fired map[string]time.Time
		want  int
	}{
		{"NeverSent", at(5), nil, 1},
		{"SentWhenDue", at(9), map[string]time.Time{key: at(5)}, 0},
		{"TurnedUrgentSinceSent", at(10), map[string]time.Time{key: at(5)}, 1},
		{"SentWhenUrgent", at(40), map[string]time.Time{key: at(10)}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := of(cadence.Unfired(cadence.Due(s, p, tt.now), tt.fired), cadence.KindStatus)
			if len(got) != tt.want {
				t.Errorf("got %d, want %d: %+v", len(got), tt.want, got)
			}
		})
	}
}
