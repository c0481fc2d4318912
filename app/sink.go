package app

import (
	"context"
	"log"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
)

// Deliver is the reminder loop's sink. It records the reminder as sent, shows
// it in the app first (the banner never depends on the desktop), and then
// hands it to the desktop queue unless quiet mode is on. The queue sends on
// its own goroutine within the notifier's deadline (2 s for notify.Desktop),
// so a frozen notification daemon delays neither the loop nor the next
// banner, and a failure is only logged.
func (a *App) Deliver(ctx context.Context, r cadence.Reminder) {
	if a.Marks != nil && a.Clock != nil {
		if err := a.Marks.MarkFired(ctx, r.IncidentID, r.Key, a.Clock.Now()); err != nil {
			log.Printf("reminder %s: recording it as sent: %v", r.Key, err)
		}
	}
	a.emit(backend.EventReminderDue, r)
	if a.Notifier == nil || (a.Quiet != nil && a.Quiet()) {
		return
	}
	title := r.Title
	if r.Urgency == cadence.UrgencyUrgent {
		title = "Urgent: " + title
	}
	a.notifyDesktop(ctx, desktopNote{key: r.Key, title: title, body: r.Body})
}
