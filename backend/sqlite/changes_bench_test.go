package sqlite_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// BenchmarkApplyChanges times applying 10,000 changes of one incident to a
// new database in one call: 8,000 new entries and 2,000 later edits of
// them, in clock order and shuffled (edits before the entries they change,
// entries before their incident: the waiting path).
//
//	go test ./backend/sqlite -run '^$' -bench ApplyChanges -benchtime 3x
func BenchmarkApplyChanges(b *testing.B) {
	list := syntheticChanges(b, 10_000)
	r := rand.New(rand.NewPCG(3, 4))
	shuffled := append([]sqlite.Change(nil), list...)
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for _, bc := range []struct {
		name string
		list []sqlite.Change
	}{{"InOrder", list}, {"Shuffled", shuffled}} {
		b.Run(bc.name, func(b *testing.B) {
			ctx := context.Background()
			var took time.Duration
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				db := MustOpenDBAt(b, filepath.Join(b.TempDir(), fmt.Sprintf("b%d.db", i)), &backend.FixedClock{T: t0})
				b.StartTimer()
				start := time.Now()
				n, err := db.ApplyChanges(ctx, bc.list)
				took += time.Since(start)
				if err != nil {
					b.Fatal(err)
				}
				if n != len(bc.list) {
					b.Fatalf("applied %d changes, want %d", n, len(bc.list))
				}
				if p, _ := db.PendingChanges(ctx); p != 0 {
					b.Fatalf("%d changes waiting, want 0", p)
				}
			}
			b.ReportMetric(float64(len(bc.list)*b.N)/took.Seconds(), "changes/s")
		})
	}
}

// syntheticChanges makes n changes of one incident as another laptop would
// send them: the incident and its first entry from a real database, then
// entries and edits made from that entry's image, each at a later clock time.
func syntheticChanges(tb testing.TB, n int) []sqlite.Change {
	tb.Helper()
	db, _ := MustOpenDB(tb)
	MustCreateIncident(tb, db, "Checkout errors", backend.SEV2)
	seed := readChanges(tb, db)
	var template sqlite.Change
	for _, c := range seed {
		if c.Kind == "entries" {
			template = c
		}
	}
	var image map[string]any
	if err := json.Unmarshal([]byte(template.Payload), &image); err != nil {
		tb.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	list := seed
	var uids []string
	at := t0
	for i := len(list); i < n; i++ {
		at = at.Add(time.Millisecond)
		c := template
		c.HLC = fmt.Sprintf("%013d.%06d", at.UnixMilli(), 0)
		if len(uids) > 0 && i%5 == 0 {
			image["uid"] = uids[r.IntN(len(uids))]
			image["text"], image["revisions"] = fmt.Sprintf("edited note %d", i), 1
		} else {
			image["uid"] = backend.NewID(at)
			image["text"], image["revisions"] = fmt.Sprintf("note %d about the queue", i), 0
			image["kind"], image["occurred_at"], image["recorded_at"] = "note", at.UnixMilli(), at.UnixMilli()
			uids = append(uids, image["uid"].(string))
		}
		payload, err := json.Marshal(image)
		if err != nil {
			tb.Fatal(err)
		}
		c.RowKey, c.Payload = image["uid"].(string), string(payload)
		list = append(list, c)
	}
	return list
}
