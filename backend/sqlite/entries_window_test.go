package sqlite_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/limits"
	"bridgelog/backend/sqlite"
)

// TestEntryService_EntryWindow checks every stretch the timeline can ask for
// against the whole list ListEntries returns: the same entries in the same
// order, whatever the offset, size, end or kind.
func TestEntryService_EntryWindow(t *testing.T) {
	ctx := context.Background()
	db, clock := MustOpenDB(t)
	inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
	svc := sqlite.NewEntryService(db)
	base := clock.Now()
	var hidden *backend.Entry
	for i := range 40 {
		line := fmt.Sprintf("line %d", i)
		if i%3 == 0 {
			line = fmt.Sprintf("d: decision %d", i)
		}
		// Several entries share a minute, and some are backdated a day: the
		// order is (occurred, id), and the windows must keep it.
		at := base.Add(time.Duration(i/2) * time.Minute)
		if i%7 == 0 {
			at = base.Add(-24*time.Hour + time.Duration(i)*time.Second)
		}
		e := MustCreateEntry(t, db, inc.ID, line, at)
		if i == 17 {
			hidden = e
		}
	}
	if err := svc.DeleteEntry(ctx, hidden.ID); err != nil {
		t.Fatal(err)
	}
	all, err := svc.ListEntries(ctx, inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(list []*backend.Entry) (out []int64) {
		for _, e := range list {
			out = append(out, e.ID)
		}
		return out
	}
	of := func(kind backend.Kind) (out []*backend.Entry) {
		for _, e := range all {
			if kind == "" || e.Kind == kind {
				out = append(out, e)
			}
		}
		return out
	}

	for _, kind := range []backend.Kind{"", backend.KindDecision} {
		want := of(kind)
		for _, size := range []int{1, 5, 13, len(want), len(want) + 3} {
			for offset := 0; offset <= len(want)+2; offset++ {
				t.Run(fmt.Sprintf("Kind=%q/Size=%d/Offset=%d", kind, size, offset), func(t *testing.T) {
					w, err := svc.EntryWindow(ctx, inc.ID, kind, offset, size)
					if err != nil {
						t.Fatal(err)
					}
					// An offset past the end gives the last full window.
					from := min(offset, max(0, len(want)-size))
					to := min(len(want), from+size)
					if w.Offset != from || w.Total != len(want) || w.All != len(all) {
						t.Fatalf("got offset %d total %d all %d, want %d %d %d", w.Offset, w.Total, w.All, from, len(want), len(all))
					}
					if g, x := ids(w.Entries), ids(want[from:to]); !slices.Equal(g, x) {
						t.Fatalf("got %v, want %v", g, x)
					}
					switch {
					case from == 0 && w.PrevAt != nil:
						t.Errorf("got PrevAt %v at the start, want none", w.PrevAt)
					case from > 0 && (w.PrevAt == nil || !w.PrevAt.Equal(want[from-1].OccurredAt)):
						t.Errorf("got PrevAt %v, want %v", w.PrevAt, want[from-1].OccurredAt)
					}
					if w.FirstAt == nil || !w.FirstAt.Equal(all[0].OccurredAt) || w.LastAt == nil || !w.LastAt.Equal(all[len(all)-1].OccurredAt) {
						t.Errorf("got bounds %v to %v, want %v to %v", w.FirstAt, w.LastAt, all[0].OccurredAt, all[len(all)-1].OccurredAt)
					}
				})
			}
		}
		t.Run(fmt.Sprintf("Kind=%q/End", kind), func(t *testing.T) {
			w, err := svc.EntryWindow(ctx, inc.ID, kind, backend.WindowEnd, 6)
			if err != nil {
				t.Fatal(err)
			}
			if g, x := ids(w.Entries), ids(want[len(want)-6:]); !slices.Equal(g, x) || w.Offset != len(want)-6 {
				t.Errorf("got %v at %d, want the newest six %v at %d", g, w.Offset, x, len(want)-6)
			}
		})
		t.Run(fmt.Sprintf("Kind=%q/EntryIndexAndNeighbours", kind), func(t *testing.T) {
			for i, e := range want {
				got, err := svc.EntryIndex(ctx, e.ID, kind)
				if err != nil || got != i {
					t.Fatalf("EntryIndex(%d): got %d, %v, want %d", e.ID, got, err, i)
				}
				for _, step := range []int{-1, 1} {
					n, err := svc.EntryNeighbour(ctx, e.ID, kind, step)
					if err != nil {
						t.Fatal(err)
					}
					var wantID int64
					if j := i + step; j >= 0 && j < len(want) {
						wantID = want[j].ID
					}
					var gotID int64
					if n != nil {
						gotID = n.ID
					}
					if gotID != wantID {
						t.Fatalf("EntryNeighbour(%d, %d): got %d, want %d", e.ID, step, gotID, wantID)
					}
				}
			}
		})
	}
	t.Run("SizeIsBounded", func(t *testing.T) {
		w, err := svc.EntryWindow(ctx, inc.ID, "", 0, limits.TimelineWindow*10)
		if err != nil {
			t.Fatal(err)
		}
		if len(w.Entries) != len(all) {
			t.Errorf("got %d entries, want all %d (under the bound)", len(w.Entries), len(all))
		}
	})
	t.Run("Overrode", func(t *testing.T) {
		first := MustCreateEntry(t, db, inc.ID, "m: restart the pool", base.Add(time.Hour))
		// A second mitigation while the first is in progress names it.
		second := MustCreateEntry(t, db, inc.ID, "m: fail over", base.Add(2*time.Hour))
		if second.Overrode != first.ID {
			t.Fatalf("got overrode %d, want %d", second.Overrode, first.ID)
		}
		w, err := svc.EntryWindow(ctx, inc.ID, "", backend.WindowEnd, 1)
		if err != nil {
			t.Fatal(err)
		}
		// The counts were read before these two writes: they are read again.
		if w.Total != len(all)+2 || w.All != len(all)+2 || !w.LastAt.Equal(second.OccurredAt) {
			t.Errorf("got total %d all %d last %v, want %d %d %v", w.Total, w.All, w.LastAt, len(all)+2, len(all)+2, second.OccurredAt)
		}
		if len(w.Entries) != 1 || w.Entries[0].ID != second.ID {
			t.Fatalf("got %v, want only the second mitigation", ids(w.Entries))
		}
		if got := w.Overrode[first.ID]; got != "restart the pool" {
			t.Errorf("got overridden text %q, want %q (outside the window)", got, "restart the pool")
		}
	})
	t.Run("LastRecorded", func(t *testing.T) {
		clock.Advance(time.Minute)
		e := MustCreateEntry(t, db, inc.ID, "written last, dated first", base.Add(-48*time.Hour))
		got, err := svc.LastRecorded(ctx, inc.ID)
		if err != nil || got == nil || got.ID != e.ID {
			t.Errorf("got %v, %v, want entry %d", got, err, e.ID)
		}
	})
	t.Run("ErrHidden", func(t *testing.T) {
		_, err := svc.EntryIndex(ctx, hidden.ID, "")
		wantError(t, err, backend.ENOTFOUND, "hidden")
	})
	t.Run("ErrKind", func(t *testing.T) {
		_, err := svc.EntryWindow(ctx, inc.ID, "nonsense", 0, 10)
		wantError(t, err, backend.EINVALID, "not a kind")
	})
	t.Run("ErrIncidentNotFound", func(t *testing.T) {
		_, err := svc.EntryWindow(ctx, 999, "", 0, 10)
		wantError(t, err, backend.ENOTFOUND, "")
	})
	t.Run("Empty", func(t *testing.T) {
		other := MustCreateIncident(t, db, "Quiet", backend.SEV4)
		// Creating an incident writes its declaration entry: hide it.
		list, _ := svc.ListEntries(ctx, other.ID)
		for _, e := range list {
			if err := svc.DeleteEntry(ctx, e.ID); err != nil {
				t.Fatal(err)
			}
		}
		w, err := svc.EntryWindow(ctx, other.ID, "", backend.WindowEnd, 10)
		if err != nil {
			t.Fatal(err)
		}
		if w.Total != 0 || len(w.Entries) != 0 || w.FirstAt != nil || w.Offset != 0 {
			t.Errorf("got %+v, want an empty window", w)
		}
	})
}
