package sqlite_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

func TestIncidentService_CreateIncident(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc, err := sqlite.NewIncidentService(db).CreateIncident(ctx, backend.IncidentCreate{
			Title: "  Checkout\nerrors  ", Severity: backend.SEV2, Author: "Sam",
		})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := inc.Title, "Checkout errors"; got != want {
			t.Errorf("got title %q, want %q", got, want)
		}
		if !inc.DeclaredAt.Equal(t0) || !inc.CreatedAt.Equal(t0) || inc.DeclaredAt.Location() != time.UTC {
			t.Errorf("got declared %v, created %v, want both %v in UTC", inc.DeclaredAt, inc.CreatedAt, t0)
		}
		if inc.Severity != backend.SEV2 || inc.Phase != backend.PhaseInvestigating || inc.EntryCount != 1 {
			t.Errorf("got %s, %s, %d entries, want SEV2, investigating, 1 entry", inc.Severity, inc.Phase, inc.EntryCount)
		}
		if got := MustFindIncident(t, db, inc.ID); *got != *inc {
			t.Errorf("got found %+v, want created %+v", got, inc)
		}

		// The declaration is the first line of the story, and editing it
		// later parses back to the same severity and text.
		entries, err := sqlite.NewEntryService(db).ListEntries(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 {
			t.Fatalf("got %d entries, want the declaration", len(entries))
		}
		e := entries[0]
		if e.Kind != backend.KindSeverity || e.Severity != backend.SEV2 || !e.Key || e.Text != "Declared SEV2" ||
			e.Author != "Sam" || !e.OccurredAt.Equal(t0) {
			t.Errorf("got declaration %+v, want a key severity entry \"Declared SEV2\" by Sam at %v", e, t0)
		}
		if p := backend.Parse(e.Raw); p.Kind != e.Kind || p.Severity != e.Severity || p.Text != e.Text || p.Key != e.Key {
			t.Errorf("got raw %q parsing to %+v, want it to parse back to the entry", e.Raw, p)
		}
	})

	t.Run("DeclaredAtGiven", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		declared := t0.Add(-20 * time.Minute).In(time.FixedZone("CET", 3600))
		inc, err := sqlite.NewIncidentService(db).CreateIncident(ctx, backend.IncidentCreate{
			Title: "Checkout errors", Severity: backend.SEV1, DeclaredAt: declared,
		})
		if err != nil {
			t.Fatal(err)
		}
		if !inc.DeclaredAt.Equal(declared) || inc.DeclaredAt.Location() != time.UTC {
			t.Errorf("got declared %v, want %v in UTC", inc.DeclaredAt, declared.UTC())
		}
		entries, _ := sqlite.NewEntryService(db).ListEntries(ctx, inc.ID)
		if len(entries) != 1 || !entries[0].OccurredAt.Equal(declared) {
			t.Errorf("got entries %+v, want the declaration at %v", entries, declared)
		}
	})

	t.Run("TitleAtLimit", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		title := strings.Repeat("é", sqlite.MaxTitleChars)
		if _, err := sqlite.NewIncidentService(db).CreateIncident(ctx, backend.IncidentCreate{Title: title, Severity: backend.SEV3}); err != nil {
			t.Fatalf("got %v for a %d-character title, want it accepted", err, sqlite.MaxTitleChars)
		}
	})

	for _, tt := range []struct {
		name   string
		in     backend.IncidentCreate
		substr string
	}{
		{"ErrTitleRequired", backend.IncidentCreate{Title: " \n\t ", Severity: backend.SEV2}, "Give the incident a title"},
		{"ErrTitleTooLong", backend.IncidentCreate{Title: strings.Repeat("x", sqlite.MaxTitleChars+1), Severity: backend.SEV2}, "shorten it to 200"},
		{"ErrSeverityInvalid", backend.IncidentCreate{Title: "Checkout errors", Severity: "SEV9"}, "SEV1 (worst) to SEV4"},
		{"ErrSeverityMissing", backend.IncidentCreate{Title: "Checkout errors"}, "SEV1 (worst) to SEV4"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := MustOpenDB(t)
			_, err := sqlite.NewIncidentService(db).CreateIncident(ctx, tt.in)
			wantError(t, err, backend.EINVALID, tt.substr)
			if list, _ := sqlite.NewIncidentService(db).ListIncidents(ctx); len(list) != 0 {
				t.Errorf("got %d incidents stored, want none", len(list))
			}
		})
	}
}

func TestIncidentService_FindIncident(t *testing.T) {
	t.Run("ErrNotFound", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		_, err := sqlite.NewIncidentService(db).FindIncident(context.Background(), 7)
		wantError(t, err, backend.ENOTFOUND, "No incident with id 7")
	})
}

func TestIncidentService_ListIncidents(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		db, clock := MustOpenDB(t)
		MustCreateIncident(t, db, "First", backend.SEV3)
		clock.Advance(time.Hour)
		b := MustCreateIncident(t, db, "Second", backend.SEV1)
		MustCreateEntry(t, db, b.ID, "phase: monitoring", at(2*time.Hour))

		list, err := sqlite.NewIncidentService(db).ListIncidents(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, inc := range list {
			got = append(got, inc.Title+"/"+string(inc.Severity)+"/"+string(inc.Phase))
		}
		if want := []string{"Second/SEV1/monitoring", "First/SEV3/investigating"}; !slices.Equal(got, want) {
			t.Errorf("got %q, want %q (newest first, with derived state)", got, want)
		}
	})

	t.Run("Empty", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		list, err := sqlite.NewIncidentService(db).ListIncidents(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if list == nil || len(list) != 0 {
			t.Errorf("got %#v, want an empty, non-nil list (the UI reads JSON [])", list)
		}
	})
}

func TestIncidentService_UpdateIncident(t *testing.T) {
	ctx := context.Background()
	ptr := func(s string) *string { return &s }

	t.Run("OK", func(t *testing.T) {
		db, clock := MustOpenDB(t)
		s := sqlite.NewIncidentService(db)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		clock.Advance(10 * time.Minute)
		detected, sev, phase := at(-5*time.Minute), backend.SEV1, backend.PhaseMitigating
		got, err := s.UpdateIncident(ctx, inc.ID, backend.IncidentUpdate{
			Title: ptr("Checkout down in EU"), DetectedAt: &detected, Severity: &sev,
			Impact: ptr(" EU customers cannot pay "), Phase: &phase, Author: "Priya",
		})
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != "Checkout down in EU" || !got.DetectedAt.Equal(detected) || !got.UpdatedAt.Equal(clock.T) {
			t.Errorf("got %q detected %v updated %v, want %q detected %v updated %v",
				got.Title, got.DetectedAt, got.UpdatedAt, "Checkout down in EU", detected, clock.T)
		}
		if got.Severity != sev || got.Phase != phase || got.Impact != "EU customers cannot pay" || got.EntryCount != 4 {
			t.Errorf("got %s, %s, %q, %d entries; want SEV1, mitigating, the impact, 4 entries",
				got.Severity, got.Phase, got.Impact, got.EntryCount)
		}

		entries, err := sqlite.NewEntryService(db).ListEntries(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		var story []string
		for _, e := range entries[1:] {
			if e.Author != "Priya" || !e.OccurredAt.Equal(clock.T) {
				t.Errorf("got entry %q by %q at %v, want by Priya at %v", e.Text, e.Author, e.OccurredAt, clock.T)
			}
			// The header's changes must read as if the scribe had typed them.
			p := backend.Parse(e.Raw)
			if p.Kind != e.Kind || p.Text != e.Text || p.Severity != e.Severity || p.Phase != e.Phase {
				t.Errorf("got raw %q parsing to %+v, want it to parse back to entry %+v", e.Raw, p, e)
			}
			story = append(story, string(e.Kind)+": "+e.Text)
		}
		want := []string{
			"severity: Severity changed from SEV2 to SEV1",
			"impact: EU customers cannot pay",
			"phase: Phase changed from investigating to mitigating",
		}
		if !slices.Equal(story, want) {
			t.Errorf("got timeline %q, want %q", story, want)
		}
	})

	t.Run("UnchangedValuesWriteNothing", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		sev, phase := backend.SEV2, backend.PhaseInvestigating
		got, err := sqlite.NewIncidentService(db).UpdateIncident(ctx, inc.ID, backend.IncidentUpdate{Severity: &sev, Phase: &phase})
		if err != nil {
			t.Fatal(err)
		}
		if got.EntryCount != 1 {
			t.Errorf("got %d entries, want only the declaration", got.EntryCount)
		}
	})

	t.Run("ClearDetectedAt", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		s := sqlite.NewIncidentService(db)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		detected, zero := at(-time.Minute), time.Time{}
		if _, err := s.UpdateIncident(ctx, inc.ID, backend.IncidentUpdate{DetectedAt: &detected}); err != nil {
			t.Fatal(err)
		}
		got, err := s.UpdateIncident(ctx, inc.ID, backend.IncidentUpdate{DetectedAt: &zero})
		if err != nil {
			t.Fatal(err)
		}
		if !got.DetectedAt.IsZero() {
			t.Errorf("got detected %v, want zero (unknown)", got.DetectedAt)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		_, err := sqlite.NewIncidentService(db).UpdateIncident(ctx, 7, backend.IncidentUpdate{Title: ptr("x")})
		wantError(t, err, backend.ENOTFOUND, "No incident with id 7")
	})

	// A bad field must leave the whole update unapplied, not half of it.
	for _, tt := range []struct {
		name   string
		upd    func(*backend.IncidentUpdate)
		substr string
	}{
		{"ErrTitleRequired", func(u *backend.IncidentUpdate) { u.Title = ptr("  ") }, "Give the incident a title"},
		{"ErrPhaseInvalid", func(u *backend.IncidentUpdate) { p := backend.Phase("done"); u.Phase = &p }, `Unknown phase "done"`},
		{"ErrImpactEmpty", func(u *backend.IncidentUpdate) { u.Impact = ptr(" ") }, "Describe the impact"},
		{"ErrSeverityInvalid", func(u *backend.IncidentUpdate) { s := backend.Severity("SEV0"); u.Severity = &s }, "SEV1 (worst) to SEV4"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := MustOpenDB(t)
			inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
			sev := backend.SEV1
			upd := backend.IncidentUpdate{Title: ptr("Renamed"), Severity: &sev, Impact: ptr("EU down")}
			tt.upd(&upd)
			_, err := sqlite.NewIncidentService(db).UpdateIncident(ctx, inc.ID, upd)
			wantError(t, err, backend.EINVALID, tt.substr)
			if got := MustFindIncident(t, db, inc.ID); *got != *inc {
				t.Errorf("got %+v after a failed update, want it unchanged: %+v", got, inc)
			}
		})
	}
}
