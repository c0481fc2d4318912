package sqlite_test

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/limits"
	"bridgelog/backend/sqlite"
)

// BenchmarkEntryWindow reads the timeline's windows from an incident of
// 200,000 entries, as the timeline does when it opens (the newest), scrolls
// (anywhere) and jumps to a search hit (EntryIndex, then a window): the
// figures are per read, in microseconds, at the three places that cost
// differently (the ends, and the middle, where an OFFSET walks furthest).
func BenchmarkEntryWindow(b *testing.B) {
	ctx := context.Background()
	db, _ := MustOpenDB(b)
	inc := MustCreateIncident(b, db, "A long call", backend.SEV1)
	const n = 200_000
	seedEntries(b, sqlite.SQLDB(db), []int64{inc.ID}, n)
	es := sqlite.NewEntryService(db)
	size := limits.TimelineWindow
	r := rand.New(rand.NewPCG(3, 5))
	var end, mid, anywhere, locate []time.Duration
	timed := func(into *[]time.Duration, f func() error) {
		start := time.Now()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		*into = append(*into, time.Since(start))
	}
	for b.Loop() {
		timed(&end, func() error {
			w, err := es.EntryWindow(ctx, inc.ID, "", backend.WindowEnd, size)
			if err == nil && (w.Total < n || len(w.Entries) != size) {
				b.Fatalf("got %d of %d entries, want %d of at least %d", len(w.Entries), w.Total, size, n)
			}
			return err
		})
		timed(&mid, func() error {
			_, err := es.EntryWindow(ctx, inc.ID, "", n/2, size)
			return err
		})
		var hit *backend.Entry
		timed(&anywhere, func() error {
			w, err := es.EntryWindow(ctx, inc.ID, "", r.IntN(n), size)
			if err == nil {
				hit = w.Entries[0]
			}
			return err
		})
		timed(&locate, func() error {
			i, err := es.EntryIndex(ctx, hit.ID, "")
			if err == nil && i < 0 {
				b.Fatalf("got index %d", i)
			}
			return err
		})
	}
	for _, m := range []struct {
		name string
		d    []time.Duration
	}{{"end", end}, {"middle", mid}, {"anywhere", anywhere}, {"index", locate}} {
		p50, p99 := percentiles(m.d)
		b.ReportMetric(p50, m.name+"-p50-µs")
		b.ReportMetric(p99, m.name+"-p99-µs")
	}
}
