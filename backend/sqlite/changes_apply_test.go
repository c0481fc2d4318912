package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// openPair opens two databases with their own clocks at t0, A with an
// incident holding a note, and B holding what A holds.
func openPair(t *testing.T) (a, b *writer, uid string) {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	a = newWriter(t, r, "a", "aaaa", t0)
	uid = a.create()
	MustCreateEntry(t, a.db, a.incident(uid), "checking the edge logs", t0)
	b = newWriter(t, r, "b", "bbbb", t0)
	mustApply(t, b.db, readChanges(t, a.db))
	return a, b, uid
}

func mustApply(tb testing.TB, db *sqlite.DB, list []sqlite.Change) int {
	tb.Helper()
	n, err := db.ApplyChanges(context.Background(), list)
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

func pending(tb testing.TB, db *sqlite.DB) int {
	tb.Helper()
	n, err := db.PendingChanges(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

func title(tb testing.TB, w *writer, uid string) string {
	tb.Helper()
	return MustFindIncident(tb, w.db, w.incident(uid)).Title
}

// retitle renames the incident on w and returns the incident change it wrote.
func retitle(t *testing.T, w *writer, uid, to string) sqlite.Change {
	t.Helper()
	if _, err := w.incidents.UpdateIncident(context.Background(), w.incident(uid), backend.IncidentUpdate{Title: &to}); err != nil {
		t.Fatal(err)
	}
	list := readChanges(t, w.db)
	return list[len(list)-1]
}

func TestApplyChanges(t *testing.T) {
	ctx := context.Background()

	t.Run("AlreadyHeld", func(t *testing.T) {
		a, b, _ := openPair(t)
		list := readChanges(t, a.db)
		if got := mustApply(t, b.db, list); got != 0 {
			t.Errorf("applied %d changes held already, want 0", got)
		}
		if got, want := len(readChanges(t, b.db)), len(list); got != want {
			t.Errorf("b holds %d changes, want %d", got, want)
		}
	})

	t.Run("KeepsWhoWroteIt", func(t *testing.T) {
		a, b, _ := openPair(t)
		own, err := b.db.DeviceID(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range readChanges(t, b.db) {
			if c.Device != "aaaa" || c.HLC == "" {
				t.Errorf("b logged %s %s as device %q at %q, want a's (aaaa), not its own (%s)", c.Kind, c.RowKey, c.Device, c.HLC, own)
			}
		}
		if got := readChanges(t, b.db)[0].Author; got != "a" {
			t.Errorf("got author %q, want a", got)
		}
		_ = a
	})

	t.Run("LatestWins", func(t *testing.T) {
		a, b, uid := openPair(t)
		a.clock.Advance(time.Second)
		first := retitle(t, a, uid, "First name")
		a.clock.Advance(time.Second)
		second := retitle(t, a, uid, "Second name")
		mustApply(t, b.db, []sqlite.Change{second})
		if got := mustApply(t, b.db, []sqlite.Change{first}); got != 1 {
			t.Errorf("took in %d changes, want the older one kept (1)", got)
		}
		if got, want := title(t, b, uid), "Second name"; got != want {
			t.Errorf("got title %q, want %q: an older change overwrote a newer one", got, want)
		}
	})

	t.Run("TieGoesToHigherDevice", func(t *testing.T) {
		a, b, uid := openPair(t)
		fromA, fromB := retitle(t, a, uid, "Named on a"), retitle(t, b, uid, "Named on b")
		if fromA.HLC != fromB.HLC {
			t.Fatalf("clock times %s and %s, want the same to test the tie", fromA.HLC, fromB.HLC)
		}
		mustApply(t, a.db, []sqlite.Change{fromB})
		mustApply(t, b.db, []sqlite.Change{fromA})
		for _, w := range []*writer{a, b} {
			if got, want := title(t, w, uid), "Named on b"; got != want {
				t.Errorf("%s: got title %q, want %q (device bbbb > aaaa)", w.name, got, want)
			}
		}
	})

	t.Run("WaitsForRowsItNames", func(t *testing.T) {
		a, _, uid := openPair(t)
		a.clock.Advance(time.Minute)
		MustCreateEntry(t, a.db, a.incident(uid), "a: @sam restart the queue 10m", a.clock.T)
		c := newWriter(t, a.r, "c", "cccc", t0)
		var entries, rest []sqlite.Change
		for _, ch := range readChanges(t, a.db) {
			if ch.Kind == "entries" || ch.Kind == "incidents" {
				entries = append(entries, ch)
			} else {
				rest = append(rest, ch)
			}
		}
		mustApply(t, c.db, rest)
		if got := pending(t, c.db); got != len(rest) {
			t.Errorf("%d changes waiting, want %d (the action names an entry not here)", got, len(rest))
		}
		mustApply(t, c.db, entries)
		if got := pending(t, c.db); got != 0 {
			t.Errorf("%d changes waiting, want 0 once the entry is here", got)
		}
		actions, err := c.calls.Actions(ctx, c.incident(uid))
		if err != nil {
			t.Fatal(err)
		}
		if len(actions) != 1 || actions[0].Owner != "sam" {
			t.Errorf("got actions %+v, want sam's", actions)
		}
	})

	t.Run("ClockMovesPastReceived", func(t *testing.T) {
		a, b, uid := openPair(t)
		a.clock.Advance(time.Hour) // a's clock is an hour ahead of b's
		far := retitle(t, a, uid, "From the future")
		mustApply(t, b.db, []sqlite.Change{far})
		mine := retitle(t, b, uid, "Named after")
		if mine.HLC <= far.HLC {
			t.Errorf("b wrote at %s after seeing %s, want later", mine.HLC, far.HLC)
		}
		if got, want := title(t, b, uid), "Named after"; got != want {
			t.Errorf("got title %q, want %q", got, want)
		}
	})

	t.Run("SameEditOnBothLaptops", func(t *testing.T) {
		// Both laptops turn the same note into an action before they hear
		// of each other: one action, not two, and no conflict.
		a, b, uid := openPair(t)
		for _, w := range []*writer{a, b} {
			e := w.ids(`SELECT id FROM entries WHERE incident_id = ? AND kind = 'note'`, w.incident(uid))
			if _, err := w.entries.UpdateEntry(ctx, e[0], backend.Parse("a: @sam check the edge logs"), time.Time{}); err != nil {
				t.Fatal(err)
			}
		}
		fromA, fromB := readChanges(t, a.db), readChanges(t, b.db)
		mustApply(t, a.db, fromB)
		mustApply(t, b.db, fromA)
		for _, w := range []*writer{a, b} {
			actions, err := w.calls.Actions(ctx, w.incident(uid))
			if err != nil {
				t.Fatal(err)
			}
			if len(actions) != 1 {
				t.Errorf("%s: got %d actions, want 1", w.name, len(actions))
			}
		}
		sameIncident(t, a, b, uid)
	})

	t.Run("ErrMalformed", func(t *testing.T) {
		_, b, _ := openPair(t)
		for _, c := range []sqlite.Change{
			{Kind: "entries", RowKey: "x", Payload: "{}", Device: "d", HLC: "12"},
			{Kind: "entries", RowKey: "x", Payload: "{", Device: "d", HLC: "0000000000001.000000"},
			{Kind: "gadgets", RowKey: "x", Payload: "{}", Device: "d", HLC: "0000000000001.000000"},
			{Kind: "entries", RowKey: "x", Payload: "{}", Device: "", HLC: "0000000000001.000000"},
		} {
			_, err := b.db.ApplyChanges(ctx, []sqlite.Change{c})
			wantError(t, err, backend.EINVALID, "cannot be applied")
		}
	})
}

func TestChanges_Pages(t *testing.T) {
	ctx := context.Background()
	a, b, uid := openPair(t)
	a.run(uid, 10)
	mine := retitle(t, b, uid, "Named on b")
	mustApply(t, a.db, []sqlite.Change{mine})

	all := readChanges(t, a.db)
	var paged []sqlite.Change
	for after := int64(0); ; {
		page, err := a.db.Changes(ctx, sqlite.ChangeQuery{AfterSeq: after, Limit: 7})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		paged, after = append(paged, page...), page[len(page)-1].Seq
	}
	if got, want := len(paged), len(all); got != want {
		t.Errorf("paged through %d changes, want %d", got, want)
	}
	fromB, err := a.db.Changes(ctx, sqlite.ChangeQuery{Device: "bbbb", IncidentUID: uid})
	if err != nil {
		t.Fatal(err)
	}
	if len(fromB) != 1 || fromB[0].Payload != mine.Payload {
		t.Errorf("got %d changes from bbbb, want the one it wrote", len(fromB))
	}
	own, err := a.db.Changes(ctx, sqlite.ChangeQuery{Device: "aaaa", AfterHLC: all[0].HLC})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range own {
		if c.Device != "aaaa" || c.HLC <= all[0].HLC {
			t.Errorf("got %s %s at %s, want aaaa's after %s", c.Device, c.Kind, c.HLC, all[0].HLC)
		}
	}
}

// A log written before changes were applied from elsewhere may hold one row
// twice from one transaction (an incident touched by each of its notes):
// opening it keeps one change per row and transaction, with the image the
// transaction left, and the log still rebuilds the database.
func TestChanges_CollapsesOlderLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", sqlite.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	if err := sqlite.MigrateTo(raw, "0005_changes.sql", t0); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE change_context SET hlc = '1795269600000.000000', author = 'Jo'`,
		`INSERT INTO incidents (uid, title, declared_at, created_at, updated_at) VALUES ('01KC0000000000000000000000', 'Old', 1, 1, 1)`,
		`UPDATE incidents SET updated_at = 2`,
		`UPDATE incidents SET updated_at = 3`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	db := MustOpenDBAt(t, path, &backend.FixedClock{T: t0})
	list := readChanges(t, db)
	if len(list) != 1 || !strings.Contains(list[0].Payload, `"updated_at":3`) {
		t.Errorf("got changes %+v, want one holding updated_at 3", list)
	}
	rebuilt := MustOpenDBAt(t, filepath.Join(t.TempDir(), "rebuilt.db"), &backend.FixedClock{T: t0})
	if err := sqlite.RebuildFromChanges(context.Background(), db, rebuilt); err != nil {
		t.Fatal(err)
	}
	if got, want := recordJSON(t, rebuilt, "01KC0000000000000000000000"), recordJSON(t, db, "01KC0000000000000000000000"); !bytes.Equal(got, want) {
		t.Errorf("rebuilt record differs:\n got %s\nwant %s", got, want)
	}
}
