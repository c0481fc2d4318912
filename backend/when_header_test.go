package backend_test

import (
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
)

func TestResolveHeaderTime(t *testing.T) {
	now := time.Date(2026, 11, 22, 13, 0, 0, 0, time.UTC)
	day := time.Date(2018, 1, 18, 0, 0, 0, 0, time.UTC)
	for name, tc := range map[string]struct {
		token string
		day   time.Time
		want  time.Time
		err   string
	}{
		"Blank":            {token: "  ", want: time.Time{}},
		"Offset":           {token: "-20m", want: now.Add(-20 * time.Minute)},
		"WithoutAt":        {token: "12:30", want: time.Date(2026, 11, 22, 12, 30, 0, 0, time.UTC)},
		"OnTheWritingDay":  {token: "@17:49", day: day, want: time.Date(2018, 1, 18, 17, 49, 0, 0, time.UTC)},
		"FullDate":         {token: "2018-01-18  17:49Z", want: time.Date(2018, 1, 18, 17, 49, 0, 0, time.UTC)},
		"ErrNamesTheField": {token: "@25:99", err: "The declared time:"},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := backend.ResolveHeaderTime("declared", tc.token, now, tc.day, time.UTC)
			if tc.err != "" {
				if backend.ErrorCode(err) != backend.EINVALID || !strings.Contains(backend.ErrorMessage(err), tc.err) {
					t.Fatalf("got %v, want EINVALID saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	if got := backend.WritingDayOf(time.Time{}, now, time.UTC); !got.IsZero() {
		t.Errorf("got writing day %v for an incident declared now, want zero", got)
	}
}
