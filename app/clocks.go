package app

import (
	"context"
	"strings"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
	"bridgelog/backend/clocks"
	"bridgelog/backend/limits"
)

// Clocks is the bound API for the IC dashboard's clocks card.
type Clocks struct {
	Service *clocks.Service
}

// Board returns everything the clocks card shows for one incident.
func (b *Clocks) Board(incidentID int64) (*clocks.Board, error) {
	return b.Service.Board(context.Background(), incidentID)
}

// TimeScale is how many app-clock seconds pass per real second: 1, except
// when BRIDGELOG_TIME_SCALE speeds the clock up for tests and demos.
func (b *Clocks) TimeScale() float64 { return b.Service.TimeScale }

// Reminders is the bound API for the reminder banner.
type Reminders struct {
	Service *clocks.Service
	App     *App
}

// List returns the reminders due now for one incident, or for every incident
// whose clocks run when incidentID is 0.
func (b *Reminders) List(incidentID int64) ([]cadence.Reminder, error) {
	return b.Service.Reminders(context.Background(), incidentID)
}

// Ack acknowledges a reminder: it stays quiet for good. Acknowledging a
// check-in reminder counts as the check-in.
func (b *Reminders) Ack(incidentID int64, key string) error {
	if strings.TrimSpace(key) == "" {
		return backend.Errorf(backend.EINVALID, "Which reminder? The key is empty.")
	}
	return b.Service.Ack(context.Background(), incidentID, key)
}

// Snooze hides a reminder for minutes (limits.SnoozeMinutes); the snooze is recorded.
func (b *Reminders) Snooze(incidentID int64, key string, minutes int) error {
	if strings.TrimSpace(key) == "" {
		return backend.Errorf(backend.EINVALID, "Which reminder? The key is empty.")
	}
	if err := backend.CheckRange(limits.SnoozeMinutes, minutes); err != nil {
		return err
	}
	return b.Service.Snooze(context.Background(), incidentID, key, minutes)
}

// Open focuses the window and asks the UI to show the reminder's card
// (event reminder:open).
func (b *Reminders) Open(incidentID int64, kind string, key string) {
	b.App.OpenReminder(incidentID, kind, key)
}
