package backup_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"bridgelog/backend/backup"
)

// made describes a backup for the table: when (as an offset from a day at
// midnight) and why.
type made struct {
	daysAgo int
	at      string // "15:04"
	reason  string
}

// fake names a backup made at m, counted back from now's day in now's zone.
func fake(now time.Time, m made) backup.Backup {
	y, mo, d := now.Date()
	clock, err := time.Parse("15:04", m.at)
	if err != nil {
		panic(err)
	}
	t := time.Date(y, mo, d-m.daysAgo, clock.Hour(), clock.Minute(), 0, 0, now.Location()).UTC()
	reason := m.reason
	if reason == "" {
		reason = backup.ReasonPeriodic
	}
	return backup.Backup{Path: fmt.Sprintf("bridgelog-%s-%s.db", t.Format("20060102T150405Z"), reason), Time: t, Reason: reason}
}

// today returns n backups made today, ten minutes apart, ending at 23:50.
func today(n int) []made {
	var out []made
	for i := range n {
		m := 23*60 + 50 - 10*i
		out = append(out, made{0, fmt.Sprintf("%02d:%02d", m/60, m%60), ""})
	}
	return out
}

func TestKeep(t *testing.T) {
	now := time.Date(2026, 11, 22, 23, 55, 0, 0, time.UTC)
	type want struct{ keep, drop []made }
	for _, tt := range []struct {
		name string
		now  time.Time
		have []made
		want want
	}{
		{name: "Empty"},
		{
			name: "FewerThanTwenty",
			have: []made{{0, "18:00", ""}, {3, "09:00", ""}, {200, "09:00", "manual"}},
			want: want{keep: []made{{0, "18:00", ""}, {3, "09:00", ""}, {200, "09:00", "manual"}}},
		},
		{
			name: "TwentyNewestOfOneDay",
			have: today(24),
			want: want{keep: today(20), drop: today(24)[20:]},
		},
		{
			name: "NewestOfEachDayForThirtyDays",
			have: append(today(20),
				made{1, "18:00", "resolved"}, made{1, "09:00", ""},
				made{29, "23:59", "quit"}, made{29, "00:00", ""},
				made{30, "23:59", "quit"}, made{45, "12:00", "manual"}),
			want: want{
				keep: append(today(20), made{1, "18:00", "resolved"}, made{29, "23:59", "quit"}),
				drop: []made{{1, "09:00", ""}, {29, "00:00", ""}, {30, "23:59", "quit"}, {45, "12:00", "manual"}},
			},
		},
		{
			// A day whose newest backup is among the newest twenty needs no
			// other: the older ones of that day go.
			name: "NewestTwentySpanDays",
			have: []made{
				{0, "10:00", ""}, {0, "09:00", ""}, {1, "23:00", ""}, {1, "22:00", ""}, {1, "21:00", ""},
				{1, "20:00", ""}, {1, "19:00", ""}, {1, "18:00", ""}, {1, "17:00", ""}, {1, "16:00", ""},
				{1, "15:00", ""}, {1, "14:00", ""}, {1, "13:00", ""}, {1, "12:00", ""}, {1, "11:00", ""},
				{1, "10:00", ""}, {1, "09:00", ""}, {1, "08:00", ""}, {1, "07:00", ""}, {1, "06:00", ""},
				{1, "05:00", ""}, {1, "04:00", ""}, {2, "04:00", ""}, {2, "03:00", ""},
			},
			want: want{
				keep: []made{
					{0, "10:00", ""}, {0, "09:00", ""}, {1, "23:00", ""}, {1, "22:00", ""}, {1, "21:00", ""},
					{1, "20:00", ""}, {1, "19:00", ""}, {1, "18:00", ""}, {1, "17:00", ""}, {1, "16:00", ""},
					{1, "15:00", ""}, {1, "14:00", ""}, {1, "13:00", ""}, {1, "12:00", ""}, {1, "11:00", ""},
					{1, "10:00", ""}, {1, "09:00", ""}, {1, "08:00", ""}, {1, "07:00", ""}, {1, "06:00", ""},
					{2, "04:00", ""},
				},
				drop: []made{{1, "05:00", ""}, {1, "04:00", ""}, {2, "03:00", ""}},
			},
		},
		{
			// Copies taken before a restore or a recovery are kept however
			// old, whatever was made since.
			name: "BeforeRestoreAndRecoveryKeptForGood",
			have: append(today(20),
				made{3, "11:00", ""}, made{3, "10:00", "before-restore"}, made{3, "09:00", ""},
				made{31, "10:00", "before-restore"}, made{400, "10:00", "before-recovery"}, made{400, "09:00", ""}),
			want: want{
				keep: append(today(20), made{3, "11:00", ""}, made{3, "10:00", "before-restore"},
					made{31, "10:00", "before-restore"}, made{400, "10:00", "before-recovery"}),
				drop: []made{{3, "09:00", ""}, {400, "09:00", ""}},
			},
		},
		{
			// Days are the person's calendar days: 23:30 and 00:30 in
			// Chicago are two days even though both are the same UTC day.
			name: "LocalDays",
			now:  time.Date(2026, 11, 22, 23, 55, 0, 0, mustZone(t, "America/Chicago")),
			have: append(today(20), made{2, "23:30", ""}, made{1, "00:30", ""}, made{1, "00:10", ""}),
			want: want{
				keep: append(today(20), made{1, "00:30", ""}, made{2, "23:30", ""}),
				drop: []made{{1, "00:10", ""}},
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			n := now
			if !tt.now.IsZero() {
				n = tt.now
			}
			var have []backup.Backup
			for _, m := range tt.have {
				have = append(have, fake(n, m))
			}
			// The order given does not matter.
			slices.Reverse(have)
			keep, drop := backup.Keep(have, n)
			if got, want := paths(keep), fakes(n, tt.want.keep); !slices.Equal(got, want) {
				t.Errorf("got keep\n %q\nwant\n %q", got, want)
			}
			if got, want := paths(drop), fakes(n, tt.want.drop); !slices.Equal(got, want) {
				t.Errorf("got drop\n %q\nwant\n %q", got, want)
			}
		})
	}
}

// paths returns the backups' paths, in order.
func paths(list []backup.Backup) []string {
	var out []string
	for _, b := range list {
		out = append(out, b.Path)
	}
	return out
}

// fakes is paths of the fake backups ms, sorted newest first.
func fakes(now time.Time, ms []made) []string {
	var list []backup.Backup
	for _, m := range ms {
		list = append(list, fake(now, m))
	}
	slices.SortFunc(list, func(a, b backup.Backup) int { return b.Time.Compare(a.Time) })
	return paths(list)
}

func mustZone(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Skipf("time zone %s: %v", name, err)
	}
	return loc
}

func TestService_Prune(t *testing.T) {
	ctx := context.Background()
	db, svc, clock := MustOpenDB(t)
	MustCreateIncident(t, db, "Checkout errors")
	first, err := svc.Create(ctx, backup.ReasonResolved)
	if err != nil {
		t.Fatal(err)
	}
	// Twenty-two more: the newest twenty stay, the first and the two after it go.
	var want []string
	for i := range 22 {
		clock.Advance(10 * time.Minute)
		b, err := svc.Create(ctx, backup.ReasonPeriodic)
		if err != nil {
			t.Fatal(err)
		}
		if i >= 2 {
			want = append(want, filepath.Base(b.Path))
		}
	}
	// A copy a crash left unfinished, a side file of a pruned backup, and a
	// file that is not a backup at all.
	for _, name := range []string{".bridgelog-partial-123.db", filepath.Base(first.Path) + "-shm", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(svc.Dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	want = append(want, "notes.txt")
	slices.Sort(want)

	// The same calendar day: the day's newest is among the newest twenty.
	deleted, err := svc.Prune(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(deleted), 3; got != want {
		t.Fatalf("got %d deleted %+v, want %d", got, deleted, want)
	}
	if got, want := deleted[2].Path, first.Path; got != want {
		t.Errorf("got oldest deleted %q, want %q", got, want)
	}
	if got := dirNames(t, svc.Dir); !slices.Equal(got, want) {
		t.Errorf("got folder\n %q\nwant\n %q", got, want)
	}
}
