package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"bridgelog/backend"
)

// MarkFired records that a reminder was sent to a person at at.
func (s *CallService) MarkFired(ctx context.Context, incidentID int64, key string, at time.Time) error {
	return s.mark(ctx, incidentID, key, "fired_at", at, "")
}

// AckReminder records that someone acknowledged a reminder: it stays quiet for good.
func (s *CallService) AckReminder(ctx context.Context, incidentID int64, key, by string) error {
	ctx = backend.WithAuthor(ctx, by)
	return s.mark(ctx, incidentID, key, "acked_at", time.Time{}, by)
}

// AckReminderNoting acknowledges a reminder and writes note to the
// timeline in one transaction, so the two never disagree.
func (s *CallService) AckReminderNoting(ctx context.Context, incidentID int64, key, by, note string) (out *backend.Entry, err error) {
	ctx = backend.WithAuthor(ctx, by)
	if key = strings.TrimSpace(key); key == "" || len(key) > 200 {
		return nil, backend.Errorf(backend.EINVALID, "A reminder key is 1 to 200 characters")
	}
	err = s.write(ctx, func(tx *stampedTx) error {
		if err := ensureIncident(ctx, tx, incidentID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO reminder_log (incident_id, key, acked_at, by) VALUES (?1, ?2, ?3, ?4)
			ON CONFLICT (incident_id, key) DO UPDATE SET acked_at = ?3, by = ?4`,
			incidentID, key, millis(tx.now), cleanName(by)); err != nil {
			return fmt.Errorf("record reminder %s: %w", key, err)
		}
		out, err = record(ctx, tx, &backend.Entry{IncidentID: incidentID, Kind: backend.KindNote, Text: note}, by)
		return err
	})
	return out, err
}

// SnoozeReminder records that a reminder was snoozed until until, and by whom.
func (s *CallService) SnoozeReminder(ctx context.Context, incidentID int64, key string, until time.Time, by string) error {
	ctx = backend.WithAuthor(ctx, by)
	if until.IsZero() {
		return backend.Errorf(backend.EINVALID, "Snooze until when?")
	}
	return s.mark(ctx, incidentID, key, "snoozed_until", until, by)
}

// mark sets one column of a reminder's log row (a zero at means now). Keys
// come from the engine; one that is empty or huge is a bug upstream.
func (s *CallService) mark(ctx context.Context, incidentID int64, key, column string, at time.Time, by string) error {
	ctx = backend.WithAuthor(ctx, by)
	if key = strings.TrimSpace(key); key == "" || len(key) > 200 {
		return backend.Errorf(backend.EINVALID, "A reminder key is 1 to 200 characters")
	}
	return s.write(ctx, func(tx *stampedTx) error {
		if err := ensureIncident(ctx, tx, incidentID); err != nil {
			return err
		}
		if at.IsZero() {
			at = tx.now
		}
		setBy := ""
		if by != "" {
			setBy = ", by = ?4"
		}
		// column is one of three constants above, never input.
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO reminder_log (incident_id, key, `+column+`, by) VALUES (?1, ?2, ?3, ?4)
			ON CONFLICT (incident_id, key) DO UPDATE SET `+column+` = ?3`+setBy,
			incidentID, key, millis(at), cleanName(by)); err != nil {
			return fmt.Errorf("record reminder %s: %w", key, err)
		}
		return nil
	})
}

func listMarks(ctx context.Context, tx *stampedTx, incidentID int64) ([]backend.ReminderMark, error) {
	list, err := collect(ctx, tx, func(row scanner) (backend.ReminderMark, error) {
		var m backend.ReminderMark
		err := row.Scan(&m.IncidentID, &m.Key, scanTime(&m.FiredAt), scanTime(&m.AckedAt), scanTime(&m.SnoozedUntil), &m.By)
		return m, err
	}, `SELECT incident_id, key, fired_at, acked_at, snoozed_until, by FROM reminder_log WHERE incident_id = ? ORDER BY key`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("reminder log of incident %d: %w", incidentID, err)
	}
	return list, nil
}
