package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// changelogApplyInstall remakes the change log's triggers for a log that is
// a set of changes (0006_change_apply.sql):
//
//   - A row written more than once in one transaction is logged once, with
//     the image the transaction left: the change keeps its place and takes
//     the new payload. Another database receives one change per row and
//     transaction, never two with the same name and different images.
//   - While the transaction applies received changes (change_context.applying)
//     the triggers log nothing: the received change is logged as it came,
//     with the device, clock time and author that wrote it, instead of a copy
//     stamped as if this database had written it.
func changelogApplyInstall(ctx context.Context, tx *sql.Tx) error {
	for _, t := range logTables {
		for _, op := range []string{"INSERT", "UPDATE"} {
			name := `log_` + strings.ToLower(op) + `_` + t.Table
			if _, err := tx.ExecContext(ctx, `DROP TRIGGER IF EXISTS `+name); err != nil {
				return fmt.Errorf("change log trigger on %s: %w", t.Table, err)
			}
			q := `CREATE TRIGGER ` + name + ` AFTER ` + op + ` ON ` + t.Table +
				` WHEN (SELECT applying FROM change_context) = 0 BEGIN ` + t.logSQL("NEW", "") + ` WHERE true
				ON CONFLICT (kind, row_key, hlc, device) DO UPDATE SET payload = excluded.payload,
					incident_uid = excluded.incident_uid, author = excluded.author; END`
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("change log trigger on %s: %w", t.Table, err)
			}
		}
	}
	return nil
}

// readySQL answers whether every row a change of t names (?1, the payload)
// is here: 1 when the change can be applied now, 0 when it must wait.
func (t logTable) readySQL() string {
	conds := []string{"1"}
	for _, c := range t.Columns {
		if c.Need == "" {
			continue
		}
		v := "json_extract(?1, '$." + c.Name + "')"
		conds = append(conds, "("+v+" IS NULL OR "+strings.ReplaceAll(c.Need, "V", v)+" IS NOT NULL)")
	}
	return "SELECT " + strings.Join(conds, " AND ")
}
