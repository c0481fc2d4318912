package sqlite_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// mustActions lists the incident's actions.
func mustActions(tb testing.TB, db *sqlite.DB, incidentID int64) []backend.Action {
	tb.Helper()
	list, err := sqlite.NewCallService(db).Actions(context.Background(), incidentID)
	if err != nil {
		tb.Fatal(err)
	}
	return list
}

func TestCallService_Actions(t *testing.T) {
	ctx := context.Background()

	t.Run("ScribeLineCreatesAction", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		e := MustCreateEntry(t, db, inc.ID, "a: @sam restart the queue 10m", at(2*time.Minute))
		got := mustActions(t, db, inc.ID)
		want := []backend.Action{{ID: got[0].ID, IncidentID: inc.ID, EntryID: e.ID, Owner: "sam", Text: "restart the queue",
			State: backend.ActionAsked, AskedAt: at(2 * time.Minute), CheckInAt: at(12 * time.Minute), CheckInEvery: 10}}
		if !slices.Equal(got, want) {
			t.Errorf("got  %+v\nwant %+v", got, want)
		}
	})

	t.Run("OtherKindsCreateNone", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		MustCreateEntry(t, db, inc.ID, "d: roll back", at(time.Minute))
		MustCreateEntry(t, db, inc.ID, "todo: alert on queue depth", at(time.Minute))
		if got := mustActions(t, db, inc.ID); len(got) != 0 {
			t.Errorf("got %+v, want no actions", got)
		}
	})

	t.Run("EditAndDeleteFollowTheEntry", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		entries := sqlite.NewEntryService(db)
		e := MustCreateEntry(t, db, inc.ID, "a: @sam restart the queue", at(time.Minute))
		if _, err := entries.UpdateEntry(ctx, e.ID, backend.Parse("a: @jo restart the queue 5m"), time.Time{}); err != nil {
			t.Fatal(err)
		}
		got := mustActions(t, db, inc.ID)
		if len(got) != 1 || got[0].Owner != "jo" || !got[0].CheckInAt.Equal(at(6*time.Minute)) {
			t.Fatalf("got %+v, want one action for jo with a check-in at +6m", got)
		}
		if err := entries.DeleteEntry(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
		if got := mustActions(t, db, inc.ID); len(got) != 0 {
			t.Errorf("got %+v after deleting the entry, want none", got)
		}
		if _, err := entries.RestoreEntry(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
		if got := mustActions(t, db, inc.ID); len(got) != 1 {
			t.Errorf("got %d actions after restoring, want 1", len(got))
		}
	})

	t.Run("NoteEditedIntoAction", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		e := MustCreateEntry(t, db, inc.ID, "restart the queue", at(time.Minute))
		if _, err := sqlite.NewEntryService(db).UpdateEntry(ctx, e.ID, backend.Parse("a: @sam restart the queue"), time.Time{}); err != nil {
			t.Fatal(err)
		}
		if got := mustActions(t, db, inc.ID); len(got) != 1 || got[0].EntryID != e.ID {
			t.Errorf("got %+v, want the edited entry's action", got)
		}
	})

	t.Run("Lifecycle", func(t *testing.T) {
		db, clock := MustOpenDB(t)
		calls := sqlite.NewCallService(db)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		MustCreateEntry(t, db, inc.ID, "a: @sam restart the queue", at(time.Minute))
		id := mustActions(t, db, inc.ID)[0].ID

		clock.Advance(3 * time.Minute)
		a, err := calls.SetActionState(ctx, id, backend.ActionAcknowledged, "Priya")
		if err != nil {
			t.Fatal(err)
		}
		if a.State != backend.ActionAcknowledged || !a.AckedAt.Equal(clock.T) {
			t.Errorf("got %s acked %v, want acknowledged at %v", a.State, a.AckedAt, clock.T)
		}
		if _, err := calls.SetActionState(ctx, id, backend.ActionAcknowledged, "Priya"); backend.ErrorCode(err) != backend.ECONFLICT {
			t.Errorf("got %v acknowledging twice, want a conflict", err)
		}
		clock.Advance(time.Minute)
		if a, err = calls.SetActionCheckIn(ctx, id, clock.T.Add(10*time.Minute), "Priya"); err != nil {
			t.Fatal(err)
		} else if !a.CheckInAt.Equal(clock.T.Add(10 * time.Minute)) {
			t.Errorf("got check-in %v, want %v", a.CheckInAt, clock.T.Add(10*time.Minute))
		}
		clock.Advance(5 * time.Minute)
		if a, err = calls.SetActionState(ctx, id, backend.ActionDone, "Priya"); err != nil {
			t.Fatal(err)
		} else if a.State != backend.ActionDone || !a.ClosedAt.Equal(clock.T) {
			t.Errorf("got %s closed %v, want done at %v", a.State, a.ClosedAt, clock.T)
		}
		if _, err := calls.SetActionState(ctx, id, backend.ActionAbandoned, "Priya"); backend.ErrorCode(err) != backend.ECONFLICT {
			t.Errorf("got %v abandoning a done action, want a conflict", err)
		}

		// Every change is on the timeline, as action entries that ask for nothing.
		list, err := sqlite.NewEntryService(db).ListEntries(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, e := range list[2:] {
			texts = append(texts, string(e.Kind)+" "+e.Text)
		}
		want := []string{"action Acknowledged by sam: restart the queue", "action @sam to report back in 10 min: restart the queue",
			"action Done by sam: restart the queue"}
		if !slices.Equal(texts, want) {
			t.Errorf("got timeline %q\nwant %q", texts, want)
		}
		if got := mustActions(t, db, inc.ID); len(got) != 1 {
			t.Errorf("got %d actions, want 1: state entries must not become actions", len(got))
		}
		// Editing a state entry still creates no action.
		if _, err := sqlite.NewEntryService(db).UpdateEntry(ctx, list[2].ID, backend.Parse("a: @sam acknowledged it"), time.Time{}); err != nil {
			t.Fatal(err)
		}
		if got := mustActions(t, db, inc.ID); len(got) != 1 {
			t.Errorf("got %d actions after editing a state entry, want 1", len(got))
		}
	})

	t.Run("OpenFirst", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		calls := sqlite.NewCallService(db)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		MustCreateEntry(t, db, inc.ID, "a: @a first", at(1*time.Minute))
		MustCreateEntry(t, db, inc.ID, "a: @b second", at(2*time.Minute))
		MustCreateEntry(t, db, inc.ID, "a: @c third", at(3*time.Minute))
		first := mustActions(t, db, inc.ID)[0]
		if _, err := calls.SetActionState(ctx, first.ID, backend.ActionAbandoned, "Priya"); err != nil {
			t.Fatal(err)
		}
		var owners []string
		for _, a := range mustActions(t, db, inc.ID) {
			owners = append(owners, a.Owner)
		}
		if want := []string{"b", "c", "a"}; !slices.Equal(owners, want) {
			t.Errorf("got order %q, want %q", owners, want)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		_, err := sqlite.NewCallService(db).SetActionState(ctx, 99, backend.ActionDone, "Priya")
		wantError(t, err, backend.ENOTFOUND, "No action with id 99")
	})
}

func TestEntryService_MitigationOverride(t *testing.T) {
	t.Run("RecordsTheOneInProgress", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		first := MustCreateEntry(t, db, inc.ID, "m: failover to eu-west", at(time.Minute))
		if first.Overrode != 0 {
			t.Errorf("got overrode %d on the first mitigation, want 0", first.Overrode)
		}
		second := MustCreateEntry(t, db, inc.ID, "m: scale out web tier", at(2*time.Minute))
		if got, want := second.Overrode, first.ID; got != want {
			t.Errorf("got overrode %d, want %d", got, want)
		}
		outcome := MustCreateEntry(t, db, inc.ID, "m: done: scale out worked", at(3*time.Minute))
		if outcome.Overrode != 0 {
			t.Errorf("got overrode %d on an outcome, want 0", outcome.Overrode)
		}
		third := MustCreateEntry(t, db, inc.ID, "m: purge the CDN", at(4*time.Minute))
		if third.Overrode != 0 {
			t.Errorf("got overrode %d after the outcome, want 0", third.Overrode)
		}
	})
}
