package sqlite_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

func TestEntryService_Drafts(t *testing.T) {
	ctx := context.Background()

	t.Run("RoundTrip", func(t *testing.T) {
		db, clock := MustOpenDB(t)
		es := sqlite.NewEntryService(db)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		e := MustCreateEntry(t, db, inc.ID, "d: roll back", t0)

		clock.Advance(time.Minute)
		first := backend.Draft{IncidentID: inc.ID, Text: "? cache stam", StartedAt: at(50 * time.Second)}
		if err := es.SaveDraft(ctx, first); err != nil {
			t.Fatal(err)
		}
		got, err := es.FindDraft(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		first.UpdatedAt = clock.T
		if got != first {
			t.Errorf("got %+v, want %+v", got, first)
		}

		// Saving again replaces the draft.
		clock.Advance(time.Second)
		second := backend.Draft{IncidentID: inc.ID, Text: "d: roll back to v41", EditingID: e.ID}
		if err := es.SaveDraft(ctx, second); err != nil {
			t.Fatal(err)
		}
		second.UpdatedAt = clock.T
		if got, _ := es.FindDraft(ctx, inc.ID); got != second {
			t.Errorf("got %+v, want %+v", got, second)
		}

		if err := es.ClearDraft(ctx, inc.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := es.FindDraft(ctx, inc.ID); got != (backend.Draft{IncidentID: inc.ID}) {
			t.Errorf("got %+v after clearing, want an empty draft", got)
		}
	})

	t.Run("NoneIsEmpty", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		got, err := sqlite.NewEntryService(db).FindDraft(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := (backend.Draft{IncidentID: inc.ID}); got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
		if err := sqlite.NewEntryService(db).ClearDraft(ctx, inc.ID); err != nil {
			t.Errorf("got %v clearing no draft, want nil", err)
		}
	})

	t.Run("KeepsTextAsTyped", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		es := sqlite.NewEntryService(db)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		// Trailing spaces and newlines are part of what the scribe is typing.
		if err := es.SaveDraft(ctx, backend.Draft{IncidentID: inc.ID, Text: "ev: line one\nline two \x07"}); err != nil {
			t.Fatal(err)
		}
		if got, _ := es.FindDraft(ctx, inc.ID); got.Text != "ev: line one\nline two " {
			t.Errorf("got %q, want the text less its control character", got.Text)
		}
	})

	t.Run("ErrIncidentNotFound", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		err := sqlite.NewEntryService(db).SaveDraft(ctx, backend.Draft{IncidentID: 7, Text: "x"})
		wantError(t, err, backend.ENOTFOUND, "No incident with id 7")
	})

	t.Run("ErrTooLarge", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		err := sqlite.NewEntryService(db).SaveDraft(ctx, backend.Draft{IncidentID: inc.ID, Text: strings.Repeat("x", 2<<20)})
		wantError(t, err, backend.ETOOLARGE, "Bridgelog keeps drafts up to")
	})
}

// The draft table holds one row per incident, written by draft saves and
// cleared by the saves of lines; when they wait for a busy file they land in
// any order. Clearing a line's draft must leave alone a draft of another line.
func TestEntryService_ClearDraftOf(t *testing.T) {
	ctx := context.Background()
	typed := at(30 * time.Second) // the first keystroke of the line being saved
	for _, c := range []struct {
		name  string
		draft backend.Draft // as saved (IncidentID filled in)
		of    backend.Draft // the line just saved
		kept  bool
	}{
		{"SameText", backend.Draft{Text: "d: roll back", StartedAt: typed}, backend.Draft{Text: "d: roll back", StartedAt: typed}, false},
		{"SavedBeforeTheLastKeys", backend.Draft{Text: "d: roll", StartedAt: typed}, backend.Draft{Text: "d: roll back", StartedAt: typed}, false},
		{"SameTextNoTime", backend.Draft{Text: "d: roll back"}, backend.Draft{Text: "d: roll back", StartedAt: typed}, false},
		{"NextLineKept", backend.Draft{Text: "? cache", StartedAt: typed.Add(time.Millisecond)}, backend.Draft{Text: "d: roll back", StartedAt: typed}, true},
		{"NoTimesDifferentTextKept", backend.Draft{Text: "? cache"}, backend.Draft{Text: "d: roll back"}, true},
		{"EditDraftKeptByNewLine", backend.Draft{Text: "d: roll back", EditingID: 1}, backend.Draft{Text: "d: roll back", StartedAt: typed}, true},
		{"EditOfSameEntry", backend.Draft{Text: "d: roll back to v41", EditingID: 1}, backend.Draft{Text: "d: roll back to v41", EditingID: 1}, false},
		{"EditOfAnotherEntryKept", backend.Draft{Text: "d: roll back to v41", EditingID: 2}, backend.Draft{Text: "d: roll back to v41", EditingID: 1}, true},
		{"EditTypedOnKept", backend.Draft{Text: "d: roll back to v41 now", EditingID: 1}, backend.Draft{Text: "d: roll back to v41", EditingID: 1}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			db, _ := MustOpenDB(t)
			es := sqlite.NewEntryService(db)
			inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
			c.draft.IncidentID, c.of.IncidentID = inc.ID, inc.ID
			if err := es.SaveDraft(ctx, c.draft); err != nil {
				t.Fatal(err)
			}
			if err := es.ClearDraftOf(ctx, c.of); err != nil {
				t.Fatal(err)
			}
			want := ""
			if c.kept {
				want = c.draft.Text
			}
			if got, _ := es.FindDraft(ctx, inc.ID); got.Text != want {
				t.Errorf("got draft %q, want %q", got.Text, want)
			}
		})
	}

	t.Run("CreateEntryKeepsNextLinesDraft", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		es := sqlite.NewEntryService(db)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		next := backend.Draft{IncidentID: inc.ID, Text: "? cache stam", StartedAt: typed.Add(2 * time.Second)}
		if err := es.SaveDraft(ctx, next); err != nil {
			t.Fatal(err)
		}
		if _, err := es.CreateEntry(ctx, backend.EntryCreate{IncidentID: inc.ID, Line: backend.Parse("d: roll back"), OccurredAt: typed,
			Author: "Sam", AuthorRole: backend.RoleScribe, ClearDraft: true, DraftText: "d: roll back", DraftStartedAt: typed}); err != nil {
			t.Fatal(err)
		}
		if got, _ := es.FindDraft(ctx, inc.ID); got.Text != next.Text {
			t.Errorf("got draft %q, want the next line's %q", got.Text, next.Text)
		}
	})

	t.Run("CreateEntryClearsItsDraft", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		es := sqlite.NewEntryService(db)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		if err := es.SaveDraft(ctx, backend.Draft{IncidentID: inc.ID, Text: "d: roll", StartedAt: typed}); err != nil {
			t.Fatal(err)
		}
		if _, err := es.CreateEntry(ctx, backend.EntryCreate{IncidentID: inc.ID, Line: backend.Parse("d: roll back"), OccurredAt: typed,
			Author: "Sam", AuthorRole: backend.RoleScribe, ClearDraft: true, DraftText: "d: roll back", DraftStartedAt: typed}); err != nil {
			t.Fatal(err)
		}
		if got, _ := es.FindDraft(ctx, inc.ID); got.Text != "" {
			t.Errorf("got draft %q after its line was saved, want none", got.Text)
		}
	})
}
