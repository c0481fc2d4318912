package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"bridgelog/backend"
)

// windowCounts keeps, per incident and filter, the counts and bounds a
// timeline window carries, with the write count they were read at. At
// 200,000 entries a count walks the whole index (about 20 ms here) while
// the window itself reads in well under one: scrolling asks for several
// windows between two writes, and counts them once.
type windowCounts struct {
	mu   sync.Mutex
	byID map[windowKey]countedWindow
}

type windowKey struct {
	incident int64
	kind     backend.Kind
}

type countedWindow struct {
	writes          uint64
	total, all      int
	firstAt, lastAt *time.Time
}

// maxCountedWindows bounds the cache: the open incident under a few filters.
const maxCountedWindows = 16

// read fills w's Total, All, FirstAt and LastAt, from the cache when no
// write has committed since they were read, else from tx.
func (c *windowCounts) read(ctx context.Context, db *DB, tx *stampedTx, w *backend.EntryWindow, from, where string, args []any) error {
	// Read before the counts: a write that ends in between makes the counts
	// newer than their tag, never older.
	writes := db.writes.Load()
	key := windowKey{w.IncidentID, w.Kind}
	c.mu.Lock()
	got, ok := c.byID[key]
	c.mu.Unlock()
	if !ok || got.writes != writes {
		got = countedWindow{writes: writes}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+from+` WHERE `+where, args...).Scan(&got.total); err != nil {
			return fmt.Errorf("count entries of incident %d: %w", w.IncidentID, err)
		}
		got.all = got.total
		if w.Kind != "" {
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM entries INDEXED BY entries_by_time
				WHERE incident_id = ? AND deleted_at IS NULL`, w.IncidentID).Scan(&got.all); err != nil {
				return fmt.Errorf("count entries of incident %d: %w", w.IncidentID, err)
			}
		}
		var err error
		if got.firstAt, got.lastAt, err = entryBounds(ctx, tx, w.IncidentID); err != nil {
			return err
		}
		c.mu.Lock()
		if c.byID == nil || len(c.byID) >= maxCountedWindows {
			c.byID = map[windowKey]countedWindow{}
		}
		c.byID[key] = got
		c.mu.Unlock()
	}
	w.Total, w.All, w.FirstAt, w.LastAt = got.total, got.all, got.firstAt, got.lastAt
	return nil
}

// entryBounds returns the times of an incident's first and last visible entries.
func entryBounds(ctx context.Context, tx *stampedTx, incidentID int64) (first, last *time.Time, err error) {
	for _, order := range []string{"", " DESC"} {
		var t time.Time
		err := tx.QueryRowContext(ctx, `SELECT occurred_at FROM entries INDEXED BY entries_by_time
			WHERE incident_id = ? AND deleted_at IS NULL ORDER BY occurred_at`+order+` LIMIT 1`, incidentID).Scan(scanTime(&t))
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil, nil
		} else if err != nil {
			return nil, nil, fmt.Errorf("bounds of incident %d: %w", incidentID, err)
		}
		if order == "" {
			first = &t
		} else {
			last = &t
		}
	}
	return first, last, nil
}
