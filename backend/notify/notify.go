// Package notify shows desktop notifications. Every reminder also shows in the
// app, so a notification is a courtesy that must never hold anything up: the
// desktop implementation gives the notification daemon a short deadline and
// walks away if it does not answer.
package notify

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gen2brain/beeep"
)

// Notifier shows one notification. Implementations return within a bounded
// time, whatever the desktop does, and report failure as an error for the
// caller to log; the app carries on either way.
type Notifier interface {
	Notify(ctx context.Context, title, body string) error
}

// DefaultTimeout is how long Desktop waits for the notification service. A
// healthy daemon answers in milliseconds and a missing one fails in about 20;
// a frozen one never answers (beeep has no timeout of its own), so two seconds
// is generous without ever being felt.
const DefaultTimeout = 2 * time.Second

// DefaultMaxPending caps the sends still running after their deadline. Each
// is a goroutine stuck on a frozen daemon; past the cap Desktop fails at once
// instead of adding more.
const DefaultMaxPending = 4

var (
	// ErrTimeout means the notification service did not answer within the
	// deadline. The send may still complete later.
	ErrTimeout = errors.New("notify: the desktop notification service did not answer in time")
	// ErrBusy means too many earlier sends are still stuck, so this one was
	// not attempted.
	ErrBusy = errors.New("notify: earlier desktop notifications are still waiting for the notification service")
)

// Desktop sends notifications through beeep (D-Bus on Linux, falling back to
// notify-send and kdialog; the native services on macOS and Windows).
//
// Each Notify runs the send on a goroutine of its own and waits for it, for
// ctx, or for the deadline, whichever comes first. On a timeout the goroutine
// is left behind to finish whenever the service answers, because a D-Bus call
// cannot be cancelled; the caller is never blocked past the deadline, and at
// most MaxPending such goroutines exist at once.
type Desktop struct {
	// Send delivers one notification and may block. Nil means beeep; tests
	// put a fake here. Set fields before the first Notify.
	Send func(title, body string) error
	// Timeout overrides DefaultTimeout when positive.
	Timeout time.Duration
	// MaxPending overrides DefaultMaxPending when positive.
	MaxPending int
	// Icon is shown beside the text; nil means the service's default icon.
	Icon *Icon

	pending atomic.Int64
}

// NewDesktop returns a Desktop that names the app appName in notifications.
// beeep keeps the name in a package variable, so call this once, at start-up,
// before any notification is sent.
func NewDesktop(appName string) *Desktop {
	beeep.AppName = appName
	return &Desktop{}
}

// Notify sends one notification and returns within the deadline: nil when the
// service accepted it, ErrTimeout (also matching context.DeadlineExceeded)
// when it did not answer, ErrBusy when earlier sends are still stuck, the
// context's error if ctx ends first, or the backend's error. A panic in the
// backend comes back as an error too.
func (d *Desktop) Notify(ctx context.Context, title, body string) error {
	timeout, maxPending := d.Timeout, int64(d.MaxPending)
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if maxPending <= 0 {
		maxPending = DefaultMaxPending
	}
	send := d.Send
	if send == nil {
		// beeep rejects a nil icon; an empty name means the service's default.
		// The path is looked up here, on the send's own goroutine, so a slow
		// disk at the first notification is bounded by the deadline too.
		send = func(title, body string) error { return beeep.Notify(title, body, d.Icon.Path()) }
	}
	if n := d.pending.Add(1); n > maxPending {
		d.pending.Add(-1)
		return fmt.Errorf("%w (%d of them)", ErrBusy, n-1)
	}
	// Buffered, so the goroutine can deliver its result and exit even after
	// the caller has stopped listening.
	done := make(chan error, 1)
	go func() {
		defer d.pending.Add(-1)
		defer func() {
			if v := recover(); v != nil {
				done <- fmt.Errorf("notify: the notification backend panicked: %v", v)
			}
		}()
		done <- send(title, body)
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("notify: %w", err)
		}
		return nil
	case <-timer.C:
		return fmt.Errorf("%w (%s): %w", ErrTimeout, timeout, context.DeadlineExceeded)
	case <-ctx.Done():
		return fmt.Errorf("notify: gave up waiting for the notification service: %w", context.Cause(ctx))
	}
}

// Quiet drops every notification: the in-app-only mode for screen sharing,
// where a desktop popup would show the audience what the IC is reminded of.
type Quiet struct{}

// Notify does nothing and succeeds.
func (Quiet) Notify(context.Context, string, string) error { return nil }

// Notification is one notification a Recorder received.
type Notification struct {
	Title string
	Body  string
}

// Recorder keeps every notification in memory, for tests and for showing in
// the app what would have popped up. Err, when set, is returned from every
// Notify after recording, to simulate a failing desktop.
type Recorder struct {
	Err error

	mu  sync.Mutex
	got []Notification
}

// Notify records the notification.
func (r *Recorder) Notify(_ context.Context, title, body string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, Notification{Title: title, Body: body})
	return r.Err
}

// Notifications returns a copy of what was recorded, oldest first.
func (r *Recorder) Notifications() []Notification {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Notification(nil), r.got...)
}

// Interface checks.
var (
	_ Notifier = (*Desktop)(nil)
	_ Notifier = Quiet{}
	_ Notifier = (*Recorder)(nil)
)
