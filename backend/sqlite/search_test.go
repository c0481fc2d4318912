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

// searchFixture is two incidents with a handful of entries each.
type searchFixture struct {
	db               *sqlite.DB
	es               *sqlite.EntryService
	checkout, logins *backend.Incident
	rollback, stale  *backend.Entry
}

func newSearchFixture(t *testing.T) searchFixture {
	t.Helper()
	db, _ := MustOpenDB(t)
	f := searchFixture{db: db, es: sqlite.NewEntryService(db)}
	f.checkout = MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
	f.logins = MustCreateIncident(t, db, "EU logins failing", backend.SEV1)
	f.rollback = MustCreateEntry(t, db, f.checkout.ID, "d: roll back payments-api to v41 after the 14:02 deploy", at(3*time.Minute))
	MustCreateEntry(t, db, f.checkout.ID, "ev: 502 rate 38% at 14:02 on the checkout gateway", at(4*time.Minute))
	MustCreateEntry(t, db, f.checkout.ID, "a: @sam restart the queue workers 10m", at(5*time.Minute))
	MustCreateEntry(t, db, f.logins.ID, "? stale session cache after the deploy of auth", at(2*time.Minute))
	f.stale = MustCreateEntry(t, db, f.logins.ID, "m: roll back auth to the previous deploy", at(6*time.Minute))
	return f
}

func (f searchFixture) search(t *testing.T, query string, incidentID int64) []backend.SearchHit {
	t.Helper()
	hits, err := f.es.Search(context.Background(), query, incidentID, 20)
	if err != nil {
		t.Fatalf("search %q: %v", query, err)
	}
	return hits
}

// texts lists the hits' entry texts, sorted, for comparisons that do not
// depend on ranking.
func texts(hits []backend.SearchHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Entry.Text)
	}
	slices.Sort(out)
	return out
}

func TestEntryService_Search(t *testing.T) {
	t.Run("AcrossIncidents", func(t *testing.T) {
		f := newSearchFixture(t)
		hits := f.search(t, "deploy", 0)
		if len(hits) != 3 {
			t.Fatalf("got %d hits %q, want 3", len(hits), texts(hits))
		}
		titles := map[string]bool{}
		for _, h := range hits {
			titles[h.IncidentTitle] = true
			if !strings.Contains(h.Snippet, backend.SnippetOpen+"deploy"+backend.SnippetClose) {
				t.Errorf("got snippet %q, want the match wrapped in the snippet markers", h.Snippet)
			}
		}
		if !titles["Checkout errors"] || !titles["EU logins failing"] {
			t.Errorf("got titles %v, want both incidents", titles)
		}
	})

	t.Run("OneIncident", func(t *testing.T) {
		f := newSearchFixture(t)
		got := texts(f.search(t, "roll back", f.logins.ID))
		if want := []string{"roll back auth to the previous deploy"}; !slices.Equal(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})

	t.Run("LastWordIsPrefix", func(t *testing.T) {
		f := newSearchFixture(t)
		got := texts(f.search(t, "payments-api v4", 0))
		if want := []string{f.rollback.Text}; !slices.Equal(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
		// Only the last word is a prefix: "rol" alone in the middle finds nothing.
		if hits := f.search(t, "rol back", 0); len(hits) != 0 {
			t.Errorf("got %q, want no hits for a non-final partial word", texts(hits))
		}
	})

	t.Run("PunctuationIsPlain", func(t *testing.T) {
		f := newSearchFixture(t)
		for _, q := range []string{"14:02", "38%", "v41-hotfix", "-", "'", "…", "[x]", "a+b", "{json}", "@sam", "near"} {
			if _, err := f.es.Search(context.Background(), q, 0, 10); err != nil {
				t.Errorf("search %q: got %v, want no error for plain typing", q, err)
			}
		}
		if got := texts(f.search(t, "14:02", 0)); len(got) != 2 {
			t.Errorf("got %q for 14:02, want the 2 entries naming that time", got)
		}
	})

	t.Run("OwnerIsSearchable", func(t *testing.T) {
		f := newSearchFixture(t)
		if got, want := texts(f.search(t, "sam", 0)), []string{"restart the queue workers"}; !slices.Equal(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})

	t.Run("RankedByRelevance", func(t *testing.T) {
		f := newSearchFixture(t)
		MustCreateEntry(t, f.db, f.checkout.ID, "gateway gateway gateway timeouts", at(8*time.Minute))
		hits := f.search(t, "gateway", 0)
		if len(hits) != 2 || hits[0].Entry.Text != "gateway gateway gateway timeouts" {
			t.Errorf("got %q, want the entry saying gateway three times first", texts(hits))
		}
	})

	t.Run("SyntaxPassesThrough", func(t *testing.T) {
		f := newSearchFixture(t)
		got := texts(f.search(t, `auth NOT "session"`, 0))
		if want := []string{f.stale.Text}; !slices.Equal(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
		if got := texts(f.search(t, `"roll back" OR queue`, 0)); len(got) != 3 {
			t.Errorf("got %q, want 3 hits", got)
		}
		if got := texts(f.search(t, `person: nobody OR owner: sam`, 0)); len(got) != 1 {
			t.Errorf("got %q for a column filter, want Sam's action", got)
		}
	})

	t.Run("OperatorWordsAlonePlain", func(t *testing.T) {
		f := newSearchFixture(t)
		MustCreateEntry(t, f.db, f.checkout.ID, "DO NOT restart the primary", at(9*time.Minute))
		got := texts(f.search(t, "DO NOT restart", 0))
		if want := []string{"DO NOT restart the primary"}; !slices.Equal(got, want) {
			t.Errorf("got %q, want %q: capital NOT typed as words is not an operator", got, want)
		}
		if _, err := f.es.Search(context.Background(), "foo AND", 0, 10); err != nil {
			t.Errorf("plain words ending in AND: %v", err)
		}
	})

	t.Run("ErrMalformedQuery", func(t *testing.T) {
		f := newSearchFixture(t)
		for _, q := range []string{`"foo" AND`, `"unterminated`, "(deploy", "NEAR(", "text:", "^", "*"} {
			_, err := f.es.Search(context.Background(), q, 0, 10)
			wantError(t, err, backend.EINVALID, `Search could not read "`+q+`"`)
		}
	})

	t.Run("ErrQueryTooLarge", func(t *testing.T) {
		// A pasted log must not tie FTS5's query parser up for hours.
		f := newSearchFixture(t)
		start := time.Now()
		_, err := f.es.Search(context.Background(), strings.Repeat("roll back ", 1<<20), 0, 10)
		wantError(t, err, backend.ETOOLARGE, "search for a few distinctive words")
		if took := time.Since(start); took > time.Second {
			t.Errorf("got an answer after %v, want it at once", took)
		}
		if got := f.search(t, strings.Repeat("roll ", 400)+"back", 0); len(got) != 2 {
			t.Errorf("got %d hits for a 2 KB query, want the 2 roll backs", len(got))
		}
	})

	t.Run("DeletedNotFound", func(t *testing.T) {
		f := newSearchFixture(t)
		if err := f.es.DeleteEntry(context.Background(), f.stale.ID); err != nil {
			t.Fatal(err)
		}
		if got := texts(f.search(t, "auth", 0)); len(got) != 1 {
			t.Errorf("got %q, want only the visible hypothesis", got)
		}
		if _, err := f.es.RestoreEntry(context.Background(), f.stale.ID); err != nil {
			t.Fatal(err)
		}
		if got := texts(f.search(t, "auth", 0)); len(got) != 2 {
			t.Errorf("got %q after restoring, want both", got)
		}
	})

	t.Run("EditedTextIsReindexed", func(t *testing.T) {
		f := newSearchFixture(t)
		if _, err := f.es.UpdateEntry(context.Background(), f.rollback.ID, backend.Parse("d: fail over to eu-west"), time.Time{}); err != nil {
			t.Fatal(err)
		}
		if got := texts(f.search(t, "payments", 0)); len(got) != 0 {
			t.Errorf("got %q for the old wording, want nothing", got)
		}
		if got := texts(f.search(t, "eu-west", 0)); len(got) != 1 {
			t.Errorf("got %q for the new wording, want the edited entry", got)
		}
	})

	t.Run("Empty", func(t *testing.T) {
		f := newSearchFixture(t)
		for _, q := range []string{"", "   ", "\x02"} {
			hits, err := f.es.Search(context.Background(), q, 0, 10)
			if err != nil || hits == nil || len(hits) != 0 {
				t.Errorf("search %q: got %#v, %v; want an empty, non-nil list", q, hits, err)
			}
		}
	})

	t.Run("Limit", func(t *testing.T) {
		f := newSearchFixture(t)
		hits, err := f.es.Search(context.Background(), "the", 0, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 2 {
			t.Errorf("got %d hits, want the limit of 2", len(hits))
		}
	})
}
