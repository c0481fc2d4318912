package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"bridgelog/backend"
)

// RecordStatus writes a status update that went out as a status entry (marked
// internal for the internal audience) together with the time it promised for
// the next one (zero: no promise).
func (s *CallService) RecordStatus(ctx context.Context, incidentID int64, text string, audience backend.Audience, nextAt time.Time, by string) (out *backend.Entry, err error) {
	ctx = backend.WithAuthor(ctx, by)
	text = strings.TrimSpace(backend.CleanText(text))
	switch {
	case text == "":
		return nil, backend.Errorf(backend.EINVALID, "The update is empty: write what stakeholders were told")
	case len(text) > backend.MaxEntryBytes:
		return nil, backend.Errorf(backend.ETOOLARGE, "The update is %d KiB; the limit is %d KiB", len(text)/1024, backend.MaxEntryBytes/1024)
	case !audience.Valid():
		return nil, backend.Errorf(backend.EINVALID, "The audience is internal or external, not %q", audience)
	}
	err = s.write(ctx, func(tx *stampedTx) error {
		if err := ensureIncident(ctx, tx, incidentID); err != nil {
			return err
		}
		e := &backend.Entry{IncidentID: incidentID, Kind: backend.KindStatus, Text: text, Raw: "status: " + text}
		if audience == backend.AudienceInternal {
			e.Internal, e.Raw = true, "int: "+e.Raw
		}
		if _, err := record(ctx, tx, e, by); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO status_updates (entry_id, incident_id, audience, next_at, uid) VALUES (?, ?, ?, ?, ?)`,
			e.ID, incidentID, audience, millis(nextAt), backend.NewID(tx.now)); err != nil {
			return fmt.Errorf("record status update: %w", err)
		}
		out, err = findEntry(ctx, tx, e.ID)
		return err
	})
	return out, err
}

// listUpdates returns the incident's status updates in time order: every
// visible status entry, with its promise when it was recorded as an update.
func listUpdates(ctx context.Context, tx *stampedTx, incidentID int64) ([]backend.StatusUpdate, error) {
	list, err := collect(ctx, tx, func(row scanner) (backend.StatusUpdate, error) {
		var u backend.StatusUpdate
		err := row.Scan(&u.EntryID, &u.Audience, scanTime(&u.SentAt), scanTime(&u.NextAt), &u.Text)
		return u, err
	}, `SELECT e.id, coalesce(u.audience, CASE e.internal WHEN 1 THEN 'internal' ELSE 'external' END),
		e.occurred_at, u.next_at, e.text
		FROM entries e INDEXED BY entries_by_kind LEFT JOIN status_updates u ON u.entry_id = e.id
		WHERE e.incident_id = ? AND e.kind = 'status' AND e.deleted_at IS NULL
		ORDER BY e.occurred_at, e.uid`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("status updates of incident %d: %w", incidentID, err)
	}
	return list, nil
}
