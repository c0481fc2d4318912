package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// Every row a person or an import makes carries a ULID, unique and in the
// order the rows were made.
func TestIdentity_NewRows(t *testing.T) {
	ctx := context.Background()
	db, clock := MustOpenDB(t)
	inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
	entries, calls := sqlite.NewEntryService(db), sqlite.NewCallService(db)
	var made []string
	for _, line := range []string{"first", "a: @sam restart the queue 10m", "status: all good"} {
		clock.Advance(time.Second)
		e, err := entries.CreateEntry(ctx, backend.EntryCreate{IncidentID: inc.ID, Line: backend.Parse(line), OccurredAt: clock.T, Author: "Priya"})
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, e.UID)
	}
	clock.Advance(time.Second)
	list, err := entries.ListEntries(ctx, inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := entries.UpdateEntry(ctx, list[1].ID, backend.Parse("first, edited"), clock.T); err != nil {
		t.Fatal(err)
	}
	if _, err := calls.Page(ctx, inc.ID, "sam", 1, "Priya"); err != nil {
		t.Fatal(err)
	}
	if _, err := calls.RecordStatus(ctx, inc.ID, "EU logins back", backend.AudienceExternal, clock.T.Add(30*time.Minute), "Priya"); err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(made) {
		t.Errorf("entry ids %v are not in the order the entries were made", made)
	}
	for _, table := range []string{"incidents", "entries", "entry_revisions", "actions", "status_updates", "pages"} {
		t.Run(table, func(t *testing.T) {
			var rows, valid, distinct int
			ids := []string{}
			r, err := sqlite.ReadDB(db).Query(`SELECT uid FROM ` + table)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			seen := map[string]bool{}
			for r.Next() {
				var uid string
				if err := r.Scan(&uid); err != nil {
					t.Fatal(err)
				}
				rows++
				if backend.ValidID(uid) {
					valid++
				}
				if !seen[uid] {
					distinct++
				}
				seen[uid] = true
				ids = append(ids, uid)
			}
			if rows == 0 || valid != rows || distinct != rows {
				t.Errorf("%d rows, %d valid ULIDs, %d distinct: %v", rows, valid, distinct, ids)
			}
		})
	}
}

// A database made before rows had ids gets them when it opens, in the order
// its rows were made, and in the migration's own transaction.
func TestIdentity_Migration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	made := time.Date(2026, 11, 21, 14, 0, 0, 0, time.UTC)
	raw, err := sql.Open("sqlite", sqlite.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	if err := sqlite.MigrateTo(raw, "0003_records.sql", made); err != nil {
		t.Fatal(err)
	}
	ms := func(d time.Duration) int64 { return made.Add(d).UnixMilli() }
	for _, q := range []string{
		`INSERT INTO incidents (id, uid, title, declared_at, created_at, updated_at) VALUES (1, 'abc', 'Old', 0, 0, 0)`,
		// Inserted out of order: the ids follow recorded_at, not the row number.
		`INSERT INTO entries (id, incident_id, kind, text, raw, occurred_at, recorded_at, author, author_role) VALUES
			(1, 1, 'note', 'second', 'second', 0, ` + itoa(ms(2*time.Minute)) + `, 'Jo', 'scribe'),
			(2, 1, 'note', 'first', 'first', 0, ` + itoa(ms(time.Minute)) + `, 'Jo', 'scribe'),
			(3, 1, 'action', 'restart', 'a: restart', 0, ` + itoa(ms(3*time.Minute)) + `, 'Jo', 'scribe')`,
		`INSERT INTO entry_revisions (entry_id, raw, text, kind, occurred_at, revised_at) VALUES (1, 'x', 'x', 'note', 0, ` + itoa(ms(4*time.Minute)) + `)`,
		`INSERT INTO actions (incident_id, entry_id, state, updated_at) VALUES (1, 3, 'asked', ` + itoa(ms(3*time.Minute)) + `)`,
		`INSERT INTO pages (incident_id, person, level, state, paged_at) VALUES (1, 'sam', 1, 'paged', ` + itoa(ms(5*time.Minute)) + `)`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()

	db := MustOpenDBAt(t, path, &backend.FixedClock{T: made.Add(time.Hour)})
	var first, second string
	r := sqlite.ReadDB(db)
	if err := r.QueryRow(`SELECT uid FROM entries WHERE id = 2`).Scan(&first); err != nil {
		t.Fatal(err)
	}
	if err := r.QueryRow(`SELECT uid FROM entries WHERE id = 1`).Scan(&second); err != nil {
		t.Fatal(err)
	}
	if !backend.ValidID(first) || !backend.ValidID(second) || first >= second {
		t.Errorf("entry made first got %q, made second %q: want ULIDs in the order made", first, second)
	}
	for _, table := range []string{"entries", "entry_revisions", "actions", "pages"} {
		var empty int
		if err := r.QueryRow(`SELECT count(*) FROM ` + table + ` WHERE uid = ''`).Scan(&empty); err != nil {
			t.Fatal(err)
		}
		if empty != 0 {
			t.Errorf("%s: %d rows without an id", table, empty)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// The ids travel with an exported record: importing it elsewhere keeps
// them, a malformed one is refused, and a record with no incident id (a
// copy made under a new id) gets new ones.
func TestIdentity_Record(t *testing.T) {
	ctx := context.Background()
	db, clock := MustOpenDB(t)
	inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
	entries := sqlite.NewEntryService(db)
	if _, err := entries.CreateEntry(ctx, backend.EntryCreate{IncidentID: inc.ID, Line: backend.Parse("a: @sam restart 10m"), OccurredAt: clock.T}); err != nil {
		t.Fatal(err)
	}
	rep, err := sqlite.NewRecordService(db).Report(ctx, inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	rec := rep.Record
	uids := func(r *backend.Record) []string {
		var out []string
		for _, e := range r.Entries {
			out = append(out, e.UID)
		}
		for _, a := range r.Actions {
			out = append(out, a.UID)
		}
		return out
	}
	want := uids(rec)
	if len(want) != 3 || slices.Contains(want, "") {
		t.Fatalf("record ids %v, want two entries and an action, each with an id", want)
	}

	other, _ := MustOpenDB(t)
	got, err := sqlite.NewRecordService(other).ImportRecord(ctx, rec)
	if err != nil {
		t.Fatal(err)
	}
	again, err := sqlite.NewRecordService(other).Report(ctx, got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if have := uids(again.Record); !slices.Equal(have, want) {
		t.Errorf("after import: ids %v, want %v", have, want)
	}

	t.Run("a malformed id is refused", func(t *testing.T) {
		bad := *rec
		bad.Incident.UID = "another"
		bad.Entries = slices.Clone(rec.Entries)
		bad.Entries[0].UID = "not-a-ulid"
		fresh, _ := MustOpenDB(t)
		if _, err := sqlite.NewRecordService(fresh).ImportRecord(ctx, &bad); backend.ErrorCode(err) != backend.EINVALID {
			t.Errorf("error %v, want %s", err, backend.EINVALID)
		}
	})
	t.Run("a copy saved under another incident id gets new row ids", func(t *testing.T) {
		cp := *rec
		cp.Incident.UID = rec.Incident.UID + "-copy"
		inc3, err := sqlite.NewRecordService(other).ImportRecord(ctx, &cp)
		if err != nil {
			t.Fatal(err)
		}
		rep3, err := sqlite.NewRecordService(other).Report(ctx, inc3.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i, uid := range uids(rep3.Record) {
			if !backend.ValidID(uid) || uid == want[i] {
				t.Errorf("row %d: id %q, want a new ULID", i, uid)
			}
		}
	})
	t.Run("a copy under a new incident id gets new row ids", func(t *testing.T) {
		cp := *rec
		cp.Incident.UID = ""
		inc2, err := sqlite.NewRecordService(other).ImportRecord(ctx, &cp)
		if err != nil {
			t.Fatal(err)
		}
		rep2, err := sqlite.NewRecordService(other).Report(ctx, inc2.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i, uid := range uids(rep2.Record) {
			if !backend.ValidID(uid) || uid == want[i] {
				t.Errorf("row %d: id %q, want a new ULID", i, uid)
			}
		}
	})
}
