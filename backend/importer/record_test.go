package importer_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/importer"
)

// sampleRecord is a small but complete record: entries of several kinds, an
// action with its event, a status update, a watch and an attachment.
func sampleRecord() *backend.Record {
	at := func(min int) time.Time { return time.Date(2026, 11, 21, 22, min, 0, 0, time.UTC) }
	sum := sha256.Sum256(tinyPNG)
	next := at(55)
	return &backend.Record{
		Format: backend.RecordFormat, Version: backend.RecordVersion,
		Incident: backend.RecordIncident{UID: "0f1e2d3c4b5a69788796a5b4c3d2e1f0", Title: "EU logins failing",
			DeclaredAt: at(10), CreatedAt: at(10), UpdatedAt: at(50)},
		Entries: []backend.RecordEntry{
			{Ref: 1, Kind: backend.KindSeverity, Severity: backend.SEV2, Text: "Declared", Raw: "sev2 Declared", OccurredAt: at(10), RecordedAt: at(10), Key: true},
			{Ref: 2, Kind: backend.KindAction, Text: "restart the cache", Raw: "a: @jon restart the cache 10m", Owner: "jon", CheckIn: 10, OccurredAt: at(12), RecordedAt: at(12)},
			{Ref: 3, Kind: backend.KindStatus, Text: "SEV2: EU logins failing", Raw: "status: SEV2: EU logins failing", OccurredAt: at(15), RecordedAt: at(15)},
			{Ref: 4, Kind: backend.KindNote, Text: "TL: deploy 41 touched the cache", Raw: "TL: deploy 41 touched the cache", Key: true, OccurredAt: at(16), RecordedAt: at(20), Source: "zoom", SourceKey: "zoom:abc"},
			{Ref: 5, Kind: backend.KindEvidence, Text: "Screenshot error-rate.png", Raw: "Screenshot error-rate.png", OccurredAt: at(18), RecordedAt: at(18),
				Attachment: &backend.RecordAttachment{Name: "error-rate.png", MIME: "image/png", Size: int64(len(tinyPNG)), SHA256: hex.EncodeToString(sum[:]), Width: 1, Height: 1, CreatedAt: at(18), Data: tinyPNG}},
			{Ref: 6, Kind: backend.KindMitigation, Text: "rollback", Raw: "m: rollback", OccurredAt: at(20), RecordedAt: at(20)},
		},
		Actions:       []backend.RecordAction{{Entry: 2, State: backend.ActionDone, UpdatedAt: at(30)}},
		ActionEvents:  []backend.RecordActionEvent{{Entry: 6, Action: 2, State: backend.ActionDone}},
		StatusUpdates: []backend.RecordStatusUpdate{{Entry: 3, Audience: backend.AudienceInternal, NextAt: &next}},
		Watches:       []backend.RecordWatch{{StartEntry: 6, Minutes: 15, UpdatedAt: at(20)}},
		Pages:         []backend.RecordPage{},
		Reminders:     []backend.RecordReminder{},
	}
}

func marshal(t testing.TB, v any) []byte {
	t.Helper()
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseRecord(t *testing.T) {
	want := sampleRecord()
	data := marshal(t, want)
	t.Run("OK", func(t *testing.T) {
		got, err := importer.ParseRecord("incident.json", data)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %+v, want %+v", got, want)
		}
		res := mustParse(t, "incident.json", append([]byte("\uFEFF"), data...), importer.Options{})
		if res.Format != importer.FormatBridgelog || !reflect.DeepEqual(res.Record, want) || len(res.Messages) != 0 {
			t.Errorf("Parse: got format %q, record equal %v", res.Format, reflect.DeepEqual(res.Record, want))
		}
	})
	t.Run("UnknownFieldsIgnored", func(t *testing.T) {
		var m map[string]any
		json.Unmarshal(data, &m)
		m["addedLater"] = map[string]any{"x": 1}
		if _, err := importer.ParseRecord("incident.json", marshal(t, m)); err != nil {
			t.Errorf("a record with a field added by a newer Bridgelog of the same version: %v", err)
		}
	})
	for _, tc := range []struct {
		name   string
		change func(r *backend.Record)
		parts  []string
	}{
		{"WrongFormat", func(r *backend.Record) { r.Format = "other.tool" }, []string{`incident.json is not a Bridgelog incident record (its format is "other.tool")`}},
		{"NewerVersion", func(r *backend.Record) { r.Version = backend.RecordVersion + 1 }, []string{"written by a newer Bridgelog", "update Bridgelog"}},
		{"NoVersion", func(r *backend.Record) { r.Version = 0 }, []string{"has no valid record version"}},
		{"RefOutOfOrder", func(r *backend.Record) { r.Entries[2].Ref = 7 }, []string{"entry 3 has ref 7"}},
		{"UnknownKind", func(r *backend.Record) { r.Entries[0].Kind = "gossip" }, []string{`entry 1 has the unknown kind "gossip"`}},
		{"UnknownSeverity", func(r *backend.Record) { r.Entries[0].Severity = "SEV9" }, []string{`entry 1 has the unknown severity "SEV9"`}},
		{"UnknownAudience", func(r *backend.Record) { r.StatusUpdates[0].Audience = "press" }, []string{`unknown audience "press"`}},
		{"ActionRef", func(r *backend.Record) { r.Actions[0].Entry = 99 }, []string{"an action names entry 99, but the record has entries 1 to 6"}},
		{"EventRef", func(r *backend.Record) { r.ActionEvents[0].Action = 0 }, []string{"entry 6 records a change of an action the record does not hold (entry 0)"}},
		{"StatusRef", func(r *backend.Record) { r.StatusUpdates[0].Entry = -1 }, []string{"a status update names entry -1"}},
		{"WatchRef", func(r *backend.Record) { r.Watches[0].StartEntry = 7 }, []string{"a watch names entry 7"}},
		{"AttachmentChecksum", func(r *backend.Record) {
			r.Entries[4].Attachment.Data = []byte("not a png at all")
			r.Entries[4].Attachment.Size = 16
		}, []string{`the attachment of entry 5 ("error-rate.png") does not match its checksum`}},
		{"AttachmentSize", func(r *backend.Record) { r.Entries[4].Attachment.Size = 1 }, []string{fmt.Sprintf("is %d bytes, not the 1", len(tinyPNG))}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := sampleRecord()
			tc.change(r)
			_, err := importer.ParseRecord("incident.json", marshal(t, r))
			wantError(t, err, backend.EINVALID, tc.parts...)
		})
	}
	// A record with no incident id is read: the store imports it as a copy
	// under a new id (see sqlite.RecordService.ImportRecord).
	t.Run("NoUIDIsACopy", func(t *testing.T) {
		r := sampleRecord()
		r.Incident.UID = ""
		got, err := importer.ParseRecord("incident.json", marshal(t, r))
		if err != nil {
			t.Fatalf("got %v, want the record read", err)
		}
		if got.Incident.UID != "" || got.Incident.Title != r.Incident.Title {
			t.Errorf("got incident %+v, want %+v", got.Incident, r.Incident)
		}
	})
	t.Run("MissingFormat", func(t *testing.T) {
		_, err := importer.ParseRecord("incident.json", []byte(`{"version":1}`))
		wantError(t, err, backend.EINVALID, "it has no format field")
	})
	t.Run("WrongType", func(t *testing.T) {
		_, err := importer.ParseRecord("incident.json", []byte("{\"format\":\"bridgelog.incident-record\",\"version\":1,\n\"entries\":{}}"))
		wantError(t, err, backend.EINVALID, `Line 2 of incident.json: "entries" is an object, not a list`, "export the incident again")
	})
}
