package sqlite

import (
	"context"
	"fmt"
)

// UnresolvedIncidents returns the ids of the incidents not resolved, in id
// order: those whose latest visible phase entry (by time, then by id, as
// deriveState reads it) is not "resolved", and those with no phase entry.
// Unlike LiveIncidents it counts no clock that outlives a resolution.
func (s *CallService) UnresolvedIncidents(ctx context.Context) (ids []int64, err error) {
	err = s.read(ctx, func(tx *stampedTx) error {
		ids, err = collect(ctx, tx, func(row scanner) (int64, error) {
			var id int64
			return id, row.Scan(&id)
		}, `
		SELECT i.id FROM incidents i
		WHERE coalesce((SELECT e.phase FROM entries e
			WHERE e.incident_id = i.id AND e.kind = 'phase' AND e.deleted_at IS NULL
			ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1), '') <> 'resolved'
		ORDER BY i.id`)
		if err != nil {
			return fmt.Errorf("unresolved incidents: %w", err)
		}
		return nil
	})
	return ids, err
}
