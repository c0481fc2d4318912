// Package app is Bridgelog's Wails layer: the window's lifecycle and thin bound
// structs, one per feature, that validate input, call one backend service and turn
// errors into messages a person can act on. No SQL and no business rules live here.
package app

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"sync"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/cadence"
	"bridgelog/backend/notify"
)

// App owns the window's lifecycle, the reminder loop and the backup loop.
type App struct {
	// Loop is the reminder loop: started in Startup, closed in Shutdown,
	// poked by Changed. Nil runs no reminders.
	Loop *cadence.Loop
	// BackupLoop makes the periodic and requested backups: started in
	// Startup, closed in Shutdown before the closers (which make the quit
	// backup and close the database). Nil makes none.
	BackupLoop *backup.Loop
	// Marks records that a reminder was sent, so a restart does not repeat it.
	Marks interface {
		MarkFired(ctx context.Context, incidentID int64, key string, at time.Time) error
	}
	// Clock stamps the fired marks.
	Clock backend.Clock
	// Notifier shows desktop notifications (notify.Desktop in the app); Quiet
	// reports whether quiet mode (in-app only) is on.
	Notifier notify.Notifier
	Quiet    func() bool
	// Emit replaces the Wails runtime's event emitter in tests.
	Emit func(name string, data any)

	mu      sync.Mutex
	ctx     context.Context
	desktop *desktopQueue
	closers []func() error
}

// New returns an App that runs closers, in order, when the window closes.
func New(closers ...func() error) *App { return &App{closers: closers} }

// Startup keeps the runtime context, which events need, and starts the reminder loop.
func (a *App) Startup(ctx context.Context) {
	a.mu.Lock()
	a.ctx = ctx
	a.mu.Unlock()
	a.startDesktop(ctx)
	if a.Loop != nil {
		a.Loop.Start(ctx)
	}
	if a.BackupLoop != nil {
		a.BackupLoop.Start(ctx)
	}
}

// Shutdown stops the reminder and backup loops and the desktop queue, then
// runs the closers: the quit backup, the database. The loops go first because
// they read the database.
func (a *App) Shutdown(ctx context.Context) {
	if a.Loop != nil {
		_ = a.Loop.Close()
	}
	if a.BackupLoop != nil {
		_ = a.BackupLoop.Close()
	}
	a.stopDesktop()
	a.mu.Lock()
	a.ctx = nil
	a.mu.Unlock()
	for _, c := range a.closers {
		if err := c(); err != nil {
			log.Printf("shutdown: %v", err)
		}
	}
}

// BindingError is what the UI receives when a bound method fails.
type BindingError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// FormatError turns any error from a bound method into the JSON text of a
// BindingError. It is text, not an object, because the Wails runtime rejects a
// failed call with new Error(value): an object would arrive as "[object Object]".
func FormatError(err error) any {
	if err == nil {
		return nil
	}
	be := &BindingError{Code: backend.ErrorCode(err), Message: backend.ErrorMessage(err)}
	if errors.As(err, &be) {
		// Already shaped for the UI.
	} else if be.Code == backend.EINTERNAL {
		log.Printf("internal error: %v", err)
	}
	be.Message = shortMessage(be.Message)
	b, _ := json.Marshal(be)
	return string(b)
}

func (e *BindingError) Error() string { return e.Message }

// maxMessageRunes bounds what a message may quote of the input that caused
// it: a 1 MB value pasted into a time field must not come back as a 1 MB alert.
const maxMessageRunes = 400

// shortMessage cleans a message to printable text and, if it is long, keeps
// its start and end (where the advice on what to do usually is).
func shortMessage(m string) string {
	m = backend.CleanText(m)
	r := []rune(m)
	if len(r) <= maxMessageRunes {
		return m
	}
	return string(r[:maxMessageRunes-120]) + " … " + string(r[len(r)-117:])
}
