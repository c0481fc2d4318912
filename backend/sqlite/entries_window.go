package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"bridgelog/backend"
	"bridgelog/backend/limits"
)

// The timeline pages through an incident: these read a stretch of it, where
// an entry stands in it, and its neighbours, each from the partial indexes
// over visible entries (entries_by_time, entries_by_kind), so an incident of
// 200,000 entries costs a read what a short one does, give or take the walk
// an OFFSET makes through the index.

// kindFilter is the WHERE clause and arguments of an incident's visible
// entries of kind, and the index that answers it.
func kindFilter(incidentID int64, kind backend.Kind) (from, where string, args []any, err error) {
	if kind == "" {
		return "entries INDEXED BY entries_by_time", "incident_id = ? AND deleted_at IS NULL", []any{incidentID}, nil
	}
	if !slices.Contains(backend.Kinds, kind) {
		return "", "", nil, backend.Errorf(backend.EINVALID, "%q is not a kind of entry.", string(kind))
	}
	return "entries INDEXED BY entries_by_kind", "incident_id = ? AND deleted_at IS NULL AND kind = ?", []any{incidentID, string(kind)}, nil
}

// EntryWindow returns at most limit visible entries of kind from offset on
// (backend.WindowEnd: the newest), with the counts and bounds the timeline
// places them by. An offset past the end gives the last window.
func (s *EntryService) EntryWindow(ctx context.Context, incidentID int64, kind backend.Kind, offset, limit int) (*backend.EntryWindow, error) {
	limit = min(max(limit, 1), limits.TimelineWindow)
	from, where, args, err := kindFilter(incidentID, kind)
	if err != nil {
		return nil, err
	}
	tx, err := s.db.beginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := ensureIncident(ctx, tx, incidentID); err != nil {
		return nil, err
	}
	w := &backend.EntryWindow{IncidentID: incidentID, Kind: kind, Overrode: map[int64]string{}}
	if err := s.counts.read(ctx, s.db, tx, w, from, where, args); err != nil {
		return nil, err
	}
	if offset == backend.WindowEnd || offset > w.Total-limit {
		offset = max(0, w.Total-limit)
	}
	offset = max(0, offset)
	w.Offset = offset
	// One row more in front of the window gives PrevAt. Past the middle the
	// walk is shorter from the end.
	first, n := offset, limit
	if offset > 0 {
		first, n = offset-1, limit+1
	}
	var list []*backend.Entry
	if first > w.Total/2 {
		back := max(0, w.Total-first-n)
		list, err = queryEntries(ctx, tx, `SELECT `+entryColumns+` FROM `+from+` WHERE `+where+
			` ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?`, append(args, n, back)...)
		slices.Reverse(list)
	} else {
		list, err = queryEntries(ctx, tx, `SELECT `+entryColumns+` FROM `+from+` WHERE `+where+
			` ORDER BY occurred_at, id LIMIT ? OFFSET ?`, append(args, n, first)...)
	}
	if err != nil {
		return nil, fmt.Errorf("entries of incident %d: %w", incidentID, err)
	}
	if offset > 0 && len(list) > 0 {
		at := list[0].OccurredAt
		w.PrevAt, list = &at, list[1:]
	}
	w.Entries = list
	if err := overrodeTexts(ctx, tx, w); err != nil {
		return nil, err
	}
	return w, nil
}

// overrodeTexts fills w.Overrode with the text of each mitigation an entry
// of the window overrode.
func overrodeTexts(ctx context.Context, tx *stampedTx, w *backend.EntryWindow) error {
	var ids []any
	for _, e := range w.Entries {
		if e.Overrode != 0 {
			ids = append(ids, e.Overrode)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, text FROM entries WHERE id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, ids...)
	if err != nil {
		return fmt.Errorf("overridden mitigations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			return fmt.Errorf("overridden mitigations: %w", err)
		}
		w.Overrode[id] = text
	}
	return rows.Err()
}

// visibleEntry finds an entry the timeline can show: it exists and is not hidden.
func visibleEntry(ctx context.Context, tx *stampedTx, entryID int64) (*backend.Entry, error) {
	e, err := findEntry(ctx, tx, entryID)
	if err != nil {
		return nil, err
	}
	if !e.DeletedAt.IsZero() {
		return nil, backend.Errorf(backend.ENOTFOUND, "Entry %d is hidden; restore it to see it in the timeline.", entryID)
	}
	return e, nil
}

// EntryIndex returns a visible entry's position among the visible entries
// of kind in its incident: the number of them before it.
func (s *EntryService) EntryIndex(ctx context.Context, entryID int64, kind backend.Kind) (int, error) {
	tx, err := s.db.beginTx(ctx, true)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	e, err := visibleEntry(ctx, tx, entryID)
	if err != nil {
		return 0, err
	}
	from, where, args, err := kindFilter(e.IncidentID, kind)
	if err != nil {
		return 0, err
	}
	var n int
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM `+from+` WHERE `+where+
		` AND (occurred_at, id) < (SELECT occurred_at, id FROM entries WHERE id = ?)`, append(args, entryID)...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("place of entry %d: %w", entryID, err)
	}
	return n, nil
}

// EntryNeighbour returns the visible entry of kind just before (step -1)
// or after (step 1) the given one in timeline order, or nil at an end.
func (s *EntryService) EntryNeighbour(ctx context.Context, entryID int64, kind backend.Kind, step int) (*backend.Entry, error) {
	if step != -1 && step != 1 {
		return nil, backend.Errorf(backend.EINVALID, "Step to the entry before (-1) or after (1).")
	}
	tx, err := s.db.beginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	e, err := findEntry(ctx, tx, entryID)
	if err != nil {
		return nil, err
	}
	from, where, args, err := kindFilter(e.IncidentID, kind)
	if err != nil {
		return nil, err
	}
	cmp, order := ">", ""
	if step < 0 {
		cmp, order = "<", " DESC"
	}
	list, err := queryEntries(ctx, tx, `SELECT `+entryColumns+` FROM `+from+` WHERE `+where+
		` AND (occurred_at, id) `+cmp+` (SELECT occurred_at, id FROM entries WHERE id = ?)
		ORDER BY occurred_at`+order+`, id`+order+` LIMIT 1`, append(args, entryID)...)
	if err != nil {
		return nil, fmt.Errorf("neighbour of entry %d: %w", entryID, err)
	}
	if len(list) == 0 {
		return nil, nil
	}
	return list[0], nil
}

// LastRecorded returns the visible entry written down most recently, even
// if backdated: the one the scribe's Up edits. It walks the incident's
// entries once; it is asked for only when the timeline no longer holds the
// line the scribe saved last.
func (s *EntryService) LastRecorded(ctx context.Context, incidentID int64) (*backend.Entry, error) {
	tx, err := s.db.beginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := ensureIncident(ctx, tx, incidentID); err != nil {
		return nil, err
	}
	list, err := queryEntries(ctx, tx, `SELECT `+entryColumns+` FROM entries INDEXED BY entries_by_time
		WHERE incident_id = ? AND deleted_at IS NULL ORDER BY recorded_at DESC, id DESC LIMIT 1`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("last entry of incident %d: %w", incidentID, err)
	}
	if len(list) == 0 {
		return nil, nil
	}
	return list[0], nil
}
