package sqlite_test

import (
	"context"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// The cached snapshot is served until any write that could change it ends,
// through every service that writes; a draft save keeps it.
func TestCallService_SnapshotCache(t *testing.T) {
	ctx := context.Background()
	db, clock := MustOpenDB(t)
	calls, entries, incidents := sqlite.NewCallService(db), sqlite.NewEntryService(db), sqlite.NewIncidentService(db)
	records := sqlite.NewRecordService(db)
	inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
	snap := func() *backend.Snapshot {
		t.Helper()
		s, err := calls.Snapshot(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	first := snap()
	if again := snap(); again != first {
		t.Fatal("a second read with no write in between read the file again")
	}
	if err := entries.SaveDraft(ctx, backend.Draft{IncidentID: inc.ID, Text: "d: roll back", StartedAt: clock.T}); err != nil {
		t.Fatal(err)
	}
	if snap() != first {
		t.Error("a draft save dropped the cached snapshot")
	}
	if err := entries.ClearDraft(ctx, inc.ID); err != nil {
		t.Fatal(err)
	}
	if snap() != first {
		t.Error("a draft clear dropped the cached snapshot")
	}

	writes := []struct {
		name  string
		write func() error
		saw   func(*backend.Snapshot) bool
	}{
		{"an entry", func() error { MustCreateEntry(t, db, inc.ID, "d: roll back cart", at(time.Minute)); return nil },
			func(s *backend.Snapshot) bool { return find(s, "roll back cart") != nil }},
		{"a header change", func() error {
			sev := backend.SEV1
			_, err := incidents.UpdateIncident(ctx, inc.ID, backend.IncidentUpdate{Severity: &sev})
			return err
		}, func(s *backend.Snapshot) bool { return s.Incident.Severity == backend.SEV1 }},
		{"an action", func() error {
			MustCreateEntry(t, db, inc.ID, "a: @sam restart the pods", at(2*time.Minute))
			return nil
		},
			func(s *backend.Snapshot) bool { return len(s.Actions) == 1 }},
		{"an action's state", func() error {
			_, err := calls.SetActionState(ctx, snap().Actions[0].ID, backend.ActionDone, "Priya")
			return err
		}, func(s *backend.Snapshot) bool { return s.Actions[0].State == backend.ActionDone }},
		{"a hidden entry", func() error { return entries.DeleteEntry(ctx, find(snap(), "roll back cart").ID) },
			func(s *backend.Snapshot) bool { return find(s, "roll back cart") == nil }},
		{"an attachment", func() error {
			_, err := records.AddAttachment(ctx, backend.AttachmentCreate{IncidentID: inc.ID, Caption: "m: failover",
				Name: "log.txt", Data: []byte("boom")})
			return err
		}, func(*backend.Snapshot) bool { return true }}, // evidence is not among a snapshot's kinds: a fresh read is enough
	}
	for _, w := range writes {
		before := snap()
		if err := w.write(); err != nil {
			t.Fatalf("%s: %v", w.name, err)
		}
		after := snap()
		if after == before || !w.saw(after) {
			t.Errorf("after %s the snapshot was the stale one", w.name)
		}
	}
}

// find returns the snapshot's entry with text, or nil.
func find(s *backend.Snapshot, text string) *backend.Entry {
	for _, e := range s.Entries {
		if e.Text == text {
			return e
		}
	}
	return nil
}
