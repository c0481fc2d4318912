package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"bridgelog/backend"
)

// Change is one write to a shared row, as the change log holds it: the
// row's whole new image (Payload, JSON, naming other rows by their ULIDs),
// which row (Kind, the table, and RowKey), and who wrote it, on which
// database, at what time of that database's hybrid logical clock.
//
// A change is named by (Kind, RowKey, HLC, Device): no two changes share a
// name, so a database holding one already ignores it when it comes again.
type Change struct {
	// Seq is where the change sits in the log of the database it was read
	// from (Changes): a cursor for reading on, not part of the change.
	Seq         int64  `json:"-"`
	IncidentUID string `json:"incident"`
	Kind        string `json:"kind"`
	RowKey      string `json:"row"`
	Payload     string `json:"payload"`
	Author      string `json:"author"`
	Device      string `json:"device"`
	HLC         string `json:"hlc"`
}

// logTableIndex is each logged table's place in logTables, which lists a
// table after the tables its rows name: changes of one transaction apply in
// that order, so a row is written before the rows naming it.
var logTableIndex = func() map[string]int {
	m := make(map[string]int, len(logTables))
	for i, t := range logTables {
		m[t.Table] = i
	}
	return m
}()

// check refuses a change this database could not hold or apply.
func (c Change) check() error {
	switch {
	case c.Device == "":
		return errors.New("it names no device")
	case !validHLC(c.HLC):
		return fmt.Errorf("its clock time %q is not milliseconds.counter", c.HLC)
	case c.RowKey == "":
		return errors.New("it names no row")
	case !json.Valid([]byte(c.Payload)):
		return errors.New("its row image is not JSON")
	}
	if _, ok := logTableIndex[c.Kind]; !ok {
		return fmt.Errorf("it writes %q, which this version of Bridgelog does not know: update Bridgelog", c.Kind)
	}
	return nil
}

// compareChanges orders changes by clock time, then device, then table (a
// row before the rows naming it), then row: the order that applies most
// changes at the first try, since a change naming a row was written after
// its writer saw that row, at a later clock time.
func compareChanges(a, b Change) int {
	return cmp.Or(cmp.Compare(a.HLC, b.HLC), cmp.Compare(a.Device, b.Device),
		cmp.Compare(logTableIndex[a.Kind], logTableIndex[b.Kind]), cmp.Compare(a.RowKey, b.RowKey), cmp.Compare(a.Seq, b.Seq))
}

// ApplyChanges takes changes written by other databases (or this one: those
// are already held) into this one, in one write transaction, and returns
// how many were new here. Whatever order changes arrive in, in whatever
// batches, and however often, every database holding the same changes holds
// the same rows:
//
//   - A change already held (same kind, row, clock time and device) does
//     nothing.
//   - Every new change is kept in the log as it came, with the device, clock
//     time and author that wrote it, so the log stays the set of changes
//     seen, and this database can pass them on.
//   - A row shows the image of its latest change: the highest clock time,
//     and of two equal times, the higher device id. An older change is kept
//     but does not overwrite the row.
//   - A change naming a row (by its ULID) that has not arrived waits in
//     changes_pending and is applied when that row comes, in this batch or a
//     later one: it is not an error, since another laptop's changes may come
//     in any order.
//
// This database's clock moves past the latest clock time received, so what
// is written here afterwards is ordered after everything seen.
func (db *DB) ApplyChanges(ctx context.Context, changes []Change) (int, error) {
	tx, err := db.beginTx(ctx, false)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	a, err := startApply(ctx, tx)
	if err != nil {
		return 0, err
	}
	defer a.close()
	added, err := a.add(changes)
	if err != nil {
		return 0, err
	}
	if err := a.finish(db); err != nil {
		return 0, err
	}
	return added, tx.Commit()
}

// applier applies changes within one write transaction.
type applier struct {
	ctx context.Context
	tx  *stampedTx
	// latest is the latest clock time received.
	latest string
	// hold logs a change unless held; newer finds an applied change of the
	// same row that is later; pend and unpend keep changes_pending.
	hold, newer, pend, unpend *sql.Stmt
	// apply and ready, by table, are prepared when first needed.
	apply, ready map[string]*sql.Stmt
}

// startApply turns the change log's triggers off for tx (applying = 1) and
// prepares the statements every change needs.
func startApply(ctx context.Context, tx *stampedTx) (*applier, error) {
	if _, err := tx.ExecContext(ctx, `UPDATE change_context SET applying = 1`); err != nil {
		return nil, fmt.Errorf("apply changes: %w", err)
	}
	a := &applier{ctx: ctx, tx: tx, apply: map[string]*sql.Stmt{}, ready: map[string]*sql.Stmt{}}
	for _, s := range []struct {
		stmt **sql.Stmt
		q    string
	}{
		{&a.hold, `INSERT INTO changes (incident_uid, kind, row_key, payload, author, device, hlc)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, row_key, hlc, device) DO NOTHING RETURNING id`},
		{&a.newer, `SELECT EXISTS (SELECT 1 FROM changes
			WHERE kind = ?1 AND row_key = ?2 AND (hlc > ?3 OR (hlc = ?3 AND device > ?4))
				AND id NOT IN (SELECT change_id FROM changes_pending))`},
		{&a.pend, `INSERT INTO changes_pending (change_id) VALUES (?) ON CONFLICT DO NOTHING`},
		{&a.unpend, `DELETE FROM changes_pending WHERE change_id = ?`},
	} {
		stmt, err := tx.PrepareContext(ctx, s.q)
		if err != nil {
			a.close()
			return nil, fmt.Errorf("apply changes: %w", err)
		}
		*s.stmt = stmt
	}
	return a, nil
}

func (a *applier) close() {
	for _, s := range []*sql.Stmt{a.hold, a.newer, a.pend, a.unpend} {
		if s != nil {
			s.Close()
		}
	}
	for _, m := range []map[string]*sql.Stmt{a.apply, a.ready} {
		for _, s := range m {
			s.Close()
		}
	}
}

// add checks every change, then holds and applies the new ones, and
// returns how many were new.
func (a *applier) add(changes []Change) (int, error) {
	for i, c := range changes {
		if err := c.check(); err != nil {
			return 0, backend.Errorf(backend.EINVALID, "Change %d of %d (%s %s from %s) cannot be applied: %v",
				i+1, len(changes), c.Kind, c.RowKey, c.Device, err)
		}
	}
	batch := slices.Clone(changes)
	slices.SortFunc(batch, compareChanges)
	added := 0
	for _, c := range batch {
		var id int64
		err := a.hold.QueryRowContext(a.ctx, c.IncidentUID, c.Kind, c.RowKey, c.Payload, c.Author, c.Device, c.HLC).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			continue // held already
		} else if err != nil {
			return 0, fmt.Errorf("hold change %s %s: %w", c.Kind, c.RowKey, err)
		}
		added++
		a.latest = max(a.latest, c.HLC)
		if _, err := a.settle(id, c, false); err != nil {
			return 0, err
		}
	}
	return added, nil
}

// settle applies held change c (log id id) if it is its row's latest and
// every row it names is here, makes it wait if a named row is missing, and
// leaves the row alone if a later change of it is applied. It reports
// whether c is still waiting.
func (a *applier) settle(id int64, c Change, pending bool) (waiting bool, err error) {
	var newer bool
	if err := a.newer.QueryRowContext(a.ctx, c.Kind, c.RowKey, c.HLC, c.Device).Scan(&newer); err != nil {
		return false, fmt.Errorf("apply change %s %s: %w", c.Kind, c.RowKey, err)
	}
	if newer {
		return false, a.done(id, c, pending)
	}
	ready, err := a.stmt(a.ready, c.Kind, logTable.readySQL)
	if err != nil {
		return false, err
	}
	var ok bool
	if err := ready.QueryRowContext(a.ctx, c.Payload).Scan(&ok); err != nil {
		return false, fmt.Errorf("apply change %s %s: %w", c.Kind, c.RowKey, err)
	}
	if !ok {
		if !pending {
			if _, err := a.pend.ExecContext(a.ctx, id); err != nil {
				return false, fmt.Errorf("keep change %s %s waiting: %w", c.Kind, c.RowKey, err)
			}
		}
		return true, nil
	}
	apply, err := a.stmt(a.apply, c.Kind, logTable.applySQL)
	if err != nil {
		return false, err
	}
	if _, err := apply.ExecContext(a.ctx, c.Payload); err != nil {
		return false, fmt.Errorf("apply change %s %s from %s at %s: %w", c.Kind, c.RowKey, c.Device, c.HLC, err)
	}
	return false, a.done(id, c, pending)
}

// done takes a settled change out of changes_pending.
func (a *applier) done(id int64, c Change, pending bool) error {
	if !pending {
		return nil
	}
	if _, err := a.unpend.ExecContext(a.ctx, id); err != nil {
		return fmt.Errorf("apply change %s %s: %w", c.Kind, c.RowKey, err)
	}
	return nil
}

// stmt prepares, once per transaction, table kind's statement made by sql.
func (a *applier) stmt(m map[string]*sql.Stmt, kind string, sql func(logTable) string) (*sql.Stmt, error) {
	if s, ok := m[kind]; ok {
		return s, nil
	}
	s, err := a.tx.PrepareContext(a.ctx, sql(logTables[logTableIndex[kind]]))
	if err != nil {
		return nil, fmt.Errorf("apply changes to %s: %w", kind, err)
	}
	m[kind] = s
	return s, nil
}

// finish tries the waiting changes again until a round applies none, moves
// db's clock past every time received, and turns the triggers back on.
func (a *applier) finish(db *DB) error {
	for {
		list, err := collect(a.ctx, a.tx, func(row scanner) (Change, error) {
			var c Change
			err := row.Scan(&c.Seq, &c.Kind, &c.RowKey, &c.Payload, &c.Device, &c.HLC)
			return c, err
		}, `SELECT c.id, c.kind, c.row_key, c.payload, c.device, c.hlc FROM changes_pending p JOIN changes c ON c.id = p.change_id`)
		if err != nil {
			return fmt.Errorf("read waiting changes: %w", err)
		}
		slices.SortFunc(list, compareChanges)
		progress := false
		for _, c := range list {
			waiting, err := a.settle(c.Seq, c, true)
			if err != nil {
				return err
			}
			progress = progress || !waiting
		}
		if !progress {
			break
		}
	}
	if a.latest != "" {
		db.clock.receive(a.latest)
	}
	if _, err := a.tx.ExecContext(a.ctx, `UPDATE change_context SET applying = 0, hlc = max(hlc, ?)`, db.clock.String()); err != nil {
		return fmt.Errorf("apply changes: %w", err)
	}
	return nil
}
