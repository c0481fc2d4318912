package backup

import (
	"context"
	"slices"
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
// interval. Request asks it for a backup now, off the caller's goroutine.
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

	wake    chan struct{}
	mu      sync.Mutex
	pending []string // requested reasons, in order, each once
	cancel  context.CancelFunc
	done    chan struct{}
}

// NewLoop returns a loop that is not yet running. active reports whether an
// incident is live (for the app: any incident not resolved).
func NewLoop(svc *Service, active func(context.Context) (bool, error)) *Loop {
	return &Loop{svc: svc, active: active, wake: make(chan struct{}, 1)}
}

// Request asks for a backup with reason (ReasonResolved when an incident is
// resolved) as soon as the loop can make it, whether or not an incident is
// live or anything changed. It never blocks; a request repeated before the
// loop gets to it is made once. Requests still pending at Close are dropped:
// make the quit backup with Service.Create after Close.
func (l *Loop) Request(reason string) {
	l.mu.Lock()
	if !slices.Contains(l.pending, reason) {
		l.pending = append(l.pending, reason)
	}
	l.mu.Unlock()
	select {
	case l.wake <- struct{}{}:
	default:
	}
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
		case <-l.wake:
			l.requested(ctx)
			continue // the periodic schedule stands
		case <-timer.C:
		}
		l.pass(ctx)
		timer.Reset(backend.RealDuration(l.svc.Clock, every))
	}
}

// requested makes the backups Request asked for.
func (l *Loop) requested(ctx context.Context) {
	l.mu.Lock()
	reasons := l.pending
	l.pending = nil
	l.mu.Unlock()
	for _, r := range reasons {
		l.backup(ctx, r)
	}
}

// pass makes one periodic backup if one is due.
func (l *Loop) pass(ctx context.Context) {
	active, err := l.active(ctx)
	if err != nil {
		l.fail(ctx, err)
		return
	} else if !active || !l.svc.Changed() {
		return
	}
	l.backup(ctx, ReasonPeriodic)
}

// backup makes one backup and prunes.
func (l *Loop) backup(ctx context.Context, reason string) {
	b, err := l.svc.Create(ctx, reason)
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

// Changed reports whether the live file may have been written since the last
// backup this Service made began (always true before the first), so
// BackupOnQuit can skip a copy of a database nobody wrote to.
func (s *Service) Changed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.db == nil || s.seen == (fingerprint{}) || stat(s.db.Path) != s.seen
}
