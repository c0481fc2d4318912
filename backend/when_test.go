package backend_test

import (
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
)

func TestResolveTime(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	// 2026-11-22 14:10:00 in Berlin (13:10 UTC); typing began 20 s earlier.
	now := time.Date(2026, 11, 22, 13, 10, 0, 0, time.UTC)
	base := now.Add(-20 * time.Second)
	tests := []struct {
		name, token string
		want        time.Time
	}{
		{"Minutes", "-3m", base.Add(-3 * time.Minute)},
		{"Seconds", "-90s", base.Add(-90 * time.Second)},
		{"HoursMinutes", "-1h30m", base.Add(-90 * time.Minute)},
		{"LocalTimeToday", "@14:05", time.Date(2026, 11, 22, 13, 5, 0, 0, time.UTC)},
		{"LocalWithSeconds", "@14:05:30", time.Date(2026, 11, 22, 13, 5, 30, 0, time.UTC)},
		{"UTCSuffix", "@13:05Z", time.Date(2026, 11, 22, 13, 5, 0, 0, time.UTC)},
		{"UTCSuffixFutureIsYesterday", "@14:05Z", time.Date(2026, 11, 21, 14, 5, 0, 0, time.UTC)},
		{"SlightlyAheadIsToday", "@14:15", time.Date(2026, 11, 22, 13, 15, 0, 0, time.UTC)},
		{"FutureMeansYesterday", "@23:58", time.Date(2026, 11, 21, 22, 58, 0, 0, time.UTC)},
		{"FullDate", "@2026-11-21 23:58", time.Date(2026, 11, 21, 22, 58, 0, 0, time.UTC)},
		{"FullDateUTC", "@2026-11-21 23:58Z", time.Date(2026, 11, 21, 23, 58, 0, 0, time.UTC)},
		{"FullDateT", "@2026-11-21T08:00:05", time.Date(2026, 11, 21, 7, 0, 5, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := backend.ResolveTime(tt.token, base, now, berlin)
			if err != nil {
				t.Fatalf("ResolveTime(%q) error: %v", tt.token, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("ResolveTime(%q) = %v, want %v", tt.token, got.UTC(), tt.want)
			}
		})
	}

	for _, bad := range []struct{ name, token string }{
		{"ErrHour", "@25:00"}, {"ErrMinute", "@12:60"}, {"ErrDate", "@2026-02-30 10:00"},
		{"ErrFutureDate", "@2026-12-01 10:00"}, {"ErrTooFarBack", "-800h"}, {"ErrNotATime", "@noon"},
		{"ErrHugeOffset", "-99999999999999999999m"},
	} {
		t.Run(bad.name, func(t *testing.T) {
			_, err := backend.ResolveTime(bad.token, base, now, berlin)
			if got := backend.ErrorCode(err); got != backend.EINVALID {
				t.Fatalf("ResolveTime(%q) code = %q, want %q (err %v)", bad.token, got, backend.EINVALID, err)
			}
			if backend.ErrorMessage(err) == "" {
				t.Errorf("ResolveTime(%q) has no message", bad.token)
			}
		})
	}

	t.Run("DSTDoesNotShiftStoredTimes", func(t *testing.T) {
		// 2026-03-29 02:30 does not exist in Berlin (clocks jump 02:00 -> 03:00);
		// Go normalises it forward, and the result is still a fixed UTC instant.
		n := time.Date(2026, 3, 29, 5, 0, 0, 0, time.UTC)
		got, err := backend.ResolveTime("@01:30", n, n, berlin)
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC); !got.Equal(want) {
			t.Errorf("got %v, want %v", got.UTC(), want)
		}
	})
}

func TestCleanText(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"Plain", "hello", "hello"},
		{"CRLF", "a\r\nb\rc", "a\nb\nc"},
		{"NUL", "a\x00b", "ab"},
		{"InvalidUTF8", "a\xffb", "a\uFFFDb"},
		{"BidiOverride", "safe\u202Etxt.exe", "safetxt.exe"},
		{"TabKept", "a\tb", "a\tb"},
		{"Emoji", "fire 🔥", "fire 🔥"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := backend.CleanText(tt.in); got != tt.want {
				t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestResolveTimeDST writes, in zones of both hemispheres and one whose
// clocks move by 30 minutes, a local time the clocks jumped over (refused,
// with the two readings) and one they went back over (the first, with a
// note), dated and as a time of today.
func TestResolveTimeDST(t *testing.T) {
	for _, tc := range []struct {
		zone string
		// A time the clocks jumped over, the refusal and the day as noon UTC.
		gap, gapDay, refusal string
		// A time they went back over, its first and second instants, the note.
		twice, twiceDay     string
		first, second, note string
	}{
		{
			zone: "America/New_York",
			gap:  "02:30", gapDay: "2026-03-08",
			refusal: "02:30 does not exist on 8 Mar 2026 in America/New_York (clocks went from 02:00 to 03:00): write @01:30 or @03:30, or give UTC with a Z",
			twice:   "01:30", twiceDay: "2026-11-01",
			first: "2026-11-01T05:30:00Z", second: "2026-11-01T06:30:00Z",
			note: "01:30 happens twice on 1 Nov 2026 in America/New_York (clocks went back from 02:00 to 01:00): taken as the first, 01:30 EDT (05:30 UTC); for the second, write @2026-11-01 06:30Z",
		},
		{
			zone: "Europe/London",
			gap:  "01:30", gapDay: "2026-03-29",
			refusal: "01:30 does not exist on 29 Mar 2026 in Europe/London (clocks went from 01:00 to 02:00): write @00:30 or @02:30, or give UTC with a Z",
			twice:   "01:30", twiceDay: "2026-10-25",
			first: "2026-10-25T00:30:00Z", second: "2026-10-25T01:30:00Z",
			note: "01:30 happens twice on 25 Oct 2026 in Europe/London (clocks went back from 02:00 to 01:00): taken as the first, 01:30 BST (00:30 UTC); for the second, write @2026-10-25 01:30Z",
		},
		{
			zone: "Australia/Sydney",
			gap:  "02:30", gapDay: "2026-10-04",
			refusal: "02:30 does not exist on 4 Oct 2026 in Australia/Sydney (clocks went from 02:00 to 03:00): write @01:30 or @03:30, or give UTC with a Z",
			twice:   "02:30", twiceDay: "2026-04-05",
			first: "2026-04-04T15:30:00Z", second: "2026-04-04T16:30:00Z",
			note: "02:30 happens twice on 5 Apr 2026 in Australia/Sydney (clocks went back from 03:00 to 02:00): taken as the first, 02:30 AEDT (15:30 UTC); for the second, write @2026-04-04 16:30Z",
		},
		{
			zone: "Australia/Lord_Howe",
			gap:  "02:15", gapDay: "2026-10-04",
			refusal: "02:15 does not exist on 4 Oct 2026 in Australia/Lord_Howe (clocks went from 02:00 to 02:30): write @01:45 or @02:45, or give UTC with a Z",
			twice:   "01:45", twiceDay: "2026-04-05",
			first: "2026-04-04T14:45:00Z", second: "2026-04-04T15:15:00Z",
			note: "01:45 happens twice on 5 Apr 2026 in Australia/Lord_Howe (clocks went back from 02:00 to 01:30): taken as the first, 01:45 +11 (14:45 UTC); for the second, write @2026-04-04 15:15Z",
		},
	} {
		loc, err := time.LoadLocation(tc.zone)
		if err != nil {
			t.Fatal(err)
		}
		// Noon on the day in question, local time: after the change.
		noon := func(day string) time.Time {
			d, err := time.ParseInLocation("2006-01-02 15:04", day+" 12:00", loc)
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
		t.Run(tc.zone, func(t *testing.T) {
			t.Run("ErrDoesNotExist", func(t *testing.T) {
				now := noon(tc.gapDay)
				for _, token := range []string{"@" + tc.gap, "@" + tc.gapDay + " " + tc.gap} {
					got, err := backend.ResolveTime(token, now, now, loc)
					if code := backend.ErrorCode(err); code != backend.EINVALID {
						t.Fatalf("ResolveTime(%q) = %v, %v; want it refused", token, got.UTC(), err)
					}
					want := tc.refusal
					if token != "@"+tc.gap { // a dated token is answered with dated ones
						want = strings.NewReplacer("write @", "write @"+tc.gapDay+" ", "or @", "or @"+tc.gapDay+" ").Replace(want)
					}
					if got := backend.ErrorMessage(err); got != want {
						t.Errorf("ResolveTime(%q):\n got %q\nwant %q", token, got, want)
					}
					if note := backend.TimeNote(token, now, loc); note != "" {
						t.Errorf("TimeNote(%q) = %q, want none for a refused time", token, note)
					}
				}
			})
			t.Run("TwiceIsTheFirst", func(t *testing.T) {
				now := noon(tc.twiceDay)
				for _, token := range []string{"@" + tc.twice, "@" + tc.twiceDay + " " + tc.twice} {
					got, err := backend.ResolveTime(token, now, now, loc)
					if err != nil {
						t.Fatalf("ResolveTime(%q): %v", token, err)
					}
					if got, want := got.UTC().Format(time.RFC3339), tc.first; got != want {
						t.Errorf("ResolveTime(%q) = %s, want %s (the first; the second is %s)", token, got, want, tc.second)
					}
					if got, want := backend.TimeNote(token, now, loc), tc.note; got != want {
						t.Errorf("TimeNote(%q):\n got %q\nwant %q", token, got, want)
					}
				}
			})
			t.Run("SecondByUTC", func(t *testing.T) {
				now := noon(tc.twiceDay)
				second, err := time.Parse(time.RFC3339, tc.second)
				if err != nil {
					t.Fatal(err)
				}
				token := "@" + second.Format("2006-01-02 15:04") + "Z"
				got, err := backend.ResolveTime(token, now, now, loc)
				if err != nil || !got.Equal(second) {
					t.Errorf("ResolveTime(%q) = %v, %v; want %v", token, got.UTC(), err, second)
				}
			})
			t.Run("OrdinaryDayHasNoNote", func(t *testing.T) {
				now := noon(tc.twiceDay).AddDate(0, 0, 7)
				if note := backend.TimeNote("@"+tc.twice, now, loc); note != "" {
					t.Errorf("got note %q a week later, want none", note)
				}
			})
		})
	}

	t.Run("BeforeTheJumpMeansYesterday", func(t *testing.T) {
		// At 01:00 on the day New York's clocks jump from 02:00 to 03:00,
		// "@02:30" is still ahead: it means yesterday's 02:30, which existed.
		ny, err := time.LoadLocation("America/New_York")
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 3, 8, 6, 0, 0, 0, time.UTC) // 01:00 EST
		got, err := backend.ResolveTime("@02:30", now, now, ny)
		if want := time.Date(2026, 3, 7, 7, 30, 0, 0, time.UTC); err != nil || !got.Equal(want) {
			t.Errorf("got %v, %v; want %v", got.UTC(), err, want)
		}
	})
	t.Run("Seconds", func(t *testing.T) {
		ny, err := time.LoadLocation("America/New_York")
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 3, 8, 16, 0, 0, 0, time.UTC)
		_, err = backend.ResolveTime("@02:30:15", now, now, ny)
		if got, want := backend.ErrorMessage(err), "02:30:15 does not exist on 8 Mar 2026 in America/New_York (clocks went from 02:00:00 to 03:00:00): write @01:30:15 or @03:30:15, or give UTC with a Z"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("JumpAtMidnight", func(t *testing.T) {
		// Santiago's clocks jumped from 00:00 to 01:00 on 6 Sep 2026: the
		// reading before the jump is on the day before.
		scl, err := time.LoadLocation("America/Santiago")
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 9, 6, 16, 0, 0, 0, time.UTC)
		_, err = backend.ResolveTime("@2026-09-06 00:30", now, now, scl)
		if got, want := backend.ErrorMessage(err), "00:30 does not exist on 6 Sep 2026 in America/Santiago (clocks went from 00:00 to 01:00): write @2026-09-05 23:30 or @2026-09-06 01:30, or give UTC with a Z"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}
