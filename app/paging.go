package app

import (
	"context"
	"strings"

	"bridgelog/backend"
	"bridgelog/backend/clocks"
	"bridgelog/backend/limits"
)

// Paging is the bound API for the paging tracker.
type Paging struct {
	Service *clocks.Service
}

// List returns every page of the incident and who is next on the escalation path.
func (b *Paging) List(incidentID int64) (*clocks.Paging, error) {
	return b.Service.Paging(context.Background(), incidentID)
}

// Page records that person was paged; level is their place on the escalation
// path (1 is the primary; 0 means "the next level").
func (b *Paging) Page(incidentID int64, person string, level int) (*backend.Page, error) {
	if strings.TrimSpace(person) == "" {
		return nil, backend.Errorf(backend.EINVALID, "Name the person paged.")
	}
	if err := backend.CheckRange(limits.EscalationLevel, level); err != nil {
		return nil, err
	}
	return b.Service.Page(context.Background(), incidentID, person, level)
}

// Joined records that the paged person joined the call.
func (b *Paging) Joined(pageID int64) (*backend.Page, error) {
	return b.Service.AnswerPage(context.Background(), pageID, backend.PageJoined)
}

// NoAnswer records that the paged person did not answer: escalate.
func (b *Paging) NoAnswer(pageID int64) (*backend.Page, error) {
	return b.Service.AnswerPage(context.Background(), pageID, backend.PageNoAnswer)
}
