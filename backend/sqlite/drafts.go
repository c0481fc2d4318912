package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"bridgelog/backend"
	"bridgelog/backend/limits"
)

// maxDraftBytes bounds a draft; limits.MaxDraftBytes says why it is well
// above the entry limit.
const maxDraftBytes = limits.MaxDraftBytes

// SaveDraft stores the incident's draft, replacing any earlier one.
func (s *EntryService) SaveDraft(ctx context.Context, d backend.Draft) error {
	text := backend.CleanText(d.Text)
	if len(text) > maxDraftBytes {
		return backend.Errorf(backend.ETOOLARGE, "The line being typed is %d KiB; Bridgelog keeps drafts up to %d KiB",
			len(text)/1024, maxDraftBytes/1024)
	}
	tx, err := s.db.beginDraftTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := ensureIncident(ctx, tx, d.IncidentID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO drafts (incident_id, text, started_at, editing_id, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (incident_id) DO UPDATE SET text = excluded.text, started_at = excluded.started_at,
			editing_id = excluded.editing_id, updated_at = excluded.updated_at`,
		d.IncidentID, text, millis(d.StartedAt), d.EditingID, millis(tx.now)); err != nil {
		return fmt.Errorf("save draft of incident %d: %w", d.IncidentID, err)
	}
	return tx.Commit()
}

// FindDraft returns the incident's draft, or an empty one when there is none.
func (s *EntryService) FindDraft(ctx context.Context, incidentID int64) (backend.Draft, error) {
	tx, err := s.db.beginTx(ctx, true)
	if err != nil {
		return backend.Draft{}, err
	}
	defer tx.Rollback()
	d := backend.Draft{IncidentID: incidentID}
	err = tx.QueryRowContext(ctx, `SELECT text, started_at, editing_id, updated_at FROM drafts WHERE incident_id = ?`,
		incidentID).Scan(&d.Text, scanTime(&d.StartedAt), &d.EditingID, scanTime(&d.UpdatedAt))
	if errors.Is(err, sql.ErrNoRows) {
		return backend.Draft{IncidentID: incidentID}, nil
	} else if err != nil {
		return backend.Draft{}, fmt.Errorf("find draft of incident %d: %w", incidentID, err)
	}
	return d, nil
}

// ClearDraft forgets the incident's draft, once its line has been submitted.
func (s *EntryService) ClearDraft(ctx context.Context, incidentID int64) error {
	tx, err := s.db.beginDraftTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM drafts WHERE incident_id = ?`, incidentID); err != nil {
		return fmt.Errorf("clear draft of incident %d: %w", incidentID, err)
	}
	return tx.Commit()
}

// ClearDraftOf forgets the incident's draft if it is still d's line (see
// backend.EntryService.ClearDraftOf).
func (s *EntryService) ClearDraftOf(ctx context.Context, d backend.Draft) error {
	tx, err := s.db.beginDraftTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := clearDraftOf(ctx, tx, d); err != nil {
		return err
	}
	return tx.Commit()
}

// clearDraftOf deletes the incident's draft only while it is d's line. The
// draft table holds one row per incident, and the saves that write it can
// land in any order when they wait for a busy file: the draft of the line
// typed after d may already be there, and must stay. A zero StartedAt is
// stored as NULL and so matches nothing: an edit's draft is matched by text.
func clearDraftOf(ctx context.Context, tx *stampedTx, d backend.Draft) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM drafts WHERE incident_id = ? AND editing_id = ? AND (text = ? OR started_at = ?)`,
		d.IncidentID, d.EditingID, backend.CleanText(d.Text), millis(d.StartedAt)); err != nil {
		return fmt.Errorf("clear draft of incident %d: %w", d.IncidentID, err)
	}
	return nil
}
