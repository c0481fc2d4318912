package sqlite_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"bridgelog/backend/export"
	"bridgelog/backend/sqlite"
)

var changesSeed = flag.Uint64("changes.seed", 0,
	"replay one case of the change-log property tests from its seed (also $BRIDGELOG_CHANGES_SEED)")

// caseSeeds returns one seed per case: the one asked for on the command
// line, or n new ones. Each case runs as a subtest named by its seed, so a
// failure says how to replay it:
//
//	go test ./backend/sqlite -run 'TestChanges_AnyOrder' -changes.seed N
func caseSeeds(t *testing.T, n int) []uint64 {
	t.Helper()
	seed := *changesSeed
	if env := os.Getenv("BRIDGELOG_CHANGES_SEED"); seed == 0 && env != "" {
		var err error
		if seed, err = strconv.ParseUint(env, 10, 64); err != nil {
			t.Fatalf("BRIDGELOG_CHANGES_SEED=%q: %v", env, err)
		}
	}
	if seed != 0 {
		return []uint64{seed}
	}
	base := uint64(time.Now().UnixNano())
	t.Logf("first seed %d", base)
	seeds := make([]uint64, n)
	for i := range seeds {
		seeds[i] = base + uint64(i)
	}
	return seeds
}

// cases is how many command sequences a property test runs, and how long.
func cases(full, short int) int {
	if testing.Short() {
		return short
	}
	return full
}

// device is a device id made from the case's random source, so a case
// replays with the same tie-breaks between databases.
func device(r *rand.Rand) string { return fmt.Sprintf("%016x", r.Uint64()) }

// Random commands on database A, at random times, applied to fresh
// databases B and C in two different orders, give the same incidents, byte
// for byte in the JSON record and the Markdown export, with the same
// search results: B takes A's changes in a random order that respects what
// each change names (a row before the rows naming it), in batches; C takes
// them in any order at all, some twice, in batches, so it holds changes
// back until the rows they name arrive.
func TestChanges_AnyOrder(t *testing.T) {
	for _, seed := range caseSeeds(t, cases(40, 8)) {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(seed, 0x5eed))
			a := newWriter(t, r, "a", device(r), t0)
			uids := []string{a.create()}
			const commands = 40
			for i := range commands {
				if i == commands/2 && r.IntN(4) == 0 {
					uids = append(uids, a.create())
				}
				a.command(a.incident(uids[r.IntN(len(uids))]))
			}
			log := readChanges(t, a.db)

			b := newWriter(t, r, "b", device(r), t0)
			applyInBatches(t, r, b.db, dependencyOrder(r, log))
			c := newWriter(t, r, "c", device(r), t0)
			applyInBatches(t, r, c.db, withDuplicates(r, log))

			for _, got := range []*writer{b, c} {
				for _, uid := range uids {
					sameIncident(t, a, got, uid)
				}
				sameLog(t, a, got)
			}
		})
	}
}

// Two databases writing to the same incident at once (A and A', from the
// same start) and passing their changes both ways, in pieces, late, out of
// order and twice, end with the same incident, byte for byte, as does a
// third database given every change of both in any order.
func TestChanges_ConcurrentWriters(t *testing.T) {
	for _, seed := range caseSeeds(t, cases(16, 4)) {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Parallel()
			r := rand.New(rand.NewPCG(seed, 0xc0c0))
			a := newWriter(t, r, "a", device(r), t0)
			uid := a.create()
			a.run(uid, 8)
			// A' starts from what A holds, its clock on A's (so both write
			// at the same clock times, and the device id decides), or a
			// little behind or ahead.
			skews := []time.Duration{0, 0, time.Millisecond, -time.Millisecond, 2 * time.Minute, -2 * time.Minute}
			skew := skews[r.IntN(len(skews))]
			b := newWriter(t, r, "b", device(r), a.clock.T.Add(skew))
			applyInBatches(t, r, b.db, readChanges(t, a.db))
			b.times = append(b.times, b.clock.T)
			if skew == 0 {
				// In step: both write at the same clock times, so the same
				// row often gets two changes at the same HLC.
				tickSeed := r.Uint64()
				a.ticks, b.ticks = rand.New(rand.NewPCG(tickSeed, 1)), rand.New(rand.NewPCG(tickSeed, 1))
			}
			for range 3 {
				a.run(uid, 6)
				b.run(uid, 6)
				// Some of each side's changes reach the other, in any order.
				applyInBatches(t, r, b.db, someOf(r, readChanges(t, a.db)))
				applyInBatches(t, r, a.db, someOf(r, readChanges(t, b.db)))
			}
			fromA, fromB := readChanges(t, a.db), readChanges(t, b.db)
			applyInBatches(t, r, b.db, withDuplicates(r, fromA))
			applyInBatches(t, r, a.db, withDuplicates(r, fromB))
			c := newWriter(t, r, "c", device(r), t0)
			applyInBatches(t, r, c.db, withDuplicates(r, append(fromA, fromB...)))

			sameIncident(t, a, b, uid)
			sameIncident(t, a, c, uid)
			sameLog(t, a, b)
			sameLog(t, a, c)
		})
	}
}

// readChanges is every change db holds, in the order it took them in.
func readChanges(tb testing.TB, db *sqlite.DB) []sqlite.Change {
	tb.Helper()
	list, err := db.Changes(context.Background(), sqlite.ChangeQuery{})
	if err != nil {
		tb.Fatal(err)
	}
	return list
}

// applyInBatches applies list to db in order, in batches of random sizes.
func applyInBatches(tb testing.TB, r *rand.Rand, db *sqlite.DB, list []sqlite.Change) {
	tb.Helper()
	for len(list) > 0 {
		n := min(len(list), 1+r.IntN(40))
		if _, err := db.ApplyChanges(context.Background(), list[:n]); err != nil {
			tb.Fatal(err)
		}
		list = list[n:]
	}
}

// refKinds names, for each payload field that names another row, the kind
// of change that makes that row.
var refKinds = map[string]string{"incident_id": "incidents", "entry_id": "entries", "start_entry_id": "entries",
	"overrode": "entries", "action_id": "actions", "attachment_id": "attachments"}

// dependencyOrder shuffles list so that every change comes after the first
// change of each row it names: any order a sender that sends rows before
// what names them could produce.
func dependencyOrder(r *rand.Rand, list []sqlite.Change) []sqlite.Change {
	first := map[string]int{}
	for i, c := range list {
		if _, ok := first[c.Kind+"/"+c.RowKey]; !ok {
			first[c.Kind+"/"+c.RowKey] = i
		}
	}
	needs := make([][]int, len(list))
	for i, c := range list {
		var payload map[string]any
		if err := json.Unmarshal([]byte(c.Payload), &payload); err != nil {
			panic(err)
		}
		for field, kind := range refKinds {
			if uid, ok := payload[field].(string); ok {
				if j, ok := first[kind+"/"+uid]; ok && j != i {
					needs[i] = append(needs[i], j)
				}
			}
		}
	}
	done := make([]bool, len(list))
	out := make([]sqlite.Change, 0, len(list))
	for len(out) < len(list) {
		var ready []int
		for i := range list {
			if !done[i] && !slices.ContainsFunc(needs[i], func(j int) bool { return !done[j] }) {
				ready = append(ready, i)
			}
		}
		i := ready[r.IntN(len(ready))]
		done[i] = true
		out = append(out, list[i])
	}
	return out
}

// withDuplicates is list in a random order with about a fifth of it twice.
func withDuplicates(r *rand.Rand, list []sqlite.Change) []sqlite.Change {
	out := slices.Clone(list)
	for _, c := range list {
		if r.IntN(5) == 0 {
			out = append(out, c)
		}
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// someOf is a random part of list in a random order.
func someOf(r *rand.Rand, list []sqlite.Change) []sqlite.Change {
	out := withDuplicates(r, list)
	return out[:r.IntN(len(out)+1)]
}

// sameIncident fails unless got shows the incident with uid as want does:
// the JSON record, the Markdown export with history, and search results.
func sameIncident(tb testing.TB, want, got *writer, uid string) {
	tb.Helper()
	if w, g := recordJSON(tb, want.db, uid), recordJSON(tb, got.db, uid); !bytes.Equal(g, w) {
		tb.Errorf("%s: JSON record of %s differs from %s's:\n%s", got.name, uid, want.name, lineDiff(string(g), string(w)))
	}
	if w, g := markdown(tb, want.db, uid), markdown(tb, got.db, uid); !bytes.Equal(g, w) {
		tb.Errorf("%s: Markdown of %s differs from %s's:\n%s", got.name, uid, want.name, lineDiff(string(g), string(w)))
	}
	for _, q := range []string{"queue", "eu", "payments", "from the chat"} {
		if w, g := searchHits(tb, want, uid, q), searchHits(tb, got, uid, q); g != w {
			tb.Errorf("%s: search %q differs from %s's:\n got %s\nwant %s", got.name, q, want.name, g, w)
		}
	}
}

// sameLog fails unless got holds the changes want holds, each as written,
// and has none waiting.
func sameLog(tb testing.TB, want, got *writer) {
	tb.Helper()
	set := func(db *sqlite.DB) []string {
		var out []string
		for _, c := range readChanges(tb, db) {
			out = append(out, strings.Join([]string{c.Kind, c.RowKey, c.HLC, c.Device, c.Author, c.IncidentUID, c.Payload}, " "))
		}
		slices.Sort(out)
		return out
	}
	if w, g := set(want.db), set(got.db); !slices.Equal(g, w) {
		tb.Errorf("%s holds %d changes, %s %d: the logs differ:\n%s", got.name, len(g), want.name, len(w),
			lineDiff(strings.Join(g, "\n"), strings.Join(w, "\n")))
	}
	if n, err := got.db.PendingChanges(context.Background()); err != nil || n != 0 {
		tb.Errorf("%s: %d changes waiting (%v), want 0", got.name, n, err)
	}
}

func markdown(tb testing.TB, db *sqlite.DB, uid string) []byte {
	tb.Helper()
	ctx := context.Background()
	var id int64
	if err := sqlite.ReadDB(db).QueryRow(`SELECT id FROM incidents WHERE uid = ?`, uid).Scan(&id); err != nil {
		tb.Fatalf("incident %s: %v", uid, err)
	}
	rep, err := sqlite.NewRecordService(db).Report(ctx, id)
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	opts := export.Options{Format: export.FormatMarkdown, History: true, Zone: time.UTC, Now: t0.Add(48 * time.Hour)}
	if err := export.Write(ctx, &buf, rep, opts); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// searchHits is what a search of the incident finds, by entry ULID, as a
// set: hits are listed newest first in the order this database received the
// entries (a walk of the search index that stops at its limit, about 1 ms
// over 100,000 entries), which two laptops need not share.
func searchHits(tb testing.TB, w *writer, uid, q string) string {
	tb.Helper()
	hits, err := w.entries.Search(context.Background(), q, w.incident(uid), 0)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, h := range hits {
		out = append(out, h.Entry.UID+" "+h.Snippet)
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}

// lineDiff shows the first lines where got and want part.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			lo, hi := max(0, i-3), min(max(len(g), len(w)), i+6)
			var b strings.Builder
			for j := lo; j < hi; j++ {
				fmt.Fprintf(&b, "%4d got  %s\n", j+1, at2(g, j))
				fmt.Fprintf(&b, "%4d want %s\n", j+1, at2(w, j))
			}
			return b.String()
		}
	}
	return "(same lines)"
}

func at2(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "<end>"
}
