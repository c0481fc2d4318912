package timeline

import (
	"context"
	"math"
	"time"

	"bridgelog/backend"
)

// MitigationInProgressAt returns the mitigation that was in progress when a
// line dated at happened, or nil. The UI asks it before saving an `m:` line
// with the time the line will carry, so a mitigation typed late but dated
// before another started is not taken as started while that one ran (see
// backend.MitigationInProgressAt). A zero at asks about now.
func (s *Service) MitigationInProgressAt(ctx context.Context, incidentID int64, at time.Time) (*backend.Entry, error) {
	if at.IsZero() {
		return s.MitigationInProgress(ctx, incidentID)
	}
	entries, err := s.mitigationEntries(ctx, incidentID)
	if err != nil {
		return nil, err
	}
	return backend.MitigationInProgressAt(entries, at), nil
}

// mitigationEntries reads the entries the mitigation rules fold: mitigations
// and phase changes, a few dozen even in a call of 200,000 entries.
func (s *Service) mitigationEntries(ctx context.Context, incidentID int64) ([]*backend.Entry, error) {
	return s.Entries.RecentEntries(ctx, incidentID, []backend.Kind{backend.KindMitigation, backend.KindPhase}, false, math.MaxInt32)
}
