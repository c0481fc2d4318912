package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
)

// ExistingSourceKeys reports which of keys the incident already holds, hidden
// entries included: the import preview marks those messages as imported
// before, since ImportEntries would skip them.
func (s *RecordService) ExistingSourceKeys(ctx context.Context, incidentID int64, keys []string) (map[string]bool, error) {
	found := make(map[string]bool)
	if len(keys) == 0 {
		return found, nil
	}
	list, err := json.Marshal(keys)
	if err != nil {
		return nil, fmt.Errorf("look up imported messages: %w", err)
	}
	tx, err := s.db.beginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := ensureIncident(ctx, tx, incidentID); err != nil {
		return nil, err
	}
	// One query for any number of keys: the list goes in as one JSON value.
	rows, err := tx.QueryContext(ctx, `
		SELECT source_key FROM entries
		WHERE incident_id = ? AND source_key <> '' AND source_key IN (SELECT value FROM json_each(?))`,
		incidentID, string(list))
	if err != nil {
		return nil, fmt.Errorf("look up imported messages: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, fmt.Errorf("look up imported messages: %w", err)
		}
		found[k] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("look up imported messages: %w", err)
	}
	return found, nil
}
