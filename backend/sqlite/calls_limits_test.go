package sqlite_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// What the IC's clocks accept from a person is bounded and cleaned like a
// typed line: a name is a name, a reason is text, and a note on the timeline
// is never larger than an entry may be.
func TestCallService_Limits(t *testing.T) {
	ctx := context.Background()
	db, clock := MustOpenDB(t)
	calls := sqlite.NewCallService(db)
	inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
	long := strings.Repeat("x", 1<<20)
	t.Run("ErrPageNameTooLong", func(t *testing.T) {
		_, err := calls.Page(ctx, inc.ID, long, 1, "Priya")
		wantError(t, err, backend.EINVALID, "write the person's name")
	})
	t.Run("ErrHandoffNameTooLong", func(t *testing.T) {
		_, err := calls.Handoff(ctx, inc.ID, backend.RoleIC, long, "", "Priya")
		wantError(t, err, backend.EINVALID, "write the person's name")
	})
	t.Run("ReasonCleaned", func(t *testing.T) {
		if _, err := calls.SetSecurity(ctx, inc.ID, true, clock.T.Add(-time.Hour), false, "", "Priya"); err != nil {
			t.Fatal(err)
		}
		_, err := calls.SetSecurity(ctx, inc.ID, true, clock.T.Add(-2*time.Hour), true, "\u202E\x00 ", "Priya")
		wantError(t, err, backend.EINVALID, "Say why")
		_, err = calls.SetSecurity(ctx, inc.ID, true, clock.T.Add(-2*time.Hour), true, long, "Priya")
		wantError(t, err, backend.ETOOLARGE, "The reason is")
		if _, err := calls.SetSecurity(ctx, inc.ID, true, clock.T.Add(-2*time.Hour), true, "log\x00 shows\u202E it", "Priya"); err != nil {
			t.Fatal(err)
		}
		list, err := sqlite.NewEntryService(db).ListEntries(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := list[len(list)-1].Text; !strings.HasSuffix(got, ": log shows it") {
			t.Errorf("got note %q, want the reason cleaned of NUL and override", got)
		}
	})
	t.Run("ErrUnknownKeyQuotedShort", func(t *testing.T) {
		_, err := calls.TickSecurity(ctx, inc.ID, long, true, "Priya")
		wantError(t, err, backend.EINVALID, "Unknown checklist item")
		if msg := backend.ErrorMessage(err); len(msg) > 200 {
			t.Errorf("got a message of %d bytes, want the key cut short", len(msg))
		}
	})
	t.Run("ErrNoteTooLarge", func(t *testing.T) {
		start := MustCreateEntry(t, db, inc.ID, "phase: monitoring", clock.T)
		err := calls.SaveWatch(ctx, inc.ID, backend.WatchRecord{StartEntryID: start.ID, Minutes: 30}, long, "Priya")
		wantError(t, err, backend.ETOOLARGE, "an entry holds up to 64 KiB")
	})
}
