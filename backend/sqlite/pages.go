package sqlite

import (
	"context"
	"fmt"

	"bridgelog/backend"
)

const pageSelect = `SELECT id, incident_id, person, level, state, paged_at, answered_at, uid FROM pages`

func scanPage(row scanner) (backend.Page, error) {
	var p backend.Page
	err := row.Scan(&p.ID, &p.IncidentID, &p.Person, &p.Level, &p.State, scanTime(&p.PagedAt), scanTime(&p.AnsweredAt), &p.UID)
	return p, err
}

// Page records that person was paged at an escalation level (1: primary),
// with an internal note on the timeline.
func (s *CallService) Page(ctx context.Context, incidentID int64, person string, level int, by string) (out *backend.Page, err error) {
	ctx = backend.WithAuthor(ctx, by)
	person = cleanName(person)
	if err := checkName(person, "Name the person paged"); err != nil {
		return nil, err
	} else if level < 1 {
		return nil, backend.Errorf(backend.EINVALID, "The escalation level starts at 1 (the primary), not %d", level)
	}
	err = s.write(ctx, func(tx *stampedTx) error {
		if err := ensureIncident(ctx, tx, incidentID); err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO pages (incident_id, person, level, state, paged_at, uid)
			VALUES (?, ?, ?, 'paged', ?, ?) RETURNING id`, incidentID, person, level, millis(tx.now), backend.NewID(tx.now)).Scan(&id); err != nil {
			return fmt.Errorf("record page: %w", err)
		}
		if _, err := record(ctx, tx, noteEntry(incidentID, fmt.Sprintf("Paged %s (escalation level %d)", person, level)), by); err != nil {
			return err
		}
		out, err = findPage(ctx, tx, id)
		return err
	})
	return out, err
}

// AnswerPage records that a paged person joined or did not answer. Only a
// page still waiting can be answered.
func (s *CallService) AnswerPage(ctx context.Context, id int64, state backend.PageState, by string) (out *backend.Page, err error) {
	ctx = backend.WithAuthor(ctx, by)
	if state != backend.PageJoined && state != backend.PageNoAnswer {
		return nil, backend.Errorf(backend.EINVALID, "A page is answered by joining or by no answer, not %q", state)
	}
	err = s.write(ctx, func(tx *stampedTx) error {
		p, err := findPage(ctx, tx, id)
		if err != nil {
			return err
		}
		if p.State != backend.PagePaged {
			return backend.Errorf(backend.ECONFLICT, "The page of %s is already answered (%s)", p.Person, p.State)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE pages SET state = ?, answered_at = ? WHERE id = ?`, state, millis(tx.now), id); err != nil {
			return fmt.Errorf("answer page %d: %w", id, err)
		}
		text := p.Person + " joined the call"
		if state == backend.PageNoAnswer {
			text = p.Person + " did not answer the page"
		}
		if _, err := record(ctx, tx, noteEntry(p.IncidentID, text), by); err != nil {
			return err
		}
		out, err = findPage(ctx, tx, id)
		return err
	})
	return out, err
}

func findPage(ctx context.Context, tx *stampedTx, id int64) (*backend.Page, error) {
	p, err := scanPage(tx.QueryRowContext(ctx, pageSelect+` WHERE id = ?`, id))
	if err := one(err, "page", id); err != nil {
		return nil, err
	}
	return &p, nil
}

func listPages(ctx context.Context, tx *stampedTx, incidentID int64) ([]backend.Page, error) {
	list, err := collect(ctx, tx, scanPage, pageSelect+` WHERE incident_id = ? ORDER BY paged_at, uid`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("pages of incident %d: %w", incidentID, err)
	}
	return list, nil
}
