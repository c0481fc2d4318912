package backend_test

import (
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
)

// TestResolveTimeOn catches up on an incident declared two days ago at 16:00
// in Berlin: "@14:05" is that day's, a time long before the declaration is
// the next morning's, and a dated or relative token reads as always.
func TestResolveTimeOn(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 22, 13, 10, 0, 0, time.UTC) // 14:10 in Berlin
	base := now.Add(-20 * time.Second)
	declared := time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC) // 16:00 in Berlin
	tests := []struct {
		name, token string
		day         time.Time
		want        time.Time
	}{
		{"OnTheDeclarationsDay", "@14:05", declared, time.Date(2026, 11, 20, 13, 5, 0, 0, time.UTC)},
		{"LaterThatDay", "@23:58", declared, time.Date(2026, 11, 20, 22, 58, 0, 0, time.UTC)},
		{"UTCOnTheDay", "@01:00Z", declared, time.Date(2026, 11, 21, 1, 0, 0, 0, time.UTC)},
		{"LongBeforeIsTheNextMorning", "@03:00", declared, time.Date(2026, 11, 21, 2, 0, 0, 0, time.UTC)},
		{"HalfADayBeforeIsThatDay", "@04:30", declared, time.Date(2026, 11, 20, 3, 30, 0, 0, time.UTC)},
		{"DatedIsUntouched", "@2026-11-19 10:00", declared, time.Date(2026, 11, 19, 9, 0, 0, 0, time.UTC)},
		{"RelativeIsUntouched", "-5m", declared, base.Add(-5 * time.Minute)},
		{"ZeroDayIsToday", "@14:05", time.Time{}, time.Date(2026, 11, 22, 13, 5, 0, 0, time.UTC)},
		{"TodayIsToday", "@23:58", now.Add(-time.Hour), time.Date(2026, 11, 21, 22, 58, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := backend.ResolveTimeOn(tt.token, base, now, tt.day, berlin)
			if err != nil {
				t.Fatalf("ResolveTimeOn(%q) error: %v", tt.token, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("ResolveTimeOn(%q) = %v, want %v", tt.token, got.UTC(), tt.want)
			}
		})
	}

	t.Run("ErrNextMorningInTheFuture", func(t *testing.T) {
		// Declared yesterday at 23:30; at 00:20 the morning's 03:00 has not come.
		declared := time.Date(2026, 11, 21, 22, 30, 0, 0, time.UTC)
		now := time.Date(2026, 11, 21, 23, 20, 0, 0, time.UTC)
		got, err := backend.ResolveTimeOn("@00:10", now, now, declared, berlin)
		if want := time.Date(2026, 11, 21, 23, 10, 0, 0, time.UTC); err != nil || !got.Equal(want) {
			t.Errorf("@00:10 = %v, %v; want %v", got.UTC(), err, want)
		}
		got, err = backend.ResolveTimeOn("@03:00", now, now, declared, berlin)
		if want := time.Date(2026, 11, 21, 2, 0, 0, 0, time.UTC); err != nil || !got.Equal(want) {
			t.Errorf("@03:00 = %v, %v; want %v, the declaration's day since the next is to come", got.UTC(), err, want)
		}
	})
}

func TestDateWithoutTime(t *testing.T) {
	for _, tt := range []struct{ name, line, want string }{
		{"BeforeText", "@2023-03-03 ev: text", "@2023-03-03 has a date but no time: add one, for example @2023-03-03 14:05"},
		{"Alone", "@2023-03-03", "@2023-03-03 has a date but no time: add one, for example @2023-03-03 14:05"},
		{"WithTime", "@2023-03-03 14:05 ev: text", ""},
		{"Owner", "@sam restarts it", ""},
		{"Plain", "2023-03-03 was a Friday", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := backend.DateWithoutTime(tt.line); got != tt.want {
				t.Errorf("DateWithoutTime(%q) = %q, want %q", tt.line, got, tt.want)
			}
		})
	}
	t.Run("ParseRefusesIt", func(t *testing.T) {
		l := backend.Parse("@2023-03-03 ev: text")
		if !strings.Contains(l.Problem, "add one, for example @2023-03-03 14:05") || l.Time != "" {
			t.Errorf("got problem %q, time %q; want the refusal and no time", l.Problem, l.Time)
		}
		if l := backend.Parse("@2023-03-03 14:05 ev: text"); l.Problem != "" || l.Time != "@2023-03-03 14:05" {
			t.Errorf("got problem %q, time %q; want none and the dated time", l.Problem, l.Time)
		}
	})
}

func TestIncident_WritingDay(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 22, 13, 10, 0, 0, time.UTC)
	for _, tt := range []struct {
		name     string
		declared time.Time
		want     time.Time
	}{
		{"Today", now.Add(-5 * time.Hour), time.Time{}},
		{"YesterdayLate", time.Date(2026, 11, 21, 22, 30, 0, 0, time.UTC), time.Date(2026, 11, 21, 22, 30, 0, 0, time.UTC)},
		// 23:30 UTC is already the 22nd in Berlin: today there.
		{"TodayInTheZone", time.Date(2026, 11, 21, 23, 30, 0, 0, time.UTC), time.Time{}},
		{"YearsAgo", time.Date(2018, 3, 3, 9, 0, 0, 0, time.UTC), time.Date(2018, 3, 3, 9, 0, 0, 0, time.UTC)},
		{"Tomorrow", now.Add(30 * time.Hour), time.Time{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			inc := &backend.Incident{DeclaredAt: tt.declared}
			if got := inc.WritingDay(now, berlin); !got.Equal(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCheckHeaderTimes(t *testing.T) {
	now := time.Date(2026, 11, 22, 13, 10, 0, 0, time.UTC)
	for _, tt := range []struct {
		name               string
		declared, detected time.Time
		substr             string
	}{
		{"OK", now.Add(-time.Hour), now.Add(-2 * time.Hour), ""},
		{"DetectedUnknown", now.Add(-time.Hour), time.Time{}, ""},
		{"DetectedWhenDeclared", now, now, ""},
		{"SkewOfAMinute", now.Add(50 * time.Second), now.Add(40 * time.Second), ""},
		{"ErrDeclaredInTheFuture", now.Add(2 * time.Minute), time.Time{}, "declared time 2026-11-22 13:12Z is in the future"},
		{"ErrDetectedInTheFuture", now, now.Add(2 * time.Minute), "detected time 2026-11-22 13:12Z is in the future"},
		{"ErrDetectedAfterDeclared", now.Add(-time.Hour), now.Add(-time.Minute), "is after the declared time"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := backend.CheckHeaderTimes(tt.declared, tt.detected, now)
			if tt.substr == "" {
				if err != nil {
					t.Fatalf("got %v, want no error", err)
				}
				return
			}
			if backend.ErrorCode(err) != backend.EINVALID || !strings.Contains(backend.ErrorMessage(err), tt.substr) {
				t.Errorf("got %v, want EINVALID saying %q", err, tt.substr)
			}
		})
	}
}
