package cadence

import (
	"context"
	"strconv"
	"sync"
	"time"

	"bridgelog/backend"
)

// DefaultMaxSleep caps how long the loop sleeps between passes. Go timers run
// on the monotonic clock, which stops while a laptop is suspended and ignores
// wall-clock changes, so a timer set before a sleep fires late by the length
// of the sleep. Waking at least this often bounds that lateness at the cost of
// two cheap passes a minute, which is not polling in any sense that costs CPU.
const DefaultMaxSleep = 30 * time.Second

// Loop runs the engine for the app: it owns one goroutine that loads the
// active incidents' states, hands each reminder that has come due to the sink
// once (again only when it turns urgent or returns from a snooze), and sleeps
// until Next says something changes or Poke says the state did.
type Loop struct {
	// MaxSleep overrides DefaultMaxSleep when positive. Set it before Start.
	MaxSleep time.Duration
	// OnError, when set, receives load errors. The loop retries after
	// MaxSleep, or sooner when poked, rather than giving up on the clocks.
	OnError func(error)

	clock  backend.Clock
	policy Policy
	load   func(context.Context) ([]State, error)
	sink   func(context.Context, Reminder)

	poke   chan struct{}
	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
	// fired remembers what this loop sent, by incident and key, on top of
	// State.LastFired, so the sink need not persist before the next pass.
	fired map[string]time.Time
}

// NewLoop returns a loop that is not yet running. load returns the states of
// every incident whose clocks should run. sink is called on the loop's
// goroutine, one reminder at a time, so it should show the in-app banner
// first and then notify the desktop: notify.Desktop returns within its
// deadline, but a frozen daemon still costs each reminder that deadline.
func NewLoop(clock backend.Clock, p Policy, load func(context.Context) ([]State, error), sink func(context.Context, Reminder)) *Loop {
	return &Loop{clock: clock, policy: p, load: load, sink: sink,
		poke: make(chan struct{}, 1), fired: map[string]time.Time{}}
}

// Start launches the loop's goroutine, which runs until ctx ends or Close is
// called. Starting a loop twice does nothing the second time.
func (l *Loop) Start(ctx context.Context) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done != nil {
		return
	}
	ctx, l.cancel = context.WithCancel(ctx)
	l.done = make(chan struct{})
	go l.run(ctx)
}

// SetPolicy replaces the policy (the settings changed) and re-plans.
func (l *Loop) SetPolicy(p Policy) {
	l.mu.Lock()
	l.policy = p
	l.mu.Unlock()
	l.Poke()
}

// Poke asks the loop to re-plan now, because the state changed: an update was
// recorded, an action asked, a reminder snoozed. It never blocks; pokes that
// arrive while one is pending merge into it.
func (l *Loop) Poke() {
	select {
	case l.poke <- struct{}{}:
	default:
	}
}

// Close stops the loop and waits for its goroutine to exit. It is safe to call
// more than once, and on a loop that never started.
func (l *Loop) Close() error {
	l.mu.Lock()
	cancel, done := l.cancel, l.done
	l.mu.Unlock()
	if done == nil {
		return nil
	}
	cancel()
	<-done
	return nil
}

func (l *Loop) run(ctx context.Context) {
	defer close(l.done)
	timer := time.NewTimer(0) // the first pass runs at once
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		case <-l.poke:
		}
		timer.Reset(l.pass(ctx))
	}
}

// pass delivers what is due and returns how long to sleep.
func (l *Loop) pass(ctx context.Context) time.Duration {
	maxSleep := l.MaxSleep
	if maxSleep <= 0 {
		maxSleep = DefaultMaxSleep
	}
	states, err := l.load(ctx)
	if err != nil {
		if l.OnError != nil && ctx.Err() == nil {
			l.OnError(err)
		}
		return maxSleep
	}
	l.mu.Lock()
	policy := l.policy
	l.mu.Unlock()
	now := l.clock.Now()
	var next time.Time
	keep := map[string]time.Time{}
	for _, s := range states {
		due := Due(s, policy, now)
		fired := map[string]time.Time{}
		for k, at := range s.LastFired {
			fired[k] = at
		}
		prefix := strconv.FormatInt(s.IncidentID, 10) + "/"
		for _, r := range due {
			if at, ok := l.fired[prefix+r.Key]; ok && at.After(fired[r.Key]) {
				fired[r.Key] = at
			}
		}
		for _, r := range Unfired(due, fired) {
			if ctx.Err() != nil {
				return maxSleep
			}
			l.sink(ctx, r)
			fired[r.Key] = now
		}
		for _, r := range due {
			if at, ok := fired[r.Key]; ok {
				keep[prefix+r.Key] = at
			}
		}
		if n := Next(s, policy, now); !n.IsZero() && (next.IsZero() || n.Before(next)) {
			next = n
		}
	}
	l.fired = keep // reminders no longer due are forgotten, so the map stays small
	if next.IsZero() {
		return maxSleep
	}
	// Due times are on the loop's clock; a test clock running faster than
	// real time (backend.ScaledClock) needs a shorter real sleep to meet them.
	return min(max(backend.RealDuration(l.clock, next.Sub(l.clock.Now())), 0), maxSleep)
}
