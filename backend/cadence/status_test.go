package cadence_test

import (
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
)

func TestDueStatus(t *testing.T) {
	p := cadence.DefaultPolicy(time.UTC)
	withLast := func(sev backend.Severity, last, promised time.Time) cadence.State {
		s := active(sev)
		s.LastStatusAt, s.NextStatusAt = last, promised
		return s
	}
	resolved := active(backend.SEV1)
	resolved.Phase, resolved.ResolvedAt = backend.PhaseResolved, at(3)
	tests := []struct {
		name        string
		s           cadence.State
		now         time.Time
		wantDue     time.Time // zero: no status reminder
		wantUrgency cadence.Urgency
		wantKey     string
	}{
		{"FirstNotYet", active(backend.SEV1), at(4), time.Time{}, "", ""},
		{"FirstWithin5Min", active(backend.SEV1), at(5), at(5), cadence.UrgencyNormal, "status:first:20261122T130000Z"},
		{"FirstUrgent5MinLater", active(backend.SEV1), at(10), at(5), cadence.UrgencyUrgent, "status:first:20261122T130000Z"},
		{"FirstStillNormalJustBeforeUrgent", active(backend.SEV4), at(10).Add(-time.Second), at(5), cadence.UrgencyNormal, "status:first:20261122T130000Z"},
		{"SEV1Every20", withLast(backend.SEV1, at(6), time.Time{}), at(26), at(26), cadence.UrgencyNormal, "status:20261122T130600Z"},
		{"SEV2Every20NotYet", withLast(backend.SEV2, at(6), time.Time{}), at(25), time.Time{}, "", ""},
		{"SEV3Every30", withLast(backend.SEV3, at(6), time.Time{}), at(36), at(36), cadence.UrgencyNormal, "status:20261122T130600Z"},
		{"SEV4Every60", withLast(backend.SEV4, at(6), time.Time{}), at(66), at(66), cadence.UrgencyNormal, "status:20261122T130600Z"},
		{"SEV4NotAt30", withLast(backend.SEV4, at(6), time.Time{}), at(36), time.Time{}, "", ""},
		{"EarlierPromiseWinsInWindow", withLast(backend.SEV1, at(30), at(40)), at(40), at(40), cadence.UrgencyNormal, "status:20261122T133000Z"},
		{"LaterPromiseLosesInWindow", withLast(backend.SEV1, at(30), at(90)), at(50), at(50), cadence.UrgencyNormal, "status:20261122T133000Z"},
		{"AfterWindowPromisedTime", withLast(backend.SEV1, at(130), at(200)), at(200), at(200), cadence.UrgencyNormal, "status:20261122T151000Z"},
		{"AfterWindowNotBeforePromise", withLast(backend.SEV1, at(130), at(200)), at(150), time.Time{}, "", ""},
		{"AfterWindowDefault60", withLast(backend.SEV1, at(130), time.Time{}), at(190), at(190), cadence.UrgencyNormal, "status:20261122T151000Z"},
		{"PromiseInThePastIgnored", withLast(backend.SEV1, at(130), at(120)), at(190), at(190), cadence.UrgencyNormal, "status:20261122T151000Z"},
		{"ResolvedHasNone", resolved, at(60), time.Time{}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := of(cadence.Due(tt.s, p, tt.now), cadence.KindStatus)
			if tt.wantDue.IsZero() {
				if len(got) != 0 {
					t.Fatalf("got %+v, want no status reminder", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("got %d status reminders, want 1", len(got))
			}
			r := got[0]
			if !r.DueAt.Equal(tt.wantDue) || r.Urgency != tt.wantUrgency || r.Key != tt.wantKey {
				t.Errorf("got due %v %s key %q, want %v %s key %q", r.DueAt, r.Urgency, r.Key, tt.wantDue, tt.wantUrgency, tt.wantKey)
			}
			if r.IncidentID != 7 || r.Title == "" || !strings.Contains(r.Body, "Ctrl+U") {
				t.Errorf("got incident %d title %q body %q, want incident 7 and actionable text", r.IncidentID, r.Title, r.Body)
			}
		})
	}
}

// TestStatusUpdateAtDeclaring records the first update stamped at the very
// instant of declaring, after the first reminder was acknowledged: the next
// cycle is an instance of its own and does not inherit that acknowledgement.
func TestStatusUpdateAtDeclaring(t *testing.T) {
	p := cadence.DefaultPolicy(time.UTC)
	s := active(backend.SEV1)
	first := one(t, cadence.Due(s, p, at(5)), cadence.KindStatus)
	s.Acked = map[string]time.Time{first.Key: at(5)}
	s.LastStatusAt = t0
	r := one(t, cadence.Due(s, p, at(20)), cadence.KindStatus)
	if r.Key == first.Key || !r.DueAt.Equal(at(20)) {
		t.Errorf("got key %q due %v, want a new key (not %q) due %v", r.Key, r.DueAt, first.Key, at(20))
	}
}

// TestSeverityChangeTightens raises severity mid-cycle: the cycle in progress
// takes the new, shorter interval at once.
func TestSeverityChangeTightens(t *testing.T) {
	p := cadence.DefaultPolicy(time.UTC)
	// A quiet call: an update at +1 min and an acknowledged action, so the
	// check-in is the next thing to happen.
	calm := func(sev backend.Severity) cadence.State {
		s := active(sev)
		s.LastStatusAt = at(1)
		s.Actions = []cadence.Action{{ID: 1, Owner: "bob", Text: "restart the queue", State: cadence.ActionAcknowledged, AskedAt: at(1), AckedAt: at(1)}}
		return s
	}
	sev3 := calm(backend.SEV3)
	sev3.LastStatusAt = at(10)
	tests := []struct {
		name string
		s    cadence.State
		now  time.Time
		want time.Time
	}{
		{"CheckInSEV2", calm(backend.SEV2), at(2), at(15)},
		{"CheckInSEV1", calm(backend.SEV1), at(2), at(10)},
		{"StatusSEV3", sev3, at(31), at(40)},
	}
	for _, tt := range tests {
		t.Run("Next"+tt.name, func(t *testing.T) {
			if got := cadence.Next(tt.s, p, tt.now); !got.Equal(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("CheckInSEV2ToSEV1DueNow", func(t *testing.T) {
		s := calm(backend.SEV2)
		if got := of(cadence.Due(s, p, at(12)), cadence.KindCheckIn); len(got) != 0 {
			t.Fatalf("SEV2 at +12: got %+v, want no check-in yet", got)
		}
		s.Severity = backend.SEV1
		r := one(t, cadence.Due(s, p, at(12)), cadence.KindCheckIn)
		if want := at(10); !r.DueAt.Equal(want) {
			t.Errorf("got due %v, want %v", r.DueAt, want)
		}
	})
	t.Run("StatusSEV3ToSEV1DueNow", func(t *testing.T) {
		s := sev3
		s.Severity = backend.SEV1
		r := one(t, cadence.Due(s, p, at(31)), cadence.KindStatus)
		if want := at(30); !r.DueAt.Equal(want) || r.Key != "status:20261122T131000Z" {
			t.Errorf("got due %v key %q, want %v in the same cycle", r.DueAt, r.Key, want)
		}
	})
}

// TestStatusDST runs a status cycle across Berlin's spring-forward night
// (2026-03-29, 02:00 CET becomes 03:00 CEST): the interval is 20 real minutes
// even though the wall clock jumps an hour and twenty.
func TestStatusDST(t *testing.T) {
	p := cadence.DefaultPolicy(berlin(t))
	s := active(backend.SEV1)
	s.DeclaredAt = time.Date(2026, 3, 29, 0, 50, 0, 0, time.UTC) // 01:50 CET
	s.LastStatusAt = time.Date(2026, 3, 29, 0, 55, 0, 0, time.UTC)
	want := time.Date(2026, 3, 29, 1, 15, 0, 0, time.UTC) // 03:15 CEST
	t.Run("NotDueOneSecondBefore", func(t *testing.T) {
		if got := of(cadence.Due(s, p, want.Add(-time.Second)), cadence.KindStatus); len(got) != 0 {
			t.Errorf("got %+v, want none", got)
		}
	})
	t.Run("DueAfter20RealMinutes", func(t *testing.T) {
		r := one(t, cadence.Due(s, p, want), cadence.KindStatus)
		if !r.DueAt.Equal(want) {
			t.Errorf("got %v, want %v", r.DueAt, want)
		}
		if !strings.Contains(r.Title, "03:15 CEST") || !strings.Contains(r.Body, "01:55 CET") {
			t.Errorf("got title %q body %q, want local times 03:15 CEST and 01:55 CET", r.Title, r.Body)
		}
	})
}
