package app

import (
	"context"

	"bridgelog/backend"
	"bridgelog/backend/clocks"
	"bridgelog/backend/limits"
)

// Watch is the bound API for the post-mitigation monitoring watch. Marking
// the incident mitigated (phase monitoring, from the header or a `phase:
// monitoring` line) starts a watch with the default length and criteria by
// itself; these methods change it.
type Watch struct {
	Service *clocks.Service
}

// Start moves the incident to monitoring if it is not there yet and sets the
// watch's length (0: the default) and exit criteria (empty: the defaults).
func (b *Watch) Start(incidentID int64, minutes int, criteria []string) (*clocks.Watch, error) {
	if err := backend.CheckRange(limits.WatchMinutes, minutes); err != nil {
		return nil, err
	}
	return b.Service.StartWatch(context.Background(), incidentID, minutes, criteria)
}

// Tick marks an exit criterion (by its index) as holding, or not.
func (b *Watch) Tick(incidentID int64, index int, done bool) (*clocks.Watch, error) {
	return b.Service.TickWatch(context.Background(), incidentID, index, done)
}

// Extend lengthens the running watch by minutes.
func (b *Watch) Extend(incidentID int64, minutes int) (*clocks.Watch, error) {
	if err := backend.CheckRange(limits.WatchExtensionMinutes, minutes); err != nil {
		return nil, err
	}
	return b.Service.ExtendWatch(context.Background(), incidentID, minutes)
}

// Resolve ends the watch by resolving the incident.
func (b *Watch) Resolve(incidentID int64) (*backend.Incident, error) {
	return b.Service.EndWatch(context.Background(), incidentID, true)
}

// Reopen ends the watch because the mitigation did not hold: back to investigating.
func (b *Watch) Reopen(incidentID int64) (*backend.Incident, error) {
	return b.Service.EndWatch(context.Background(), incidentID, false)
}
