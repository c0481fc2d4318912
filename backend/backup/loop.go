package backup

import (
	"context"
	"sync"
	"time"

	"bridgelog/backend"
)

// DefaultEvery is how often the loop backs up during a live incident: at most
// ten minutes of a call's notes depend on the one file alone.
const DefaultEvery = 10 * time.Minute

// Loop makes periodic backups for the app. It owns one goroutine that wakes
// every Every (on the service's clock), and while active reports a live
// incident and the database has changed since the last backup, makes a
// periodic backup and prunes. Between incidents it costs one cheap query per
// interval.
type Loop struct {
	// Every overrides DefaultEvery when positive. Set it before Start.
	Every time.Duration
	// OnError, when set, receives errors from active, Create and Prune. The
	// loop carries on: the next interval tries again.
	OnError func(error)
	// OnBackup, when set, receives each backup the loop made.
	OnBackup func(Backup)

	svc    *Service
	active func(context.Context) (bool, error)

	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan struct{}
}

// NewLoop returns a loop that is not yet running. active reports whether an
// incident is live (for the app: any incident not resolved).
func NewLoop(svc *Service, active func(context.Context) (bool, error)) *Loop {
	return &Loop{svc: svc, active: active}
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

// Close stops the loop and waits for its goroutine, including a backup in
// progress (the database must stay open until then). It is safe to call more
// than once, and on a loop that never started.
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
	every := l.Every
	if every <= 0 {
		every = DefaultEvery
	}
	// A clock faster than real time (backend.ScaledClock, for demos) takes
	// backups at its own pace, like the reminder loop's sleeps.
	timer := time.NewTimer(backend.RealDuration(l.svc.Clock, every))
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
		l.pass(ctx)
		timer.Reset(backend.RealDuration(l.svc.Clock, every))
	}
}

// pass makes one periodic backup if one is due.
func (l *Loop) pass(ctx context.Context) {
	active, err := l.active(ctx)
	if err != nil {
		l.fail(ctx, err)
		return
	} else if !active || !l.svc.changed() {
		return
	}
	b, err := l.svc.Create(ctx, ReasonPeriodic)
	if err != nil {
		l.fail(ctx, err)
		return
	}
	if l.OnBackup != nil {
		l.OnBackup(b)
	}
	if _, err := l.svc.Prune(ctx); err != nil {
		l.fail(ctx, err)
	}
}

func (l *Loop) fail(ctx context.Context, err error) {
	if l.OnError != nil && ctx.Err() == nil {
		l.OnError(err)
	}
}

// changed reports whether the live file may have been written since the last
// backup began (always true before the first).
func (s *Service) changed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.db == nil || s.seen == (fingerprint{}) || stat(s.db.Path) != s.seen
}
