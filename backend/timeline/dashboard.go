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
	entries, err := s.Entries.ListEntries(ctx, incidentID)
	if err != nil {
		return nil, err
	}
	d := &Dashboard{Incident: inc, History: history, Roles: []backend.RoleAssignment{},
		KeyMoments: []*backend.Entry{}, Decisions: []*backend.Entry{}, Mitigations: []*backend.Entry{}}
	for _, r := range history {
		if r.To.IsZero() {
			d.Roles = append(d.Roles, r)
		}
	}
	// Walk newest first so each list holds the latest few, then restore time order.
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		if e.Key && len(d.KeyMoments) < recentCount {
			d.KeyMoments = append(d.KeyMoments, e)
		}
		if e.Kind == backend.KindDecision && len(d.Decisions) < recentCount {
			d.Decisions = append(d.Decisions, e)
		}
		if e.Kind == backend.KindMitigation && len(d.Mitigations) < recentCount {
			d.Mitigations = append(d.Mitigations, e)
		}
	}
	reverse(d.KeyMoments)
	reverse(d.Decisions)
	reverse(d.Mitigations)
	return d, nil
}

func reverse(es []*backend.Entry) {
	for i, j := 0, len(es)-1; i < j; i, j = i+1, j-1 {
		es[i], es[j] = es[j], es[i]
	}
}
