package app_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"bridgelog/app"
	"bridgelog/backend"
	"bridgelog/backend/cadence"
	"bridgelog/backend/notify"
)

// events records what the app emitted, in order, with notifications in the
// same log so the test can see which came first.
type events struct {
	mu  sync.Mutex
	log []string
}

func (e *events) add(s string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.log = append(e.log, s)
}

func (e *events) all() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.log)
}

type marks struct{ ev *events }

func (m marks) MarkFired(_ context.Context, id int64, key string, _ time.Time) error {
	m.ev.add("fired " + key)
	return nil
}

type notifier struct {
	ev  *events
	err error
}

func (n notifier) Notify(_ context.Context, title, _ string) error {
	n.ev.add("notify " + title)
	return n.err
}

var reminder = cadence.Reminder{IncidentID: 7, Kind: cadence.KindStatus, Key: "status:first:x", Title: "Status update due", Urgency: cadence.UrgencyNormal}

func newApp(ev *events, n notify.Notifier, quiet bool) *app.App {
	a := app.New()
	a.Clock, a.Marks, a.Notifier = &backend.FixedClock{T: time.Unix(0, 0)}, marks{ev}, n
	a.Quiet = func() bool { return quiet }
	a.Emit = func(name string, data any) {
		if r, ok := data.(cadence.Reminder); ok {
			ev.add(name + " " + r.Key)
			return
		}
		ev.add(name)
	}
	return a
}

func TestDeliver(t *testing.T) {
	ctx := context.Background()
	t.Run("RecordsThenBannerThenDesktop", func(t *testing.T) {
		ev := &events{}
		newApp(ev, notifier{ev: ev}, false).Deliver(ctx, reminder)
		want := []string{"fired status:first:x", backend.EventReminderDue + " status:first:x", "notify Status update due"}
		if got := ev.all(); !slices.Equal(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("UrgentTitle", func(t *testing.T) {
		ev := &events{}
		r := reminder
		r.Urgency = cadence.UrgencyUrgent
		newApp(ev, notifier{ev: ev}, false).Deliver(ctx, r)
		if got := ev.all(); got[2] != "notify Urgent: Status update due" {
			t.Errorf("got %q, want the urgent title", got[2])
		}
	})
	t.Run("QuietModeInAppOnly", func(t *testing.T) {
		ev := &events{}
		newApp(ev, notifier{ev: ev}, true).Deliver(ctx, reminder)
		want := []string{"fired status:first:x", backend.EventReminderDue + " status:first:x"}
		if got := ev.all(); !slices.Equal(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("DesktopFailureIsOnlyLogged", func(t *testing.T) {
		ev := &events{}
		newApp(ev, notifier{ev: ev, err: errors.New("no notification service")}, false).Deliver(ctx, reminder)
		if got := ev.all(); len(got) != 3 || got[1] != backend.EventReminderDue+" status:first:x" {
			t.Errorf("got %q, want the banner shown whatever the desktop did", got)
		}
	})
	t.Run("FrozenDaemonBoundedByDeadline", func(t *testing.T) {
		ev := &events{}
		block := make(chan struct{})
		defer close(block)
		d := &notify.Desktop{Timeout: 100 * time.Millisecond, Send: func(string, string) error { <-block; return nil }}
		a := newApp(ev, d, false)
		start := time.Now()
		a.Deliver(ctx, reminder)
		if elapsed := time.Since(start); elapsed > time.Second {
			t.Errorf("Deliver took %v with a frozen daemon, want about the 100 ms deadline", elapsed)
		}
		if got := ev.all(); len(got) != 2 || got[1] != backend.EventReminderDue+" status:first:x" {
			t.Errorf("got %q, want the banner shown before the desktop was tried", got)
		}
	})
}

func TestDesktopQueue(t *testing.T) {
	t.Run("FrozenDaemonDelaysNoBanner", func(t *testing.T) {
		ev := &events{}
		block := make(chan struct{})
		defer close(block)
		d := &notify.Desktop{Timeout: time.Hour, Send: func(string, string) error { <-block; return nil }}
		a := newApp(ev, d, false)
		a.Startup(context.Background())
		start := time.Now()
		for range 3 {
			a.Deliver(context.Background(), reminder)
		}
		if elapsed := time.Since(start); elapsed > 100*time.Millisecond {
			t.Errorf("three deliveries took %v with a frozen daemon, want no wait", elapsed)
		}
		if got := ev.all(); len(got) != 6 {
			t.Errorf("got %q, want three records and three banners", got)
		}
		start = time.Now()
		a.Shutdown(context.Background())
		if elapsed := time.Since(start); elapsed > time.Second {
			t.Errorf("shutdown took %v with a send stuck, want it abandoned at once", elapsed)
		}
	})
	t.Run("SendsInOrder", func(t *testing.T) {
		ev := &events{}
		a := newApp(ev, notifier{ev: ev}, false)
		a.Startup(context.Background())
		a.Deliver(context.Background(), reminder)
		deadline := time.Now().Add(time.Second)
		for len(ev.all()) < 3 && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		a.Shutdown(context.Background())
		if got := ev.all(); len(got) != 3 || got[2] != "notify Status update due" {
			t.Errorf("got %q, want the notification sent after the banner", got)
		}
	})
}

func TestLifecycle(t *testing.T) {
	t.Run("LoopStartsAndStops", func(t *testing.T) {
		ev := &events{}
		var mu sync.Mutex
		loads, closed := 0, false
		load := func(context.Context) ([]cadence.State, error) {
			mu.Lock()
			defer mu.Unlock()
			if closed {
				t.Error("the loop read the database after it was closed")
			}
			loads++
			return nil, nil
		}
		a := newApp(ev, notifier{ev: ev}, false)
		a.Loop = cadence.NewLoop(backend.SystemClock{}, cadence.DefaultPolicy(time.UTC), load, a.Deliver)
		a = withCloser(a, func() error { mu.Lock(); closed = true; mu.Unlock(); return nil })
		a.Startup(context.Background())
		a.Changed(7)
		time.Sleep(50 * time.Millisecond)
		a.Shutdown(context.Background())
		a.Changed(7) // a poke after shutdown must not block or run anything
		time.Sleep(20 * time.Millisecond)
		mu.Lock()
		defer mu.Unlock()
		if loads < 1 || !closed {
			t.Errorf("got %d loads, closed %v; want at least one pass and the closers run", loads, closed)
		}
		if got := ev.all(); !slices.Contains(got, backend.EventClocksChanged) {
			t.Errorf("got %q, want a clocks:changed event", got)
		}
	})
}

// withCloser copies a's test hooks onto an App that runs closer on Shutdown.
func withCloser(a *app.App, closer func() error) *app.App {
	b := app.New(closer)
	b.Loop, b.Clock, b.Marks, b.Notifier, b.Quiet, b.Emit = a.Loop, a.Clock, a.Marks, a.Notifier, a.Quiet, a.Emit
	return b
}
