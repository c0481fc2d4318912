package sqlite

import (
	"context"
	"fmt"
	"time"

	"bridgelog/backend"
)

// clockKinds are the entry kinds a snapshot carries: what drives the clocks,
// the status draft and the handoff brief. Notes and evidence, the bulk of a
// long timeline, are left out.
var clockKinds = []backend.Kind{backend.KindSeverity, backend.KindPhase, backend.KindImpact, backend.KindStatus,
	backend.KindMitigation, backend.KindHypothesis, backend.KindDecision, backend.KindRole, backend.KindAction}

// readSnapshot reads everything the clocks need about one incident in one
// read transaction (see Snapshot, which caches it).
func (s *CallService) readSnapshot(ctx context.Context, incidentID int64) (snap *backend.Snapshot, err error) {
	err = s.read(ctx, func(tx *stampedTx) error {
		inc, err := findIncident(ctx, tx, incidentID)
		if err != nil {
			return err
		}
		snap = &backend.Snapshot{Incident: inc}
		if err := tx.QueryRowContext(ctx, `SELECT min(occurred_at), max(occurred_at) FROM entries
			WHERE incident_id = ? AND deleted_at IS NULL`, incidentID).Scan(scanTime(&snap.FirstAt), scanTime(&snap.LastAt)); err != nil {
			return fmt.Errorf("first and last entries of incident %d: %w", incidentID, err)
		}
		if snap.Roles, err = loadRoles(ctx, tx, incidentID); err != nil {
			return err
		}
		if snap.Entries, err = listKinds(ctx, tx, incidentID, clockKinds...); err != nil {
			return err
		}
		if snap.Actions, err = listActions(ctx, tx, incidentID); err != nil {
			return err
		}
		if snap.Updates, err = listUpdates(ctx, tx, incidentID); err != nil {
			return err
		}
		if snap.Watches, err = listWatches(ctx, tx, incidentID); err != nil {
			return err
		}
		if snap.Security, err = loadSecurity(ctx, tx, incidentID); err != nil {
			return err
		}
		if snap.Pages, err = listPages(ctx, tx, incidentID); err != nil {
			return err
		}
		snap.Marks, err = listMarks(ctx, tx, incidentID)
		return err
	})
	return snap, err
}

// LiveIncidents returns the ids of incidents whose clocks may still run: not
// resolved, resolved at or after since (the review clock), or flagged as a
// security incident the team became aware of at or after since (the GDPR
// clock). The phase is the latest visible phase entry, as deriveState reads it.
func (s *CallService) LiveIncidents(ctx context.Context, since time.Time) (ids []int64, err error) {
	err = s.read(ctx, func(tx *stampedTx) error {
		ids, err = collect(ctx, tx, func(row scanner) (int64, error) {
			var id int64
			return id, row.Scan(&id)
		}, `
		WITH last_phase AS (
			SELECT i.id, (SELECT e.phase || ' ' || e.occurred_at FROM entries e
				WHERE e.incident_id = i.id AND e.kind = 'phase' AND e.deleted_at IS NULL
				ORDER BY e.occurred_at DESC, e.uid DESC LIMIT 1) AS last
			FROM incidents i)
		SELECT l.id FROM last_phase l LEFT JOIN security s ON s.incident_id = l.id
		WHERE l.last IS NULL OR l.last NOT LIKE 'resolved %'
			OR CAST(substr(l.last, 10) AS INTEGER) >= ?1
			OR (s.flagged = 1 AND s.became_aware_at >= ?1)
		ORDER BY l.id`, millis(since))
		if err != nil {
			return fmt.Errorf("live incidents: %w", err)
		}
		return nil
	})
	return ids, err
}
