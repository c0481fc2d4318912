package sqlite_test

import (
	"context"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// TestIncidentService_HeaderTimes sets an incident's declared and detected
// times when it starts and later: the declaration entry moves with the
// declared time and keeps its old time as a revision, and a detection after
// the declaration or a time in the future is refused with nothing changed.
func TestIncidentService_HeaderTimes(t *testing.T) {
	ctx := context.Background()

	t.Run("CreateBackdated", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		declared, detected := time.Date(2018, 3, 3, 9, 30, 0, 0, time.UTC), time.Date(2018, 3, 3, 9, 12, 0, 0, time.UTC)
		inc, err := sqlite.NewIncidentService(db).CreateIncident(ctx, backend.IncidentCreate{
			Title: "Checkout errors", Severity: backend.SEV2, DeclaredAt: declared, DetectedAt: detected,
		})
		if err != nil {
			t.Fatal(err)
		}
		if !inc.DeclaredAt.Equal(declared) || !inc.DetectedAt.Equal(detected) {
			t.Errorf("got declared %v detected %v, want %v and %v", inc.DeclaredAt, inc.DetectedAt, declared, detected)
		}
		entries, err := sqlite.NewEntryService(db).ListEntries(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := entries[0].OccurredAt, declared; !got.Equal(want) {
			t.Errorf("got declaration at %v, want %v", got, want)
		}
	})

	for _, tt := range []struct {
		name               string
		declared, detected time.Time
		substr             string
	}{
		{"ErrCreateDetectedAfterDeclared", at(-time.Hour), at(-time.Minute), "is after the declared time"},
		{"ErrCreateDeclaredInTheFuture", at(5 * time.Minute), time.Time{}, "is in the future"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := MustOpenDB(t)
			s := sqlite.NewIncidentService(db)
			_, err := s.CreateIncident(ctx, backend.IncidentCreate{
				Title: "Checkout errors", Severity: backend.SEV2, DeclaredAt: tt.declared, DetectedAt: tt.detected,
			})
			wantError(t, err, backend.EINVALID, tt.substr)
			if list, err := s.ListIncidents(ctx); err != nil || len(list) != 0 {
				t.Errorf("got %d incidents, %v; want none", len(list), err)
			}
		})
	}

	t.Run("MoveDeclaration", func(t *testing.T) {
		db, clock := MustOpenDB(t)
		s, es := sqlite.NewIncidentService(db), sqlite.NewEntryService(db)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		clock.Advance(10 * time.Minute)
		declared, detected := at(-40*time.Minute), at(-55*time.Minute)
		got, err := s.UpdateIncident(ctx, inc.ID, backend.IncidentUpdate{DeclaredAt: &declared, DetectedAt: &detected})
		if err != nil {
			t.Fatal(err)
		}
		if !got.DeclaredAt.Equal(declared) || !got.DetectedAt.Equal(detected) || got.EntryCount != 1 {
			t.Errorf("got declared %v detected %v, %d entries; want %v, %v, only the declaration",
				got.DeclaredAt, got.DetectedAt, got.EntryCount, declared, detected)
		}
		entries, err := es.ListEntries(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		e := entries[0]
		if e.Text != "Declared SEV2" || !e.OccurredAt.Equal(declared) || e.Revisions != 1 {
			t.Errorf("got %q at %v with %d revisions, want \"Declared SEV2\" at %v with 1", e.Text, e.OccurredAt, e.Revisions, declared)
		}
		revs, err := es.Revisions(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(revs) != 1 || !revs[0].OccurredAt.Equal(t0) || !revs[0].RevisedAt.Equal(clock.T) {
			t.Errorf("got revisions %+v, want one at %v revised %v", revs, t0, clock.T)
		}

		// The same time again changes nothing and keeps no second revision.
		if _, err := s.UpdateIncident(ctx, inc.ID, backend.IncidentUpdate{DeclaredAt: &declared}); err != nil {
			t.Fatal(err)
		}
		if revs, _ := es.Revisions(ctx, e.ID); len(revs) != 1 {
			t.Errorf("got %d revisions after an unchanged time, want 1", len(revs))
		}
	})

	t.Run("NewDeclaredCheckedAgainstStoredDetected", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		s := sqlite.NewIncidentService(db)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		detected := at(-10 * time.Minute)
		if _, err := s.UpdateIncident(ctx, inc.ID, backend.IncidentUpdate{DetectedAt: &detected}); err != nil {
			t.Fatal(err)
		}
		declared := at(-20 * time.Minute)
		_, err := s.UpdateIncident(ctx, inc.ID, backend.IncidentUpdate{DeclaredAt: &declared})
		wantError(t, err, backend.EINVALID, "is after the declared time")
		if got := MustFindIncident(t, db, inc.ID); !got.DeclaredAt.Equal(t0) {
			t.Errorf("got declared %v, want it unchanged at %v", got.DeclaredAt, t0)
		}
	})

	for _, tt := range []struct {
		name   string
		upd    func(*backend.IncidentUpdate)
		substr string
	}{
		{"ErrDeclaredInTheFuture", func(u *backend.IncidentUpdate) { d := at(2 * time.Minute); u.DeclaredAt = &d }, "is in the future"},
		{"ErrDetectedInTheFuture", func(u *backend.IncidentUpdate) { d := at(2 * time.Minute); u.DetectedAt = &d }, "is in the future"},
		{"ErrDeclaredZero", func(u *backend.IncidentUpdate) { u.DeclaredAt = &time.Time{} }, "Give the declared time"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := MustOpenDB(t)
			inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
			title := "Renamed"
			upd := backend.IncidentUpdate{Title: &title}
			tt.upd(&upd)
			_, err := sqlite.NewIncidentService(db).UpdateIncident(ctx, inc.ID, upd)
			wantError(t, err, backend.EINVALID, tt.substr)
			if got := MustFindIncident(t, db, inc.ID); got.Title != "Checkout errors" || !got.DeclaredAt.Equal(t0) || !got.DetectedAt.IsZero() {
				t.Errorf("got %q declared %v detected %v, want the incident unchanged", got.Title, got.DeclaredAt, got.DetectedAt)
			}
		})
	}
}
