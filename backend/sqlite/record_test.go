package sqlite_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"maps"
	"regexp"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// storeTables are every table an incident's data lives in.
var storeTables = []string{"incidents", "entries", "entry_revisions", "entries_fts", "actions", "action_events",
	"status_updates", "watches", "security", "security_checklist", "pages", "reminder_log", "attachments", "attachment_data"}

// rowCounts counts the rows of every store table, to show a refused change wrote nothing.
func rowCounts(tb testing.TB, db *sqlite.DB) map[string]int {
	tb.Helper()
	out := map[string]int{}
	for _, table := range storeTables {
		var n int
		if err := sqlite.SQLDB(db).QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
			tb.Fatalf("count %s: %v", table, err)
		}
		out[table] = n
	}
	return out
}

// wantUnchanged fails if any table's row count moved.
func wantUnchanged(tb testing.TB, db *sqlite.DB, before map[string]int) {
	tb.Helper()
	if after := rowCounts(tb, db); !maps.Equal(after, before) {
		tb.Errorf("got row counts %v after a refused change, want %v", after, before)
	}
}

// pngBytes encodes a w×h PNG.
func pngBytes(tb testing.TB, w, h int) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, x%h, color.RGBA{R: 200, A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// mustReport reads an incident's report.
func mustReport(tb testing.TB, db *sqlite.DB, incidentID int64) *backend.Report {
	tb.Helper()
	rep, err := sqlite.NewRecordService(db).Report(context.Background(), incidentID)
	if err != nil {
		tb.Fatalf("report of incident %d: %v", incidentID, err)
	}
	return rep
}

// mustMarshal is the record as a JSON export writes it.
func mustMarshal(tb testing.TB, rec *backend.Record) []byte {
	tb.Helper()
	b, err := json.Marshal(rec)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// mustUnmarshal reads a record back as an import does.
func mustUnmarshal(tb testing.TB, b []byte) *backend.Record {
	tb.Helper()
	var rec backend.Record
	if err := json.Unmarshal(b, &rec); err != nil {
		tb.Fatal(err)
	}
	return &rec
}

// richIncident builds, through the services, an incident that uses every
// part of the record: all entry kinds, an edit, a deletion, a mitigation
// that overrode another, an action moved through its states, a status
// update with a promise, a watch, the security flag and checklist, a page,
// reminders, two attachments and imported chat messages.
func richIncident(tb testing.TB, db *sqlite.DB, clock *backend.FixedClock) *backend.Incident {
	tb.Helper()
	ctx := context.Background()
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	calls, entries, records := sqlite.NewCallService(db), sqlite.NewEntryService(db), sqlite.NewRecordService(db)
	inc := MustCreateIncident(tb, db, "Checkout errors in EU", backend.SEV2)
	detected := at(-5 * time.Minute)
	_, err := sqlite.NewIncidentService(db).UpdateIncident(ctx, inc.ID, backend.IncidentUpdate{DetectedAt: &detected})
	must(err)
	clock.Advance(time.Minute)
	MustCreateEntry(tb, db, inc.ID, "ic: Priya", at(time.Minute))
	MustCreateEntry(tb, db, inc.ID, "-2m customers report 502s", at(-2*time.Minute))
	hyp := MustCreateEntry(tb, db, inc.ID, "? cache stampede after deploy", at(2*time.Minute))
	MustCreateEntry(tb, db, inc.ID, "! EU customers cannot pay", at(2*time.Minute))
	act := MustCreateEntry(tb, db, inc.ID, "a: @sam restart the queue 10m", at(3*time.Minute))
	MustCreateEntry(tb, db, inc.ID, "m: failover to eu-west", at(4*time.Minute))
	clock.Advance(4 * time.Minute)
	over := MustCreateEntry(tb, db, inc.ID, "m: scale the workers", at(5*time.Minute))
	if over.Overrode == 0 {
		tb.Fatal("got a second mitigation that overrode nothing, want it to name the first")
	}
	MustCreateEntry(tb, db, inc.ID, "tl: d: roll back to v41", at(6*time.Minute))
	gone := MustCreateEntry(tb, db, inc.ID, "int: vendor says 4h", at(6*time.Minute))
	MustCreateEntry(tb, db, inc.ID, "todo: alert on queue depth", at(7*time.Minute))
	MustCreateEntry(tb, db, inc.ID, "ev: 502 rate 38% at 14:02\nsecond line", at(7*time.Minute))
	MustCreateEntry(tb, db, inc.ID, "sev1 payments down", at(8*time.Minute))

	clock.Advance(time.Minute)
	_, err = entries.UpdateEntry(ctx, hyp.ID, backend.Parse("? cache stampede after the 14:02 deploy"), at(90*time.Second))
	must(err)
	must(entries.DeleteEntry(ctx, gone.ID))

	actions, err := calls.Actions(ctx, inc.ID)
	must(err)
	var actionID int64
	for _, a := range actions {
		if a.EntryID == act.ID {
			actionID = a.ID
		}
	}
	_, err = calls.SetActionState(ctx, actionID, backend.ActionAcknowledged, "Sam")
	must(err)
	clock.Advance(time.Minute)
	_, err = calls.SetActionCheckIn(ctx, actionID, clock.T.Add(15*time.Minute), "Priya")
	must(err)
	clock.Advance(time.Minute)
	_, err = calls.SetActionState(ctx, actionID, backend.ActionDone, "Sam")
	must(err)
	_, err = calls.RecordStatus(ctx, inc.ID, "Payments failing in EU; next update 14:45", backend.AudienceExternal, clock.T.Add(30*time.Minute), "Priya")
	must(err)
	_, err = calls.RecordStatus(ctx, inc.ID, "Failover started", backend.AudienceInternal, time.Time{}, "Priya")
	must(err)

	clock.Advance(2 * time.Minute)
	watchStart := MustCreateEntry(tb, db, inc.ID, "phase: monitoring error rate back under 1%", clock.T)
	berlin := time.FixedZone("CET", 3600)
	must(calls.SaveWatch(ctx, inc.ID, backend.WatchRecord{StartEntryID: watchStart.ID, Minutes: 45, Criteria: []backend.WatchCriterion{
		{Text: "error rate under 1% for 30 min", Done: true, DoneAt: clock.T.In(berlin), DoneBy: "Priya"},
		{Text: "no new tickets"},
	}}, "Watch extended to 45 min", "Priya"))
	_, err = calls.SetSecurity(ctx, inc.ID, true, time.Time{}, false, "", "Priya")
	must(err)
	_, err = calls.TickSecurity(ctx, inc.ID, "legal_reporting", true, "Ana")
	must(err)
	_, err = calls.TickSecurity(ctx, inc.ID, "legal_insurance", false, "Ana")
	must(err)
	page, err := calls.Page(ctx, inc.ID, "Jon", 2, "Priya")
	must(err)
	_, err = calls.AnswerPage(ctx, page.ID, backend.PageJoined, "Priya")
	must(err)
	_, err = calls.Page(ctx, inc.ID, "Lee", 3, "Priya")
	must(err)
	must(calls.MarkFired(ctx, inc.ID, "status:1", clock.T))
	must(calls.AckReminder(ctx, inc.ID, "status:1", "Priya"))
	must(calls.SnoozeReminder(ctx, inc.ID, "action:7", clock.T.Add(5*time.Minute), "Sam"))

	clock.Advance(time.Minute)
	_, err = records.AddAttachment(ctx, backend.AttachmentCreate{IncidentID: inc.ID, Name: "error-graph.png",
		Data: pngBytes(tb, 40, 30), Author: "Sam", AuthorRole: backend.RoleScribe})
	must(err)
	_, err = records.AddAttachment(ctx, backend.AttachmentCreate{IncidentID: inc.ID, Name: "/var/log/app.log",
		Data: []byte("14:02:01 ERROR 502 upstream\n14:02:02 ERROR 502 upstream\n"), Caption: "App log around the deploy",
		Internal: true, OccurredAt: at(3 * time.Minute)})
	must(err)
	_, err = records.ImportEntries(ctx, inc.ID, []backend.ImportedEntry{
		{OccurredAt: at(150 * time.Second), Kind: backend.KindNote, Text: "is anyone looking at payments?", Author: "Jon Doe", Source: "zoom", SourceKey: "zoom:1"},
		{OccurredAt: at(200 * time.Second), Kind: backend.KindAction, Text: "check the CDN", Owner: "lee", Author: "Priya", Source: "zoom", SourceKey: "zoom:2"},
	})
	must(err)
	return MustFindIncident(tb, db, inc.ID)
}

func TestRecordService_Report(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		db, clock := MustOpenDB(t)
		inc := richIncident(t, db, clock)
		rep := mustReport(t, db, inc.ID)

		if got, want := rep.Incident.Severity, backend.SEV1; got != want {
			t.Errorf("got severity %s, want %s", got, want)
		}
		hidden, withFile := 0, 0
		for i, e := range rep.Entries {
			if !e.DeletedAt.IsZero() {
				hidden++
			}
			if e.Attachment != nil {
				withFile++
				if a := rep.Attachments[e.ID]; a.ID != e.Attachment.ID {
					t.Errorf("got Attachments[%d] %+v, want the entry's attachment %+v", e.ID, a, e.Attachment)
				}
			}
			if i > 0 && e.OccurredAt.Before(rep.Entries[i-1].OccurredAt) {
				t.Errorf("got entry %d at %s after one at %s, want time order", e.ID, e.OccurredAt, rep.Entries[i-1].OccurredAt)
			}
		}
		if got, want := hidden, 1; got != want {
			t.Errorf("got %d hidden entries, want %d", got, want)
		}
		if got, want := withFile, 2; got != want {
			t.Errorf("got %d entries with attachments, want %d", got, want)
		}
		if got, want := len(rep.Entries), inc.EntryCount+1; got != want {
			t.Errorf("got %d entries, want %d (visible ones plus the hidden one)", got, want)
		}
		if got, want := len(rep.Revisions), 1; got != want {
			t.Errorf("got revisions of %d entries, want %d", got, want)
		}
		if len(rep.Actions) != 1 || rep.Actions[0].State != backend.ActionDone {
			t.Errorf("got actions %+v, want the one done action (imported ones are not tracked)", rep.Actions)
		}
		if got, want := len(rep.Updates), 2; got != want {
			t.Errorf("got %d status updates, want %d", got, want)
		}
		if got, want := len(rep.Pages), 2; got != want {
			t.Errorf("got %d pages, want %d", got, want)
		}
		if !rep.Security.On || len(rep.Watches) != 1 || len(rep.Roles) != 1 {
			t.Errorf("got security %v, watches %d, roles %d; want flagged, 1, 1", rep.Security.On, len(rep.Watches), len(rep.Roles))
		}

		rec := rep.Record
		if got, want := len(rec.Entries), len(rep.Entries); got != want {
			t.Fatalf("got %d record entries, want %d", got, want)
		}
		for i, e := range rec.Entries {
			if e.Ref != i+1 {
				t.Errorf("got ref %d at position %d, want %d", e.Ref, i, i+1)
			}
			if e.OccurredAt.Location() != time.UTC || e.RecordedAt.Location() != time.UTC {
				t.Errorf("got entry %d times in %s/%s, want UTC", e.Ref, e.OccurredAt.Location(), e.RecordedAt.Location())
			}
			if e.Overrode != 0 && rec.Entries[e.Overrode-1].Kind != backend.KindMitigation {
				t.Errorf("got entry %d overriding ref %d (%s), want a mitigation", e.Ref, e.Overrode, rec.Entries[e.Overrode-1].Kind)
			}
		}
		if got, want := len(rec.ActionEvents), 3; got != want {
			t.Errorf("got %d action events, want %d (acknowledged, check-in, done)", got, want)
		}
		for _, ev := range rec.ActionEvents {
			if got := rec.Entries[ev.Action-1]; got.Kind != backend.KindAction || got.Owner != "sam" {
				t.Errorf("got an event for ref %d (%+v), want the asking action entry", ev.Action, got)
			}
		}
		if rec.Security == nil || len(rec.Security.Checklist) != 2 || len(rec.Reminders) != 2 {
			t.Errorf("got security %+v and reminders %+v, want the flag, two checklist rows and two reminders", rec.Security, rec.Reminders)
		}
		if w := rec.Watches; len(w) != 1 || w[0].Criteria[0].DoneAt.Location() != time.UTC {
			t.Errorf("got watches %+v, want one with times in UTC", w)
		}
		data, err := rep.AttachmentData(context.Background(), rep.Entries[len(rep.Entries)-1].Attachment.ID)
		if err != nil || len(data) == 0 {
			t.Errorf("got attachment data of %d bytes, %v; want the file", len(data), err)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		_, err := sqlite.NewRecordService(db).Report(context.Background(), 42)
		wantError(t, err, backend.ENOTFOUND, "No incident with id 42")
	})
}

func TestRecordService_ImportRecord(t *testing.T) {
	ctx := context.Background()

	t.Run("RoundTripIsByteIdentical", func(t *testing.T) {
		src, clock := MustOpenDB(t)
		inc := richIncident(t, src, clock)
		first := mustMarshal(t, mustReport(t, src, inc.ID).Record)

		dst, _ := MustOpenDB(t)
		// Ids in the new database differ from the old: an incident first
		// makes sure the refs, not the ids, carry the links.
		MustCreateEntry(t, dst, MustCreateIncident(t, dst, "Something else", backend.SEV4).ID, "a: @mo unrelated", t0)
		got, err := sqlite.NewRecordService(dst).ImportRecord(ctx, mustUnmarshal(t, first))
		if err != nil {
			t.Fatal(err)
		}
		second := mustMarshal(t, mustReport(t, dst, got.ID).Record)
		if !bytes.Equal(first, second) {
			t.Fatalf("got a different record after import:\nfirst  %s\nsecond %s", first, second)
		}

		want := MustFindIncident(t, src, inc.ID)
		want.ID = got.ID
		if *got != *want {
			t.Errorf("got incident %+v, want %+v", got, want)
		}
		hits, err := sqlite.NewEntryService(dst).Search(ctx, "stampede", got.ID, 10)
		if err != nil || len(hits) != 1 {
			t.Errorf("got %d hits, %v for an imported entry's word, want 1", len(hits), err)
		}
		if acts := mustActions(t, dst, got.ID); len(acts) != 1 || acts[0].State != backend.ActionDone {
			t.Errorf("got actions %+v after import, want the done action", acts)
		}
	})

	// Smaller incidents leave lists empty and the security record half
	// there; they must come back the same too.
	for name, build := range map[string]func(t *testing.T, db *sqlite.DB) int64{
		"RoundTripDeclaredOnly": func(t *testing.T, db *sqlite.DB) int64 {
			return MustCreateIncident(t, db, "Quiet one", backend.SEV4).ID
		},
		"RoundTripChecklistWithoutFlag": func(t *testing.T, db *sqlite.DB) int64 {
			inc := MustCreateIncident(t, db, "Maybe a breach", backend.SEV3)
			if _, err := sqlite.NewCallService(db).TickSecurity(ctx, inc.ID, "legal_contracts", true, "Ana"); err != nil {
				t.Fatal(err)
			}
			return inc.ID
		},
	} {
		t.Run(name, func(t *testing.T) {
			src, _ := MustOpenDB(t)
			first := mustMarshal(t, mustReport(t, src, build(t, src)).Record)
			dst, _ := MustOpenDB(t)
			got, err := sqlite.NewRecordService(dst).ImportRecord(ctx, mustUnmarshal(t, first))
			if err != nil {
				t.Fatal(err)
			}
			if second := mustMarshal(t, mustReport(t, dst, got.ID).Record); !bytes.Equal(first, second) {
				t.Fatalf("got a different record after import:\nfirst  %s\nsecond %s", first, second)
			}
		})
	}

	t.Run("ErrAlreadyHere", func(t *testing.T) {
		db, clock := MustOpenDB(t)
		inc := richIncident(t, db, clock)
		rec := mustUnmarshal(t, mustMarshal(t, mustReport(t, db, inc.ID).Record))
		before := rowCounts(t, db)
		_, err := sqlite.NewRecordService(db).ImportRecord(ctx, rec)
		wantError(t, err, backend.ECONFLICT, `This incident is already here as #1 "Checkout errors in EU": nothing was imported`)
		wantUnchanged(t, db, before)
	})

	t.Run("EmptyUIDGetsOne", func(t *testing.T) {
		src, clock := MustOpenDB(t)
		rec := mustReport(t, src, richIncident(t, src, clock).ID).Record
		rec.Incident.UID = ""
		db, _ := MustOpenDB(t)
		records := sqlite.NewRecordService(db)
		a, err := records.ImportRecord(ctx, rec)
		if err != nil {
			t.Fatal(err)
		}
		b, err := records.ImportRecord(ctx, rec)
		if err != nil {
			t.Fatalf("got %v importing a record without a UID twice, want two incidents", err)
		}
		if uid := regexp.MustCompile(`^[0-9a-f]{32}$`); !uid.MatchString(a.UID) || a.UID == b.UID {
			t.Errorf("got UIDs %q and %q, want two different random ones", a.UID, b.UID)
		}
	})

	for _, tc := range []struct {
		name, code, msg string
		edit            func(rec *backend.Record)
	}{
		{"ErrWrongFormat", backend.EINVALID, "This file is not a Bridgelog incident record",
			func(rec *backend.Record) { rec.Format = "slack.export" }},
		{"ErrNewerVersion", backend.EINVALID, "This file was written by a newer Bridgelog (record version 2; this one reads version 1): update Bridgelog to import it",
			func(rec *backend.Record) { rec.Version = backend.RecordVersion + 1 }},
		{"ErrBadRef", backend.EINVALID, "names entry 999",
			func(rec *backend.Record) { rec.Actions[0].Entry = 999 }},
		{"ErrBadEventAction", backend.EINVALID, "does not hold",
			func(rec *backend.Record) { rec.ActionEvents[0].Action = 1 }},
		{"ErrRefsOutOfOrder", backend.EINVALID, "refs number the entries",
			func(rec *backend.Record) { rec.Entries[3].Ref = 7 }},
		{"ErrBadSeverity", backend.EINVALID, `severity "SEV9"`,
			func(rec *backend.Record) {
				rec.Entries[len(rec.Entries)-1].Kind, rec.Entries[len(rec.Entries)-1].Severity = backend.KindSeverity, "SEV9"
			}},
		{"ErrBadPhase", backend.EINVALID, `phase "done"`,
			func(rec *backend.Record) { rec.Entries[0].Kind, rec.Entries[0].Phase = backend.KindPhase, "done" }},
		{"ErrBadKind", backend.EINVALID, `unknown kind "gossip"`,
			func(rec *backend.Record) { rec.Entries[2].Kind = "gossip" }},
		{"ErrShaMismatch", backend.EINVALID, "does not match its checksum",
			func(rec *backend.Record) {
				for i := range rec.Entries {
					if a := rec.Entries[i].Attachment; a != nil {
						a.Data[len(a.Data)/2] ^= 0xff
					}
				}
			}},
		{"ErrNotAnImage", backend.EINVALID, "Only PNG or JPEG screenshots and text log files",
			func(rec *backend.Record) {
				for i := range rec.Entries {
					if a := rec.Entries[i].Attachment; a != nil {
						a.Data = []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00")
						sum := sha256.Sum256(a.Data)
						a.SHA256, a.Size = hex.EncodeToString(sum[:]), int64(len(a.Data))
					}
				}
			}},
		{"ErrNoTitle", backend.EINVALID, "This incident record is damaged (the incident has no title)",
			func(rec *backend.Record) { rec.Incident.Title = "  " }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, clock := MustOpenDB(t)
			rec := mustUnmarshal(t, mustMarshal(t, mustReport(t, src, richIncident(t, src, clock).ID).Record))
			rec.Incident.UID = "0123456789abcdef0123456789abcdef"
			tc.edit(rec)
			db, _ := MustOpenDB(t)
			MustCreateIncident(t, db, "Already here", backend.SEV3)
			before := rowCounts(t, db)
			_, err := sqlite.NewRecordService(db).ImportRecord(ctx, rec)
			wantError(t, err, tc.code, tc.msg)
			wantUnchanged(t, db, before)
		})
	}

	t.Run("ErrNil", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		_, err := sqlite.NewRecordService(db).ImportRecord(ctx, nil)
		wantError(t, err, backend.EINVALID, "This file is not a Bridgelog incident record")
	})
}
