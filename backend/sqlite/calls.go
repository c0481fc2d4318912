package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	"bridgelog/backend"
	"bridgelog/backend/limits"
)

// CallService stores what the IC's clocks add to an incident: actions, status
// updates and their promises, the monitoring watch, the security flag and
// checklist, pages, and the reminder log. Every change the review needs is
// also written to the timeline, in the same transaction.
type CallService struct {
	db    *DB
	cache snapshotCache
}

var _ backend.CallService = (*CallService)(nil)

// NewCallService returns a CallService over db.
func NewCallService(db *DB) *CallService { return &CallService{db: db} }

// write runs fn in a write transaction and commits it when fn succeeds.
func (s *CallService) write(ctx context.Context, fn func(tx *stampedTx) error) error {
	tx, err := s.db.beginTx(ctx, false)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// read runs fn in a read-only transaction.
func (s *CallService) read(ctx context.Context, fn func(tx *stampedTx) error) error {
	tx, err := s.db.beginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

// record writes an entry that tells the timeline what changed, stamped now,
// and marks the incident changed.
func record(ctx context.Context, tx *stampedTx, e *backend.Entry, by string) (*backend.Entry, error) {
	e.OccurredAt, e.RecordedAt, e.Author = tx.now, tx.now, cleanName(by)
	if e.Raw == "" {
		e.Raw = e.Text
	}
	// The callers check their own inputs with better words; this keeps any
	// note they build within what an entry may hold.
	if size := max(len(e.Text), len(e.Raw)); size > backend.MaxEntryBytes {
		return nil, backend.Errorf(backend.ETOOLARGE, "The timeline note for this change would be %d KiB; an entry holds up to %d KiB: shorten what you typed",
			(size+1023)/1024, backend.MaxEntryBytes/1024)
	}
	if err := insertEntry(ctx, tx, e); err != nil {
		return nil, err
	}
	if err := touchIncident(ctx, tx, e.IncidentID); err != nil {
		return nil, err
	}
	return e, nil
}

// maxNameChars is the longest person's name accepted (a page, a handoff),
// as for the scribe's own name in the settings: limits.MaxNameChars.
const maxNameChars = limits.MaxNameChars

// checkName refuses a cleaned name that is empty or longer than a name.
func checkName(name, empty string) error {
	if name == "" {
		return backend.Errorf(backend.EINVALID, "%s", empty)
	}
	if n := utf8.RuneCountInString(name); n > maxNameChars {
		return backend.Errorf(backend.EINVALID, "A name of %d characters is not a name: write the person's name (up to %d characters)", n, maxNameChars)
	}
	return nil
}

// quoted shows a value in a message: cleaned, and cut short, since it may
// be anything the caller was sent.
func quoted(s string) string {
	s = cleanName(s)
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return `"` + s + `"`
}

// noteEntry is an internal note for record.
func noteEntry(incidentID int64, text string) *backend.Entry {
	return &backend.Entry{IncidentID: incidentID, Kind: backend.KindNote, Text: text, Raw: "int: " + text, Internal: true}
}

// one scans a single row, turning "no rows" into a not-found error about what.
func one(err error, what string, id int64) error {
	if errors.Is(err, sql.ErrNoRows) {
		return backend.Errorf(backend.ENOTFOUND, "No %s with id %d", what, id)
	} else if err != nil {
		return fmt.Errorf("find %s %d: %w", what, id, err)
	}
	return nil
}

// collect runs a query and scans every row with scan.
func collect[T any](ctx context.Context, tx *stampedTx, scan func(scanner) (T, error), q string, args ...any) ([]T, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// validKey reports whether key names a checklist item.
func validKey(key string) bool {
	return slices.ContainsFunc(backend.SecurityChecklist, func(c backend.ChecklistItem) bool { return c.Key == key })
}
