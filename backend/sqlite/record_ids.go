package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"bridgelog/backend"
)

// The ids an imported record's rows carry: kept when the rows are new here,
// made anew for a copy (backend.Record.Validate refuses them when
// malformed or repeated).

// keptID is a row's ULID from a record, or a new one made at t for a record
// written before rows had one (checkRecord refuses a malformed one).
func keptID(uid string, t time.Time) string {
	if uid != "" {
		return uid
	}
	return backend.NewID(t)
}

// holdsRowIDs reports whether this database already holds a row with one of
// the ids rec's rows carry.
func holdsRowIDs(ctx context.Context, tx *stampedTx, rec *backend.Record) (bool, error) {
	var ids []string
	for _, e := range rec.Entries {
		ids = append(ids, e.UID)
		for _, r := range e.Revisions {
			ids = append(ids, r.UID)
		}
	}
	for _, a := range rec.Actions {
		ids = append(ids, a.UID)
	}
	for _, u := range rec.StatusUpdates {
		ids = append(ids, u.UID)
	}
	for _, p := range rec.Pages {
		ids = append(ids, p.UID)
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return false, err
	}
	var held bool
	err = tx.QueryRowContext(ctx, `SELECT EXISTS (
		SELECT 1 FROM json_each(?1) j WHERE j.value <> '' AND (
			EXISTS (SELECT 1 FROM entries WHERE uid = j.value) OR EXISTS (SELECT 1 FROM entry_revisions WHERE uid = j.value)
			OR EXISTS (SELECT 1 FROM actions WHERE uid = j.value) OR EXISTS (SELECT 1 FROM status_updates WHERE uid = j.value)
			OR EXISTS (SELECT 1 FROM pages WHERE uid = j.value)))`, string(list)).Scan(&held)
	if err != nil {
		return false, fmt.Errorf("look for the record's rows: %w", err)
	}
	return held, nil
}

// withoutRowIDs is a copy of rec whose rows carry no ids.
func withoutRowIDs(rec *backend.Record) *backend.Record {
	c := *rec
	c.Entries = slices.Clone(rec.Entries)
	for i := range c.Entries {
		c.Entries[i].UID = ""
		c.Entries[i].Revisions = slices.Clone(c.Entries[i].Revisions)
		for j := range c.Entries[i].Revisions {
			c.Entries[i].Revisions[j].UID = ""
		}
	}
	c.Actions, c.StatusUpdates, c.Pages = slices.Clone(rec.Actions), slices.Clone(rec.StatusUpdates), slices.Clone(rec.Pages)
	for i := range c.Actions {
		c.Actions[i].UID = ""
	}
	for i := range c.StatusUpdates {
		c.StatusUpdates[i].UID = ""
	}
	for i := range c.Pages {
		c.Pages[i].UID = ""
	}
	return &c
}
