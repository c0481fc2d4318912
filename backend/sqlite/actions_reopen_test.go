package sqlite_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// TestCallService_ReopenAction: an action closed by mistake goes back to
// where it stood, with the reopening on the timeline; an open one cannot be
// reopened.
func TestCallService_ReopenAction(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		acked bool
		close backend.ActionState
		want  backend.ActionState
	}{
		{"DoneBeforeAck", false, backend.ActionDone, backend.ActionAsked},
		{"AbandonedAfterAck", true, backend.ActionAbandoned, backend.ActionAcknowledged},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := MustOpenDB(t)
			calls := sqlite.NewCallService(db)
			inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
			MustCreateEntry(t, db, inc.ID, "a: @sam restart the queue", at(2*time.Minute))
			a := mustActions(t, db, inc.ID)[0]
			if tc.acked {
				if _, err := calls.SetActionState(ctx, a.ID, backend.ActionAcknowledged, "Priya"); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := calls.SetActionState(ctx, a.ID, tc.close, "Priya"); err != nil {
				t.Fatal(err)
			}
			got, err := calls.SetActionState(ctx, a.ID, backend.ActionReopened, "Priya")
			if err != nil {
				t.Fatal(err)
			}
			if got.State != tc.want || !got.ClosedAt.IsZero() {
				t.Errorf("got %s closed %v, want %s and open", got.State, got.ClosedAt, tc.want)
			}
			list, _ := sqlite.NewEntryService(db).ListEntries(ctx, inc.ID)
			i := slices.IndexFunc(list, func(e *backend.Entry) bool { return e.Text == "Reopened: restart the queue (with sam)" })
			if i < 0 || list[i].Author != "Priya" || list[i].Kind != backend.KindAction {
				t.Errorf("got entries %v, want the reopening, an action entry by Priya", list)
			}
			if n := len(mustActions(t, db, inc.ID)); n != 1 {
				t.Errorf("got %d actions, want the one reopened (its timeline entry asks for none)", n)
			}
			_, err = calls.SetActionState(ctx, a.ID, backend.ActionReopened, "Priya")
			wantError(t, err, backend.ECONFLICT, "still open")
		})
	}
}
