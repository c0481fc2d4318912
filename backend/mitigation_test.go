package backend_test

import (
	"testing"
	"time"

	"bridgelog/backend"
)

func TestMitigationInProgress(t *testing.T) {
	t0 := time.Date(2026, 11, 22, 13, 0, 0, 0, time.UTC)
	m := func(id int64, min int, text string) *backend.Entry {
		return &backend.Entry{ID: id, Kind: backend.KindMitigation, Text: text, OccurredAt: t0.Add(time.Duration(min) * time.Minute)}
	}
	phase := func(id int64, min int, p backend.Phase) *backend.Entry {
		return &backend.Entry{ID: id, Kind: backend.KindPhase, Phase: p, OccurredAt: t0.Add(time.Duration(min) * time.Minute)}
	}
	deleted := m(9, 20, "hidden")
	deleted.DeletedAt = t0
	for _, tt := range []struct {
		name    string
		entries []*backend.Entry
		want    int64 // 0: none
	}{
		{"None", nil, 0},
		{"One", []*backend.Entry{m(1, 0, "failover")}, 1},
		{"LatestWins", []*backend.Entry{m(1, 0, "failover"), m(2, 5, "scale out")}, 2},
		{"OutcomeCloses", []*backend.Entry{m(1, 0, "failover"), m(2, 5, "failed: failover made it worse")}, 0},
		{"OutcomeWords", []*backend.Entry{m(1, 0, "a"), m(2, 1, "Did not work")}, 0},
		{"NotAnOutcome", []*backend.Entry{m(1, 0, "a"), m(2, 1, "donestuff")}, 2},
		{"MonitoringCloses", []*backend.Entry{m(1, 0, "failover"), phase(2, 5, backend.PhaseMonitoring)}, 0},
		{"ResolvedCloses", []*backend.Entry{m(1, 0, "failover"), phase(2, 5, backend.PhaseResolved)}, 0},
		{"OtherPhaseDoesNot", []*backend.Entry{m(1, 0, "failover"), phase(2, 5, backend.PhaseIdentified)}, 1},
		{"StartedAfterClose", []*backend.Entry{m(1, 0, "a"), phase(2, 5, backend.PhaseMonitoring), m(3, 6, "b")}, 3},
		{"BackdatedOutcome", []*backend.Entry{m(2, 5, "done"), m(1, 0, "a")}, 0},
		{"OutcomeBeforeStart", []*backend.Entry{m(1, 0, "done"), m(2, 5, "a")}, 2},
		{"SameInstantOutcomeCloses", []*backend.Entry{m(1, 0, "a"), m(2, 0, "worked")}, 0},
		{"SameInstantNewStartAfterOutcome", []*backend.Entry{m(1, 0, "a"), m(2, 0, "failed: a"), m(3, 0, "b")}, 3},
		{"DeletedSkipped", []*backend.Entry{m(1, 0, "a"), deleted}, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got int64
			if e := backend.MitigationInProgress(tt.entries); e != nil {
				got = e.ID
			}
			if got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

func TestMitigationInProgressAt(t *testing.T) {
	t0 := time.Date(2026, 11, 22, 15, 0, 0, 0, time.UTC)
	m := func(id int64, min int, text string) *backend.Entry {
		return &backend.Entry{ID: id, Kind: backend.KindMitigation, Text: text, OccurredAt: t0.Add(time.Duration(min) * time.Minute)}
	}
	for _, tt := range []struct {
		name    string
		entries []*backend.Entry
		at      int // minutes after t0
		want    int64
	}{
		{"BeforeAnyStarted", []*backend.Entry{m(1, 28, "restart web")}, 21, 0},
		{"WhileOneRuns", []*backend.Entry{m(1, 21, "failover")}, 28, 1},
		{"SameInstantCountsAsBefore", []*backend.Entry{m(1, 21, "failover")}, 21, 1},
		{"LaterOutcomeDoesNotCloseItYet", []*backend.Entry{m(1, 10, "failover"), m(2, 30, "worked")}, 20, 1},
		{"EarlierOutcomeClosesIt", []*backend.Entry{m(1, 10, "failover"), m(2, 15, "worked")}, 20, 0},
		{"OnlyTheOneStartedByThen", []*backend.Entry{m(2, 40, "purge CDN"), m(1, 10, "failover")}, 20, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got int64
			if e := backend.MitigationInProgressAt(tt.entries, t0.Add(time.Duration(tt.at)*time.Minute)); e != nil {
				got = e.ID
			}
			if got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

func TestScaledClock(t *testing.T) {
	t.Run("RunsFaster", func(t *testing.T) {
		c := backend.NewScaledClock(600)
		start := c.Now()
		time.Sleep(20 * time.Millisecond)
		got := c.Now().Sub(start)
		if got < 12*time.Second || got > 60*time.Second {
			t.Errorf("got %v after 20 ms at 600x, want about 12 s", got)
		}
	})
	t.Run("RealDuration", func(t *testing.T) {
		c := backend.NewScaledClock(60)
		if got, want := backend.RealDuration(c, time.Minute), time.Second; got != want {
			t.Errorf("got %v, want %v", got, want)
		}
		if got, want := backend.RealDuration(backend.SystemClock{}, time.Minute), time.Minute; got != want {
			t.Errorf("got %v for the system clock, want %v", got, want)
		}
	})
	t.Run("ScaleBelowOneIsOne", func(t *testing.T) {
		if got := backend.NewScaledClock(0.5).Scale; got != 1 {
			t.Errorf("got scale %v, want 1", got)
		}
	})
}
