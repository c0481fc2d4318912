package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/export"
	"bridgelog/backend/sqlite"
)

// recordJSON is an incident's JSON export, the byte-exact record.
func recordJSON(tb testing.TB, db *sqlite.DB, uid string) []byte {
	tb.Helper()
	ctx := context.Background()
	var id int64
	if err := sqlite.ReadDB(db).QueryRow(`SELECT id FROM incidents WHERE uid = ?`, uid).Scan(&id); err != nil {
		tb.Fatalf("incident %s: %v", uid, err)
	}
	rep, err := sqlite.NewRecordService(db).Report(ctx, id)
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if err := export.Write(ctx, &buf, rep, export.Options{Format: export.FormatJSON, Now: time.Unix(0, 0)}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// A database rebuilt from the change log alone holds the same incidents as
// the one that wrote it, byte for byte in the JSON export: every write of a
// person, the clocks or an import is in the log, in its own transaction.
func TestChangeLog_Rebuild(t *testing.T) {
	ctx := context.Background()
	db, clock := MustOpenDB(t)
	entries, calls, records := sqlite.NewEntryService(db), sqlite.NewCallService(db), sqlite.NewRecordService(db)
	incidents := sqlite.NewIncidentService(db)
	inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
	step := func() { clock.Advance(time.Minute) }
	add := func(line string) *backend.Entry {
		t.Helper()
		step()
		e, err := entries.CreateEntry(ctx, backend.EntryCreate{IncidentID: inc.ID, Line: backend.Parse(line), OccurredAt: clock.T,
			Author: "Priya", AuthorRole: backend.RoleScribe})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	add("ic: Priya")
	first := add("m: fail over to eu-west")
	add("! EU customers cannot pay")
	act := add("a: @sam restart the queue 10m")
	second := add("m: roll back v42")
	step()
	_, err := entries.UpdateEntry(ctx, second.ID, backend.Parse("m: roll back to v41"), second.OccurredAt)
	must(err)
	step()
	must(entries.DeleteEntry(ctx, first.ID))
	step()
	_, err = entries.RestoreEntry(ctx, first.ID)
	must(err)
	actions, err := calls.Actions(ctx, inc.ID)
	must(err)
	step()
	_, err = calls.SetActionState(ctx, actions[0].ID, backend.ActionAcknowledged, "sam")
	must(err)
	_ = act
	step()
	_, err = calls.RecordStatus(ctx, inc.ID, "EU payments failing, next update 14:40", backend.AudienceExternal, clock.T.Add(20*time.Minute), "Priya")
	must(err)
	step()
	p, err := calls.Page(ctx, inc.ID, "lena", 1, "Priya")
	must(err)
	step()
	_, err = calls.AnswerPage(ctx, p.ID, backend.PageJoined, "Priya")
	must(err)
	step()
	must(calls.MarkFired(ctx, inc.ID, "status:first", clock.T))
	must(calls.SnoozeReminder(ctx, inc.ID, "checkin:x", clock.T.Add(5*time.Minute), "Priya"))
	step()
	_, err = records.ImportEntries(ctx, inc.ID, []backend.ImportedEntry{
		{Kind: backend.KindNote, Text: "from the chat", OccurredAt: clock.T, Author: "jo", Source: "zoom", SourceKey: "zoom:1"},
	})
	must(err)
	step()
	_, err = records.AddAttachment(ctx, backend.AttachmentCreate{IncidentID: inc.ID, Name: "edge.log",
		Data: []byte("502 at 14:02\n"), Caption: "edge log", OccurredAt: clock.T, Author: "Priya"})
	must(err)
	step()
	must(addPhase(ctx, entries, inc.ID, clock.T, "phase: monitoring"))
	newer := clock.T.Add(-time.Hour)
	step()
	_, err = incidents.UpdateIncident(ctx, inc.ID, backend.IncidentUpdate{DeclaredAt: &newer, Author: "Priya"})
	must(err)

	t.Run("each change says who, from which database, and when", func(t *testing.T) {
		rows, err := sqlite.ReadDB(db).Query(`SELECT kind, author, device, hlc FROM changes ORDER BY id`)
		must(err)
		defer rows.Close()
		last, n := "", 0
		for rows.Next() {
			var kind, author, device, hlc string
			must(rows.Scan(&kind, &author, &device, &hlc))
			n++
			if device == "" || hlc < last {
				t.Errorf("change %d (%s): device %q, hlc %q after %q", n, kind, device, hlc, last)
			}
			if kind == "pages" && author != "Priya" {
				t.Errorf("page change by %q, want Priya", author)
			}
			last = hlc
		}
		if n < 20 {
			t.Errorf("%d changes, want one for every row written", n)
		}
	})

	rebuilt := sqlite.NewDB(filepath.Join(t.TempDir(), "rebuilt.db"), clock)
	must(rebuilt.Open())
	t.Cleanup(func() { rebuilt.Close() })
	must(sqlite.RebuildFromChanges(ctx, db, rebuilt))
	want, got := recordJSON(t, db, inc.UID), recordJSON(t, rebuilt, inc.UID)
	if !bytes.Equal(got, want) {
		t.Errorf("rebuilt record differs:\n got %s\nwant %s", got, want)
	}
}

func addPhase(ctx context.Context, entries *sqlite.EntryService, incidentID int64, at time.Time, line string) error {
	_, err := entries.CreateEntry(ctx, backend.EntryCreate{IncidentID: incidentID, Line: backend.Parse(line), OccurredAt: at})
	return err
}

// A database written before the change log existed gets its rows into the
// log when it opens, so it too can be rebuilt from the log alone.
func TestChangeLog_SeedsOlderDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	made := time.Date(2026, 11, 21, 14, 0, 0, 0, time.UTC)
	raw, err := sql.Open("sqlite", sqlite.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	if err := sqlite.MigrateTo(raw, "0004_identity.sql", made); err != nil {
		t.Fatal(err)
	}
	ms := strconv.FormatInt(made.UnixMilli(), 10)
	for _, q := range []string{
		`INSERT INTO incidents (id, uid, title, declared_at, created_at, updated_at) VALUES (1, 'abc', 'Old', ` + ms + `, ` + ms + `, ` + ms + `)`,
		`INSERT INTO entries (id, incident_id, kind, text, raw, occurred_at, recorded_at, author, author_role, uid, overrode) VALUES
			(1, 1, 'mitigation', 'later one', 'm: later one', ` + ms + `, ` + ms + `, 'Jo', 'scribe', '01KC0000000000000000000001', 2),
			(2, 1, 'mitigation', 'first one', 'm: first one', ` + ms + `, ` + ms + `, 'Jo', 'scribe', '01KC0000000000000000000002', 0),
			(3, 1, 'action', 'restart', 'a: @sam restart', ` + ms + `, ` + ms + `, 'Jo', 'scribe', '01KC0000000000000000000003', 0)`,
		`INSERT INTO actions (incident_id, entry_id, state, updated_at, uid) VALUES (1, 3, 'asked', ` + ms + `, '01KC0000000000000000000004')`,
		`INSERT INTO security (incident_id, flagged, updated_at) VALUES (1, 1, ` + ms + `)`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	clock := &backend.FixedClock{T: made.Add(time.Hour)}
	db := MustOpenDBAt(t, path, clock)
	rebuilt := MustOpenDBAt(t, filepath.Join(t.TempDir(), "rebuilt.db"), clock)
	if err := sqlite.RebuildFromChanges(ctx, db, rebuilt); err != nil {
		t.Fatal(err)
	}
	want, got := recordJSON(t, db, "abc"), recordJSON(t, rebuilt, "abc")
	if !bytes.Equal(got, want) {
		t.Errorf("rebuilt record differs:\n got %s\nwant %s", got, want)
	}
}
