package backup_test

import (
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/sqlite"
)

func TestRemediesFor(t *testing.T) {
	for _, tt := range []struct {
		status sqlite.HealthStatus
		want   backup.Remedies
	}{
		{sqlite.HealthWALDamaged, backup.Remedies{Recover: true, Restore: true, MoveAside: true}},
		{sqlite.HealthWALOnly, backup.Remedies{Recover: true, Restore: true, MoveAside: true}},
		{sqlite.HealthMissing, backup.Remedies{Restore: true, StartEmpty: true}},
		{sqlite.HealthEmpty, backup.Remedies{Restore: true, StartEmpty: true}},
		{sqlite.HealthReplaced, backup.Remedies{Restore: true, StartEmpty: true}},
		{sqlite.HealthUnusable, backup.Remedies{Retry: true}},
		{sqlite.HealthUnreadable, backup.Remedies{Restore: true, MoveAside: true, Retry: true}},
		{sqlite.HealthCorrupt, backup.Remedies{Restore: true, MoveAside: true}},
		{sqlite.HealthNotDatabase, backup.Remedies{Restore: true, MoveAside: true}},
		{sqlite.HealthNewer, backup.Remedies{Restore: true, MoveAside: true}},
		{sqlite.HealthForeign, backup.Remedies{Restore: true, MoveAside: true}},
	} {
		t.Run(string(tt.status), func(t *testing.T) {
			if got := backup.RemediesFor(tt.status); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestCheckRemedy(t *testing.T) {
	all := []backup.Remedy{backup.RemedyRecover, backup.RemedyRestore, backup.RemedyMoveAside, backup.RemedyStartEmpty, backup.RemedyRetry}

	// Each remedy passes exactly where RemediesFor offers it.
	for _, status := range []sqlite.HealthStatus{sqlite.HealthWALDamaged, sqlite.HealthMissing, sqlite.HealthUnusable,
		sqlite.HealthUnreadable, sqlite.HealthCorrupt} {
		h := sqlite.Health{Status: status, Message: "The database at /d/bridgelog.db is damaged."}
		offered := backup.RemediesFor(status)
		for _, x := range all {
			t.Run(string(status)+"/"+string(x), func(t *testing.T) {
				err := backup.CheckRemedy(h, x)
				if offered.Offers(x) {
					if err != nil {
						t.Errorf("offered, got %v, want nil", err)
					}
					return
				}
				wantError(t, err, backend.ECONFLICT, "That cannot be done about this problem: The database at /d/bridgelog.db is damaged.")
			})
		}
	}

	t.Run("ErrHealthy", func(t *testing.T) {
		for _, x := range all {
			wantError(t, backup.CheckRemedy(sqlite.Health{Status: sqlite.HealthOK}, x), backend.ECONFLICT, "opened normally")
		}
	})

	t.Run("ErrUnknownRemedy", func(t *testing.T) {
		h := sqlite.Health{Status: sqlite.HealthUnreadable, Message: "a problem"}
		wantError(t, backup.CheckRemedy(h, "delete"), backend.ECONFLICT, "cannot be done")
	})
}

func TestRemedies_Offers(t *testing.T) {
	for _, tt := range []struct {
		remedies backup.Remedies
		x        backup.Remedy
	}{
		{backup.Remedies{Recover: true}, backup.RemedyRecover},
		{backup.Remedies{Restore: true}, backup.RemedyRestore},
		{backup.Remedies{MoveAside: true}, backup.RemedyMoveAside},
		{backup.Remedies{StartEmpty: true}, backup.RemedyStartEmpty},
		{backup.Remedies{Retry: true}, backup.RemedyRetry},
	} {
		t.Run(string(tt.x), func(t *testing.T) {
			if !tt.remedies.Offers(tt.x) {
				t.Errorf("%+v does not offer %s", tt.remedies, tt.x)
			}
			if (backup.Remedies{}).Offers(tt.x) {
				t.Errorf("no remedies offer %s", tt.x)
			}
			all := backup.Remedies{Recover: true, Restore: true, MoveAside: true, StartEmpty: true, Retry: true}
			others := all
			switch tt.x {
			case backup.RemedyRecover:
				others.Recover = false
			case backup.RemedyRestore:
				others.Restore = false
			case backup.RemedyMoveAside:
				others.MoveAside = false
			case backup.RemedyStartEmpty:
				others.StartEmpty = false
			case backup.RemedyRetry:
				others.Retry = false
			}
			if others.Offers(tt.x) {
				t.Errorf("%+v offers %s", others, tt.x)
			}
		})
	}
}
