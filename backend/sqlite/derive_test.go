package sqlite_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// The incident's state is derived from its visible timeline in time order; these
// tests change the timeline and check the incident follows.

func TestIncident_DerivedSeverity(t *testing.T) {
	ctx := context.Background()

	t.Run("LatestWins", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV3)
		MustCreateEntry(t, db, inc.ID, "sev1 payments down everywhere", at(10*time.Minute))
		if got, want := MustFindIncident(t, db, inc.ID).Severity, backend.SEV1; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})

	t.Run("BackdatedEntryDoesNotOverrideLater", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV3)
		MustCreateEntry(t, db, inc.ID, "sev1 payments down everywhere", at(10*time.Minute))
		// Written last, but it happened before the SEV1: the SEV1 still stands.
		MustCreateEntry(t, db, inc.ID, "sev2 checkout slow", at(5*time.Minute))
		if got, want := MustFindIncident(t, db, inc.ID).Severity, backend.SEV1; got != want {
			t.Errorf("got %s, want %s (the latest by time, not by writing)", got, want)
		}
	})

	t.Run("DeletingChangesIt", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		es := sqlite.NewEntryService(db)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV3)
		MustCreateEntry(t, db, inc.ID, "sev2 checkout slow", at(5*time.Minute))
		sev1 := MustCreateEntry(t, db, inc.ID, "sev1 payments down", at(10*time.Minute))
		if err := es.DeleteEntry(ctx, sev1.ID); err != nil {
			t.Fatal(err)
		}
		if got, want := MustFindIncident(t, db, inc.ID).Severity, backend.SEV2; got != want {
			t.Errorf("got %s after deleting the SEV1, want %s", got, want)
		}
		if _, err := es.RestoreEntry(ctx, sev1.ID); err != nil {
			t.Fatal(err)
		}
		if got, want := MustFindIncident(t, db, inc.ID).Severity, backend.SEV1; got != want {
			t.Errorf("got %s after restoring the SEV1, want %s", got, want)
		}
	})

	t.Run("EditingTheTimeReordersIt", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV3)
		sev1 := MustCreateEntry(t, db, inc.ID, "sev1 payments down", at(10*time.Minute))
		MustCreateEntry(t, db, inc.ID, "sev2 partial recovery", at(20*time.Minute))
		if _, err := sqlite.NewEntryService(db).UpdateEntry(ctx, sev1.ID, backend.Parse(sev1.Raw), at(30*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if got, want := MustFindIncident(t, db, inc.ID).Severity, backend.SEV1; got != want {
			t.Errorf("got %s after moving the SEV1 later, want %s", got, want)
		}
	})

	t.Run("FallbackWithoutSeverityEntries", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV1)
		entries, _ := sqlite.NewEntryService(db).ListEntries(ctx, inc.ID)
		if err := sqlite.NewEntryService(db).DeleteEntry(ctx, entries[0].ID); err != nil {
			t.Fatal(err)
		}
		got := MustFindIncident(t, db, inc.ID)
		if got.Severity != backend.SEV3 || got.EntryCount != 0 {
			t.Errorf("got %s with %d entries, want the SEV3 fallback and 0 entries", got.Severity, got.EntryCount)
		}
	})
}

func TestIncident_DerivedPhaseAndImpact(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		MustCreateEntry(t, db, inc.ID, "! EU customers cannot log in", at(2*time.Minute))
		MustCreateEntry(t, db, inc.ID, "phase: identified bad deploy", at(5*time.Minute))
		MustCreateEntry(t, db, inc.ID, "! EU and US customers cannot log in", at(6*time.Minute))
		MustCreateEntry(t, db, inc.ID, "phase: monitoring", at(20*time.Minute))
		MustCreateEntry(t, db, inc.ID, "phase: mitigating relapse", at(25*time.Minute))
		MustCreateEntry(t, db, inc.ID, "phase: monitoring again", at(30*time.Minute))

		got := MustFindIncident(t, db, inc.ID)
		if got.Phase != backend.PhaseMonitoring || got.Impact != "EU and US customers cannot log in" {
			t.Errorf("got phase %s, impact %q; want monitoring and the latest impact", got.Phase, got.Impact)
		}
		if !got.MitigatedAt.Equal(at(20*time.Minute)) || !got.ResolvedAt.IsZero() {
			t.Errorf("got mitigated %v, resolved %v; want the first move to monitoring %v and no resolution",
				got.MitigatedAt, got.ResolvedAt, at(20*time.Minute))
		}
		if got.EntryCount != 7 {
			t.Errorf("got %d entries, want 7", got.EntryCount)
		}
	})

	t.Run("Resolved", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		es := sqlite.NewEntryService(db)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		MustCreateEntry(t, db, inc.ID, "phase: resolved", at(40*time.Minute))
		got := MustFindIncident(t, db, inc.ID)
		if got.Phase != backend.PhaseResolved || !got.ResolvedAt.Equal(at(40*time.Minute)) || !got.MitigatedAt.Equal(at(40*time.Minute)) {
			t.Errorf("got %s resolved %v mitigated %v, want resolved with both at %v",
				got.Phase, got.ResolvedAt, got.MitigatedAt, at(40*time.Minute))
		}

		// Reopening clears ResolvedAt; the mitigation already happened.
		reopen := MustCreateEntry(t, db, inc.ID, "phase: investigating it is back", at(50*time.Minute))
		got = MustFindIncident(t, db, inc.ID)
		if got.Phase != backend.PhaseInvestigating || !got.ResolvedAt.IsZero() || !got.MitigatedAt.Equal(at(40*time.Minute)) {
			t.Errorf("got %s resolved %v mitigated %v, want investigating, no resolution, mitigated at %v",
				got.Phase, got.ResolvedAt, got.MitigatedAt, at(40*time.Minute))
		}

		if err := es.DeleteEntry(ctx, reopen.ID); err != nil {
			t.Fatal(err)
		}
		if got := MustFindIncident(t, db, inc.ID); got.Phase != backend.PhaseResolved {
			t.Errorf("got %s after deleting the reopening, want resolved", got.Phase)
		}
	})

	t.Run("DefaultPhase", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		MustCreateEntry(t, db, inc.ID, "? cache stampede after deploy", at(time.Minute))
		if got := MustFindIncident(t, db, inc.ID); got.Phase != backend.PhaseInvestigating || got.Impact != "" || !got.MitigatedAt.IsZero() {
			t.Errorf("got %s, impact %q, mitigated %v; want investigating, none, zero", got.Phase, got.Impact, got.MitigatedAt)
		}
	})
}

func TestIncidentService_Roles(t *testing.T) {
	ctx := context.Background()
	format := func(list []backend.RoleAssignment) []string {
		var out []string
		for _, a := range list {
			to := "open"
			if !a.To.IsZero() {
				to = a.To.Sub(t0).String()
			}
			out = append(out, fmt.Sprintf("%s %s %s-%s", a.Role, a.Person, a.From.Sub(t0), to))
		}
		return out
	}

	t.Run("OK", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		first := MustCreateEntry(t, db, inc.ID, "ic: Priya", at(1*time.Minute))
		MustCreateEntry(t, db, inc.ID, "scribe: Sam", at(2*time.Minute))
		MustCreateEntry(t, db, inc.ID, "ic: priya", at(3*time.Minute)) // the same person again: no change
		MustCreateEntry(t, db, inc.ID, "ic: Jon", at(10*time.Minute))
		MustCreateEntry(t, db, inc.ID, "cl: Ana", at(12*time.Minute))
		// Backdated: Lee was tech lead from minute 4, which the scribe wrote down late.
		MustCreateEntry(t, db, inc.ID, "tech: Lee", at(4*time.Minute))

		got, err := sqlite.NewIncidentService(db).Roles(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"ic Priya 1m0s-10m0s", "scribe Sam 2m0s-open", "tech Lee 4m0s-open", "ic Jon 10m0s-open", "comms Ana 12m0s-open"}
		if !slices.Equal(format(got), want) {
			t.Errorf("got %q, want %q", format(got), want)
		}
		if got[0].EntryID != first.ID {
			t.Errorf("got entry id %d for Priya's stretch, want %d", got[0].EntryID, first.ID)
		}
	})

	t.Run("DeletedHandoverReopensStretch", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		MustCreateEntry(t, db, inc.ID, "ic: Priya", at(1*time.Minute))
		jon := MustCreateEntry(t, db, inc.ID, "ic: Jon", at(10*time.Minute))
		if err := sqlite.NewEntryService(db).DeleteEntry(ctx, jon.ID); err != nil {
			t.Fatal(err)
		}
		got, err := sqlite.NewIncidentService(db).Roles(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"ic Priya 1m0s-open"}; !slices.Equal(format(got), want) {
			t.Errorf("got %q, want %q", format(got), want)
		}
	})

	t.Run("None", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		got, err := sqlite.NewIncidentService(db).Roles(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got == nil || len(got) != 0 {
			t.Errorf("got %#v, want an empty, non-nil list", got)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		_, err := sqlite.NewIncidentService(db).Roles(ctx, 7)
		wantError(t, err, backend.ENOTFOUND, "No incident with id 7")
	})
}
