package backup

import (
	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// Remedy is one thing the recovery screen can do about a database that
// failed its start check (CheckStart).
type Remedy string

const (
	// RemedyRecover rebuilds the database from its damaged log (RecoverFromLog).
	RemedyRecover Remedy = "recover"
	// RemedyRestore restores a backup over it (Restore, LatestRestorable).
	RemedyRestore Remedy = "restore"
	// RemedyMoveAside renames it aside and starts empty (MoveAside).
	RemedyMoveAside Remedy = "move-aside"
	// RemedyStartEmpty starts on it as it is (StartEmpty).
	RemedyStartEmpty Remedy = "start-empty"
	// RemedyRetry starts again, which checks it afresh.
	RemedyRetry Remedy = "retry"
)

// Remedies is what can be done about one kind of problem.
type Remedies struct {
	Recover, Restore, MoveAside, StartEmpty, Retry bool
}

// RemediesFor says what can be done about a database whose start check gave
// status. A damaged log (or a log without its database) can be recovered
// from, the files moved aside, or a backup restored. A file that looks new
// beside backups holding incidents can have the newest good backup restored,
// or be started on as it is, on purpose; moving it aside would keep nothing
// worth keeping. A location that cannot hold a database can only be fixed
// outside Bridgelog, then checked again. A file that cannot be read may be a
// passing fault (a mount, permissions) worth checking again, or may be
// replaced. Any other damage is restored over or moved aside.
func RemediesFor(status sqlite.HealthStatus) Remedies {
	switch status {
	case sqlite.HealthWALDamaged, sqlite.HealthWALOnly:
		return Remedies{Recover: true, Restore: true, MoveAside: true}
	case sqlite.HealthMissing, sqlite.HealthEmpty, sqlite.HealthReplaced:
		return Remedies{Restore: true, StartEmpty: true}
	case sqlite.HealthUnusable:
		return Remedies{Retry: true}
	case sqlite.HealthUnreadable:
		return Remedies{Restore: true, MoveAside: true, Retry: true}
	default:
		return Remedies{Restore: true, MoveAside: true}
	}
}

// Offers reports whether x is among the remedies.
func (r Remedies) Offers(x Remedy) bool {
	switch x {
	case RemedyRecover:
		return r.Recover
	case RemedyRestore:
		return r.Restore
	case RemedyMoveAside:
		return r.MoveAside
	case RemedyStartEmpty:
		return r.StartEmpty
	case RemedyRetry:
		return r.Retry
	}
	return false
}

// CheckRemedy refuses x for a database in health h unless RemediesFor offers
// it: the screen shows only what it offers, so a refusal means a stale screen
// or a call made by hand, and nothing must happen. A database that opened
// normally has nothing to recover from.
func CheckRemedy(h sqlite.Health, x Remedy) error {
	if h.OK() {
		return backend.Errorf(backend.ECONFLICT,
			"The database opened normally, so there is nothing to recover: restore a backup from Settings (Ctrl+,) instead")
	}
	if !RemediesFor(h.Status).Offers(x) {
		return backend.Errorf(backend.ECONFLICT, "That cannot be done about this problem: %s", h.Message)
	}
	return nil
}
