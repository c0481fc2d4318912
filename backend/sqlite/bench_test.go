package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// The benchmarks measure latency a scribe feels, so they time every operation
// themselves and report percentiles rather than only the mean ns/op.
//
//	go test ./backend/sqlite -run '^$' -bench . -benchtime 2000x

// BenchmarkCreateEntry times CreateEntry on an incident that already holds
// 10,000 entries, and in the same run a bare single-row INSERT into a plain
// table on a second file with the same pragmas: the ratio is the cost of the
// service (validation, FTS triggers, the read-back) over SQLite's own commit.
func BenchmarkCreateEntry(b *testing.B) {
	ctx := context.Background()
	db, _ := MustOpenDB(b)
	inc := MustCreateIncident(b, db, "Checkout errors", backend.SEV2)
	seedEntries(b, sqlite.SQLDB(db), []int64{inc.ID}, 10_000)

	raw, err := sql.Open("sqlite", sqlite.DSN(filepath.Join(b.TempDir(), "raw.db")))
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, incident_id INTEGER NOT NULL,
		text TEXT NOT NULL, occurred_at INTEGER NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	insert, err := raw.Prepare(`INSERT INTO notes (incident_id, text, occurred_at) VALUES (?, ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	defer insert.Close()

	r := rand.New(rand.NewPCG(1, 2))
	lines := make([]backend.Line, 512)
	for i := range lines {
		lines[i] = backend.Parse(timelineLine(r))
	}
	es := sqlite.NewEntryService(db)
	var ours, bare []time.Duration
	for i := 0; b.Loop(); i++ {
		line, occurred := lines[i%len(lines)], t0.Add(time.Duration(i)*time.Second)

		start := time.Now()
		if _, err := es.CreateEntry(ctx, backend.EntryCreate{IncidentID: inc.ID, Line: line, OccurredAt: occurred, Author: "Sam"}); err != nil {
			b.Fatal(err)
		}
		ours = append(ours, time.Since(start))

		start = time.Now()
		if _, err := insert.Exec(inc.ID, line.Text, occurred.UnixMilli()); err != nil {
			b.Fatal(err)
		}
		bare = append(bare, time.Since(start))
	}
	p50, p99 := percentiles(ours)
	rawP50, rawP99 := percentiles(bare)
	b.ReportMetric(p50, "p50-µs")
	b.ReportMetric(p99, "p99-µs")
	b.ReportMetric(rawP50, "raw-p50-µs")
	b.ReportMetric(rawP99, "raw-p99-µs")
	b.ReportMetric(p50/rawP50, "ratio-p50")
}

// BenchmarkSearch times Search over 100,000 entries in 20 incidents with words
// a scribe would look for, each matching thousands of entries.
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	db, _ := MustOpenDB(b)
	var ids []int64
	for i := range 20 {
		ids = append(ids, MustCreateIncident(b, db, fmt.Sprintf("Incident %d", i+1), backend.SEV2).ID)
	}
	seedEntries(b, sqlite.SQLDB(db), ids, 100_000)

	es := sqlite.NewEntryService(db)
	queries := []string{"timeout", "database", "rollback", "customers", "latency", "checkout errors", "repl"}
	hits := map[string]int{}
	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		q := queries[i%len(queries)]
		start := time.Now()
		list, err := es.Search(ctx, q, 0, 50)
		took = append(took, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
		hits[q] = len(list)
	}
	for _, q := range queries {
		if hits[q] == 0 && b.N >= len(queries) {
			b.Fatalf("got no hits for %q, want the seeded text to contain it", q)
		}
	}
	p50, p99 := percentiles(took)
	b.ReportMetric(p50, "p50-µs")
	b.ReportMetric(p99, "p99-µs")
}

// percentiles returns the 50th and 99th percentiles of d in microseconds.
func percentiles(d []time.Duration) (p50, p99 float64) {
	if len(d) == 0 {
		return 0, 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	at := func(p float64) float64 {
		return float64(s[min(len(s)-1, int(p*float64(len(s))))]) / float64(time.Microsecond)
	}
	return at(0.50), at(0.99)
}

// seedEntries writes n generated entries spread over incidents, in one
// transaction with one prepared statement: through CreateEntry each would be
// its own synchronous commit, and seeding would take minutes.
func seedEntries(tb testing.TB, db *sql.DB, incidents []int64, n int) {
	tb.Helper()
	tx, err := db.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	stmt, err := tx.Prepare(`INSERT INTO entries (incident_id, kind, text, raw, occurred_at, recorded_at, owner)
		VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		tb.Fatal(err)
	}
	defer stmt.Close()
	r := rand.New(rand.NewPCG(7, 11))
	for i := range n {
		raw := timelineLine(r)
		l := backend.Parse(raw)
		ms := t0.Add(-time.Duration(n-i) * time.Second).UnixMilli()
		if _, err := stmt.Exec(incidents[i%len(incidents)], l.Kind, l.Text, l.Raw, ms, ms, l.Owner); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// Vocabulary for generated timelines: what scribes actually write, varied
// enough that common words match thousands of entries, not all of them.
var (
	services = []string{"checkout", "payments-api", "auth service", "database primary", "redis cache", "queue workers",
		"load balancer", "CDN edge", "search cluster", "billing job", "api gateway", "kafka brokers", "dns resolver"}
	symptoms = []string{"returning 502s", "timeout errors rising", "latency p99 at 4s", "connection pool exhausted",
		"CPU pegged at 100%", "disk nearly full", "replication lag 90s", "error rate 38%", "memory leak suspected",
		"OOM kills every few minutes", "TLS handshake failures", "slow queries piling up", "health checks flapping"}
	regions = []string{"in eu-west", "in us-east", "for EU customers", "for mobile users", "across all regions",
		"in the canary pool", "since the 14:02 deploy"}
	people    = []string{"sam", "priya", "jon", "ana", "lee", "mo"}
	templates = []func(r *rand.Rand) string{
		func(r *rand.Rand) string { return pick(r, services) + " " + pick(r, symptoms) + " " + pick(r, regions) },
		func(r *rand.Rand) string {
			return "d: rollback " + pick(r, services) + fmt.Sprintf(" to v%d", 30+r.IntN(20))
		},
		func(r *rand.Rand) string {
			return "a: @" + pick(r, people) + " restart " + pick(r, services) + fmt.Sprintf(" %dm", 5*(1+r.IntN(6)))
		},
		func(r *rand.Rand) string {
			return "? " + pick(r, services) + " " + pick(r, symptoms) + " after the deploy"
		},
		func(r *rand.Rand) string {
			return fmt.Sprintf("ev: graph shows %s %s since 14:%02d", pick(r, services), pick(r, symptoms), r.IntN(60))
		},
		func(r *rand.Rand) string {
			return fmt.Sprintf("m: scaled %s from %d to %d replicas", pick(r, services), 2+r.IntN(4), 6+r.IntN(10))
		},
		func(r *rand.Rand) string { return "! customers " + pick(r, regions) + " see checkout errors" },
		func(r *rand.Rand) string {
			return "todo: alert on " + pick(r, services) + " latency and timeout budget"
		},
		func(r *rand.Rand) string { return "customers report " + pick(r, symptoms) + " on the status page" },
	}
)

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// timelineLine returns one plausible typed line.
func timelineLine(r *rand.Rand) string {
	return strings.TrimSpace(templates[r.IntN(len(templates))](r))
}
