package cadence_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
)

// jumpClock is the bubble's clock plus an offset the test can jump, the way
// the wall clock jumps after a suspend or a manual change.
type jumpClock struct {
	mu  sync.Mutex
	off time.Duration
}

func (c *jumpClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.off)
}

func (c *jumpClock) Jump(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.off += d
}

// harness holds a loop's state source and what its sink received.
type harness struct {
	mu    sync.Mutex
	clock backend.Clock
	state cadence.State
	err   error
	loads int
	got   []sent
}

type sent struct {
	at time.Time
	r  cadence.Reminder
}

func (h *harness) load(context.Context) ([]cadence.State, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.loads++
	if h.err != nil {
		return nil, h.err
	}
	return []cadence.State{h.state}, nil
}

func (h *harness) sink(_ context.Context, r cadence.Reminder) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.got = append(h.got, sent{h.clock.Now(), r})
}

// sent returns what the sink received of kind k.
func (h *harness) sent(k cadence.Kind) []sent {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []sent
	for _, s := range h.got {
		if s.r.Kind == k {
			out = append(out, s)
		}
	}
	return out
}

// startLoop starts a loop over a SEV4 incident declared now whose only open
// action keeps the idle rule quiet, so status (first due at +5) and check-in
// (+30) are the clocks in play.
func startLoop(t *testing.T, clock backend.Clock, maxSleep time.Duration) (*harness, *cadence.Loop, time.Time) {
	start := clock.Now()
	h := &harness{clock: clock, state: cadence.State{IncidentID: 1, Severity: backend.SEV4, Phase: backend.PhaseInvestigating, DeclaredAt: start,
		Actions: []cadence.Action{{ID: 1, Owner: "bob", Text: "roll back", State: cadence.ActionAcknowledged, AskedAt: start, AckedAt: start}}}}
	l := cadence.NewLoop(clock, cadence.DefaultPolicy(time.UTC), h.load, h.sink)
	l.MaxSleep = maxSleep
	l.Start(t.Context())
	t.Cleanup(func() { l.Close() })
	return h, l, start
}

// sleep advances the bubble's time by d and lets the loop settle.
func sleep(d time.Duration) {
	time.Sleep(d)
	synctest.Wait()
}

func TestLoop(t *testing.T) {
	t.Run("FiresOnTimeThenUrgent", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h, _, start := startLoop(t, backend.SystemClock{}, time.Hour)
			sleep(5*time.Minute - time.Second)
			if got := h.sent(cadence.KindStatus); len(got) != 0 {
				t.Fatalf("a second early: got %+v, want nothing", got)
			}
			sleep(time.Second)
			sleep(10 * time.Minute)
			got := h.sent(cadence.KindStatus)
			if len(got) != 2 {
				t.Fatalf("got %d status reminders, want 2 (due, then urgent)", len(got))
			}
			if want := start.Add(5 * time.Minute); !got[0].at.Equal(want) || got[0].r.Urgency != cadence.UrgencyNormal {
				t.Errorf("first: got %s at %v, want normal at %v", got[0].r.Urgency, got[0].at, want)
			}
			if want := start.Add(10 * time.Minute); !got[1].at.Equal(want) || got[1].r.Urgency != cadence.UrgencyUrgent {
				t.Errorf("second: got %s at %v, want urgent at %v", got[1].r.Urgency, got[1].at, want)
			}
		})
	})
	t.Run("SleepsUntilNextNotPolling", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h, _, _ := startLoop(t, backend.SystemClock{}, time.Hour)
			sleep(29 * time.Minute)
			h.mu.Lock()
			loads := h.loads
			h.mu.Unlock()
			// Passes at 0, +5 (due) and +10 (urgent); the check-in comes at +30.
			if loads != 3 {
				t.Errorf("got %d passes in 29 minutes, want 3", loads)
			}
		})
	})
	t.Run("ClockJumpFiresOnce", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			clock := &jumpClock{}
			h, l, start := startLoop(t, clock, time.Hour)
			synctest.Wait()
			clock.Jump(5 * time.Hour) // the laptop slept; the timer knows nothing of it
			l.Poke()
			synctest.Wait()
			sleep(3 * time.Hour)
			status, checkIn := h.sent(cadence.KindStatus), h.sent(cadence.KindCheckIn)
			if len(status) != 1 || len(checkIn) != 1 {
				t.Fatalf("got %d status and %d check-in reminders, want 1 each", len(status), len(checkIn))
			}
			if want := start.Add(5 * time.Hour); !status[0].at.Equal(want) || status[0].r.Urgency != cadence.UrgencyUrgent {
				t.Errorf("got %s at %v, want urgent at %v", status[0].r.Urgency, status[0].at, want)
			}
		})
	})
	t.Run("ClockJumpNoticedWithinMaxSleep", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			clock := &jumpClock{}
			h, _, start := startLoop(t, clock, 30*time.Second)
			sleep(time.Second)
			clock.Jump(time.Hour)
			sleep(29 * time.Second)
			if got := h.sent(cadence.KindStatus); len(got) != 1 || !got[0].at.Equal(start.Add(time.Hour+30*time.Second)) {
				t.Errorf("got %+v, want one status reminder 30 s after the start", got)
			}
		})
	})
	t.Run("PokeReplans", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h, l, start := startLoop(t, backend.SystemClock{}, time.Hour)
			sleep(time.Minute)
			h.mu.Lock()
			h.state.Actions = append(h.state.Actions, cadence.Action{ID: 2, Owner: "alice", Text: "fail over", State: cadence.ActionAsked, AskedAt: start.Add(time.Minute)})
			h.mu.Unlock()
			l.Poke()
			sleep(2 * time.Minute)
			got := h.sent(cadence.KindActionAck)
			if want := start.Add(3 * time.Minute); len(got) != 1 || !got[0].at.Equal(want) {
				t.Errorf("got %+v, want one acknowledgement reminder at %v", got, want)
			}
		})
	})
	t.Run("WithoutPokeWaitsForPlan", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h, _, start := startLoop(t, backend.SystemClock{}, time.Hour)
			sleep(time.Minute)
			h.mu.Lock()
			h.state.Actions = append(h.state.Actions, cadence.Action{ID: 2, Owner: "alice", Text: "fail over", State: cadence.ActionAsked, AskedAt: start.Add(time.Minute)})
			h.mu.Unlock()
			sleep(4 * time.Minute)
			got := h.sent(cadence.KindActionAck)
			// The loop learns of the action only at its planned wake (+5 for the status).
			if want := start.Add(5 * time.Minute); len(got) != 1 || !got[0].at.Equal(want) {
				t.Errorf("got %+v, want one at the next planned pass %v", got, want)
			}
		})
	})
	t.Run("StopsOnClose", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h, l, _ := startLoop(t, backend.SystemClock{}, time.Hour)
			sleep(time.Minute)
			if err := l.Close(); err != nil {
				t.Fatal(err)
			}
			sleep(time.Hour)
			if got := h.sent(cadence.KindStatus); len(got) != 0 {
				t.Errorf("got %+v after Close, want nothing", got)
			}
			// synctest.Test fails if the loop's goroutine were still blocked here.
		})
	})
	t.Run("LoadErrorRetries", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			var errs []error
			h := &harness{clock: backend.SystemClock{}, err: errors.New("database is locked")}
			h.state = cadence.State{IncidentID: 1, Severity: backend.SEV1, DeclaredAt: time.Now()}
			l := cadence.NewLoop(h.clock, cadence.DefaultPolicy(time.UTC), h.load, h.sink)
			l.MaxSleep, l.OnError = time.Minute, func(err error) { errs = append(errs, err) }
			l.Start(t.Context())
			defer l.Close()
			sleep(90 * time.Second)
			if len(errs) != 2 {
				t.Errorf("got %d errors in 90 s, want 2 (at 0 and 60 s)", len(errs))
			}
		})
	})
}
