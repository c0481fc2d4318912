package app

import (
	"context"
	"log"
)

// desktopQueueSize is how many desktop notifications may wait for a slow
// daemon before new ones are dropped (the banner has shown them anyway).
const desktopQueueSize = 16

// desktopNote is one desktop notification waiting to be sent.
type desktopNote struct{ key, title, body string }

// desktopQueue sends desktop notifications on a goroutine of its own, so a
// slow or frozen notification daemon delays neither the reminder loop nor
// the next banner. It is started in Startup and closed in Shutdown.
type desktopQueue struct {
	ch     chan desktopNote
	cancel context.CancelFunc
	done   chan struct{}
}

func (a *App) startDesktop(ctx context.Context) {
	if a.Notifier == nil {
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	q := &desktopQueue{ch: make(chan desktopNote, desktopQueueSize), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(q.done)
		for {
			select {
			case <-ctx.Done():
				return
			case n := <-q.ch:
				if ctx.Err() != nil {
					return
				}
				if err := a.Notifier.Notify(ctx, n.title, n.body); err != nil {
					log.Printf("reminder %s: desktop notification: %v", n.key, err)
				}
			}
		}
	}()
	a.mu.Lock()
	a.desktop = q
	a.mu.Unlock()
}

// stopDesktop stops the queue's goroutine and waits for it. A send stuck on
// a frozen daemon is abandoned at once (notify.Desktop honours ctx).
func (a *App) stopDesktop() {
	a.mu.Lock()
	q := a.desktop
	a.desktop = nil
	a.mu.Unlock()
	if q != nil {
		q.cancel()
		<-q.done
	}
}

// notifyDesktop queues a notification, or sends it here and now (within the
// notifier's deadline) when no queue runs, as in tests without a window.
func (a *App) notifyDesktop(ctx context.Context, n desktopNote) {
	a.mu.Lock()
	q := a.desktop
	a.mu.Unlock()
	if q == nil {
		if err := a.Notifier.Notify(ctx, n.title, n.body); err != nil {
			log.Printf("reminder %s: desktop notification: %v", n.key, err)
		}
		return
	}
	select {
	case q.ch <- n:
	default:
		log.Printf("reminder %s: desktop notification dropped: %d are still waiting for the notification service", n.key, len(q.ch))
	}
}
