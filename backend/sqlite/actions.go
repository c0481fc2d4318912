package sqlite

import (
	"context"
	"fmt"
	"slices"
	"time"

	"bridgelog/backend"
)

// actionSelect reads actions with what their asking entry says about them;
// hidden entries hide their actions, and an entry edited into another kind
// stops being one.
const actionSelect = `SELECT a.id, a.incident_id, a.entry_id, e.owner, e.text, a.state, e.occurred_at,
	a.acked_at, e.check_in, a.check_in_set, a.check_in_at, a.closed_at, e.internal
	FROM actions a JOIN entries e ON e.id = a.entry_id
	WHERE e.deleted_at IS NULL AND e.kind = 'action'`

func scanAction(row scanner) (backend.Action, error) {
	var a backend.Action
	var checkIn int
	var set bool
	var setAt time.Time
	err := row.Scan(&a.ID, &a.IncidentID, &a.EntryID, &a.Owner, &a.Text, &a.State, scanTime(&a.AskedAt),
		scanTime(&a.AckedAt), &checkIn, &set, scanTime(&setAt), scanTime(&a.ClosedAt), &a.Internal)
	a.CheckInEvery = checkIn
	switch {
	case set:
		a.CheckInAt = setAt
	case checkIn > 0:
		a.CheckInAt = a.AskedAt.Add(time.Duration(checkIn) * time.Minute)
	}
	return a, err
}

// sortActions puts open actions first, oldest first, then closed ones, most
// recently closed first: the board reads top down from what needs someone.
func sortActions(list []backend.Action) {
	slices.SortStableFunc(list, func(a, b backend.Action) int {
		switch ao, bo := a.State.Open(), b.State.Open(); {
		case ao && !bo:
			return -1
		case !ao && bo:
			return 1
		case ao:
			return a.AskedAt.Compare(b.AskedAt)
		}
		return b.ClosedAt.Compare(a.ClosedAt)
	})
}

func listActions(ctx context.Context, tx *stampedTx, incidentID int64) ([]backend.Action, error) {
	list, err := collect(ctx, tx, scanAction, actionSelect+` AND a.incident_id = ? ORDER BY a.uid`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("actions of incident %d: %w", incidentID, err)
	}
	sortActions(list)
	return list, nil
}

func findAction(ctx context.Context, tx *stampedTx, id int64) (*backend.Action, error) {
	a, err := scanAction(tx.QueryRowContext(ctx, actionSelect+` AND a.id = ?`, id))
	if err := one(err, "action", id); err != nil {
		return nil, err
	}
	return &a, nil
}

// FindAction returns one action.
func (s *CallService) FindAction(ctx context.Context, id int64) (out *backend.Action, err error) {
	err = s.read(ctx, func(tx *stampedTx) error {
		out, err = findAction(ctx, tx, id)
		return err
	})
	return out, err
}

// Actions returns the incident's actions, open ones first.
func (s *CallService) Actions(ctx context.Context, incidentID int64) (list []backend.Action, err error) {
	err = s.read(ctx, func(tx *stampedTx) error {
		if err := ensureIncident(ctx, tx, incidentID); err != nil {
			return err
		}
		list, err = listActions(ctx, tx, incidentID)
		return err
	})
	return list, err
}

// SetActionState moves an action on (asked -> acknowledged -> done or
// abandoned; done and abandoned are final) and writes the change to the
// timeline as an action entry such as "Acknowledged by sam: restart the queue".
func (s *CallService) SetActionState(ctx context.Context, id int64, state backend.ActionState, by string) (out *backend.Action, err error) {
	ctx = backend.WithAuthor(ctx, by)
	err = s.write(ctx, func(tx *stampedTx) error {
		a, err := findAction(ctx, tx, id)
		if err != nil {
			return err
		}
		owner := a.Owner
		if owner == "" {
			owner = "nobody named"
		}
		var text, set string
		switch {
		case state == backend.ActionReopened:
			// Closed by mistake (the wrong row, a key pressed too soon): it
			// goes back to where it stood, acknowledged if its owner had.
			if a.State.Open() {
				return backend.Errorf(backend.ECONFLICT, "The action %q is still open", a.Text)
			}
			state = backend.ActionAsked
			if !a.AckedAt.IsZero() {
				state = backend.ActionAcknowledged
			}
			text, set = "Reopened: "+a.Text+" (with "+owner+")", "closed_at = NULL"
		case !a.State.Open():
			return backend.Errorf(backend.ECONFLICT, "The action %q is already %s", a.Text, a.State)
		case state == backend.ActionAcknowledged && a.State == backend.ActionAcknowledged:
			return backend.Errorf(backend.ECONFLICT, "The action %q is already acknowledged", a.Text)
		case state == backend.ActionAcknowledged:
			text, set = "Acknowledged by "+owner+": "+a.Text, "acked_at = ?1"
		case state == backend.ActionDone:
			text, set = "Done by "+owner+": "+a.Text, "closed_at = ?1"
		case state == backend.ActionAbandoned:
			text, set = "Abandoned: "+a.Text+" (was with "+owner+")", "closed_at = ?1"
		default:
			return backend.Errorf(backend.EINVALID, "An action can be acknowledged, done or abandoned, not %q", state)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE actions SET state = ?2, updated_at = ?1, `+set+` WHERE id = ?3`,
			millis(tx.now), state, id); err != nil {
			return fmt.Errorf("update action %d: %w", id, err)
		}
		if err := actionEvent(ctx, tx, a, string(state), text, by); err != nil {
			return err
		}
		out, err = findAction(ctx, tx, id)
		return err
	})
	return out, err
}

// SetActionCheckIn replaces an open action's report-back time (zero: none)
// and writes the new agreement to the timeline.
func (s *CallService) SetActionCheckIn(ctx context.Context, id int64, at time.Time, by string) (out *backend.Action, err error) {
	ctx = backend.WithAuthor(ctx, by)
	err = s.write(ctx, func(tx *stampedTx) error {
		a, err := findAction(ctx, tx, id)
		if err != nil {
			return err
		}
		if !a.State.Open() {
			return backend.Errorf(backend.ECONFLICT, "The action %q is already %s", a.Text, a.State)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE actions SET check_in_set = 1, check_in_at = ?, updated_at = ? WHERE id = ?`,
			millis(at), millis(tx.now), id); err != nil {
			return fmt.Errorf("update action %d: %w", id, err)
		}
		text := "No check-in time any more for @" + a.Owner + ": " + a.Text
		if !at.IsZero() {
			text = fmt.Sprintf("@%s to report back in %d min: %s", a.Owner, int(at.Sub(tx.now).Round(time.Minute).Minutes()), a.Text)
		}
		if err := actionEvent(ctx, tx, a, "checkin", text, by); err != nil {
			return err
		}
		out, err = findAction(ctx, tx, id)
		return err
	})
	return out, err
}

// actionEvent writes an action's state change as an action entry and links
// it to the action, so the entry never asks for an action of its own.
func actionEvent(ctx context.Context, tx *stampedTx, a *backend.Action, state, text, by string) error {
	e, err := record(ctx, tx, &backend.Entry{IncidentID: a.IncidentID, Kind: backend.KindAction, Owner: a.Owner,
		Text: text, Raw: "a: " + text}, by)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO action_events (entry_id, action_id, state) VALUES (?, ?, ?)`,
		e.ID, a.ID, state); err != nil {
		return fmt.Errorf("record action %d event: %w", a.ID, err)
	}
	return nil
}
