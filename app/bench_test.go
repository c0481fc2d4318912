package app_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"bridgelog/backend"
)

// BenchmarkTimelineAdd times a scribe's Enter through the bound method
// (settings, grammar, time, store, draft clearing, the clocks' change hook) on an
// incident that already holds 10,000 entries, and in the same run a bare
// single-row INSERT with the same pragmas into a second file. The ratio is the
// figure; the absolute numbers move with the machine.
//
//	go test ./app -run '^$' -bench TimelineAdd -benchtime 1000x
func BenchmarkTimelineAdd(b *testing.B) {
	bd := mustBind(b)
	ctx := context.Background()
	for i := range 10_000 {
		if _, err := bd.timeline.Service.Entries.CreateEntry(ctx, backend.EntryCreate{IncidentID: bd.inc.ID,
			Line: backend.Parse(fmt.Sprintf("note %d about the checkout queue", i)), OccurredAt: bd.inc.DeclaredAt}); err != nil {
			b.Fatal(err)
		}
	}
	raw, err := sql.Open("sqlite", "file:"+filepath.Join(b.TempDir(), "raw.db")+
		"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, incident_id INTEGER, text TEXT, occurred_at INTEGER)`); err != nil {
		b.Fatal(err)
	}
	var ours, bare []time.Duration
	for i := 0; b.Loop(); i++ {
		line := fmt.Sprintf("d: roll back cart-service %d", i)
		start := time.Now()
		if _, err := bd.timeline.Add(bd.inc.ID, line, ""); err != nil {
			b.Fatal(err)
		}
		ours = append(ours, time.Since(start))
		start = time.Now()
		if _, err := raw.Exec(`INSERT INTO notes (incident_id, text, occurred_at) VALUES (?, ?, ?)`, 1, line, i); err != nil {
			b.Fatal(err)
		}
		bare = append(bare, time.Since(start))
	}
	p50, p99 := pct(ours, 50), pct(ours, 99)
	r50, r99 := pct(bare, 50), pct(bare, 99)
	b.ReportMetric(p50, "p50-µs")
	b.ReportMetric(p99, "p99-µs")
	b.ReportMetric(r50, "raw-p50-µs")
	b.ReportMetric(r99, "raw-p99-µs")
	b.ReportMetric(p50/r50, "ratio-p50")
}

func pct(ds []time.Duration, p int) float64 {
	s := slices.Clone(ds)
	slices.Sort(s)
	return float64(s[(len(s)-1)*p/100].Microseconds())
}
