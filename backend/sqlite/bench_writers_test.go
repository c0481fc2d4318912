package sqlite_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// BenchmarkConcurrentWriters has 8 writers add entries at once (what an
// import beside a typing scribe, or team mode, does) and reports the writes
// per second, each write's latency as its caller sees it (p50, p99, max) and
// the writes that failed: the figure to compare is failures (must be 0) and
// the p99 to max spread (a fair queue keeps it narrow).
//
//	go test ./backend/sqlite -run '^$' -bench ConcurrentWriters -benchtime 2000x
func BenchmarkConcurrentWriters(b *testing.B) {
	const writers = 8
	db, _ := MustOpenDB(b)
	inc := MustCreateIncident(b, db, "Checkout errors", backend.SEV2)
	entries := sqlite.NewEntryService(db)
	ctx := context.Background()
	var mu sync.Mutex
	var lat []time.Duration
	var failed atomic.Int64
	var next atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(b.N) {
				t := time.Now()
				_, err := entries.CreateEntry(ctx, backend.EntryCreate{IncidentID: inc.ID,
					Line: backend.Parse(fmt.Sprintf("writer %d: a note about the queue", w)), OccurredAt: t0,
					Author: "Sam", AuthorRole: backend.RoleScribe})
				d := time.Since(t)
				if err != nil {
					failed.Add(1)
					continue
				}
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	slices.Sort(lat)
	q := func(p int) float64 {
		if len(lat) == 0 {
			return 0
		}
		return float64(lat[(len(lat)-1)*p/100].Microseconds())
	}
	b.ReportMetric(float64(len(lat))/took.Seconds(), "writes/s")
	b.ReportMetric(q(50), "p50-µs")
	b.ReportMetric(q(99), "p99-µs")
	b.ReportMetric(q(100), "max-µs")
	b.ReportMetric(float64(failed.Load()), "failed")
}
