package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"bridgelog/backend"
)

// SaveWatch stores the IC's changes to the watch that began with
// w.StartEntryID, and writes note (if any) to the timeline as an internal
// note: extending a watch is a decision the review should see.
func (s *CallService) SaveWatch(ctx context.Context, incidentID int64, w backend.WatchRecord, note, by string) error {
	ctx = backend.WithAuthor(ctx, by)
	if w.Minutes < 0 {
		return backend.Errorf(backend.EINVALID, "A watch cannot last %d minutes", w.Minutes)
	}
	criteria, err := json.Marshal(w.Criteria)
	if err != nil {
		return fmt.Errorf("save watch: %w", err)
	}
	return s.write(ctx, func(tx *stampedTx) error {
		start, err := findEntry(ctx, tx, w.StartEntryID)
		if err != nil {
			return err
		}
		if start.IncidentID != incidentID || start.Kind != backend.KindPhase || start.Phase != backend.PhaseMonitoring {
			return backend.Errorf(backend.EINVALID, "Entry %d does not start a monitoring watch of incident %d", w.StartEntryID, incidentID)
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO watches (start_entry_id, incident_id, minutes, criteria, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
			ON CONFLICT (start_entry_id) DO UPDATE SET minutes = ?3, criteria = ?4, updated_at = ?5`,
			w.StartEntryID, incidentID, w.Minutes, string(criteria), millis(tx.now)); err != nil {
			return fmt.Errorf("save watch: %w", err)
		}
		if note != "" {
			if _, err := record(ctx, tx, noteEntry(incidentID, note), by); err != nil {
				return err
			}
		}
		return touchIncident(ctx, tx, incidentID)
	})
}

func listWatches(ctx context.Context, tx *stampedTx, incidentID int64) ([]backend.WatchRecord, error) {
	list, err := collect(ctx, tx, func(row scanner) (backend.WatchRecord, error) {
		var w backend.WatchRecord
		var criteria string
		if err := row.Scan(&w.StartEntryID, &w.Minutes, &criteria); err != nil {
			return w, err
		}
		return w, json.Unmarshal([]byte(criteria), &w.Criteria)
	}, `SELECT w.start_entry_id, w.minutes, w.criteria FROM watches w JOIN entries e ON e.id = w.start_entry_id
		WHERE w.incident_id = ? ORDER BY e.occurred_at, e.uid`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("watches of incident %d: %w", incidentID, err)
	}
	return list, nil
}
