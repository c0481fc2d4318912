package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"bridgelog/backend"
)

// SetSecurity flags or unflags a security incident and records the change on
// the timeline. The became-aware time starts the GDPR clock, so once set it
// is locked: a different time is refused unless unlock is true, and then the
// change and its reason are recorded. A zero awareAt keeps the current time,
// or, on the first flag, means now. Unflagging keeps the time for the record.
func (s *CallService) SetSecurity(ctx context.Context, incidentID int64, on bool, awareAt time.Time, unlock bool, reason, by string) (out backend.Security, err error) {
	ctx = backend.WithAuthor(ctx, by)
	awareAt = awareAt.UTC().Truncate(time.Millisecond)
	reason = strings.TrimSpace(backend.CleanText(reason))
	if len(reason) > backend.MaxEntryBytes-1024 {
		return out, backend.Errorf(backend.ETOOLARGE, "The reason is %d KiB; keep it under %d KiB", (len(reason)+1023)/1024, backend.MaxEntryBytes/1024-1)
	}
	err = s.write(ctx, func(tx *stampedTx) error {
		if err := ensureIncident(ctx, tx, incidentID); err != nil {
			return err
		}
		cur, err := loadSecurity(ctx, tx, incidentID)
		if err != nil {
			return err
		}
		at := cur.BecameAwareAt
		var notes []string
		switch {
		case awareAt.IsZero() || awareAt.Equal(at):
			if at.IsZero() && on {
				at = tx.now
			}
		case at.IsZero():
			at = awareAt
		case !unlock:
			return backend.Errorf(backend.ECONFLICT, "The became-aware time is locked at %s: the GDPR deadline runs from it. Unlock it, with a reason, to change it",
				at.Format(time.RFC3339))
		default:
			if reason == "" {
				return backend.Errorf(backend.EINVALID, "Say why the became-aware time changes: the GDPR deadline moves with it")
			}
			notes = append(notes, fmt.Sprintf("Became-aware time unlocked and changed from %s to %s: %s",
				at.Format(time.RFC3339), awareAt.Format(time.RFC3339), reason))
			at = awareAt
		}
		if on != cur.On {
			if on {
				notes = append(notes, "Flagged as a security incident; became aware at "+at.Format(time.RFC3339)+" (GDPR Art. 33: 72 h)")
			} else {
				notes = append(notes, "No longer flagged as a security incident")
			}
		} else if cur.BecameAwareAt.IsZero() && !at.IsZero() {
			notes = append(notes, "Became aware of the breach at "+at.Format(time.RFC3339))
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO security (incident_id, flagged, became_aware_at, updated_at) VALUES (?1, ?2, ?3, ?4)
			ON CONFLICT (incident_id) DO UPDATE SET flagged = ?2, became_aware_at = ?3, updated_at = ?4`,
			incidentID, on, millis(at), millis(tx.now)); err != nil {
			return fmt.Errorf("set security of incident %d: %w", incidentID, err)
		}
		for _, n := range notes {
			if _, err := record(ctx, tx, noteEntry(incidentID, n), by); err != nil {
				return err
			}
		}
		out, err = loadSecurity(ctx, tx, incidentID)
		return err
	})
	return out, err
}

// TickSecurity ticks or unticks a checklist item, recorded on the timeline.
func (s *CallService) TickSecurity(ctx context.Context, incidentID int64, key string, done bool, by string) (out backend.Security, err error) {
	ctx = backend.WithAuthor(ctx, by)
	if !validKey(key) {
		return out, backend.Errorf(backend.EINVALID, "Unknown checklist item %s", quoted(key))
	}
	err = s.write(ctx, func(tx *stampedTx) error {
		if err := ensureIncident(ctx, tx, incidentID); err != nil {
			return err
		}
		var at time.Time
		if done {
			at = tx.now
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO security_checklist (incident_id, item, done_at, done_by) VALUES (?1, ?2, ?3, ?4)
			ON CONFLICT (incident_id, item) DO UPDATE SET done_at = ?3, done_by = ?4`,
			incidentID, key, millis(at), cleanName(by)); err != nil {
			return fmt.Errorf("tick %s: %w", key, err)
		}
		label := key
		for _, c := range backend.SecurityChecklist {
			if c.Key == key {
				label = c.Label
			}
		}
		text := "Security checklist done: " + label
		if !done {
			text = "Security checklist reopened: " + label
		}
		if _, err := record(ctx, tx, noteEntry(incidentID, text), by); err != nil {
			return err
		}
		out, err = loadSecurity(ctx, tx, incidentID)
		return err
	})
	return out, err
}

// loadSecurity reads the flag, the aware time and the checklist, every item
// present in the checklist's order.
func loadSecurity(ctx context.Context, tx *stampedTx, incidentID int64) (backend.Security, error) {
	var sec backend.Security
	err := tx.QueryRowContext(ctx, `SELECT flagged, became_aware_at FROM security WHERE incident_id = ?`, incidentID).
		Scan(&sec.On, scanTime(&sec.BecameAwareAt))
	if err := one(err, "security record of incident", incidentID); err != nil && backend.ErrorCode(err) != backend.ENOTFOUND {
		return sec, err
	}
	sec.Locked = !sec.BecameAwareAt.IsZero()
	type tick struct {
		at time.Time
		by string
	}
	ticks := map[string]tick{}
	rows, err := collect(ctx, tx, func(row scanner) (struct {
		key string
		t   tick
	}, error) {
		var r struct {
			key string
			t   tick
		}
		err := row.Scan(&r.key, scanTime(&r.t.at), &r.t.by)
		return r, err
	}, `SELECT item, done_at, done_by FROM security_checklist WHERE incident_id = ?`, incidentID)
	if err != nil {
		return sec, fmt.Errorf("security checklist of incident %d: %w", incidentID, err)
	}
	for _, r := range rows {
		ticks[r.key] = r.t
	}
	for _, c := range backend.SecurityChecklist {
		if t, ok := ticks[c.Key]; ok && !t.at.IsZero() {
			c.Done, c.DoneAt, c.DoneBy = true, t.at, t.by
		}
		sec.Checklist = append(sec.Checklist, c)
	}
	return sec, nil
}
