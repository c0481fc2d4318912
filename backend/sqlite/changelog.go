package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// A logged table's columns, each as its change payload carries it. Out turns
// the row (R) into the payload's value; In turns the payload's value (V) back
// into the column, in the database the change is applied to. Columns that
// point at other rows travel as those rows' ULIDs.
type logColumn struct {
	Name, Out, In string
	// Need, for a column naming another row, finds that row's local id from
	// its ULID (V): NULL while the row has not arrived, so a change naming
	// it waits (changes_apply.go).
	Need string
}

// logTable is one table the change log covers.
type logTable struct {
	Table string
	// Incident is the incident's ULID, from the row R.
	Incident string
	// Key names the row across databases (its ULID or natural key), from R.
	Key string
	// Conflict is the unique key an applied change updates in place.
	Conflict string
	Columns  []logColumn
}

func plain(names ...string) []logColumn {
	out := make([]logColumn, len(names))
	for i, n := range names {
		out[i] = logColumn{Name: n, Out: "R." + n, In: "V"}
	}
	return out
}

// ref is a column holding the local id of a row of table, which travels as
// that row's ULID.
func ref(name, table string) logColumn {
	in := "(SELECT id FROM " + table + " WHERE uid = V" + uidIndexed + ")"
	return logColumn{Name: name, Out: "(SELECT uid FROM " + table + " WHERE id = R." + name + ")", In: in, Need: in}
}

// uidIndexed lets a lookup by ULID use the table's index of ULIDs, which
// holds only rows whose ULID is not empty: without it, each lookup reads
// the whole table.
const uidIndexed = " AND uid <> ''"

// incidentOf is the ULID of the incident a row's incident_id names.
const incidentOf = "(SELECT uid FROM incidents WHERE id = R.incident_id)"

// entryIncident is the ULID of the incident of the entry R.<col> names.
func entryIncident(col string) string {
	return "(SELECT i.uid FROM entries e JOIN incidents i ON i.id = e.incident_id WHERE e.id = R." + col + ")"
}

var logTables = []logTable{
	{Table: "incidents", Incident: "R.uid", Key: "R.uid", Conflict: "uid",
		Columns: plain("uid", "title", "declared_at", "detected_at", "created_at", "updated_at")},
	{Table: "entries", Incident: incidentOf, Key: "R.uid", Conflict: "uid) WHERE (uid <> ''",
		Columns: append(append([]logColumn{ref("incident_id", "incidents")}, plain("uid", "kind", "text", "raw", "occurred_at",
			"recorded_at", "author", "author_role", "key", "internal", "owner", "check_in", "severity", "role", "person", "phase",
			"revisions", "deleted_at", "source", "source_key")...),
			logColumn{Name: "overrode", Out: "(SELECT uid FROM entries WHERE id = R.overrode)",
				In: "coalesce((SELECT id FROM entries WHERE uid = V" + uidIndexed + "), 0)", Need: "(SELECT id FROM entries WHERE uid = V" + uidIndexed + ")"})},
	{Table: "entry_revisions", Incident: entryIncident("entry_id"), Key: "R.uid", Conflict: "uid) WHERE (uid <> ''",
		Columns: append([]logColumn{ref("entry_id", "entries")}, plain("uid", "raw", "text", "kind", "occurred_at", "revised_at")...)},
	{Table: "attachments", Incident: entryIncident("entry_id"), Key: "(SELECT uid FROM entries WHERE id = R.entry_id)", Conflict: "entry_id",
		Columns: append([]logColumn{ref("entry_id", "entries")}, plain("name", "mime", "size", "sha256", "width", "height", "created_at")...)},
	{Table: "attachment_data",
		Incident: "(SELECT i.uid FROM attachments a JOIN entries e ON e.id = a.entry_id JOIN incidents i ON i.id = e.incident_id WHERE a.id = R.attachment_id)",
		Key:      "(SELECT e.uid FROM attachments a JOIN entries e ON e.id = a.entry_id WHERE a.id = R.attachment_id)", Conflict: "attachment_id",
		Columns: []logColumn{
			{Name: "attachment_id", Out: "(SELECT e.uid FROM attachments a JOIN entries e ON e.id = a.entry_id WHERE a.id = R.attachment_id)",
				In:   "(SELECT a.id FROM attachments a JOIN entries e ON e.id = a.entry_id WHERE e.uid = V AND e.uid <> '')",
				Need: "(SELECT a.id FROM attachments a JOIN entries e ON e.id = a.entry_id WHERE e.uid = V AND e.uid <> '')"},
			{Name: "data", Out: "hex(R.data)", In: "unhex(V)"},
		}},
	{Table: "actions", Incident: incidentOf, Key: "R.uid", Conflict: "uid) WHERE (uid <> ''",
		Columns: append([]logColumn{ref("incident_id", "incidents"), ref("entry_id", "entries")},
			plain("uid", "state", "acked_at", "check_in_set", "check_in_at", "closed_at", "updated_at")...)},
	{Table: "action_events", Incident: entryIncident("entry_id"), Key: "(SELECT uid FROM entries WHERE id = R.entry_id)", Conflict: "entry_id",
		Columns: append([]logColumn{ref("entry_id", "entries"), ref("action_id", "actions")}, plain("state")...)},
	{Table: "status_updates", Incident: incidentOf, Key: "(SELECT uid FROM entries WHERE id = R.entry_id)", Conflict: "entry_id",
		Columns: append([]logColumn{ref("entry_id", "entries"), ref("incident_id", "incidents")}, plain("uid", "audience", "next_at")...)},
	{Table: "watches", Incident: incidentOf, Key: "(SELECT uid FROM entries WHERE id = R.start_entry_id)", Conflict: "start_entry_id",
		Columns: append([]logColumn{ref("start_entry_id", "entries"), ref("incident_id", "incidents")}, plain("minutes", "criteria", "updated_at")...)},
	{Table: "security", Incident: incidentOf, Key: incidentOf, Conflict: "incident_id",
		Columns: append([]logColumn{ref("incident_id", "incidents")}, plain("flagged", "became_aware_at", "updated_at")...)},
	{Table: "security_checklist", Incident: incidentOf, Key: incidentOf + " || '/' || R.item", Conflict: "incident_id, item",
		Columns: append([]logColumn{ref("incident_id", "incidents")}, plain("item", "done_at", "done_by")...)},
	{Table: "pages", Incident: incidentOf, Key: "R.uid", Conflict: "uid) WHERE (uid <> ''",
		Columns: append([]logColumn{ref("incident_id", "incidents")}, plain("uid", "person", "level", "state", "paged_at", "answered_at")...)},
	{Table: "reminder_log", Incident: incidentOf, Key: incidentOf + " || '/' || R.key", Conflict: "incident_id, key",
		Columns: append([]logColumn{ref("incident_id", "incidents")}, plain("key", "fired_at", "acked_at", "snoozed_until", "by")...)},
}

// payloadSQL is the JSON image of row R.
func (t logTable) payloadSQL() string {
	parts := make([]string, 0, 2*len(t.Columns))
	for _, c := range t.Columns {
		parts = append(parts, "'"+c.Name+"'", c.Out)
	}
	return "json_object(" + strings.Join(parts, ", ") + ")"
}

// logSQL is the INSERT that records row R of t, with rowAlias standing for R.
func (t logTable) logSQL(rowAlias, from string) string {
	r := func(s string) string { return strings.ReplaceAll(s, "R.", rowAlias+".") }
	return `INSERT INTO changes (incident_uid, kind, row_key, payload, author, device, hlc)
		SELECT coalesce(` + r(t.Incident) + `, ''), '` + t.Table + `', coalesce(` + r(t.Key) + `, ''), ` + r(t.payloadSQL()) + `,
			c.author, c.device, c.hlc FROM change_context c` + from
}

// applySQL writes a change's image (?1, the payload) into table t.
func (t logTable) applySQL() string {
	names, values, sets := []string{}, []string{}, []string{}
	for _, c := range t.Columns {
		v := "json_extract(?1, '$." + c.Name + "')"
		names = append(names, c.Name)
		values = append(values, strings.ReplaceAll(c.In, "V", v))
		sets = append(sets, c.Name+" = excluded."+c.Name)
	}
	return `INSERT INTO ` + t.Table + ` (` + strings.Join(names, ", ") + `) SELECT ` + strings.Join(values, ", ") +
		` WHERE true ON CONFLICT (` + t.Conflict + `) DO UPDATE SET ` + strings.Join(sets, ", ")
}

// changelogInstall creates the triggers that log every insert and update of
// the logged tables, then logs the rows already here, in the order they
// were made, so the log alone holds the whole database.
func changelogInstall(ctx context.Context, tx *sql.Tx) error {
	for _, t := range logTables {
		for _, op := range []string{"INSERT", "UPDATE"} {
			q := `CREATE TRIGGER log_` + strings.ToLower(op) + `_` + t.Table + ` AFTER ` + op + ` ON ` + t.Table +
				` BEGIN ` + t.logSQL("NEW", "") + `; END`
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("change log trigger on %s: %w", t.Table, err)
			}
		}
		if _, err := tx.ExecContext(ctx, t.logSQL("R", ", "+t.Table+" R ORDER BY R.rowid")); err != nil {
			return fmt.Errorf("change log of %s: %w", t.Table, err)
		}
	}
	// A mitigation may name one made after it (a backdated import): those
	// entries are logged once more, now that every entry they name is.
	if _, err := tx.ExecContext(ctx, logTables[1].logSQL("R", ", entries R WHERE R.overrode <> 0 ORDER BY R.rowid")); err != nil {
		return fmt.Errorf("change log of entries: %w", err)
	}
	return nil
}

// RebuildFromChanges applies every change in src's log to dst, as
// ApplyChanges would: dst is a new database, or one holding none of those
// rows, and then holds what src holds, rebuilt from the log alone, with
// src's changes in its own log. It is one write transaction: a failure
// leaves dst as it was. The log is read and applied a page at a time.
func RebuildFromChanges(ctx context.Context, src, dst *DB) error {
	rtx, err := src.beginTx(ctx, true)
	if err != nil {
		return err
	}
	defer rtx.Rollback()
	rows, err := rtx.QueryContext(ctx, `SELECT `+changeColumns+` FROM changes ORDER BY id`)
	if err != nil {
		return fmt.Errorf("read the change log: %w", err)
	}
	defer rows.Close()
	wtx, err := dst.beginTx(ctx, false)
	if err != nil {
		return err
	}
	defer wtx.Rollback()
	a, err := startApply(ctx, wtx)
	if err != nil {
		return err
	}
	defer a.close()
	const page = 1000
	batch := make([]Change, 0, page)
	for rows.Next() {
		c, err := scanChange(rows)
		if err != nil {
			return fmt.Errorf("read the change log: %w", err)
		}
		if batch = append(batch, c); len(batch) == page {
			if _, err := a.add(batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read the change log: %w", err)
	}
	if _, err := a.add(batch); err != nil {
		return err
	}
	if err := a.finish(dst); err != nil {
		return err
	}
	return wtx.Commit()
}
