package app

import (
	"context"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"bridgelog/backend"
)

// This file is the app's only door to the Wails runtime: events to the UI and
// window focus. Bound structs and the reminder sink go through these methods,
// so the rest of the app can run (and be tested) without a window.

// ClocksChanged is the payload of backend.EventClocksChanged.
type ClocksChanged struct {
	IncidentID int64 `json:"incidentId"`
}

// ReminderOpen is the payload of backend.EventReminderOpen: which card to show.
type ReminderOpen struct {
	IncidentID int64  `json:"incidentId"`
	Kind       string `json:"kind"`
	Key        string `json:"key"`
}

// runtimeCtx returns the window's runtime context, or nil before Startup and
// after Shutdown (and in tests), when events go nowhere.
func (a *App) runtimeCtx() context.Context {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.ctx
}

// emit sends an event to the UI. Emit is what the tests replace.
func (a *App) emit(name string, data any) {
	if a.Emit != nil {
		a.Emit(name, data)
		return
	}
	if ctx := a.runtimeCtx(); ctx != nil {
		runtime.EventsEmit(ctx, name, data)
	}
}

// Focus brings the window forward; a second launch of Bridgelog calls it on the first.
func (a *App) Focus() {
	if ctx := a.runtimeCtx(); ctx != nil {
		runtime.WindowUnminimise(ctx)
		runtime.WindowShow(ctx)
	}
	a.emit(backend.EventFocusRequested, nil)
}

// Changed tells the reminder loop to re-plan and the UI to refetch the
// incident's clocks. Everything that can move a clock calls it.
func (a *App) Changed(incidentID int64) {
	if a.Loop != nil {
		a.Loop.Poke()
	}
	a.emit(backend.EventClocksChanged, ClocksChanged{IncidentID: incidentID})
}

// OpenReminder focuses the window on the card a reminder is about.
func (a *App) OpenReminder(incidentID int64, kind, key string) {
	a.Focus()
	a.emit(backend.EventReminderOpen, ReminderOpen{IncidentID: incidentID, Kind: kind, Key: key})
}
