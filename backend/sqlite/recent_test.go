package sqlite_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

func TestEntryService_RecentEntries(t *testing.T) {
	ctx := context.Background()
	db, clock := MustOpenDB(t)
	inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
	svc := sqlite.NewEntryService(db)
	base := clock.Now()
	var hidden *backend.Entry
	for i, line := range []string{"d: one", "note", "d: two", "tl: moment", "d: three", "m: restart", "d: four"} {
		e := MustCreateEntry(t, db, inc.ID, line, base.Add(time.Duration(i)*time.Minute))
		if line == "d: three" {
			hidden = e
		}
	}
	// A backdated decision sorts by when it happened, not when it was written.
	MustCreateEntry(t, db, inc.ID, "d: zero", base.Add(-time.Hour))
	if err := svc.DeleteEntry(ctx, hidden.ID); err != nil {
		t.Fatal(err)
	}
	texts := func(es []*backend.Entry) (out []string) {
		for _, e := range es {
			out = append(out, e.Text)
		}
		return out
	}
	t.Run("OK", func(t *testing.T) {
		got, err := svc.RecentEntries(ctx, inc.ID, []backend.Kind{backend.KindDecision}, false, 2)
		if err != nil {
			t.Fatal(err)
		}
		if g, w := texts(got), []string{"two", "four"}; !slices.Equal(g, w) {
			t.Errorf("got %v, want %v (latest two visible, oldest first)", g, w)
		}
	})
	t.Run("KeyMoments", func(t *testing.T) {
		got, _ := svc.RecentEntries(ctx, inc.ID, nil, true, 5)
		if g, w := texts(got), []string{"Declared SEV2", "moment"}; len(g) != 2 || g[1] != w[1] {
			t.Errorf("got %v, want %v", g, w)
		}
	})
	t.Run("SeveralKinds", func(t *testing.T) {
		got, _ := svc.RecentEntries(ctx, inc.ID, []backend.Kind{backend.KindDecision, backend.KindMitigation}, false, 10)
		if g, w := texts(got), []string{"zero", "one", "two", "restart", "four"}; !slices.Equal(g, w) {
			t.Errorf("got %v, want %v", g, w)
		}
	})
	t.Run("ErrIncidentNotFound", func(t *testing.T) {
		_, err := svc.RecentEntries(ctx, 999, nil, true, 5)
		if got := backend.ErrorCode(err); got != backend.ENOTFOUND {
			t.Errorf("code %q, want not_found", got)
		}
	})
}
