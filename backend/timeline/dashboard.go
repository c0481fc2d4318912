package timeline

import (
	"context"

	"bridgelog/backend"
)

// Dashboard is what the IC's pane shows of one incident.
type Dashboard struct {
	Incident *backend.Incident `json:"incident"`
	// Roles holds who holds each role now; History every assignment so far.
	Roles       []backend.RoleAssignment `json:"roles"`
	History     []backend.RoleAssignment `json:"history"`
	KeyMoments  []*backend.Entry         `json:"keyMoments"`
	Decisions   []*backend.Entry         `json:"decisions"`
	Mitigations []*backend.Entry         `json:"mitigations"`
}

// recentCount is how many of each kind the dashboard lists: enough to orient an
// incoming IC, few enough to read at a glance.
const recentCount = 5

// Dashboard assembles the IC's view of an incident.
func (s *Service) Dashboard(ctx context.Context, incidentID int64) (*Dashboard, error) {
	inc, err := s.Incidents.FindIncident(ctx, incidentID)
	if err != nil {
		return nil, err
	}
	history, err := s.Incidents.Roles(ctx, incidentID)
	if err != nil {
		return nil, err
	}
	d := &Dashboard{Incident: inc, History: history, Roles: []backend.RoleAssignment{}}
	for _, r := range history {
		if r.To.IsZero() {
			d.Roles = append(d.Roles, r)
		}
	}
	if d.KeyMoments, err = s.Entries.RecentEntries(ctx, incidentID, nil, true, recentCount); err != nil {
		return nil, err
	}
	if d.Decisions, err = s.Entries.RecentEntries(ctx, incidentID, []backend.Kind{backend.KindDecision}, false, recentCount); err != nil {
		return nil, err
	}
	if d.Mitigations, err = s.Entries.RecentEntries(ctx, incidentID, []backend.Kind{backend.KindMitigation}, false, recentCount); err != nil {
		return nil, err
	}
	return d, nil
}
