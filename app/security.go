package app

import (
	"context"
	"strings"

	"bridgelog/backend"
	"bridgelog/backend/clocks"
)

// Security is the bound API for the security incident flag, the GDPR clock
// and the legal and marketing checklist.
type Security struct {
	Service *clocks.Service
}

// Get returns the flag, the became-aware time and the checklist.
func (b *Security) Get(incidentID int64) (backend.Security, error) {
	return b.Service.Security(context.Background(), incidentID)
}

// Set flags (or unflags) a security incident. becameAwareAt is RFC 3339, or
// "" for now when none is set yet; once set it is locked: changing it takes Unlock.
func (b *Security) Set(incidentID int64, on bool, becameAwareAt string) (backend.Security, error) {
	t, err := backend.ParseInstant("became-aware", becameAwareAt)
	if err != nil {
		return backend.Security{}, err
	}
	return b.Service.SetSecurity(context.Background(), incidentID, on, t)
}

// Unlock changes a locked became-aware time (RFC 3339); the reason is recorded
// on the timeline, because the GDPR deadline moves with it.
func (b *Security) Unlock(incidentID int64, becameAwareAt string, reason string) (backend.Security, error) {
	t, err := backend.ParseInstant("became-aware", becameAwareAt)
	if err != nil {
		return backend.Security{}, err
	}
	if t.IsZero() {
		return backend.Security{}, backend.Errorf(backend.EINVALID, "Give the corrected became-aware time.")
	}
	if strings.TrimSpace(reason) == "" {
		return backend.Security{}, backend.Errorf(backend.EINVALID, "Say why the became-aware time changes: the GDPR deadline moves with it.")
	}
	return b.Service.UnlockAwareTime(context.Background(), incidentID, t, reason)
}

// Tick marks a checklist item (by key, see backend.SecurityChecklist) done or not.
func (b *Security) Tick(incidentID int64, key string, done bool) (backend.Security, error) {
	return b.Service.TickSecurity(context.Background(), incidentID, key, done)
}
