package app_test

import (
	"context"
	"testing"
	"time"

	"bridgelog/app"
	"bridgelog/backend"
)

// bound is the clocks bindings over a real database in a temporary folder.
type bound struct {
	inc      *backend.Incident
	changed  []int64
	actions  *app.Actions
	rem      *app.Reminders
	status   *app.Status
	handoff  *app.Handoff
	watch    *app.Watch
	security *app.Security
	paging   *app.Paging
	timeline *app.Timeline
}

func mustBind(tb testing.TB) *bound {
	tb.Helper()
	clock := &backend.FixedClock{T: time.Date(2026, 11, 22, 13, 0, 0, 0, time.UTC)}
	w := wired(tb, clock)
	b := &bound{}
	incidents, svc := w.Incidents, w.Clocks
	svc.Changed = func(id int64) { b.changed = append(b.changed, id) }
	b.actions, b.status, b.handoff = &app.Actions{Service: svc}, &app.Status{Service: svc}, &app.Handoff{Service: svc}
	b.watch, b.security, b.paging = &app.Watch{Service: svc}, &app.Security{Service: svc}, &app.Paging{Service: svc}
	b.rem = &app.Reminders{Service: svc, App: app.New()}
	b.timeline = &app.Timeline{Service: w.Timeline, Entries: w.Entries, Settings: w.Settings,
		Changed: func(id int64) { b.changed = append(b.changed, id) }}
	inc, err := incidents.CreateIncident(context.Background(), backend.IncidentCreate{Title: "Checkout errors", Severity: backend.SEV2})
	if err != nil {
		tb.Fatal(err)
	}
	b.inc = inc
	return b
}

func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := backend.ErrorCode(err); got != code {
		tb.Errorf("got %v (code %q), want code %q", err, got, code)
	}
}

func TestBindings_Validate(t *testing.T) {
	b := mustBind(t)
	id := b.inc.ID
	_, err := b.actions.Create(id, "sam jones", "restart", 0)
	wantCode(t, err, backend.EINVALID)
	_, err = b.actions.Create(id, "@sam", " ", 0)
	wantCode(t, err, backend.EINVALID)
	_, err = b.actions.Create(id, "@sam", "restart", -1)
	wantCode(t, err, backend.EINVALID)
	wantCode(t, b.rem.Snooze(id, "k", 0), backend.EINVALID)
	wantCode(t, b.rem.Ack(id, " "), backend.EINVALID)
	_, err = b.status.Draft(id, "press")
	wantCode(t, err, backend.EINVALID)
	_, err = b.status.Record(id, "", "external", 0)
	wantCode(t, err, backend.EINVALID)
	_, err = b.handoff.Brief(id, "boss")
	wantCode(t, err, backend.EINVALID)
	_, err = b.handoff.Complete(id, "ic", " ", "brief")
	wantCode(t, err, backend.EINVALID)
	_, err = b.security.Set(id, true, "yesterday")
	wantCode(t, err, backend.EINVALID)
	_, err = b.security.Unlock(id, "2026-11-22T12:00:00Z", " ")
	wantCode(t, err, backend.EINVALID)
	_, err = b.paging.Page(id, "", 1)
	wantCode(t, err, backend.EINVALID)
	_, err = b.watch.Extend(id, 0)
	wantCode(t, err, backend.EINVALID)
	if len(b.changed) != 0 {
		t.Errorf("got %d change notices from refused calls, want none", len(b.changed))
	}
}

func TestBindings_OK(t *testing.T) {
	b := mustBind(t)
	id := b.inc.ID
	a, err := b.actions.Create(id, "@sam", "restart the queue", 10)
	if err != nil || a.Owner != "sam" {
		t.Fatalf("got %+v, %v; want sam's action", a, err)
	}
	if a, err = b.actions.Ack(a.ID); err != nil || a.State != backend.ActionAcknowledged {
		t.Errorf("got %+v, %v; want acknowledged", a, err)
	}
	d, err := b.status.Draft(id, "")
	if err != nil || d.Audience != backend.AudienceInternal {
		t.Errorf("got %+v, %v; want an internal draft by default", d, err)
	}
	if _, err := b.security.Set(id, true, "2026-11-22T12:00:00+01:00"); err != nil {
		t.Error(err)
	}
	if _, err := b.watch.Start(id, 0, nil); err != nil {
		t.Error(err)
	}
	if len(b.changed) < 4 {
		t.Errorf("got %d change notices, want one per change", len(b.changed))
	}
}

func TestTimeline_MitigationInProgress(t *testing.T) {
	b := mustBind(t)
	id := b.inc.ID
	if m, err := b.timeline.MitigationInProgress(id); err != nil || m != nil {
		t.Fatalf("got %+v, %v; want none yet", m, err)
	}
	first, err := b.timeline.Add(id, "m: failover to eu-west", "")
	if err != nil {
		t.Fatal(err)
	}
	if m, err := b.timeline.MitigationInProgress(id); err != nil || m == nil || m.ID != first.ID {
		t.Fatalf("got %+v, %v; want the failover in progress", m, err)
	}
	second, err := b.timeline.Add(id, "m: scale out", "")
	if err != nil || second.Overrode != first.ID {
		t.Errorf("got %+v, %v; want the override of %d recorded", second, err, first.ID)
	}
	if len(b.changed) != 2 {
		t.Errorf("got %d change notices, want one per added line", len(b.changed))
	}
}
