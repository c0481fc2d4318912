package backend_test

import (
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
