package sqlite_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

func TestEntryService_CreateEntry(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db, clock := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		clock.Advance(7 * time.Minute)
		occurred := at(5*time.Minute + 1234567*time.Nanosecond).In(time.FixedZone("PST", -8*3600))
		got, err := sqlite.NewEntryService(db).CreateEntry(ctx, backend.EntryCreate{
			IncidentID: inc.ID, Line: backend.Parse("tl: int: a: @sam restart the queue 10m"),
			OccurredAt: occurred, Author: "Priya", AuthorRole: backend.RoleIC,
		})
		if err != nil {
			t.Fatal(err)
		}
		if !backend.ValidID(got.UID) {
			t.Errorf("got uid %q, want a ULID", got.UID)
		}
		want := backend.Entry{
			ID: got.ID, UID: got.UID, IncidentID: inc.ID, Kind: backend.KindAction, Text: "restart the queue",
			Raw: "tl: int: a: @sam restart the queue 10m", Key: true, Internal: true, Owner: "sam", CheckIn: 10,
			// Stored to the millisecond, returned in UTC.
			OccurredAt: at(5*time.Minute + time.Millisecond), RecordedAt: clock.T,
			Author: "Priya", AuthorRole: backend.RoleIC,
		}
		if *got != want {
			t.Errorf("got  %+v\nwant %+v", *got, want)
		}
		if found, err := sqlite.NewEntryService(db).FindEntry(ctx, got.ID); err != nil {
			t.Fatal(err)
		} else if *found != want {
			t.Errorf("got found %+v\nwant %+v", *found, want)
		}
		if got := MustFindIncident(t, db, inc.ID).UpdatedAt; !got.Equal(clock.T) {
			t.Errorf("got incident updated %v, want %v: a new entry changes the incident", got, clock.T)
		}
	})

	t.Run("StateKinds", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		for line, check := range map[string]func(*backend.Entry) bool{
			"sev1":              func(e *backend.Entry) bool { return e.Severity == backend.SEV1 && e.Text == "" },
			"phase: monitoring": func(e *backend.Entry) bool { return e.Phase == backend.PhaseMonitoring },
			"cl: Ana Lopez":     func(e *backend.Entry) bool { return e.Role == backend.RoleCommsLead && e.Person == "Ana Lopez" },
		} {
			if e := MustCreateEntry(t, db, inc.ID, line, at(time.Minute)); !check(e) {
				t.Errorf("got %+v for %q, want its structured fields stored", e, line)
			}
		}
	})

	t.Run("CleansText", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		// Snippet markers and bidi overrides must never reach the store.
		got, err := sqlite.NewEntryService(db).CreateEntry(ctx, backend.EntryCreate{
			IncidentID: inc.ID, OccurredAt: t0,
			Line: backend.Line{Kind: backend.KindNote, Text: " a\x02b\x03c\u202Ed\r\ne "},
		})
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != "abcd\ne" || got.Raw != "abcd\ne" {
			t.Errorf("got text %q raw %q, want %q for both", got.Text, got.Raw, "abcd\ne")
		}
	})

	for _, tt := range []struct {
		name     string
		incident int64 // 0: the test's incident
		line     backend.Line
		at       time.Time
		code     string
		substr   string
	}{
		{"ErrIncidentNotFound", 7, backend.Parse("note"), t0, backend.ENOTFOUND, "No incident with id 7"},
		{"ErrEmpty", 0, backend.Parse("   "), t0, backend.EINVALID, "the entry is empty"},
		{"ErrNoTime", 0, backend.Parse("note"), time.Time{}, backend.EINVALID, "Say when this happened"},
		{"ErrProblem", 0, backend.Parse("phase: done"), t0, backend.EINVALID, `Unknown phase "done"`},
		{"ErrRoleWithoutPerson", 0, backend.Line{Kind: backend.KindRole, Role: backend.RoleIC}, t0, backend.EINVALID, "Name the person"},
		{"ErrUnknownRole", 0, backend.Line{Kind: backend.KindRole, Role: "boss", Person: "Jo"}, t0, backend.EINVALID, `Unknown role "boss"`},
		{"ErrSeverityMissing", 0, backend.Line{Kind: backend.KindSeverity, Text: "bad"}, t0, backend.EINVALID, "SEV1 to SEV4"},
		{"ErrUnknownKind", 0, backend.Line{Kind: "gossip", Text: "x"}, t0, backend.EINVALID, `Unknown entry kind "gossip"`},
		{"ErrTooLarge", 0, backend.Parse("ev: " + strings.Repeat("502 ", backend.MaxEntryBytes/4)), t0, backend.ETOOLARGE, "the limit is 64 KiB"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := MustOpenDB(t)
			inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
			id := tt.incident
			if id == 0 {
				id = inc.ID
			}
			_, err := sqlite.NewEntryService(db).CreateEntry(ctx, backend.EntryCreate{IncidentID: id, Line: tt.line, OccurredAt: tt.at})
			wantError(t, err, tt.code, tt.substr)
			if got := MustFindIncident(t, db, inc.ID).EntryCount; got != 1 {
				t.Errorf("got %d entries, want only the declaration", got)
			}
		})
	}
}

// TestEntryService_ConcurrentWriters checks that writers on several pooled
// connections queue for the write lock instead of failing with SQLITE_BUSY, as
// the UI, the importer and the reminder loop may all write at once.
func TestEntryService_ConcurrentWriters(t *testing.T) {
	db, _ := MustOpenDB(t)
	es := sqlite.NewEntryService(db)
	inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
	const writers, each = 4, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				_, err := es.CreateEntry(context.Background(), backend.EntryCreate{
					IncidentID: inc.ID, Line: backend.Parse(fmt.Sprintf("writer %d line %d", w, i)), OccurredAt: t0,
				})
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("got %v, want every concurrent write to succeed", err)
		}
	}
	if got, want := MustFindIncident(t, db, inc.ID).EntryCount, 1+writers*each; got != want {
		t.Errorf("got %d entries, want %d", got, want)
	}
}

func TestEntryService_ListEntries(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		other := MustCreateIncident(t, db, "Other", backend.SEV4)
		MustCreateEntry(t, db, inc.ID, "c", at(3*time.Minute))
		MustCreateEntry(t, db, inc.ID, "a", at(1*time.Minute))
		MustCreateEntry(t, db, inc.ID, "b1", at(2*time.Minute))
		MustCreateEntry(t, db, inc.ID, "b2", at(2*time.Minute)) // same time: written order
		hidden := MustCreateEntry(t, db, inc.ID, "hidden", at(2*time.Minute))
		MustCreateEntry(t, db, other.ID, "elsewhere", at(2*time.Minute))
		if err := sqlite.NewEntryService(db).DeleteEntry(ctx, hidden.ID); err != nil {
			t.Fatal(err)
		}

		list, err := sqlite.NewEntryService(db).ListEntries(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range list {
			got = append(got, e.Text)
		}
		if want := []string{"Declared SEV2", "a", "b1", "b2", "c"}; !slices.Equal(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		_, err := sqlite.NewEntryService(db).ListEntries(ctx, 7)
		wantError(t, err, backend.ENOTFOUND, "No incident with id 7")
	})
}

func TestEntryService_UpdateEntry(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db, clock := MustOpenDB(t)
		es := sqlite.NewEntryService(db)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		e := MustCreateEntry(t, db, inc.ID, "d: roll back to v41", at(3*time.Minute))

		clock.Advance(5 * time.Minute)
		got, err := es.UpdateEntry(ctx, e.ID, backend.Parse("a: @jon roll back to v40 5m"), at(2*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		if got.Kind != backend.KindAction || got.Text != "roll back to v40" || got.Owner != "jon" || got.CheckIn != 5 ||
			!got.OccurredAt.Equal(at(2*time.Minute)) || got.Revisions != 1 || !got.RecordedAt.Equal(e.RecordedAt) {
			t.Errorf("got %+v, want the new action at +2m with 1 revision and the first recorded time", got)
		}
		firstEdit := clock.T

		clock.Advance(time.Minute)
		// A zero time keeps the entry's time.
		if got, err = es.UpdateEntry(ctx, e.ID, backend.Parse("d: roll back to v39"), time.Time{}); err != nil {
			t.Fatal(err)
		} else if !got.OccurredAt.Equal(at(2*time.Minute)) || got.Revisions != 2 {
			t.Errorf("got %v with %d revisions, want +2m kept and 2 revisions", got.OccurredAt, got.Revisions)
		}

		revs, err := es.Revisions(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []backend.Revision{
			{EntryID: e.ID, Raw: "d: roll back to v41", Text: "roll back to v41", Kind: backend.KindDecision, OccurredAt: at(3 * time.Minute), RevisedAt: firstEdit},
			{EntryID: e.ID, Raw: "a: @jon roll back to v40 5m", Text: "roll back to v40", Kind: backend.KindAction, OccurredAt: at(2 * time.Minute), RevisedAt: clock.T},
		}
		if !slices.Equal(revs, want) {
			t.Errorf("got revisions\n%+v\nwant\n%+v", revs, want)
		}
	})

	t.Run("NoChangeNoRevision", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		es := sqlite.NewEntryService(db)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		e := MustCreateEntry(t, db, inc.ID, "d: roll back to v41", at(3*time.Minute))
		got, err := es.UpdateEntry(ctx, e.ID, backend.Parse(e.Raw), e.OccurredAt)
		if err != nil {
			t.Fatal(err)
		}
		if revs, _ := es.Revisions(ctx, e.ID); got.Revisions != 0 || len(revs) != 0 {
			t.Errorf("got %d revisions (%d stored), want none for an edit that changes nothing", got.Revisions, len(revs))
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		_, err := sqlite.NewEntryService(db).UpdateEntry(ctx, 7, backend.Parse("x"), t0)
		wantError(t, err, backend.ENOTFOUND, "No entry with id 7")
	})

	t.Run("ErrDeleted", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		es := sqlite.NewEntryService(db)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		e := MustCreateEntry(t, db, inc.ID, "note", t0)
		if err := es.DeleteEntry(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
		_, err := es.UpdateEntry(ctx, e.ID, backend.Parse("changed"), t0)
		wantError(t, err, backend.ECONFLICT, "restore it before editing")
	})

	t.Run("ErrInvalidLeavesEntry", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		es := sqlite.NewEntryService(db)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		e := MustCreateEntry(t, db, inc.ID, "phase: monitoring", t0)
		_, err := es.UpdateEntry(ctx, e.ID, backend.Parse("phase: fixed"), t0)
		wantError(t, err, backend.EINVALID, `Unknown phase "fixed"`)
		if got, _ := es.FindEntry(ctx, e.ID); *got != *e {
			t.Errorf("got %+v, want the entry unchanged: %+v", got, e)
		}
	})
}

func TestEntryService_DeleteEntry(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db, clock := MustOpenDB(t)
		es := sqlite.NewEntryService(db)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		e := MustCreateEntry(t, db, inc.ID, "wrong incident, sorry", t0)
		clock.Advance(time.Minute)
		if err := es.DeleteEntry(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
		found, err := es.FindEntry(ctx, e.ID)
		if err != nil {
			t.Fatalf("got %v, want a deleted entry still found by id", err)
		}
		if !found.DeletedAt.Equal(clock.T) {
			t.Errorf("got deleted at %v, want %v", found.DeletedAt, clock.T)
		}
		if list, _ := es.ListEntries(ctx, inc.ID); len(list) != 1 {
			t.Errorf("got %d listed entries, want 1 (the declaration)", len(list))
		}

		// Deleting again keeps the first deletion time.
		clock.Advance(time.Minute)
		if err := es.DeleteEntry(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
		if again, _ := es.FindEntry(ctx, e.ID); !again.DeletedAt.Equal(found.DeletedAt) {
			t.Errorf("got deleted at %v after a second delete, want %v", again.DeletedAt, found.DeletedAt)
		}

		restored, err := es.RestoreEntry(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !restored.DeletedAt.IsZero() || *restored != *e {
			t.Errorf("got %+v after restoring, want %+v", restored, e)
		}
		if list, _ := es.ListEntries(ctx, inc.ID); len(list) != 2 {
			t.Errorf("got %d listed entries after restoring, want 2", len(list))
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		es := sqlite.NewEntryService(db)
		wantError(t, es.DeleteEntry(ctx, 7), backend.ENOTFOUND, "No entry with id 7")
		_, err := es.RestoreEntry(ctx, 7)
		wantError(t, err, backend.ENOTFOUND, "No entry with id 7")
		_, err = es.FindEntry(ctx, 7)
		wantError(t, err, backend.ENOTFOUND, "No entry with id 7")
		_, err = es.Revisions(ctx, 7)
		wantError(t, err, backend.ENOTFOUND, "No entry with id 7")
	})
}
