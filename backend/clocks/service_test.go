package clocks_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
	"bridgelog/backend/clocks"
	"bridgelog/backend/sqlite"
)

type fixture struct {
	svc     *clocks.Service
	clock   *backend.FixedClock
	inc     *backend.Incident
	changed []int64
}

// mustService opens a real database in a temporary folder and starts a SEV2
// incident at t0 with the service's clock pinned there.
func mustService(tb testing.TB) *fixture {
	tb.Helper()
	f := &fixture{clock: &backend.FixedClock{T: t0}}
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "bridgelog.db"), f.clock)
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	f.svc = &clocks.Service{
		Calls: sqlite.NewCallService(db), Incidents: sqlite.NewIncidentService(db), Entries: sqlite.NewEntryService(db),
		Clock: f.clock, Policy: func() cadence.Policy { return policy }, Me: func() string { return "Priya" },
		EscalationPath: func() []string { return []string{"sam", "jo"} }, TimeScale: 1,
		Changed: func(id int64) { f.changed = append(f.changed, id) },
	}
	inc, err := f.svc.Incidents.CreateIncident(context.Background(), backend.IncidentCreate{Title: "Checkout errors", Severity: backend.SEV2, Author: "Priya"})
	if err != nil {
		tb.Fatal(err)
	}
	f.inc = inc
	return f
}

// board fetches the incident's board or fails.
func (f *fixture) board(tb testing.TB) *clocks.Board {
	tb.Helper()
	b, err := f.svc.Board(context.Background(), f.inc.ID)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestService(t *testing.T) {
	ctx := context.Background()

	t.Run("StatusCycleResets", func(t *testing.T) {
		f := mustService(t)
		f.clock.Advance(6 * time.Minute)
		rs, err := f.svc.Reminders(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(rs, func(r cadence.Reminder) bool { return r.Kind == cadence.KindStatus }) {
			t.Fatalf("got %+v, want the first-update reminder among them", rs)
		}
		if _, err := f.svc.RecordStatus(ctx, f.inc.ID, "We are investigating checkout errors.", backend.AudienceExternal, 0); err != nil {
			t.Fatal(err)
		}
		b := f.board(t)
		if !b.Status.DueAt.Equal(at(26)) || !b.Status.PromisedAt.Equal(at(26)) || b.Status.State != clocks.StateOK {
			t.Errorf("got %+v, want the next update due at +26 (20 min for SEV2)", b.Status)
		}
		if _, err := f.svc.RecordStatus(ctx, f.inc.ID, "Still on it.", backend.AudienceInternal, 10); err != nil {
			t.Fatal(err)
		}
		if b := f.board(t); !b.Status.DueAt.Equal(at(16)) {
			t.Errorf("got due %v, want the promised +16", b.Status.DueAt)
		}
		if len(f.changed) != 2 {
			t.Errorf("got %d change notices, want 2", len(f.changed))
		}
	})

	t.Run("ActionsFromTheBoard", func(t *testing.T) {
		f := mustService(t)
		a, err := f.svc.CreateAction(ctx, f.inc.ID, "sam", "restart the queue", 10)
		if err != nil {
			t.Fatal(err)
		}
		if a.Owner != "sam" || a.State != backend.ActionAsked || !a.CheckInAt.Equal(at(10)) {
			t.Errorf("got %+v, want an asked action for sam with a check-in at +10", a)
		}
		e, err := f.svc.Entries.FindEntry(ctx, a.EntryID)
		if err != nil {
			t.Fatal(err)
		}
		if e.Raw != "a: @sam restart the queue 10m" || backend.Parse(e.Raw).CheckIn != 10 {
			t.Errorf("got raw %q, want the scribe's own line", e.Raw)
		}
		f.clock.Advance(2 * time.Minute)
		rs, _ := f.svc.Reminders(ctx, f.inc.ID)
		if i := slices.IndexFunc(rs, func(r cadence.Reminder) bool { return r.Kind == cadence.KindActionAck }); i < 0 {
			t.Fatalf("got %+v, want an acknowledgement reminder after 2 min", rs)
		} else if err := f.svc.Ack(ctx, f.inc.ID, rs[i].Key); err != nil {
			t.Fatal(err)
		}
		rs, _ = f.svc.Reminders(ctx, f.inc.ID)
		if slices.ContainsFunc(rs, func(r cadence.Reminder) bool { return r.Kind == cadence.KindActionAck }) {
			t.Errorf("got %+v, want the acknowledged reminder gone", rs)
		}
		if a, err = f.svc.SetActionState(ctx, a.ID, backend.ActionAcknowledged); err != nil || a.State != backend.ActionAcknowledged {
			t.Fatalf("got %+v, %v; want acknowledged", a, err)
		}
		if a, err = f.svc.SetActionCheckIn(ctx, a.ID, 15); err != nil || !a.CheckInAt.Equal(at(17)) {
			t.Errorf("got %+v, %v; want a check-in at +17", a, err)
		}
	})

	t.Run("Snooze", func(t *testing.T) {
		f := mustService(t)
		f.clock.Advance(6 * time.Minute)
		rs, _ := f.svc.Reminders(ctx, f.inc.ID)
		for _, r := range rs {
			if err := f.svc.Snooze(ctx, f.inc.ID, r.Key, 5); err != nil {
				t.Fatal(err)
			}
		}
		if rs, _ := f.svc.Reminders(ctx, f.inc.ID); len(rs) != 0 {
			t.Errorf("got %+v, want nothing while snoozed", rs)
		}
		f.clock.Advance(5 * time.Minute)
		if rs, _ := f.svc.Reminders(ctx, f.inc.ID); len(rs) == 0 {
			t.Error("got nothing, want the snoozed reminders back after 5 min")
		}
	})

	t.Run("Watch", func(t *testing.T) {
		f := mustService(t)
		if _, err := f.svc.TickWatch(ctx, f.inc.ID, 0, true); backend.ErrorCode(err) != backend.ECONFLICT {
			t.Errorf("got %v ticking without a watch, want a conflict", err)
		}
		f.clock.Advance(30 * time.Minute)
		w, err := f.svc.StartWatch(ctx, f.inc.ID, 20, []string{"5xx below 0.1%", " ", "no new reports"})
		if err != nil {
			t.Fatal(err)
		}
		if w.Minutes != 20 || !w.StartedAt.Equal(at(30)) || len(w.Criteria) != 2 {
			t.Fatalf("got %+v, want a 20 min watch from +30 with two criteria", w)
		}
		f.clock.Advance(time.Minute)
		if w, err = f.svc.TickWatch(ctx, f.inc.ID, 1, true); err != nil || !w.Criteria[1].Done || w.Criteria[1].DoneBy != "Priya" {
			t.Errorf("got %+v, %v; want the second criterion ticked by Priya", w, err)
		}
		if _, err = f.svc.TickWatch(ctx, f.inc.ID, 2, true); backend.ErrorCode(err) != backend.EINVALID {
			t.Errorf("got %v for a third criterion, want invalid", err)
		}
		if w, err = f.svc.ExtendWatch(ctx, f.inc.ID, 10); err != nil || w.Minutes != 30 || !w.DueAt.Equal(at(60)) || !w.Criteria[1].Done {
			t.Errorf("got %+v, %v; want 30 min ending at +60, ticks kept", w, err)
		}
		inc, err := f.svc.EndWatch(ctx, f.inc.ID, true)
		if err != nil || inc.Phase != backend.PhaseResolved {
			t.Fatalf("got %+v, %v; want resolved", inc, err)
		}
		if b := f.board(t); b.Review == nil || b.Watch != nil {
			t.Errorf("got review %v watch %v, want the review clock and no watch", b.Review, b.Watch)
		}
	})

	t.Run("PhaseMonitoringStartsDefaultWatch", func(t *testing.T) {
		f := mustService(t)
		phase := backend.PhaseMonitoring
		if _, err := f.svc.Incidents.UpdateIncident(ctx, f.inc.ID, backend.IncidentUpdate{Phase: &phase}); err != nil {
			t.Fatal(err)
		}
		if w := f.board(t).Watch; w == nil || w.Minutes != 15 || len(w.Criteria) != len(clocks.DefaultWatchCriteria) {
			t.Errorf("got %+v, want the default 15 min watch", w)
		}
		inc, err := f.svc.EndWatch(ctx, f.inc.ID, false)
		if err != nil || inc.Phase != backend.PhaseInvestigating {
			t.Errorf("got %+v, %v; want reopened to investigating", inc, err)
		}
	})

	t.Run("Security", func(t *testing.T) {
		f := mustService(t)
		sec, err := f.svc.SetSecurity(ctx, f.inc.ID, true, at(-60))
		if err != nil || !sec.BecameAwareAt.Equal(at(-60)) {
			t.Fatalf("got %+v, %v; want aware an hour before declaring", sec, err)
		}
		if b := f.board(t); b.Regulatory == nil || !b.Regulatory.DueAt.Equal(at(-60).Add(72*time.Hour)) {
			t.Errorf("got %+v, want the 72 h deadline", b.Regulatory)
		}
		if _, err := f.svc.SetSecurity(ctx, f.inc.ID, true, at(-30)); backend.ErrorCode(err) != backend.ECONFLICT {
			t.Errorf("got %v, want the locked time refused", err)
		}
		if sec, err = f.svc.UnlockAwareTime(ctx, f.inc.ID, at(-30), "misread the alert time"); err != nil || !sec.On || !sec.BecameAwareAt.Equal(at(-30)) {
			t.Errorf("got %+v, %v; want the time changed and the flag kept", sec, err)
		}
		if sec, err = f.svc.TickSecurity(ctx, f.inc.ID, "marketing_zero_day", true); err != nil || !sec.Checklist[4].Done {
			t.Errorf("got %+v, %v; want the zero-day item done", sec.Checklist, err)
		}
	})

	t.Run("Paging", func(t *testing.T) {
		f := mustService(t)
		p, err := f.svc.Page(ctx, f.inc.ID, "sam", 0)
		if err != nil || p.Level != 1 {
			t.Fatalf("got %+v, %v; want sam at level 1 from the path", p, err)
		}
		if _, err := f.svc.AnswerPage(ctx, p.ID, backend.PageNoAnswer); err != nil {
			t.Fatal(err)
		}
		pg, err := f.svc.Paging(ctx, f.inc.ID)
		if err != nil || pg.Next != "jo" || pg.NextLevel != 2 {
			t.Errorf("got %+v, %v; want jo next at level 2", pg, err)
		}
		if p, err = f.svc.Page(ctx, f.inc.ID, "vendor support", 0); err != nil || p.Level != 2 {
			t.Errorf("got %+v, %v; want someone off the path one level past the highest", p, err)
		}
	})

	t.Run("Handoff", func(t *testing.T) {
		f := mustService(t)
		if _, err := f.svc.Entries.CreateEntry(ctx, backend.EntryCreate{IncidentID: f.inc.ID, Line: backend.Parse("ic: Priya"), OccurredAt: t0}); err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(61 * time.Minute)
		if b := f.board(t); b.Roles[0].Fatigue != clocks.FatigueGentle {
			t.Errorf("got %+v, want a gentle fatigue prompt after an hour", b.Roles[0])
		}
		brief, err := f.svc.Brief(ctx, f.inc.ID, backend.RoleIC)
		if err != nil || brief.Outgoing != "Priya" {
			t.Fatalf("got %+v, %v; want Priya's brief", brief, err)
		}
		if _, err := f.svc.CompleteHandoff(ctx, f.inc.ID, backend.RoleIC, "Jo", brief.Text); err != nil {
			t.Fatal(err)
		}
		if r := f.board(t).Roles[0]; r.Person != "Jo" || r.Minutes != 0 || r.Fatigue != clocks.FatigueOK {
			t.Errorf("got %+v, want Jo fresh in the role", r)
		}
	})

	t.Run("StatesSkipOldIncidents", func(t *testing.T) {
		f := mustService(t)
		phase := backend.PhaseResolved
		if _, err := f.svc.Incidents.UpdateIncident(ctx, f.inc.ID, backend.IncidentUpdate{Phase: &phase}); err != nil {
			t.Fatal(err)
		}
		if st, err := f.svc.States(ctx); err != nil || len(st) != 1 {
			t.Errorf("got %d states, %v; want the resolved incident while its review is due", len(st), err)
		}
		f.clock.Advance(clocks.LiveFor + time.Minute)
		if st, err := f.svc.States(ctx); err != nil || len(st) != 0 {
			t.Errorf("got %d states, %v; want none a week after resolving", len(st), err)
		}
	})
}
