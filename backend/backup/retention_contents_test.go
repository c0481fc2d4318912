package backup_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"bridgelog/backend/backup"
)

// series makes backups ten minutes apart, the last at 23:50 on now's day,
// from specs given oldest first: "100/1" holds 100 entries in 1 incident,
// "?" was not counted, and a reason may follow after a space
// ("? before-restore"); the default is periodic.
func series(tb testing.TB, now time.Time, specs ...string) []backup.Backup {
	tb.Helper()
	y, mo, d := now.Date()
	end := time.Date(y, mo, d, 23, 50, 0, 0, now.Location()).UTC()
	var out []backup.Backup
	for i, spec := range specs {
		t := end.Add(-time.Duration(len(specs)-1-i) * 10 * time.Minute)
		counts, reason, _ := strings.Cut(spec, " ")
		if reason == "" {
			reason = backup.ReasonPeriodic
		}
		b := backup.Backup{Time: t, Reason: reason}
		if counts != "?" {
			e, n, ok := strings.Cut(counts, "/")
			entries, err1 := strconv.Atoi(e)
			incidents, err2 := strconv.Atoi(n)
			if !ok || err1 != nil || err2 != nil {
				tb.Fatalf("bad spec %q", spec)
			}
			b.Counted, b.Entries, b.Incidents = true, entries, incidents
		}
		b.Path = fmt.Sprintf("%d:%s", i, spec) // the index, to read results by
		out = append(out, b)
	}
	return out
}

// times is n copies of spec.
func times(n int, spec string) []string { return slices.Repeat([]string{spec}, n) }

// growing is n specs whose entries grow by one from first, in one incident.
func growing(n, first int) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("%d/1", first+i))
	}
	return out
}

// indexes reads the series index from each backup's path, oldest first.
func indexes(list []backup.Backup) []int {
	var out []int
	for _, b := range list {
		i, _, _ := strings.Cut(b.Path, ":")
		n, _ := strconv.Atoi(i)
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// span is the indexes from..to, both included.
func span(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func TestKeep_Contents(t *testing.T) {
	now := time.Date(2026, 11, 22, 23, 55, 0, 0, time.UTC)
	for _, tt := range []struct {
		name  string
		specs []string
		keep  []int // indexes into specs, oldest first
	}{
		{
			// Counts only grow in normal use: the newest twenty, as by age alone.
			name:  "GrowingKeepsTheNewestTwenty",
			specs: growing(25, 100),
			keep:  span(5, 24),
		},
		{
			name:  "EqualCountsAreNoDrop",
			specs: times(25, "100/1"),
			keep:  span(5, 24),
		},
		{
			// The finding: the database came back empty and 25 copies of it
			// followed. The last full copy stays, and the first empty one.
			name:  "EmptiedKeepsTheLastFullCopy",
			specs: append([]string{"90/1", "100/1"}, times(25, "0/0")...),
			keep:  append([]int{1, 2}, span(7, 26)...),
		},
		{
			name:  "FewerIncidentsIsADrop",
			specs: append([]string{"50/3"}, growing(24, 60)...),
			keep:  append([]int{0, 1}, span(5, 24)...),
		},
		{
			// Notes typed into the emptied database take it past the old
			// count; they are other notes, and the full copy still stays.
			name:  "RegrownPastTheOldCount",
			specs: append([]string{"100/1", "0/0"}, growing(24, 150)...),
			keep:  append([]int{0, 1}, span(6, 25)...),
		},
		{
			name:  "EachStepOfALossKept",
			specs: slices.Concat([]string{"100/2"}, times(5, "60/2"), times(22, "0/0")),
			keep:  slices.Concat([]int{0, 1, 5, 6}, span(8, 27)),
		},
		{
			// Copies that could not be counted are not compared: the full
			// copy is compared with the next counted one.
			name:  "UncountedLeftOut",
			specs: slices.Concat([]string{"100/1"}, times(3, "?"), times(22, "0/0")),
			keep:  slices.Concat([]int{0, 4}, span(6, 25)),
		},
		{
			name:  "NewestCountedKept",
			specs: slices.Concat([]string{"80/1", "100/1"}, times(25, "?")),
			keep:  slices.Concat([]int{1}, span(7, 26)),
		},
		{
			// A restore of an older backup: the copy before the restore and
			// the newest copy before it that held more both stay.
			name:  "RestoreOfAnOlderBackup",
			specs: slices.Concat([]string{"100/2", "120/3", "? before-restore"}, times(23, "100/2")),
			keep:  slices.Concat([]int{1, 2, 3}, span(6, 25)),
		},
		{
			name:  "BeforeRecoveryKept",
			specs: slices.Concat([]string{"? before-recovery", "0/0"}, growing(24, 1)),
			keep:  slices.Concat([]int{0}, span(6, 25)),
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			have := series(t, now, tt.specs...)
			slices.Reverse(have) // the order given does not matter
			keep, drop := backup.Keep(have, now)
			if got, want := indexes(keep), tt.keep; !slices.Equal(got, want) {
				t.Errorf("got keep %v, want %v", got, want)
			}
			var want []int
			for i := range tt.specs {
				if !slices.Contains(tt.keep, i) {
					want = append(want, i)
				}
			}
			if got := indexes(drop); !slices.Equal(got, want) {
				t.Errorf("got drop %v, want %v", got, want)
			}
			for _, list := range [][]backup.Backup{keep, drop} {
				if !slices.IsSortedFunc(list, func(a, b backup.Backup) int { return b.Time.Compare(a.Time) }) {
					t.Errorf("got %v, want newest first", indexes(list))
				}
			}
		})
	}
}

// TestKeep_History makes backups of a database that mostly grows and now and
// then loses content, pruning after each as the app does, for months. Whatever
// happened, every backup that held more entries (or incidents) than every
// backup made after it is still there, pruned ones included in "every", and
// so are both backups around each drop, however much the database grew again.
func TestKeep_History(t *testing.T) {
	for seed := range uint64(20) {
		t.Run(fmt.Sprintf("Seed%d", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 1))
			now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
			entries, incidents := 0, 0
			var all, kept []backup.Backup
			for i := range 600 {
				switch {
				case r.IntN(40) == 0: // content lost: the database came back smaller
					entries, incidents = r.IntN(entries+1), r.IntN(incidents+1)
				case r.IntN(10) == 0:
					incidents++
					entries++
				default:
					entries += r.IntN(4)
				}
				// Mostly ten minutes apart during calls, sometimes days.
				if r.IntN(8) == 0 {
					now = now.Add(time.Duration(1+r.IntN(72)) * time.Hour)
				} else {
					now = now.Add(10 * time.Minute)
				}
				b := backup.Backup{Path: fmt.Sprintf("b%03d", i), Time: now, Reason: backup.ReasonPeriodic,
					Counted: true, Entries: entries, Incidents: incidents}
				all = append(all, b)
				kept, _ = backup.Keep(append(kept, b), now)
			}
			present := map[string]bool{}
			for _, b := range kept {
				present[b.Path] = true
			}
			maxE, maxI := -1, -1 // of the backups made after the one looked at
			for _, b := range slices.Backward(all) {
				if (b.Entries > maxE || b.Incidents > maxI) && !present[b.Path] {
					t.Errorf("%s (%d entries, %d incidents) was pruned, but no later backup held as many (at most %d entries, %d incidents)",
						b.Path, b.Entries, b.Incidents, maxE, maxI)
				}
				maxE, maxI = max(maxE, b.Entries), max(maxI, b.Incidents)
			}
			// And both sides of every drop, as the backups were made.
			for i := 1; i < len(all); i++ {
				o, n := all[i-1], all[i]
				if n.Entries < o.Entries || n.Incidents < o.Incidents {
					for _, b := range []backup.Backup{o, n} {
						if !present[b.Path] {
							t.Errorf("%s was pruned, but it borders the drop from %s (%d entries, %d incidents) to %s (%d, %d)",
								b.Path, o.Path, o.Entries, o.Incidents, n.Path, n.Entries, n.Incidents)
						}
					}
				}
			}
			if len(kept) > 200 {
				t.Errorf("got %d backups kept of %d, want retention to still thin them out", len(kept), len(all))
			}
		})
	}
}
