package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"bridgelog/backend"
)

// EntryService stores timeline entries, their revisions and drafts, and
// searches them.
type EntryService struct {
	db *DB
	// counts keeps the timeline's counts and bounds between writes (entries_window.go).
	counts windowCounts
}

var _ backend.EntryService = (*EntryService)(nil)

// NewEntryService returns an EntryService over db.
func NewEntryService(db *DB) *EntryService {
	return &EntryService{db: db}
}

// CreateEntry stores a parsed line, recorded now and dated in.OccurredAt.
func (s *EntryService) CreateEntry(ctx context.Context, in backend.EntryCreate) (*backend.Entry, error) {
	ctx = backend.WithAuthor(ctx, in.Author)
	line, err := cleanLine(in.Line)
	if err != nil {
		return nil, err
	}
	if in.OccurredAt.IsZero() {
		return nil, backend.Errorf(backend.EINVALID, "Say when this happened: the entry has no time")
	}
	tx, err := s.db.beginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	if err := ensureIncident(ctx, tx, in.IncidentID); err != nil {
		return nil, err
	}
	e := &backend.Entry{
		IncidentID: in.IncidentID, OccurredAt: in.OccurredAt, RecordedAt: tx.now,
		Author: cleanName(in.Author), AuthorRole: in.AuthorRole,
	}
	setLine(e, line)
	if err := beforeInsert(ctx, tx, e); err != nil {
		return nil, err
	}
	if err := insertEntry(ctx, tx, e); err != nil {
		return nil, err
	}
	if err := afterWrite(ctx, tx, e); err != nil {
		return nil, err
	}
	if err := touchIncident(ctx, tx, in.IncidentID); err != nil {
		return nil, err
	}
	if in.ClearDraft {
		if err := clearDraftOf(ctx, tx, backend.Draft{IncidentID: in.IncidentID, Text: in.DraftText, StartedAt: in.DraftStartedAt}); err != nil {
			return nil, err
		}
	}
	// Read the row back so the caller gets exactly what FindEntry will return
	// (times at the stored millisecond precision, in UTC). A new entry has no
	// attachment yet, so the read-back does not look for one.
	if e, err = scanEntry(tx.QueryRowContext(ctx, `SELECT `+entryColumns+` FROM entries WHERE id = ?`, e.ID)); err != nil {
		return nil, fmt.Errorf("read back entry: %w", err)
	}
	return e, tx.Commit()
}

// ListEntries returns the incident's visible entries, ordered by OccurredAt, then ID.
func (s *EntryService) ListEntries(ctx context.Context, incidentID int64) ([]*backend.Entry, error) {
	tx, err := s.db.beginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := ensureIncident(ctx, tx, incidentID); err != nil {
		return nil, err
	}
	list, err := queryEntries(ctx, tx, `SELECT `+entryColumns+` FROM entries
		WHERE incident_id = ? AND deleted_at IS NULL ORDER BY occurred_at, id`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("list entries of incident %d: %w", incidentID, err)
	}
	return list, nil
}

// queryEntries runs a query that selects entryColumns and scans every row.
func queryEntries(ctx context.Context, tx *stampedTx, query string, args ...any) ([]*backend.Entry, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	list := []*backend.Entry{}
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return list, fillAttachments(ctx, tx, list)
}

// FindEntry returns one entry, deleted or not (DeletedAt says which).
func (s *EntryService) FindEntry(ctx context.Context, id int64) (*backend.Entry, error) {
	tx, err := s.db.beginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findEntry(ctx, tx, id)
}

// UpdateEntry replaces an entry's line and time, first keeping the old ones as a
// revision, in one transaction. A zero occurredAt keeps the entry's time. An
// edit that changes nothing writes no revision.
func (s *EntryService) UpdateEntry(ctx context.Context, id int64, line backend.Line, occurredAt time.Time) (*backend.Entry, error) {
	line, err := cleanLine(line)
	if err != nil {
		return nil, err
	}
	tx, err := s.db.beginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	old, err := findEntry(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if !old.DeletedAt.IsZero() {
		return nil, backend.Errorf(backend.ECONFLICT, "Entry %d is deleted: restore it before editing", id)
	}
	next := *old
	setLine(&next, line)
	if !occurredAt.IsZero() {
		next.OccurredAt = occurredAt.UTC().Truncate(time.Millisecond)
	}
	if sameEntry(&next, old) {
		return old, tx.Commit()
	}

	if _, err := tx.ExecContext(ctx, `
		INSERT INTO entry_revisions (entry_id, raw, text, kind, occurred_at, revised_at, uid)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		id, old.Raw, old.Text, old.Kind, millis(old.OccurredAt), millis(tx.now), backend.NewID(tx.now)); err != nil {
		return nil, fmt.Errorf("keep revision of entry %d: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE entries SET kind = ?, text = ?, raw = ?, occurred_at = ?, key = ?, internal = ?, owner = ?,
			check_in = ?, severity = ?, role = ?, person = ?, phase = ?, revisions = revisions + 1
		WHERE id = ?`,
		next.Kind, next.Text, next.Raw, millis(next.OccurredAt), next.Key, next.Internal, next.Owner,
		next.CheckIn, next.Severity, next.Role, next.Person, next.Phase, id); err != nil {
		return nil, fmt.Errorf("update entry %d: %w", id, err)
	}
	if err := afterWrite(ctx, tx, &next); err != nil {
		return nil, err
	}
	if err := touchIncident(ctx, tx, old.IncidentID); err != nil {
		return nil, err
	}
	e, err := findEntry(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return e, tx.Commit()
}

// DeleteEntry hides an entry; it stays in the file so RestoreEntry can undo it.
// Deleting a hidden entry again keeps its first deletion time.
func (s *EntryService) DeleteEntry(ctx context.Context, id int64) error {
	tx, err := s.db.beginTx(ctx, false)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := setDeleted(ctx, tx, id, millis(tx.now)); err != nil {
		return err
	}
	return tx.Commit()
}

// RestoreEntry shows a hidden entry again.
func (s *EntryService) RestoreEntry(ctx context.Context, id int64) (*backend.Entry, error) {
	tx, err := s.db.beginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := setDeleted(ctx, tx, id, millis(time.Time{})); err != nil {
		return nil, err
	}
	e, err := findEntry(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return e, tx.Commit()
}

// setDeleted sets or (with a zero time) clears an entry's deletion mark.
func setDeleted(ctx context.Context, tx *stampedTx, id int64, at millis) error {
	var incidentID int64
	err := tx.QueryRowContext(ctx, `
		UPDATE entries SET deleted_at = CASE WHEN ?1 IS NULL THEN NULL ELSE coalesce(deleted_at, ?1) END
		WHERE id = ?2 RETURNING incident_id`, at, id).Scan(&incidentID)
	if errors.Is(err, sql.ErrNoRows) {
		return backend.Errorf(backend.ENOTFOUND, "No entry with id %d", id)
	} else if err != nil {
		return fmt.Errorf("delete or restore entry %d: %w", id, err)
	}
	return touchIncident(ctx, tx, incidentID)
}

// Revisions returns the entry's earlier versions, oldest first.
func (s *EntryService) Revisions(ctx context.Context, entryID int64) ([]backend.Revision, error) {
	tx, err := s.db.beginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := findEntry(ctx, tx, entryID); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT entry_id, raw, text, kind, occurred_at, revised_at
		FROM entry_revisions WHERE entry_id = ? ORDER BY id`, entryID)
	if err != nil {
		return nil, fmt.Errorf("revisions of entry %d: %w", entryID, err)
	}
	defer rows.Close()
	list := []backend.Revision{}
	for rows.Next() {
		var r backend.Revision
		if err := rows.Scan(&r.EntryID, &r.Raw, &r.Text, &r.Kind, scanTime(&r.OccurredAt), scanTime(&r.RevisedAt)); err != nil {
			return nil, fmt.Errorf("revisions of entry %d: %w", entryID, err)
		}
		list = append(list, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("revisions of entry %d: %w", entryID, err)
	}
	return list, nil
}

// sameEntry reports whether an edit would change nothing that is stored.
func sameEntry(a, b *backend.Entry) bool {
	return a.Kind == b.Kind && a.Text == b.Text && a.Raw == b.Raw && a.OccurredAt.Equal(b.OccurredAt) &&
		a.Key == b.Key && a.Internal == b.Internal && a.Owner == b.Owner && a.CheckIn == b.CheckIn &&
		a.Severity == b.Severity && a.Role == b.Role && a.Person == b.Person && a.Phase == b.Phase
}

// setLine copies a line's stored fields onto an entry.
func setLine(e *backend.Entry, l backend.Line) {
	e.Kind, e.Text, e.Raw, e.Key, e.Internal = l.Kind, l.Text, l.Raw, l.Key, l.Internal
	e.Owner, e.CheckIn, e.Severity, e.Role, e.Person, e.Phase = l.Owner, l.CheckIn, l.Severity, l.Role, l.Person, l.Phase
}

// insertEntry writes a new entry and sets its ID.
func insertEntry(ctx context.Context, tx *stampedTx, e *backend.Entry) error {
	if e.UID == "" {
		e.UID = backend.NewID(tx.now)
	}
	err := tx.QueryRowContext(ctx, `
		INSERT INTO entries (incident_id, kind, text, raw, occurred_at, recorded_at, author, author_role,
			key, internal, owner, check_in, severity, role, person, phase, overrode, uid)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`,
		e.IncidentID, e.Kind, e.Text, e.Raw, millis(e.OccurredAt), millis(e.RecordedAt), e.Author, e.AuthorRole,
		e.Key, e.Internal, e.Owner, e.CheckIn, e.Severity, e.Role, e.Person, e.Phase, e.Overrode, e.UID).Scan(&e.ID)
	if err != nil {
		return fmt.Errorf("create entry: %w", err)
	}
	return nil
}

const entryColumns = `id, incident_id, kind, text, raw, occurred_at, recorded_at, author, author_role,
	key, internal, owner, check_in, severity, role, person, phase, revisions, deleted_at, overrode, source, uid`

// entryDest lists where Scan puts entryColumns.
func entryDest(e *backend.Entry) []any {
	return []any{&e.ID, &e.IncidentID, &e.Kind, &e.Text, &e.Raw, scanTime(&e.OccurredAt), scanTime(&e.RecordedAt),
		&e.Author, &e.AuthorRole, &e.Key, &e.Internal, &e.Owner, &e.CheckIn, &e.Severity, &e.Role, &e.Person,
		&e.Phase, &e.Revisions, scanTime(&e.DeletedAt), &e.Overrode, &e.Source, &e.UID}
}

func scanEntry(row scanner) (*backend.Entry, error) {
	var e backend.Entry
	err := row.Scan(entryDest(&e)...)
	return &e, err
}

func findEntry(ctx context.Context, tx *stampedTx, id int64) (*backend.Entry, error) {
	e, err := scanEntry(tx.QueryRowContext(ctx, `SELECT `+entryColumns+` FROM entries WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, backend.Errorf(backend.ENOTFOUND, "No entry with id %d", id)
	} else if err != nil {
		return nil, fmt.Errorf("find entry %d: %w", id, err)
	}
	return e, fillAttachments(ctx, tx, []*backend.Entry{e})
}
