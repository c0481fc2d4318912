package app

import (
	"context"
	"strings"

	"bridgelog/backend"
	"bridgelog/backend/clocks"
	"bridgelog/backend/limits"
)

// Status is the bound API for the status update composer.
type Status struct {
	Service *clocks.Service
}

// Draft returns an update prefilled from the incident's state for an
// audience: "internal" or "external" (customer-facing: no people's names).
func (b *Status) Draft(incidentID int64, audience string) (*clocks.StatusDraft, error) {
	a, err := parseAudience(audience)
	if err != nil {
		return nil, err
	}
	return b.Service.StatusDraft(context.Background(), incidentID, a)
}

// Record adds the update that went out to the timeline and resets the cycle:
// the next update is due in nextUpdateMinutes (0: the severity's default).
func (b *Status) Record(incidentID int64, text string, audience string, nextUpdateMinutes int) (*backend.Entry, error) {
	a, err := parseAudience(audience)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, backend.Errorf(backend.EINVALID, "The update is empty: write what stakeholders were told.")
	}
	if err := backend.CheckRange(limits.NextUpdateMinutes, nextUpdateMinutes); err != nil {
		return nil, err
	}
	return b.Service.RecordStatus(context.Background(), incidentID, text, a, nextUpdateMinutes)
}

func parseAudience(s string) (backend.Audience, error) {
	a := backend.Audience(strings.ToLower(strings.TrimSpace(s)))
	if a == "" {
		a = backend.AudienceInternal
	}
	if !a.Valid() {
		return "", backend.Errorf(backend.EINVALID, "The audience is internal or external, not %q.", s)
	}
	return a, nil
}

// Handoff is the bound API for handing a role over.
type Handoff struct {
	Service *clocks.Service
}

// Brief writes the handoff brief for a role ("ic" when empty).
func (b *Handoff) Brief(incidentID int64, role string) (*clocks.HandoffBrief, error) {
	r, err := parseRole(role)
	if err != nil {
		return nil, err
	}
	return b.Service.Brief(context.Background(), incidentID, r)
}

// Complete records, once the incoming person has confirmed, the role change
// and the brief (an internal status entry). It returns the role entry.
func (b *Handoff) Complete(incidentID int64, role string, incoming string, brief string) (*backend.Entry, error) {
	r, err := parseRole(role)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(incoming) == "" {
		return nil, backend.Errorf(backend.EINVALID, "Name the person taking over.")
	}
	return b.Service.CompleteHandoff(context.Background(), incidentID, r, incoming, brief)
}

func parseRole(s string) (backend.Role, error) {
	switch r := backend.Role(strings.ToLower(strings.TrimSpace(s))); r {
	case "":
		return backend.RoleIC, nil
	case backend.RoleIC, backend.RoleScribe, backend.RoleCommsLead, backend.RoleTechLead:
		return r, nil
	}
	return "", backend.Errorf(backend.EINVALID, "The role is ic, scribe, comms or tech, not %q.", s)
}
