package cadence_test

import (
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
)

func TestDueFatigue(t *testing.T) {
	ber := berlin(t)
	utc := func(mo time.Month, d, h, m int) time.Time { return time.Date(2026, mo, d, h, m, 0, 0, time.UTC) }
	tests := []struct {
		name       string
		loc        *time.Location
		since      time.Time
		wantGentle time.Time
		wantUrgent time.Time
	}{
		// 10:00-13:00 UTC: daytime everywhere, plain hours.
		{"Daytime", time.UTC, utc(11, 20, 10, 0), utc(11, 20, 11, 0), utc(11, 20, 13, 0)},
		// From 00:00 Berlin (23:00 UTC): every real minute counts 1.5.
		{"NightCounts1.5x", ber, utc(11, 20, 23, 0), utc(11, 20, 23, 40), utc(11, 21, 1, 0)},
		// From 23:00 Berlin: one plain hour, then the night at 1.5x.
		{"EveningIntoNight", ber, utc(11, 20, 22, 0), utc(11, 20, 23, 0), utc(11, 21, 0, 20)},
		// From 05:00 Berlin: one night hour (90 weighted minutes) then day.
		{"NightIntoMorning", ber, utc(11, 21, 4, 0), utc(11, 21, 4, 40), utc(11, 21, 6, 30)},
		// The spring-forward night in Berlin: 00:00 CET to 06:00 CEST is five
		// real hours, 23:00 to 04:00 UTC. From 05:00 CEST (03:00 UTC), one
		// night hour is left, not two as a fixed +01:00 offset would say.
		{"DSTNightIsShorter", ber, utc(3, 29, 3, 0), utc(3, 29, 3, 40), utc(3, 29, 5, 30)},
		{"DSTFromMidnight", ber, utc(3, 28, 23, 0), utc(3, 28, 23, 40), utc(3, 29, 1, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := cadence.DefaultPolicy(tt.loc)
			s := active(backend.SEV1)
			s.DeclaredAt = tt.since.Add(-time.Hour)
			s.Roles = []cadence.RoleHolder{{Role: backend.RoleIC, Person: "alice", Since: tt.since}}
			if got := of(cadence.Due(s, p, tt.wantGentle.Add(-time.Second)), cadence.KindFatigue); len(got) != 0 {
				t.Errorf("a second before: got %+v, want none", got)
			}
			r := one(t, cadence.Due(s, p, tt.wantGentle), cadence.KindFatigue)
			if !r.DueAt.Equal(tt.wantGentle) || !r.UrgentAt.Equal(tt.wantUrgent) || r.Urgency != cadence.UrgencyNormal {
				t.Errorf("got due %v urgent at %v (%s), want %v and %v (normal)", r.DueAt, r.UrgentAt, r.Urgency, tt.wantGentle, tt.wantUrgent)
			}
			if u := one(t, cadence.Due(s, p, tt.wantUrgent), cadence.KindFatigue); u.Urgency != cadence.UrgencyUrgent || u.Key != r.Key {
				t.Errorf("at the limit: got %s key %q, want urgent key %q", u.Urgency, u.Key, r.Key)
			}
		})
	}
	t.Run("EveryRoleHolder", func(t *testing.T) {
		p := cadence.DefaultPolicy(time.UTC)
		s := active(backend.SEV2)
		s.Roles = []cadence.RoleHolder{
			{Role: backend.RoleIC, Person: "alice", Since: at(0)},
			{Role: backend.RoleScribe, Person: "carol", Since: at(30)},
			{Role: backend.RoleCommsLead, Person: "dan", Since: at(0)},
		}
		rs := of(cadence.Due(s, p, at(60)), cadence.KindFatigue)
		got, want := strings.Join(keys(rs), " "), "fatigue:comms:dan:20261122T130000Z fatigue:ic:alice:20261122T130000Z"
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		if !strings.Contains(rs[1].Title, "alice has been Incident Commander for 1 h 00 min") || !strings.Contains(rs[1].Body, "Ctrl+H") {
			t.Errorf("got %q / %q, want the IC's time in role and the handoff key", rs[1].Title, rs[1].Body)
		}
	})
	t.Run("UrgentTextSaysHandOffNow", func(t *testing.T) {
		p := cadence.DefaultPolicy(ber)
		s := active(backend.SEV1)
		s.DeclaredAt = utc(11, 20, 20, 0)
		s.Roles = []cadence.RoleHolder{{Role: backend.RoleIC, Person: "alice", Since: utc(11, 20, 22, 0)}}
		r := one(t, cadence.Due(s, p, utc(11, 21, 0, 20)), cadence.KindFatigue)
		if !strings.Contains(r.Title, "for 2 h 20 min (3 h 00 min counting night hours extra)") || !strings.Contains(r.Body, "now") {
			t.Errorf("got %q / %q, want 2 h 20 min real, 3 h weighted, hand off now", r.Title, r.Body)
		}
	})
	t.Run("ResolvedIsQuiet", func(t *testing.T) {
		s := active(backend.SEV1)
		s.Phase, s.ResolvedAt = backend.PhaseResolved, at(200)
		s.Roles = []cadence.RoleHolder{{Role: backend.RoleIC, Person: "alice", Since: at(0)}}
		if got := of(cadence.Due(s, cadence.DefaultPolicy(time.UTC), at(300)), cadence.KindFatigue); len(got) != 0 {
			t.Errorf("got %+v, want none", got)
		}
	})
}
