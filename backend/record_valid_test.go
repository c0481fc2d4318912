package backend_test

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
)

// soundRecord is a small record that keeps every rule: a severity, an
// action with its event and a status update, a watch, an attachment, the
// security flag, a page and a reminder.
func soundRecord() *backend.Record {
	t0 := time.Date(2026, 11, 21, 14, 0, 0, 0, time.UTC)
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	data := []byte("502 at 14:02\n")
	sum := sha256.Sum256(data)
	return &backend.Record{
		Format: backend.RecordFormat, Version: backend.RecordVersion,
		Incident: backend.RecordIncident{UID: "0f1e2d3c4b5a69788796a5b4c3d2e1f0", Title: "EU logins failing",
			DeclaredAt: at(0), CreatedAt: at(0), UpdatedAt: at(30)},
		Entries: []backend.RecordEntry{
			{Ref: 1, UID: "01JD4S8WQ0Z9X3T5V7N2B6M1KC", Kind: backend.KindSeverity, Severity: backend.SEV2, Text: "Declared", Raw: "sev2 Declared", OccurredAt: at(0), RecordedAt: at(0)},
			{Ref: 2, Kind: backend.KindAction, Text: "restart the cache", Raw: "a: restart the cache", OccurredAt: at(2), RecordedAt: at(2)},
			{Ref: 3, Kind: backend.KindNote, Text: "Acknowledged", Raw: "Acknowledged", OccurredAt: at(3), RecordedAt: at(3),
				Revisions: []backend.RecordRevision{{Raw: "ack", Text: "ack", Kind: backend.KindNote, OccurredAt: at(3), RevisedAt: at(4)}}},
			{Ref: 4, Kind: backend.KindStatus, Text: "SEV2: EU logins failing", Raw: "status: SEV2: EU logins failing", OccurredAt: at(5), RecordedAt: at(5)},
			{Ref: 5, Kind: backend.KindEvidence, Text: "File edge.log", Raw: "File edge.log", OccurredAt: at(6), RecordedAt: at(6),
				Attachment: &backend.RecordAttachment{Name: "edge.log", MIME: "text/plain; charset=utf-8", Size: int64(len(data)),
					SHA256: hex.EncodeToString(sum[:]), CreatedAt: at(6), Data: data}},
			{Ref: 6, Kind: backend.KindPhase, Phase: backend.PhaseMonitoring, Text: "monitoring", Raw: "phase: monitoring", OccurredAt: at(7), RecordedAt: at(7)},
		},
		Actions:       []backend.RecordAction{{Entry: 2, State: backend.ActionAcknowledged, UpdatedAt: at(3)}},
		ActionEvents:  []backend.RecordActionEvent{{Entry: 3, Action: 2, State: backend.ActionAcknowledged}},
		StatusUpdates: []backend.RecordStatusUpdate{{Entry: 4, Audience: backend.AudienceInternal}},
		Watches:       []backend.RecordWatch{{StartEntry: 6, Minutes: 30, UpdatedAt: at(7)}},
		Security:      &backend.RecordSecurity{Flagged: true, UpdatedAt: at(8), Checklist: []backend.RecordChecklistItem{{Item: "dpo"}}},
		Pages:         []backend.RecordPage{{Person: "Sam", Level: 1, State: backend.PagePaged, PagedAt: at(1)}},
		Reminders:     []backend.RecordReminder{{Key: "status"}},
	}
}

func TestRecord_Validate(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		if err := soundRecord().Validate(); err != nil {
			t.Errorf("got %v for a sound record, want nil", err)
		}
	})
	t.Run("NoIncidentIDIsACopy", func(t *testing.T) {
		r := soundRecord()
		r.Incident.UID = ""
		if err := r.Validate(); err != nil {
			t.Errorf("got %v, want nil: the store imports it as a copy", err)
		}
	})
	t.Run("ErrNil", func(t *testing.T) {
		var r *backend.Record
		wantRefused(t, r.Validate(), `This file is not a Bridgelog incident record (its format is ""): choose a .json file Bridgelog exported`)
	})
	damaged := func(what string) string {
		return "This incident record is damaged (" + what + "): nothing was imported. Export it again from the Bridgelog it came from"
	}
	for _, tc := range []struct {
		name, message string
		edit          func(r *backend.Record)
	}{
		{"ErrFormat", `This file is not a Bridgelog incident record (its format is "slack.export"): choose a .json file Bridgelog exported`,
			func(r *backend.Record) { r.Format = "slack.export" }},
		{"ErrNewerVersion", "This file was written by a newer Bridgelog (record version 2; this one reads version 1): update Bridgelog to import it",
			func(r *backend.Record) { r.Version = 2 }},
		{"ErrNoVersion", "This file has no valid record version (it says 0): the file is damaged; export the incident again",
			func(r *backend.Record) { r.Version = 0 }},
		{"ErrNoTitle", damaged("the incident has no title"), func(r *backend.Record) { r.Incident.Title = "\x00 \u202e" }},
		{"ErrLongTitle", damaged("the title is 201 characters; a title has at most 200"),
			func(r *backend.Record) { r.Incident.Title = strings.Repeat("é", 201) }},
		{"ErrLongUID", damaged("the incident id is 101 characters long"), func(r *backend.Record) { r.Incident.UID = strings.Repeat("u", 101) }},
		{"ErrNoDeclaration", damaged("the incident has no declaration, creation or change time"),
			func(r *backend.Record) { r.Incident.DeclaredAt = time.Time{} }},
		{"ErrRefOrder", damaged("entry 3 has ref 7; refs number the entries 1, 2, 3... in order"), func(r *backend.Record) { r.Entries[2].Ref = 7 }},
		{"ErrKind", damaged(`entry 1 has the unknown kind "gossip"`), func(r *backend.Record) { r.Entries[0].Kind = "gossip" }},
		{"ErrNoRecordedTime", damaged("entry 2 has no time"), func(r *backend.Record) { r.Entries[1].RecordedAt = time.Time{} }},
		{"ErrLongEntry", damaged("entry 2 is 65 KiB; an entry holds at most 64 KiB"),
			func(r *backend.Record) { r.Entries[1].Text = strings.Repeat("x", 65*1024) }},
		{"ErrSeverity", damaged(`entry 1 has the unknown severity "SEV9"`), func(r *backend.Record) { r.Entries[0].Severity = "SEV9" }},
		{"ErrPhaseMissing", damaged(`entry 6 has the unknown phase ""`), func(r *backend.Record) { r.Entries[5].Phase = "" }},
		{"ErrRole", damaged(`entry 2 gives role "boss" to ""`), func(r *backend.Record) { r.Entries[1].Role = "boss" }},
		{"ErrOverrodeItself", damaged("entry 2 overrode entry 2, which is not in the record"), func(r *backend.Record) { r.Entries[1].Overrode = 2 }},
		{"ErrSameMessage", damaged(`entries 1 and 2 are the same imported message "zoom:1"`),
			func(r *backend.Record) { r.Entries[0].SourceKey, r.Entries[1].SourceKey = "zoom:1", "zoom:1" }},
		{"ErrRevision", damaged("a revision of entry 3 has no time"), func(r *backend.Record) { r.Entries[2].Revisions[0].RevisedAt = time.Time{} }},
		{"ErrAttachmentSize", damaged(`the attachment of entry 5 ("edge.log") is 13 bytes, not the 1 it should be`),
			func(r *backend.Record) { r.Entries[4].Attachment.Size = 1 }},
		{"ErrAttachmentChecksum", damaged(`the attachment of entry 5 ("edge.log") does not match its checksum`),
			func(r *backend.Record) { r.Entries[4].Attachment.Data[0] = '4' }},
		{"ErrNotAULID", damaged(`entry 1 has the id "row-1", which is not a ULID`), func(r *backend.Record) { r.Entries[0].UID = "row-1" }},
		{"ErrSameID", damaged("entry 1 and entry 2 have the same id 01JD4S8WQ0Z9X3T5V7N2B6M1KC"),
			func(r *backend.Record) { r.Entries[1].UID = r.Entries[0].UID }},
		{"ErrActionRef", damaged("an action names entry 99, but the record has entries 1 to 6"), func(r *backend.Record) { r.Actions[0].Entry = 99 }},
		{"ErrActionState", damaged(`the action of entry 2 is "maybe"`), func(r *backend.Record) { r.Actions[0].State = "maybe" }},
		{"ErrEventAction", damaged("entry 3 records a change of an action the record does not hold (entry 1)"),
			func(r *backend.Record) { r.ActionEvents[0].Action = 1 }},
		{"ErrEventState", damaged(`entry 3 records an action becoming "later"`), func(r *backend.Record) { r.ActionEvents[0].State = "later" }},
		{"ErrTwoUpdates", damaged("entry 4 has two status updates"),
			func(r *backend.Record) { r.StatusUpdates = append(r.StatusUpdates, r.StatusUpdates[0]) }},
		{"ErrAudience", damaged(`the status update of entry 4 is for the unknown audience "press"`),
			func(r *backend.Record) { r.StatusUpdates[0].Audience = "press" }},
		{"ErrWatch", damaged("the watch of entry 6 lasts -1 minutes or has no change time"), func(r *backend.Record) { r.Watches[0].Minutes = -1 }},
		{"ErrSecurity", damaged("the security flag has no change time"), func(r *backend.Record) { r.Security.UpdatedAt = time.Time{} }},
		{"ErrPage", damaged(`a page of "Sam" (level 0, "paged") is incomplete`), func(r *backend.Record) { r.Pages[0].Level = 0 }},
		{"ErrReminderName", damaged(`a reminder has the name "", empty or too long to be real`), func(r *backend.Record) { r.Reminders[0].Key = "" }},
		{"ErrReminderTwice", damaged(`reminder "status" is named twice`),
			func(r *backend.Record) { r.Reminders = append(r.Reminders, r.Reminders[0]) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := soundRecord()
			tc.edit(r)
			wantRefused(t, r.Validate(), tc.message)
		})
	}
}

func wantRefused(tb testing.TB, err error, message string) {
	tb.Helper()
	if got, want := backend.ErrorCode(err), backend.EINVALID; got != want {
		tb.Errorf("got code %q (%v), want %q", got, err, want)
	}
	if got, want := backend.ErrorMessage(err), message; got != want {
		tb.Errorf("got message\n\t%q\nwant\n\t%q", got, want)
	}
}
