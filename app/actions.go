package app

import (
	"context"
	"strings"

	"bridgelog/backend"
	"bridgelog/backend/clocks"
	"bridgelog/backend/limits"
)

// Actions is the bound API for the actions board.
type Actions struct {
	Service *clocks.Service
}

// List returns the incident's actions, open ones first.
func (b *Actions) List(incidentID int64) ([]backend.Action, error) {
	return b.Service.Actions(context.Background(), incidentID)
}

// Create asks owner to do text, with an optional check-in in minutes (0: none).
// It writes the same action entry as the scribe's line `a: @owner text 10m`.
func (b *Actions) Create(incidentID int64, owner string, text string, checkInMinutes int) (*backend.Action, error) {
	// Cleaned before the check, so an owner of invisible characters is no owner.
	owner = strings.TrimPrefix(strings.TrimSpace(backend.CleanText(owner)), "@")
	switch {
	case owner == "" || strings.ContainsAny(owner, " \t\n"):
		return nil, backend.Errorf(backend.EINVALID, "Name one owner for the action, without spaces, for example sam.")
	case strings.TrimSpace(text) == "":
		return nil, backend.Errorf(backend.EINVALID, "Say what the action is, for example \"restart the queue\".")
	}
	if err := backend.CheckRange(limits.CheckInMinutes, checkInMinutes); err != nil {
		return nil, err
	}
	return b.Service.CreateAction(context.Background(), incidentID, owner, text, checkInMinutes)
}

// Ack records the owner's acknowledgement: the action is now delegated.
func (b *Actions) Ack(id int64) (*backend.Action, error) {
	return b.Service.SetActionState(context.Background(), id, backend.ActionAcknowledged)
}

// Done records that the action was completed.
func (b *Actions) Done(id int64) (*backend.Action, error) {
	return b.Service.SetActionState(context.Background(), id, backend.ActionDone)
}

// Abandon records that the action was dropped.
func (b *Actions) Abandon(id int64) (*backend.Action, error) {
	return b.Service.SetActionState(context.Background(), id, backend.ActionAbandoned)
}

// ReportedBack records that the owner reported back; the next report-back
// is due at the interval the action was asked with.
func (b *Actions) ReportedBack(id int64) (*backend.Action, error) {
	return b.Service.ReportedBack(context.Background(), id)
}

// Reopen puts a done or abandoned action back on the board, as it stood before.
func (b *Actions) Reopen(id int64) (*backend.Action, error) {
	return b.Service.SetActionState(context.Background(), id, backend.ActionReopened)
}

// CheckIn agrees a new report-back time, minutes from now (0 clears it).
func (b *Actions) CheckIn(id int64, minutes int) (*backend.Action, error) {
	if err := backend.CheckRange(limits.CheckInMinutes, minutes); err != nil {
		return nil, err
	}
	return b.Service.SetActionCheckIn(context.Background(), id, minutes)
}
