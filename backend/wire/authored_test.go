package wire_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/settings"
	"bridgelog/backend/sqlite/sqlitetest"
	"bridgelog/backend/timeline"
	"bridgelog/backend/wire"
)

// changesSince returns the author of every change log row after row id
// after, with the last row's id.
func changesSince(tb testing.TB, log *sql.DB, after int64) (authors map[string][]string, last int64) {
	tb.Helper()
	rows, err := log.Query(`SELECT id, kind, author FROM changes WHERE id > ? ORDER BY id`, after)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	authors, last = map[string][]string{}, after
	for rows.Next() {
		var kind, author string
		if err := rows.Scan(&last, &kind, &author); err != nil {
			tb.Fatal(err)
		}
		authors[kind] = append(authors[kind], author)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return authors, last
}

func TestEntries_Author(t *testing.T) {
	ctx := context.Background()
	clock := &backend.FixedClock{T: time.Date(2026, 11, 21, 14, 0, 0, 0, time.UTC)}
	db := sqlitetest.Open(t, clock)
	prefs := &settings.Store{Path: filepath.Join(t.TempDir(), "settings.json"), Defaults: settings.Settings{ScribeName: "Priya"}}
	svc := wire.New(db, wire.Config{Clock: clock, Location: time.UTC, Settings: prefs})
	log, err := sql.Open("sqlite", "file:"+db.Path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { log.Close() })

	inc, err := svc.Timeline.StartIncident(ctx, timeline.IncidentStart{Title: "Checkout errors", Severity: "SEV2"}, svc.ScribeName())
	if err != nil {
		t.Fatal(err)
	}
	e, err := svc.Timeline.Add(ctx, inc.ID, "d: roll back the deploy", clock.T, svc.ScribeName())
	if err != nil {
		t.Fatal(err)
	}
	_, mark := changesSince(t, log, 0)

	for _, step := range []struct {
		name   string
		change func() error
	}{
		{"Edit", func() error { _, err := svc.Timeline.Edit(ctx, e.ID, "d: roll back the EU deploy"); return err }},
		{"Hide", func() error { return svc.Entries.DeleteEntry(ctx, e.ID) }},
		{"Restore", func() error { _, err := svc.Entries.RestoreEntry(ctx, e.ID); return err }},
	} {
		t.Run(step.name, func(t *testing.T) {
			clock.Advance(time.Minute)
			if err := step.change(); err != nil {
				t.Fatal(err)
			}
			var authors map[string][]string
			authors, mark = changesSince(t, log, mark)
			if len(authors["entries"]) == 0 {
				t.Fatalf("got no change of the entry in the log (%v), want one", authors)
			}
			for kind, names := range authors {
				for _, got := range names {
					if want := "Priya"; got != want {
						t.Errorf("%s change: got author %q, want %q", kind, got, want)
					}
				}
			}
		})
	}
	t.Run("NamedWriterKept", func(t *testing.T) {
		clock.Advance(time.Minute)
		if err := svc.Entries.DeleteEntry(backend.WithAuthor(ctx, "Sam"), e.ID); err != nil {
			t.Fatal(err)
		}
		authors, _ := changesSince(t, log, mark)
		if got := authors["entries"]; len(got) != 1 || got[0] != "Sam" {
			t.Errorf("got entry changes by %q, want one by Sam", got)
		}
	})
}
