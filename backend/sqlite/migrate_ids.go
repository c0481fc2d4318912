package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"bridgelog/backend"
)

// migrationSteps are the parts of a migration SQL cannot do, run in its
// transaction right after its SQL: a crash leaves neither half done.
var migrationSteps = map[string]func(context.Context, *sql.Tx) error{
	"0004_identity.sql":     fillIDs,
	"0005_changes.sql":      changelogInstall,
	"0006_change_apply.sql": changelogApplyInstall,
}

// idTables are the rows that carry a ULID, each with the time the ULID's
// time part is taken from (when the row was made, as near as it says).
var idTables = []struct{ table, madeAt string }{
	{"entries", "recorded_at"},
	{"entry_revisions", "revised_at"},
	{"actions", "updated_at"},
	{"status_updates", "(SELECT e.recorded_at FROM entries e WHERE e.id = status_updates.entry_id)"},
	{"pages", "paged_at"},
}

// fillIDs gives every row made before identity existed its ULID, in the
// order the rows were made.
func fillIDs(ctx context.Context, tx *sql.Tx) error {
	for _, t := range idTables {
		if err := fillTableIDs(ctx, tx, t.table, t.madeAt); err != nil {
			return err
		}
	}
	return nil
}

func fillTableIDs(ctx context.Context, tx *sql.Tx, table, madeAt string) error {
	rows, err := tx.QueryContext(ctx, `SELECT rowid, coalesce(`+madeAt+`, 0) FROM `+table+` WHERE uid = '' ORDER BY 2, rowid`)
	if err != nil {
		return fmt.Errorf("ids of %s: %w", table, err)
	}
	type row struct {
		id int64
		at time.Time
	}
	var todo []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, scanTime(&r.at)); err != nil {
			rows.Close()
			return fmt.Errorf("ids of %s: %w", table, err)
		}
		todo = append(todo, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("ids of %s: %w", table, err)
	}
	set, err := tx.PrepareContext(ctx, `UPDATE `+table+` SET uid = ? WHERE rowid = ?`)
	if err != nil {
		return fmt.Errorf("ids of %s: %w", table, err)
	}
	defer set.Close()
	for _, r := range todo {
		if _, err := set.ExecContext(ctx, backend.NewID(r.at), r.id); err != nil {
			return fmt.Errorf("id of %s %d: %w", table, r.id, err)
		}
	}
	return nil
}
