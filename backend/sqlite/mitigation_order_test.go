package sqlite_test

import (
	"testing"
	"time"

	"bridgelog/backend"
)

// The one-mitigation-at-a-time guard judges a new mitigation at the time it
// happened, not at the time it was typed.
func TestEntryService_MitigationOverrideByOccurredTime(t *testing.T) {
	t.Run("BackdatedBeforeTheOneInProgressOverridesNothing", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		// Typed newest first, catching up from notes: 15:28, then 15:21.
		MustCreateEntry(t, db, inc.ID, "m: restart the web tier", at(28*time.Minute))
		earlier := MustCreateEntry(t, db, inc.ID, "m: failover to eu-west", at(21*time.Minute))
		if got, want := earlier.Overrode, int64(0); got != want {
			t.Errorf("got overrode %d on a mitigation that happened before the other started, want %d", got, want)
		}
	})

	t.Run("BackdatedAfterAnOutcomeOverridesNothing", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		MustCreateEntry(t, db, inc.ID, "m: failover to eu-west", at(10*time.Minute))
		MustCreateEntry(t, db, inc.ID, "m: done: failover held", at(15*time.Minute))
		MustCreateEntry(t, db, inc.ID, "m: purge the CDN", at(30*time.Minute))
		between := MustCreateEntry(t, db, inc.ID, "m: scale out", at(20*time.Minute))
		if got, want := between.Overrode, int64(0); got != want {
			t.Errorf("got overrode %d, want %d (the failover had ended and the purge had not begun)", got, want)
		}
	})

	t.Run("BackdatedIntoOneInProgressNamesIt", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		first := MustCreateEntry(t, db, inc.ID, "m: failover to eu-west", at(10*time.Minute))
		MustCreateEntry(t, db, inc.ID, "m: purge the CDN", at(30*time.Minute))
		between := MustCreateEntry(t, db, inc.ID, "m: scale out", at(20*time.Minute))
		if got, want := between.Overrode, first.ID; got != want {
			t.Errorf("got overrode %d, want %d (the failover was in progress at the time)", got, want)
		}
	})
}
