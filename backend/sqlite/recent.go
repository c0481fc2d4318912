package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"bridgelog/backend"
)

// RecentEntries returns the latest visible entries of some kinds, or the latest
// key moments, oldest first. Kinds are answered from the entries_by_kind index;
// key moments are rare enough that a walk back from the newest finds them fast.
func (s *EntryService) RecentEntries(ctx context.Context, incidentID int64, kinds []backend.Kind, keyOnly bool, limit int) ([]*backend.Entry, error) {
	if limit <= 0 {
		return []*backend.Entry{}, nil
	}
	where, args := "incident_id = ? AND deleted_at IS NULL", []any{incidentID}
	if keyOnly {
		where += " AND key = 1"
	}
	if len(kinds) > 0 {
		where += " AND kind IN (?" + strings.Repeat(", ?", len(kinds)-1) + ")"
		for _, k := range kinds {
			args = append(args, string(k))
		}
	}
	tx, err := s.db.beginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := ensureIncident(ctx, tx, incidentID); err != nil {
		return nil, err
	}
	from := "entries"
	if len(kinds) > 0 {
		from += " INDEXED BY entries_by_kind"
	}
	list, err := queryEntries(ctx, tx, `SELECT `+entryColumns+` FROM `+from+` WHERE `+where+
		` ORDER BY occurred_at DESC, id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("recent entries of incident %d: %w", incidentID, err)
	}
	slices.Reverse(list)
	return list, nil
}
