package timeline_test

import (
	"testing"
	"time"
)

func TestMitigationInProgressAt(t *testing.T) {
	f := mustService(t)
	// Typed newest first: the 13:28 mitigation (Berlin, 12:28 UTC), before
	// the scribe catches up with one at 13:21.
	later, err := f.svc.Add(ctx, f.inc.ID, "@13:28 m: restart the web tier", time.Time{}, "Jo")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		at   time.Time
		want int64
	}{
		{"BeforeItStartedNone", time.Date(2026, 11, 21, 12, 21, 0, 0, time.UTC), 0},
		{"AfterItStartedThatOne", time.Date(2026, 11, 21, 12, 30, 0, 0, time.UTC), later.ID},
		{"ZeroMeansNow", time.Time{}, later.ID},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m, err := f.svc.MitigationInProgressAt(ctx, f.inc.ID, tt.at)
			if err != nil {
				t.Fatal(err)
			}
			var got int64
			if m != nil {
				got = m.ID
			}
			if got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}
