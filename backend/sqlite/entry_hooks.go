package sqlite

import (
	"context"
	"fmt"

	"bridgelog/backend"
)

// beforeInsert fills what a new entry records about the incident's state: a
// mitigation started while another is in progress names that one (the UI
// asked the IC to confirm before saving). "While" is judged at the new entry's
// own time, not at the time it is typed: a mitigation backdated to before
// another started overrode nothing.
func beforeInsert(ctx context.Context, tx *stampedTx, e *backend.Entry) error {
	if e.Kind != backend.KindMitigation || backend.MitigationOutcome(e.Text) {
		return nil
	}
	entries, err := listKinds(ctx, tx, e.IncidentID, backend.KindMitigation, backend.KindPhase)
	if err != nil {
		return err
	}
	if cur := backend.MitigationInProgressAt(entries, e.OccurredAt); cur != nil {
		e.Overrode = cur.ID
	}
	return nil
}

// afterWrite keeps the tables that hang off entries in step with a new or
// edited entry, in the same transaction: an action entry asks for an action,
// unless it records a state change of one (action_events). The action's
// ULID comes from the entry's (actionUID), so every laptop that makes it
// makes the same row.
func afterWrite(ctx context.Context, tx *stampedTx, e *backend.Entry) error {
	if e.Kind != backend.KindAction {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO actions (incident_id, entry_id, state, updated_at, uid)
		SELECT ?1, ?2, 'asked', ?3, ?4
		WHERE NOT EXISTS (SELECT 1 FROM action_events WHERE entry_id = ?2)
		ON CONFLICT (entry_id) DO NOTHING`, e.IncidentID, e.ID, millis(tx.now), actionUID(e.UID, tx.now)); err != nil {
		return fmt.Errorf("create action for entry %d: %w", e.ID, err)
	}
	return nil
}

// listKinds returns the incident's visible entries of the given kinds, in time order.
func listKinds(ctx context.Context, tx *stampedTx, incidentID int64, kinds ...backend.Kind) ([]*backend.Entry, error) {
	q := `SELECT ` + entryColumns + ` FROM entries INDEXED BY entries_by_kind WHERE incident_id = ? AND deleted_at IS NULL AND kind IN (`
	args := []any{incidentID}
	for i, k := range kinds {
		if i > 0 {
			q += ", "
		}
		q += "?"
		args = append(args, k)
	}
	list, err := queryEntries(ctx, tx, q+`) ORDER BY occurred_at, uid`, args...)
	if err != nil {
		return nil, fmt.Errorf("list entries of incident %d: %w", incidentID, err)
	}
	return list, nil
}
