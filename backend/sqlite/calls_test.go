package sqlite_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

func TestCallService_RecordStatus(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		db, clock := MustOpenDB(t)
		calls := sqlite.NewCallService(db)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		MustCreateEntry(t, db, inc.ID, "status: typed by the scribe", at(time.Minute))
		clock.Advance(4 * time.Minute)
		e, err := calls.RecordStatus(ctx, inc.ID, "SEV2: EU logins failing", backend.AudienceInternal, clock.T.Add(20*time.Minute), "Priya")
		if err != nil {
			t.Fatal(err)
		}
		if e.Kind != backend.KindStatus || !e.Internal || e.Raw != "int: status: SEV2: EU logins failing" || !e.OccurredAt.Equal(clock.T) {
			t.Errorf("got entry %+v, want an internal status entry stamped now", e)
		}
		snap, err := calls.Snapshot(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []backend.StatusUpdate{
			{EntryID: e.ID - 1, Audience: backend.AudienceExternal, SentAt: at(time.Minute), Text: "typed by the scribe"},
			{EntryID: e.ID, Audience: backend.AudienceInternal, SentAt: clock.T, NextAt: clock.T.Add(20 * time.Minute), Text: "SEV2: EU logins failing"},
		}
		if !slices.Equal(snap.Updates, want) {
			t.Errorf("got  %+v\nwant %+v", snap.Updates, want)
		}
	})
	t.Run("ErrEmpty", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		_, err := sqlite.NewCallService(db).RecordStatus(ctx, inc.ID, "  ", backend.AudienceExternal, time.Time{}, "Priya")
		wantError(t, err, backend.EINVALID, "empty")
	})
}

func TestCallService_Watch(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		calls := sqlite.NewCallService(db)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		start := MustCreateEntry(t, db, inc.ID, "phase: monitoring", at(10*time.Minute))
		rec := backend.WatchRecord{StartEntryID: start.ID, Minutes: 30, Criteria: []backend.WatchCriterion{
			{Text: "5xx below 0.1%", Done: true, DoneAt: at(12 * time.Minute), DoneBy: "Priya"}, {Text: "No new reports"}}}
		if err := calls.SaveWatch(ctx, inc.ID, rec, "Monitoring watch extended", "Priya"); err != nil {
			t.Fatal(err)
		}
		snap, err := calls.Snapshot(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(snap.Watches) != 1 || snap.Watches[0].Minutes != 30 || !slices.Equal(snap.Watches[0].Criteria, rec.Criteria) {
			t.Errorf("got %+v, want %+v", snap.Watches, rec)
		}
	})
	t.Run("ErrNotAWatchStart", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		e := MustCreateEntry(t, db, inc.ID, "d: roll back", at(time.Minute))
		err := sqlite.NewCallService(db).SaveWatch(ctx, inc.ID, backend.WatchRecord{StartEntryID: e.ID, Minutes: 15}, "", "Priya")
		wantError(t, err, backend.EINVALID, "does not start a monitoring watch")
	})
}

func TestCallService_Security(t *testing.T) {
	ctx := context.Background()
	t.Run("LockedOnceSet", func(t *testing.T) {
		db, clock := MustOpenDB(t)
		calls := sqlite.NewCallService(db)
		inc := MustCreateIncident(t, db, "Customer data exposed", backend.SEV1)
		sec, err := calls.SetSecurity(ctx, inc.ID, true, time.Time{}, false, "", "Priya")
		if err != nil {
			t.Fatal(err)
		}
		if !sec.On || !sec.Locked || !sec.BecameAwareAt.Equal(clock.T) || len(sec.Checklist) != len(backend.SecurityChecklist) {
			t.Fatalf("got %+v, want flagged, aware now, locked, full checklist", sec)
		}
		_, err = calls.SetSecurity(ctx, inc.ID, true, at(-time.Hour), false, "", "Priya")
		wantError(t, err, backend.ECONFLICT, "locked")
		_, err = calls.SetSecurity(ctx, inc.ID, true, at(-time.Hour), true, "", "Priya")
		wantError(t, err, backend.EINVALID, "why")
		sec, err = calls.SetSecurity(ctx, inc.ID, true, at(-time.Hour), true, "the alert fired an hour earlier", "Priya")
		if err != nil {
			t.Fatal(err)
		}
		if !sec.BecameAwareAt.Equal(at(-time.Hour)) {
			t.Errorf("got aware %v, want %v", sec.BecameAwareAt, at(-time.Hour))
		}
		// Unflagging keeps the time for the record.
		if sec, err = calls.SetSecurity(ctx, inc.ID, false, time.Time{}, false, "", "Priya"); err != nil {
			t.Fatal(err)
		} else if sec.On || !sec.BecameAwareAt.Equal(at(-time.Hour)) {
			t.Errorf("got %+v, want off with the time kept", sec)
		}
		list, _ := sqlite.NewEntryService(db).ListEntries(ctx, inc.ID)
		var notes []string
		for _, e := range list[1:] {
			notes = append(notes, e.Text[:20])
		}
		if want := []string{"Flagged as a securit", "Became-aware time un", "No longer flagged as"}; !slices.Equal(notes, want) {
			t.Errorf("got notes %q, want %q", notes, want)
		}
	})
	t.Run("Tick", func(t *testing.T) {
		db, clock := MustOpenDB(t)
		calls := sqlite.NewCallService(db)
		inc := MustCreateIncident(t, db, "Customer data exposed", backend.SEV1)
		sec, err := calls.TickSecurity(ctx, inc.ID, "legal_insurance", true, "Priya")
		if err != nil {
			t.Fatal(err)
		}
		if c := sec.Checklist[2]; c.Key != "legal_insurance" || !c.Done || !c.DoneAt.Equal(clock.T) || c.DoneBy != "Priya" {
			t.Errorf("got %+v, want legal_insurance done now by Priya", c)
		}
		if sec, err = calls.TickSecurity(ctx, inc.ID, "legal_insurance", false, "Priya"); err != nil {
			t.Fatal(err)
		} else if sec.Checklist[2].Done {
			t.Errorf("got %+v, want it unticked", sec.Checklist[2])
		}
		_, err = calls.TickSecurity(ctx, inc.ID, "press_release", true, "Priya")
		wantError(t, err, backend.EINVALID, "Unknown checklist item")
	})
}

func TestCallService_Pages(t *testing.T) {
	ctx := context.Background()
	db, clock := MustOpenDB(t)
	calls := sqlite.NewCallService(db)
	inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
	p, err := calls.Page(ctx, inc.ID, " sam ", 1, "Priya")
	if err != nil {
		t.Fatal(err)
	}
	if !backend.ValidID(p.UID) {
		t.Errorf("got uid %q, want a ULID", p.UID)
	}
	want := backend.Page{ID: p.ID, UID: p.UID, IncidentID: inc.ID, Person: "sam", Level: 1, State: backend.PagePaged, PagedAt: clock.T}
	if *p != want {
		t.Errorf("got %+v, want %+v", *p, want)
	}
	clock.Advance(5 * time.Minute)
	if p, err = calls.AnswerPage(ctx, p.ID, backend.PageNoAnswer, "Priya"); err != nil {
		t.Fatal(err)
	} else if p.State != backend.PageNoAnswer || !p.AnsweredAt.Equal(clock.T) {
		t.Errorf("got %+v, want no answer now", p)
	}
	_, err = calls.AnswerPage(ctx, p.ID, backend.PageJoined, "Priya")
	wantError(t, err, backend.ECONFLICT, "already answered")
	_, err = calls.Page(ctx, inc.ID, "jo", 0, "Priya")
	wantError(t, err, backend.EINVALID, "starts at 1")
}

func TestCallService_ReminderLog(t *testing.T) {
	ctx := context.Background()
	db, clock := MustOpenDB(t)
	calls := sqlite.NewCallService(db)
	inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
	key := "status:first:20261121T140000Z"
	if err := calls.MarkFired(ctx, inc.ID, key, at(5*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := calls.SnoozeReminder(ctx, inc.ID, key, at(10*time.Minute), "Priya"); err != nil {
		t.Fatal(err)
	}
	if err := calls.AckReminder(ctx, inc.ID, "checkin:x", "Jo"); err != nil {
		t.Fatal(err)
	}
	snap, err := calls.Snapshot(ctx, inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []backend.ReminderMark{
		{IncidentID: inc.ID, Key: "checkin:x", AckedAt: clock.T, By: "Jo"},
		{IncidentID: inc.ID, Key: key, FiredAt: at(5 * time.Minute), SnoozedUntil: at(10 * time.Minute), By: "Priya"},
	}
	if !slices.Equal(snap.Marks, want) {
		t.Errorf("got  %+v\nwant %+v", snap.Marks, want)
	}
	wantError(t, calls.AckReminder(ctx, inc.ID, "", "Jo"), backend.EINVALID, "key")
	wantError(t, calls.AckReminder(ctx, 99, "x", "Jo"), backend.ENOTFOUND, "No incident")
}

func TestCallService_LiveIncidents(t *testing.T) {
	ctx := context.Background()
	db, _ := MustOpenDB(t)
	calls := sqlite.NewCallService(db)
	active := MustCreateIncident(t, db, "Active", backend.SEV2)
	recent := MustCreateIncident(t, db, "Resolved recently", backend.SEV2)
	MustCreateEntry(t, db, recent.ID, "phase: resolved", at(-time.Hour))
	old := MustCreateIncident(t, db, "Resolved long ago", backend.SEV2)
	MustCreateEntry(t, db, old.ID, "phase: resolved", at(-30*24*time.Hour))
	breach := MustCreateIncident(t, db, "Old breach", backend.SEV1)
	MustCreateEntry(t, db, breach.ID, "phase: resolved", at(-30*24*time.Hour))
	if _, err := calls.SetSecurity(ctx, breach.ID, true, at(-time.Hour), false, "", "Priya"); err != nil {
		t.Fatal(err)
	}
	reopened := MustCreateIncident(t, db, "Reopened", backend.SEV2)
	MustCreateEntry(t, db, reopened.ID, "phase: resolved", at(-30*24*time.Hour))
	MustCreateEntry(t, db, reopened.ID, "phase: investigating", at(-29*24*time.Hour))

	got, err := calls.LiveIncidents(ctx, at(-7*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{active.ID, recent.ID, breach.ID, reopened.ID}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestCallService_Handoff(t *testing.T) {
	ctx := context.Background()
	db, clock := MustOpenDB(t)
	calls := sqlite.NewCallService(db)
	inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
	MustCreateEntry(t, db, inc.ID, "ic: Priya", at(0))
	clock.Advance(time.Hour)
	e, err := calls.Handoff(ctx, inc.ID, backend.RoleIC, "Jo", "Impact: EU logins", "Priya")
	if err != nil {
		t.Fatal(err)
	}
	if e.Kind != backend.KindRole || e.Person != "Jo" || !e.OccurredAt.Equal(clock.T) {
		t.Errorf("got %+v, want the role entry for Jo now", e)
	}
	roles, _ := sqlite.NewIncidentService(db).Roles(ctx, inc.ID)
	if n := len(roles); n != 2 || roles[1].Person != "Jo" || !roles[0].To.Equal(clock.T) {
		t.Errorf("got roles %+v, want Priya until now, then Jo", roles)
	}
	list, _ := sqlite.NewEntryService(db).ListEntries(ctx, inc.ID)
	brief := list[len(list)-2]
	if want := "Handoff of Incident Commander from Priya to Jo, confirmed by Jo. Brief:\nImpact: EU logins"; brief.Text != want || !brief.Internal {
		t.Errorf("got brief %q (internal %v), want %q, internal", brief.Text, brief.Internal, want)
	}
	_, err = calls.Handoff(ctx, inc.ID, backend.RoleIC, "jo", "", "Priya")
	wantError(t, err, backend.ECONFLICT, "already holds")
}
