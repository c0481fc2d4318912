package backup_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/sqlite"
)

// phaseAt stores a line in an incident's timeline dated at, and returns it.
func phaseAt(tb testing.TB, db *sqlite.DB, incidentID int64, line string, at time.Time) *backend.Entry {
	tb.Helper()
	e, err := sqlite.NewEntryService(db).CreateEntry(context.Background(), backend.EntryCreate{
		IncidentID: incidentID, Line: backend.Parse(line), OccurredAt: at, Author: "Sam", AuthorRole: backend.RoleScribe,
	})
	if err != nil {
		tb.Fatalf("create entry %q: %v", line, err)
	}
	return e
}

func TestUnresolvedIncidents(t *testing.T) {
	ctx := context.Background()
	db, _, clock := MustOpenDB(t)
	calls, entries := sqlite.NewCallService(db), sqlite.NewEntryService(db)
	minute := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Minute) }

	open := MustCreateIncident(t, db, "Open: no phase yet")
	mitigating := MustCreateIncident(t, db, "Mitigating")
	phaseAt(t, db, mitigating.ID, "phase: mitigating", minute(1))
	// Resolved a moment ago: the review clock still counts it as live.
	resolved := MustCreateIncident(t, db, "Resolved just now")
	phaseAt(t, db, resolved.ID, "phase: resolved", minute(2))
	reopened := MustCreateIncident(t, db, "Resolved, then monitoring again")
	phaseAt(t, db, reopened.ID, "phase: resolved", minute(1))
	phaseAt(t, db, reopened.ID, "phase: monitoring", minute(2))
	// The latest phase by time counts, not the latest typed.
	backdated := MustCreateIncident(t, db, "Resolution backdated before monitoring")
	phaseAt(t, db, backdated.ID, "phase: monitoring", minute(2))
	phaseAt(t, db, backdated.ID, "phase: resolved", minute(1))
	undone := MustCreateIncident(t, db, "Resolution undone")
	e := phaseAt(t, db, undone.ID, "phase: resolved", minute(2))
	if err := entries.DeleteEntry(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	// A security incident keeps its GDPR clock after it is resolved.
	security := MustCreateIncident(t, db, "Resolved security incident")
	if _, err := calls.SetSecurity(ctx, security.ID, true, minute(1), false, "", "Sam"); err != nil {
		t.Fatal(err)
	}
	phaseAt(t, db, security.ID, "phase: resolved", minute(2))
	clock.T = minute(3)

	got, err := backup.UnresolvedIncidents(ctx, calls)
	if err != nil {
		t.Fatal(err)
	}
	want := []int64{open.ID, mitigating.ID, reopened.ID, backdated.ID, undone.ID}
	if !slices.Equal(got, want) {
		t.Errorf("got unresolved %v, want %v (open, mitigating, reopened, backdated, undone)", got, want)
	}
}

// watch is a ResolvedWatch over db's unresolved incidents that counts its
// backup requests; fail makes its next reads fail.
type watch struct {
	*backup.ResolvedWatch
	requests int
	fail     bool
}

func newWatch(db *sqlite.DB) *watch {
	calls := sqlite.NewCallService(db)
	w := &watch{}
	w.ResolvedWatch = &backup.ResolvedWatch{
		Unresolved: func(ctx context.Context) ([]int64, error) {
			if w.fail {
				return nil, errors.New("the database is busy")
			}
			return backup.UnresolvedIncidents(ctx, calls)
		},
		Resolved: func() { w.requests++ },
	}
	return w
}

func TestResolvedWatch(t *testing.T) {
	ctx := context.Background()

	t.Run("PhaseLine", func(t *testing.T) {
		db, _, _ := MustOpenDB(t)
		w := newWatch(db)
		old := MustCreateIncident(t, db, "Search slow")
		phaseAt(t, db, old.ID, "phase: resolved", t0)
		inc := MustCreateIncident(t, db, "EU logins failing")
		if err := w.Prime(ctx); err != nil {
			t.Fatal(err)
		}
		for i, line := range []string{"tl: logins fail for eu-west", "phase: monitoring"} {
			phaseAt(t, db, inc.ID, line, t0.Add(time.Duration(i+1)*time.Minute))
			w.Changed(inc.ID)
		}
		if got, want := w.requests, 0; got != want {
			t.Fatalf("before resolving: got %d backup requests, want %d", got, want)
		}
		phaseAt(t, db, inc.ID, "phase: resolved", t0.Add(3*time.Minute))
		w.Changed(inc.ID)
		if got, want := w.requests, 1; got != want {
			t.Fatalf("after resolving: got %d backup requests, want %d", got, want)
		}
		phaseAt(t, db, inc.ID, "note after the call", t0.Add(4*time.Minute))
		w.Changed(inc.ID)
		w.Changed(old.ID)
		if got, want := w.requests, 1; got != want {
			t.Errorf("changes to resolved incidents: got %d backup requests, want still %d", got, want)
		}
	})

	t.Run("NewIncidentIsNotAResolution", func(t *testing.T) {
		db, _, _ := MustOpenDB(t)
		w := newWatch(db)
		if err := w.Prime(ctx); err != nil {
			t.Fatal(err)
		}
		inc := MustCreateIncident(t, db, "EU logins failing")
		w.Changed(inc.ID)
		if got, want := w.requests, 0; got != want {
			t.Errorf("got %d backup requests, want %d", got, want)
		}
	})

	// An undone resolution reopens the incident; resolving it again is a
	// resolution again.
	t.Run("UndoThenResolveAgain", func(t *testing.T) {
		db, _, _ := MustOpenDB(t)
		w := newWatch(db)
		inc := MustCreateIncident(t, db, "EU logins failing")
		if err := w.Prime(ctx); err != nil {
			t.Fatal(err)
		}
		e := phaseAt(t, db, inc.ID, "phase: resolved", t0.Add(time.Minute))
		w.Changed(inc.ID)
		if err := sqlite.NewEntryService(db).DeleteEntry(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
		w.Changed(inc.ID)
		if got, want := w.requests, 1; got != want {
			t.Fatalf("after the undo: got %d backup requests, want %d", got, want)
		}
		phaseAt(t, db, inc.ID, "phase: resolved", t0.Add(2*time.Minute))
		w.Changed(inc.ID)
		if got, want := w.requests, 2; got != want {
			t.Errorf("resolved again: got %d backup requests, want %d", got, want)
		}
	})

	// A change before Prime only learns the set: there is nothing to compare.
	t.Run("FirstChangePrimes", func(t *testing.T) {
		db, _, _ := MustOpenDB(t)
		w := newWatch(db)
		inc := MustCreateIncident(t, db, "EU logins failing")
		phaseAt(t, db, inc.ID, "phase: resolved", t0.Add(time.Minute))
		w.Changed(inc.ID)
		if got, want := w.requests, 0; got != want {
			t.Errorf("got %d backup requests, want %d", got, want)
		}
	})

	// A read that fails forgets nothing: the next change still sees the
	// incident leave the set.
	t.Run("FailedReadKeepsWhatWasSeen", func(t *testing.T) {
		db, _, _ := MustOpenDB(t)
		w := newWatch(db)
		inc := MustCreateIncident(t, db, "EU logins failing")
		if err := w.Prime(ctx); err != nil {
			t.Fatal(err)
		}
		phaseAt(t, db, inc.ID, "phase: resolved", t0.Add(time.Minute))
		w.fail = true
		w.Changed(inc.ID)
		if got, want := w.requests, 0; got != want {
			t.Fatalf("with the read failing: got %d backup requests, want %d", got, want)
		}
		w.fail = false
		w.Changed(inc.ID)
		if got, want := w.requests, 1; got != want {
			t.Errorf("the next change: got %d backup requests, want %d", got, want)
		}
	})

	t.Run("ErrPrime", func(t *testing.T) {
		db, _, _ := MustOpenDB(t)
		w := newWatch(db)
		w.fail = true
		if err := w.Prime(ctx); err == nil {
			t.Error("Prime with the read failing: got nil, want the error")
		}
	})
}
