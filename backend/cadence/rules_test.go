package cadence_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
)

// due is one expected reminder: its key, due time and urgency.
type due struct {
	key     string
	at      time.Time
	urgency cadence.Urgency
}

// checkDue compares the reminders of kind k with want.
func checkDue(t *testing.T, rs []cadence.Reminder, k cadence.Kind, want []due) {
	t.Helper()
	var got []due
	for _, r := range of(rs, k) {
		got = append(got, due{r.Key, r.DueAt, r.Urgency})
		if r.Title == "" || r.Body == "" {
			t.Errorf("%s has empty text: %+v", r.Key, r)
		}
	}
	if !slices.EqualFunc(got, want, func(a, b due) bool { return a.key == b.key && a.at.Equal(b.at) && a.urgency == b.urgency }) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestDueCheckIn(t *testing.T) {
	p := cadence.DefaultPolicy(time.UTC)
	acked := func(sev backend.Severity, acks map[string]time.Time) cadence.State {
		s := active(sev)
		s.Acked = acks
		return s
	}
	logged := active(backend.SEV1)
	logged.LastCheckInAt = at(4)
	tests := []struct {
		name string
		s    cadence.State
		now  time.Time
		want []due
	}{
		{"SEV1NotYet", active(backend.SEV1), at(9), nil},
		{"SEV1Every10", active(backend.SEV1), at(10), []due{{"checkin:20261122T130000Z", at(10), cadence.UrgencyNormal}}},
		{"SEV2Every15", active(backend.SEV2), at(15), []due{{"checkin:20261122T130000Z", at(15), cadence.UrgencyNormal}}},
		{"SEV2NotAt14", active(backend.SEV2), at(14), nil},
		{"SEV3Every30", active(backend.SEV3), at(30), []due{{"checkin:20261122T130000Z", at(30), cadence.UrgencyNormal}}},
		{"SEV4Every30", active(backend.SEV4), at(30), []due{{"checkin:20261122T130000Z", at(30), cadence.UrgencyNormal}}},
		{"AckRestartsCycle", acked(backend.SEV1, map[string]time.Time{"checkin:20261122T130000Z": at(12)}), at(21), nil},
		{"AckedCycleNextDue", acked(backend.SEV1, map[string]time.Time{"checkin:20261122T130000Z": at(12)}), at(22),
			[]due{{"checkin:20261122T131200Z", at(22), cadence.UrgencyNormal}}},
		{"LoggedCheckInCounts", logged, at(14), []due{{"checkin:20261122T130400Z", at(14), cadence.UrgencyNormal}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkDue(t, cadence.Due(tt.s, p, tt.now), cadence.KindCheckIn, tt.want) })
	}
	t.Run("TextReiteratesImpactAndActions", func(t *testing.T) {
		s := active(backend.SEV1)
		s.Impact = "EU customers cannot log in"
		s.Actions = []cadence.Action{{ID: 1, Owner: "bob", Text: "roll back", State: cadence.ActionAcknowledged, AskedAt: at(1), CheckInAt: at(15)}}
		r := one(t, cadence.Due(s, p, at(10)), cadence.KindCheckIn)
		for _, want := range []string{"EU customers cannot log in", "@bob roll back", "13:15"} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("got body %q, want it to mention %q", r.Body, want)
			}
		}
	})
}

func TestDueActions(t *testing.T) {
	p := cadence.DefaultPolicy(time.UTC)
	with := func(as ...cadence.Action) cadence.State {
		s := active(backend.SEV2)
		s.Actions = as
		return s
	}
	asked := cadence.Action{ID: 3, Owner: "alice", Text: "restart the queue", State: cadence.ActionAsked, AskedAt: at(20)}
	ackedCheckIn := cadence.Action{ID: 4, Owner: "bob", Text: "check dashboards", State: cadence.ActionAcknowledged, AskedAt: at(20), AckedAt: at(21), CheckInAt: at(30)}
	done := ackedCheckIn
	done.State, done.ClosedAt = cadence.ActionDone, at(25)
	tests := []struct {
		name     string
		s        cadence.State
		now      time.Time
		wantAck  []due
		wantBack []due
	}{
		{"AckNotYet", with(asked), at(21).Add(59 * time.Second), nil, nil},
		{"NotAckedAfter2Min", with(asked), at(22), []due{{"action-ack:3:20261122T132000Z", at(22), cadence.UrgencyNormal}}, nil},
		{"AcknowledgedNoAckReminder", with(ackedCheckIn), at(29), nil, nil},
		{"CheckInPassed", with(ackedCheckIn), at(30), nil, []due{{"action-checkin:4:20261122T133000Z", at(30), cadence.UrgencyNormal}}},
		{"DoneIsQuiet", with(done), at(40), nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := cadence.Due(tt.s, p, tt.now)
			checkDue(t, rs, cadence.KindActionAck, tt.wantAck)
			checkDue(t, rs, cadence.KindActionCheckIn, tt.wantBack)
		})
	}
	t.Run("AckReminderNamesOwnerAndAction", func(t *testing.T) {
		r := one(t, cadence.Due(with(asked), p, at(22)), cadence.KindActionAck)
		if r.ActionID != 3 || r.Person != "alice" || !strings.Contains(r.Body, "@alice") || !strings.Contains(r.Body, "restart the queue") {
			t.Errorf("got %+v, want action 3 for @alice about restarting the queue", r)
		}
	})
}

func TestDueIdle(t *testing.T) {
	p := cadence.DefaultPolicy(time.UTC)
	with := func(phase backend.Phase, as ...cadence.Action) cadence.State {
		s := active(backend.SEV2)
		s.Phase, s.Actions = phase, as
		return s
	}
	open := cadence.Action{ID: 1, Owner: "bob", Text: "roll back", State: cadence.ActionAcknowledged, AskedAt: at(1), AckedAt: at(2)}
	closed := open
	closed.State, closed.ClosedAt = cadence.ActionDone, at(20)
	tests := []struct {
		name string
		s    cadence.State
		now  time.Time
		want []due
	}{
		{"NoActionNotYet", with(backend.PhaseInvestigating), at(4), nil},
		{"NoActionFor5Min", with(backend.PhaseInvestigating), at(5), []due{{"idle:20261122T130000Z", at(5), cadence.UrgencyNormal}}},
		{"OpenActionIsQuiet", with(backend.PhaseMitigating, open), at(60), nil},
		{"CountsFromLastClosed", with(backend.PhaseIdentified, closed), at(24), nil},
		{"LastClosedPlus5", with(backend.PhaseIdentified, closed), at(25), []due{{"idle:20261122T132000Z", at(25), cadence.UrgencyNormal}}},
		{"MonitoringIsQuiet", with(backend.PhaseMonitoring), at(60), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkDue(t, cadence.Due(tt.s, p, tt.now), cadence.KindIdle, tt.want) })
	}
}

func TestDueWatch(t *testing.T) {
	p := cadence.DefaultPolicy(time.UTC)
	watching := func(length time.Duration) cadence.State {
		s := active(backend.SEV2)
		s.Phase, s.MitigatedAt, s.WatchFor = backend.PhaseMonitoring, at(60), length
		return s
	}
	reopened := watching(0)
	reopened.Phase = backend.PhaseMitigating
	tests := []struct {
		name string
		s    cadence.State
		now  time.Time
		want []due
	}{
		{"NotYet", watching(0), at(74), nil},
		{"Default15Min", watching(0), at(75), []due{{"watch:20261122T141500Z", at(75), cadence.UrgencyNormal}}},
		{"Extended", watching(mins(30)), at(89), nil},
		{"ExtendedEnds", watching(mins(30)), at(90), []due{{"watch:20261122T143000Z", at(90), cadence.UrgencyNormal}}},
		{"ReopenedHasNoWatch", reopened, at(90), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkDue(t, cadence.Due(tt.s, p, tt.now), cadence.KindWatch, tt.want) })
	}
}

func TestDueReview(t *testing.T) {
	utc, ber := cadence.DefaultPolicy(time.UTC), cadence.DefaultPolicy(berlin(t))
	resolvedAt := func(ts time.Time) cadence.State {
		s := active(backend.SEV2)
		s.Phase, s.ResolvedAt = backend.PhaseResolved, ts
		return s
	}
	day := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, time.UTC) }
	tue, thu, fri, friLate := day(17, 10, 0), day(19, 10, 0), day(20, 16, 0), day(20, 23, 30)
	tests := []struct {
		name string
		p    cadence.Policy
		s    cadence.State
		now  time.Time
		want []due
	}{
		{"WeekdayNotYet", utc, resolvedAt(tue), day(18, 9, 59), nil},
		{"Weekday24h", utc, resolvedAt(tue), day(18, 10, 0), []due{{"review:20261117T100000Z", day(18, 10, 0), cadence.UrgencyNormal}}},
		{"WeekdayUrgentAfter2BusinessDays", utc, resolvedAt(tue), day(19, 10, 0), []due{{"review:20261117T100000Z", day(18, 10, 0), cadence.UrgencyUrgent}}},
		{"ThursdayLimitSkipsWeekend", utc, resolvedAt(thu), day(22, 23, 0), []due{{"review:20261119T100000Z", day(20, 10, 0), cadence.UrgencyNormal}}},
		{"ThursdayLimitMonday", utc, resolvedAt(thu), day(23, 10, 0), []due{{"review:20261119T100000Z", day(20, 10, 0), cadence.UrgencyUrgent}}},
		{"FridayNotOnSaturday", utc, resolvedAt(fri), day(21, 16, 0), nil},
		{"FridayDueMonday", utc, resolvedAt(fri), day(23, 16, 0), []due{{"review:20261120T160000Z", day(23, 16, 0), cadence.UrgencyNormal}}},
		{"FridayUrgentTuesday", utc, resolvedAt(fri), day(24, 16, 0), []due{{"review:20261120T160000Z", day(23, 16, 0), cadence.UrgencyUrgent}}},
		// 23:30 UTC on Friday is 00:30 Saturday in Berlin: a Berlin team's
		// weekend ends a day earlier in UTC than a UTC team's.
		{"LocalWeekendUTC", utc, resolvedAt(friLate), day(23, 23, 30), []due{{"review:20261120T233000Z", day(23, 23, 30), cadence.UrgencyNormal}}},
		{"LocalWeekendBerlin", ber, resolvedAt(friLate), day(22, 23, 30), []due{{"review:20261120T233000Z", day(22, 23, 30), cadence.UrgencyNormal}}},
		{"ActiveHasNone", utc, active(backend.SEV2), day(24, 0, 0), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkDue(t, cadence.Due(tt.s, tt.p, tt.now), cadence.KindReview, tt.want) })
	}
}

func TestDueGDPR(t *testing.T) {
	p := cadence.DefaultPolicy(time.UTC)
	aware := at(30)
	breach := func(phase backend.Phase) cadence.State {
		s := active(backend.SEV1)
		s.Phase, s.Security, s.BecameAwareAt = phase, true, aware
		return s
	}
	notSecurity := breach(backend.PhaseInvestigating)
	notSecurity.Security = false
	key := "gdpr:20261122T133000Z"
	tests := []struct {
		name string
		s    cadence.State
		now  time.Time
		want []due
	}{
		{"QuietFirst48h", breach(backend.PhaseInvestigating), aware.Add(48*time.Hour - time.Second), nil},
		{"Warn24hBefore", breach(backend.PhaseInvestigating), aware.Add(48 * time.Hour), []due{{key, aware.Add(48 * time.Hour), cadence.UrgencyNormal}}},
		{"Urgent6hBefore", breach(backend.PhaseMonitoring), aware.Add(66 * time.Hour), []due{{key, aware.Add(48 * time.Hour), cadence.UrgencyUrgent}}},
		{"RunsAfterResolve", breach(backend.PhaseResolved), aware.Add(50 * time.Hour), []due{{key, aware.Add(48 * time.Hour), cadence.UrgencyNormal}}},
		{"NotSecurity", notSecurity, aware.Add(70 * time.Hour), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkDue(t, cadence.Due(tt.s, p, tt.now), cadence.KindGDPR, tt.want) })
	}
	t.Run("TextGivesDeadline", func(t *testing.T) {
		r := one(t, cadence.Due(breach(backend.PhaseResolved), p, aware.Add(60*time.Hour)), cadence.KindGDPR)
		if !strings.Contains(r.Title, "12 h") || !strings.Contains(r.Body, "Wed 25 Nov 13:30 UTC") {
			t.Errorf("got title %q body %q, want 12 h left and the deadline Wed 25 Nov 13:30 UTC", r.Title, r.Body)
		}
	})
}

func TestReminderOrderAndOwnerless(t *testing.T) {
	t0 := time.Date(2026, 11, 24, 14, 0, 0, 0, time.UTC)
	s := cadence.State{IncidentID: 1, Severity: backend.SEV2, Phase: backend.PhaseInvestigating, DeclaredAt: t0}
	p := cadence.DefaultPolicy(time.UTC)
	t.Run("StatusBeforeIdleWhenDueTogether", func(t *testing.T) {
		rs := cadence.Due(s, p, t0.Add(5*time.Minute))
		if len(rs) < 2 || rs[0].Kind != cadence.KindStatus {
			t.Fatalf("got kinds %v, want the status update first", kinds(rs))
		}
	})
	t.Run("ActionWithoutOwner", func(t *testing.T) {
		s := s
		s.Actions = []cadence.Action{{ID: 7, Text: "check the dashboards", State: cadence.ActionAsked, AskedAt: t0}}
		found := false
		for _, r := range cadence.Due(s, p, t0.Add(3*time.Minute)) {
			if r.Kind != cadence.KindActionAck {
				continue
			}
			found = true
			if strings.Contains(r.Body, "@ ") || !strings.Contains(r.Body, "Nobody named") {
				t.Errorf("body %q, want it to say nobody is named", r.Body)
			}
		}
		if !found {
			t.Error("no acknowledgement reminder for an unacknowledged action")
		}
	})
}

func kinds(rs []cadence.Reminder) (out []cadence.Kind) {
	for _, r := range rs {
		out = append(out, r.Kind)
	}
	return out
}
