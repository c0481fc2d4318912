package sqlite_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// chat is a few Zoom chat messages as an importer hands them over.
func chat() []backend.ImportedEntry {
	return []backend.ImportedEntry{
		{OccurredAt: at(time.Minute), Kind: backend.KindNote, Text: "seeing 502s on checkout", Author: "Jon Doe", Source: "zoom", SourceKey: "zoom:14:01:Jon Doe:1"},
		{OccurredAt: at(2 * time.Minute), Kind: backend.KindAction, Text: "check the CDN logs", Owner: "@lee", Author: "Priya", Source: "zoom", SourceKey: "zoom:14:02:Priya:1"},
		{OccurredAt: at(3 * time.Minute), Kind: backend.KindDecision, Text: "roll back to v41", Author: "Priya", Key: true, Internal: true, Source: "zoom", SourceKey: "zoom:14:03:Priya:1"},
		{OccurredAt: at(4 * time.Minute), Kind: backend.KindHypothesis, Text: "cache stampede", Author: "Ana", Source: "slack", SourceKey: "slack:C1:1700000000.000100"},
		{OccurredAt: at(5 * time.Minute), Kind: backend.KindImpact, Text: "EU customers cannot pay", Author: "Ana", Source: "slack", SourceKey: "slack:C1:1700000000.000200"},
	}
}

func TestRecordService_ImportEntries(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db, clock := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		clock.Advance(time.Hour)
		res, err := sqlite.NewRecordService(db).ImportEntries(ctx, inc.ID, chat())
		if err != nil {
			t.Fatal(err)
		}
		if got, want := res, (backend.ImportResult{IncidentID: inc.ID, Added: 5}); got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
		list, err := sqlite.NewEntryService(db).ListEntries(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(list), 6; got != want {
			t.Fatalf("got %d entries, want %d", got, want)
		}
		for i, in := range chat() {
			e := list[i+1]
			if e.Kind != in.Kind || e.Text != in.Text || e.Author != in.Author || e.Source != in.Source ||
				e.Key != in.Key || e.Internal != in.Internal || !e.OccurredAt.Equal(in.OccurredAt) || !e.RecordedAt.Equal(clock.T) {
				t.Errorf("got entry %+v, want it made from %+v and recorded now", e, in)
			}
			// Editing an imported entry starts from its raw line: it must
			// parse back to the same entry.
			l := backend.Parse(e.Raw)
			if l.Kind != e.Kind || l.Text != e.Text || l.Key != e.Key || l.Internal != e.Internal || l.Owner != e.Owner {
				t.Errorf("got raw %q parsing to %+v, want it to give back entry %+v", e.Raw, l, e)
			}
		}
		if got, want := list[2].Raw, "a: @lee check the CDN logs"; got != want {
			t.Errorf("got raw %q, want %q", got, want)
		}
		if got, want := list[3].Raw, "tl: int: d: roll back to v41"; got != want {
			t.Errorf("got raw %q, want %q", got, want)
		}
		if got := mustActions(t, db, inc.ID); len(got) != 0 {
			t.Errorf("got actions %+v, want an imported action entry to track nothing", got)
		}
		if got, want := MustFindIncident(t, db, inc.ID).Impact, "EU customers cannot pay"; got != want {
			t.Errorf("got impact %q, want %q", got, want)
		}
		hits, err := sqlite.NewEntryService(db).Search(ctx, "stampede", inc.ID, 5)
		if err != nil || len(hits) != 1 || hits[0].Entry.Source != "slack" {
			t.Errorf("got hits %+v, %v; want the imported hypothesis with its source", hits, err)
		}
	})

	t.Run("TwiceAddsNothing", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		records := sqlite.NewRecordService(db)
		if _, err := records.ImportEntries(ctx, inc.ID, chat()); err != nil {
			t.Fatal(err)
		}
		before := rowCounts(t, db)
		res, err := records.ImportEntries(ctx, inc.ID, chat())
		if err != nil {
			t.Fatal(err)
		}
		if got, want := res, (backend.ImportResult{IncidentID: inc.ID, Added: 0, Skipped: 5}); got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
		wantUnchanged(t, db, before)
	})

	t.Run("NewMessagesOfAGrownFile", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		records := sqlite.NewRecordService(db)
		if _, err := records.ImportEntries(ctx, inc.ID, chat()[:2]); err != nil {
			t.Fatal(err)
		}
		res, err := records.ImportEntries(ctx, inc.ID, append(chat(), chat()[4]))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := res, (backend.ImportResult{IncidentID: inc.ID, Added: 3, Skipped: 3}); got != want {
			t.Errorf("got %+v, want %+v (two already here, one twice in the file)", got, want)
		}
	})

	t.Run("SameKeyInAnotherIncident", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		records := sqlite.NewRecordService(db)
		for _, title := range []string{"First", "Second"} {
			inc := MustCreateIncident(t, db, title, backend.SEV2)
			res, err := records.ImportEntries(ctx, inc.ID, chat())
			if err != nil || res.Added != 5 {
				t.Errorf("got %+v, %v importing into %s, want 5 added", res, err, title)
			}
		}
	})

	for _, tc := range []struct {
		name, code, msg string
		edit            func(list []backend.ImportedEntry) []backend.ImportedEntry
	}{
		{"ErrNoSourceKey", backend.EINVALID, "Message 3 has no usable source key", func(l []backend.ImportedEntry) []backend.ImportedEntry {
			l[2].SourceKey = " "
			return l
		}},
		{"ErrStateKind", backend.EINVALID, `Message 2 is marked "severity"`, func(l []backend.ImportedEntry) []backend.ImportedEntry {
			l[1].Kind = backend.KindSeverity
			return l
		}},
		{"ErrStatusKind", backend.EINVALID, `Message 1 is marked "status"`, func(l []backend.ImportedEntry) []backend.ImportedEntry {
			l[0].Kind = backend.KindStatus
			return l
		}},
		{"ErrNoText", backend.EINVALID, "Message 4 has no text", func(l []backend.ImportedEntry) []backend.ImportedEntry {
			l[3].Text = "\x00 \n"
			return l
		}},
		{"ErrNoTime", backend.EINVALID, "Message 5 has no time", func(l []backend.ImportedEntry) []backend.ImportedEntry {
			l[4].OccurredAt = time.Time{}
			return l
		}},
		{"ErrHugeMessage", backend.ETOOLARGE, "Message 1 is 65 KiB", func(l []backend.ImportedEntry) []backend.ImportedEntry {
			l[0].Text = strings.Repeat("x", backend.MaxEntryBytes+1)
			return l
		}},
		{"ErrTooMany", backend.ETOOLARGE, "The import holds 100001 messages; the limit is 100000", func(l []backend.ImportedEntry) []backend.ImportedEntry {
			many := make([]backend.ImportedEntry, sqlite.MaxImportEntries+1)
			for i := range many {
				many[i] = backend.ImportedEntry{OccurredAt: t0, Kind: backend.KindNote, Text: "hi", SourceKey: fmt.Sprint(i)}
			}
			return many
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := MustOpenDB(t)
			inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
			before := rowCounts(t, db)
			_, err := sqlite.NewRecordService(db).ImportEntries(ctx, inc.ID, tc.edit(chat()))
			wantError(t, err, tc.code, tc.msg)
			wantUnchanged(t, db, before)
		})
	}

	t.Run("ErrNoIncident", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		_, err := sqlite.NewRecordService(db).ImportEntries(ctx, 3, chat())
		wantError(t, err, backend.ENOTFOUND, "No incident with id 3")
	})
}

// BenchmarkImportEntries times importing a long call's chat (5,000
// messages) in one transaction.
func BenchmarkImportEntries(b *testing.B) {
	ctx := context.Background()
	db, _ := MustOpenDB(b)
	records := sqlite.NewRecordService(db)
	msgs := make([]backend.ImportedEntry, 5000)
	for i := range msgs {
		msgs[i] = backend.ImportedEntry{OccurredAt: t0.Add(time.Duration(i) * time.Second), Kind: backend.KindNote,
			Text: fmt.Sprintf("message %d about the checkout errors", i), Author: "Jon", Source: "zoom"}
	}
	for i := 0; b.Loop(); i++ {
		inc := MustCreateIncident(b, db, fmt.Sprintf("Incident %d", i), backend.SEV3)
		for j := range msgs {
			msgs[j].SourceKey = fmt.Sprintf("zoom:%d:%d", i, j)
		}
		if _, err := records.ImportEntries(ctx, inc.ID, msgs); err != nil {
			b.Fatal(err)
		}
	}
}
