package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"bridgelog/backend"
)

// An incident's severity, phase, impact and roles are never stored on the
// incident: they are read back from its visible timeline, ordered by when things
// happened. Backdating, editing or deleting an entry therefore changes the
// incident's state and its story together, and they cannot disagree.

// Defaults for an incident whose timeline says nothing yet (for instance when
// the declaring entry was deleted).
const (
	defaultSeverity = backend.SEV3
	defaultPhase    = backend.PhaseInvestigating
)

// stateRow is one visible severity, phase or impact entry.
type stateRow struct {
	kind     backend.Kind
	text     string
	severity backend.Severity
	phase    backend.Phase
	at       time.Time
}

// deriveState folds state entries, oldest first, into inc: the latest of each
// kind wins; MitigatedAt is the first move into monitoring or resolved;
// ResolvedAt is the latest phase change while the incident stands resolved.
func deriveState(inc *backend.Incident, rows []stateRow) {
	inc.Severity, inc.Phase, inc.Impact = defaultSeverity, defaultPhase, ""
	inc.MitigatedAt, inc.ResolvedAt = time.Time{}, time.Time{}
	var phaseAt time.Time
	for _, r := range rows {
		switch r.kind {
		case backend.KindSeverity:
			if r.severity.Valid() {
				inc.Severity = r.severity
			}
		case backend.KindImpact:
			inc.Impact = r.text
		case backend.KindPhase:
			if !r.phase.Valid() {
				continue
			}
			inc.Phase, phaseAt = r.phase, r.at
			if inc.MitigatedAt.IsZero() && (r.phase == backend.PhaseMonitoring || r.phase == backend.PhaseResolved) {
				inc.MitigatedAt = r.at
			}
		}
	}
	if inc.Phase == backend.PhaseResolved {
		inc.ResolvedAt = phaseAt
	}
}

// roleRow is one visible role entry.
type roleRow struct {
	entryID int64
	role    backend.Role
	person  string
	at      time.Time
}

// foldRoles turns role entries, oldest first, into assignments: naming someone
// for a role ends whoever held it before. Naming the holder again (in any
// letter case) changes nothing, so a repeated "ic: Priya" does not split her
// stretch in two.
func foldRoles(rows []roleRow) []backend.RoleAssignment {
	out := []backend.RoleAssignment{}
	current := map[backend.Role]int{} // role -> index of its open assignment in out
	for _, r := range rows {
		if i, ok := current[r.role]; ok {
			if strings.EqualFold(out[i].Person, r.person) {
				continue
			}
			out[i].To = r.at
		}
		out = append(out, backend.RoleAssignment{Role: r.role, Person: r.person, From: r.at, EntryID: r.entryID})
		current[r.role] = len(out) - 1
	}
	return out
}

// loadState fills inc's derived fields from its visible entries.
func loadState(ctx context.Context, tx *stampedTx, inc *backend.Incident) error {
	rows, err := tx.QueryContext(ctx, `
		SELECT kind, text, severity, phase, occurred_at FROM entries INDEXED BY entries_by_kind
		WHERE incident_id = ? AND kind IN ('severity', 'phase', 'impact') AND deleted_at IS NULL
		ORDER BY occurred_at, uid`, inc.ID)
	if err != nil {
		return fmt.Errorf("derive incident %d: %w", inc.ID, err)
	}
	defer rows.Close()
	var state []stateRow
	for rows.Next() {
		var r stateRow
		if err := rows.Scan(&r.kind, &r.text, &r.severity, &r.phase, scanTime(&r.at)); err != nil {
			return fmt.Errorf("derive incident %d: %w", inc.ID, err)
		}
		state = append(state, r)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("derive incident %d: %w", inc.ID, err)
	}
	deriveState(inc, state)

	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM entries WHERE incident_id = ? AND deleted_at IS NULL`,
		inc.ID).Scan(&inc.EntryCount); err != nil {
		return fmt.Errorf("count entries of incident %d: %w", inc.ID, err)
	}
	return nil
}

// loadRoles returns the incident's role assignments in time order.
func loadRoles(ctx context.Context, tx *stampedTx, incidentID int64) ([]backend.RoleAssignment, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT id, role, person, occurred_at FROM entries INDEXED BY entries_by_kind
		WHERE incident_id = ? AND kind = 'role' AND deleted_at IS NULL
		ORDER BY occurred_at, uid`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("roles of incident %d: %w", incidentID, err)
	}
	defer rows.Close()
	var list []roleRow
	for rows.Next() {
		var r roleRow
		if err := rows.Scan(&r.entryID, &r.role, &r.person, scanTime(&r.at)); err != nil {
			return nil, fmt.Errorf("roles of incident %d: %w", incidentID, err)
		}
		list = append(list, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("roles of incident %d: %w", incidentID, err)
	}
	return foldRoles(list), nil
}
