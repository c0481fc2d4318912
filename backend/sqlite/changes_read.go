package sqlite

import (
	"context"
	"fmt"
)

// ChangeQuery selects changes from a database's log. The zero value
// selects every change.
type ChangeQuery struct {
	// IncidentUID keeps one incident's changes.
	IncidentUID string
	// Device keeps the changes one database wrote (DeviceID names this one).
	Device string
	// AfterSeq keeps changes this database took in after the one at that
	// place: pass the last Seq read to read on.
	AfterSeq int64
	// AfterHLC keeps changes written after that clock time.
	AfterHLC string
	// Limit is the most changes returned; 0 means no limit.
	Limit int
}

// Changes returns the changes q selects in the order this database took
// them in (Seq). A database writes its own changes in clock order, so "my
// changes after Seq n" (Device: DeviceID) is every change it wrote since,
// and a sender keeps one number to page on. A page may end inside a
// transaction: ApplyChanges takes each change on its own.
func (db *DB) Changes(ctx context.Context, q ChangeQuery) ([]Change, error) {
	tx, err := db.beginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	limit := q.Limit
	if limit <= 0 {
		limit = -1
	}
	list, err := collect(ctx, tx, scanChange, `SELECT `+changeColumns+` FROM changes
		WHERE id > ?1 AND (?2 = '' OR incident_uid = ?2) AND (?3 = '' OR device = ?3) AND hlc > ?4
		ORDER BY id LIMIT ?5`, q.AfterSeq, q.IncidentUID, q.Device, q.AfterHLC, limit)
	if err != nil {
		return nil, fmt.Errorf("read the change log: %w", err)
	}
	return list, nil
}

const changeColumns = `id, incident_uid, kind, row_key, payload, author, device, hlc`

func scanChange(row scanner) (Change, error) {
	var c Change
	err := row.Scan(&c.Seq, &c.IncidentUID, &c.Kind, &c.RowKey, &c.Payload, &c.Author, &c.Device, &c.HLC)
	return c, err
}

// DeviceID returns the id this database signs its own changes with.
func (db *DB) DeviceID(ctx context.Context) (string, error) {
	var device string
	if err := db.db.QueryRowContext(ctx, `SELECT device FROM change_context`).Scan(&device); err != nil {
		return "", fmt.Errorf("read the device id: %w", err)
	}
	return device, nil
}

// PendingChanges returns how many held changes wait for a row they name.
func (db *DB) PendingChanges(ctx context.Context) (int, error) {
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM changes_pending`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count waiting changes: %w", err)
	}
	return n, nil
}
