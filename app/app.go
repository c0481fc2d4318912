// Package app is Bridgelog's Wails layer: the window's lifecycle and thin bound
// structs, one per feature, that validate input, call one backend service and turn
// errors into messages a person can act on. No SQL and no business rules live here.
package app

import (
	"context"
	"errors"
	"log"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"bridgelog/backend"
)

// App owns the window's lifecycle.
type App struct {
	ctx     context.Context
	closers []func() error
}

// New returns an App that runs closers, in order, when the window closes.
func New(closers ...func() error) *App { return &App{closers: closers} }

// Startup keeps the runtime context, which the bound structs need for runtime calls.
func (a *App) Startup(ctx context.Context) { a.ctx = ctx }

// Shutdown releases what the app holds: the database and its lock.
func (a *App) Shutdown(ctx context.Context) {
	for _, c := range a.closers {
		if err := c(); err != nil {
			log.Printf("shutdown: %v", err)
		}
	}
}

// Focus brings the window forward; a second launch of Bridgelog calls it on the first.
func (a *App) Focus() {
	if a.ctx == nil {
		return
	}
	runtime.WindowUnminimise(a.ctx)
	runtime.WindowShow(a.ctx)
	runtime.EventsEmit(a.ctx, backend.EventFocusRequested)
}

// BindingError is what the UI receives when a bound method fails.
type BindingError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// FormatError turns any error from a bound method into a BindingError, so the UI
// always gets a code and a message, never a Go error string.
func FormatError(err error) any {
	if err == nil {
		return nil
	}
	var be *BindingError
	if errors.As(err, &be) {
		return be
	}
	if backend.ErrorCode(err) == backend.EINTERNAL {
		log.Printf("internal error: %v", err)
	}
	return &BindingError{Code: backend.ErrorCode(err), Message: backend.ErrorMessage(err)}
}

func (e *BindingError) Error() string { return e.Message }
