// Package cadence is the reminder engine behind the Incident Commander's clocks:
// status updates, check-ins, acknowledged actions, idle time, fatigue, the
// monitoring watch, the review and the GDPR clock.
//
// The rules are pure functions of a State snapshot, a Policy and an instant, so
// every rule can be tested with fixed dates and no goroutines. Loop is the only
// part that owns time: it sleeps until Next says something changes and hands
// what Due returns to a sink, once each.
//
// All times are instants. Stored times never move with DST or a timezone change;
// the local zone is used only to find the night hours that count extra towards
// fatigue, the weekends the review skips, and to print clock times in text.
package cadence

import (
	"time"

	"bridgelog/backend"
)

// ActionState is backend.ActionState: asked, acknowledged, done or abandoned.
type ActionState = backend.ActionState

// The action states, repeated here so the rules read as before.
const (
	ActionAsked        = backend.ActionAsked
	ActionAcknowledged = backend.ActionAcknowledged
	ActionDone         = backend.ActionDone
	ActionAbandoned    = backend.ActionAbandoned
)

// Action is one delegated action as the engine needs it.
type Action struct {
	ID    int64
	Owner string
	Text  string
	State ActionState
	// AskedAt starts the acknowledgement clock; AckedAt is when the owner confirmed.
	AskedAt time.Time
	AckedAt time.Time
	// CheckInAt is when the owner promised to report back; zero if no promise was made.
	CheckInAt time.Time
	// ClosedAt is when it was done or abandoned. The idle rule counts from the
	// last closed action, because that is when the call ran out of next steps.
	ClosedAt time.Time
}

// RoleHolder is a person currently holding a role, and since when. Time in role
// is what the fatigue rule measures.
type RoleHolder struct {
	Role   backend.Role
	Person string
	Since  time.Time
}

// State is everything the engine needs to know about one incident at one
// moment. The caller builds it from the store; the engine never reads the store
// itself, which keeps the rules pure and the tests free of databases.
type State struct {
	IncidentID int64
	Title      string
	// Impact is repeated in the check-in reminder, because a check-in starts by
	// reiterating it.
	Impact   string
	Severity backend.Severity
	Phase    backend.Phase

	DeclaredAt time.Time
	// MitigatedAt is when the current monitoring watch began. WatchFor is its
	// length; zero means the policy's default. Extending the watch means a
	// longer WatchFor, which makes a new watch reminder.
	MitigatedAt time.Time
	WatchFor    time.Duration
	ResolvedAt  time.Time

	// LastAt is the later of the declaration and the newest entry's time.
	// An incident with nothing in it for backend.WrittenUpAfter is written
	// up after the fact and runs no call clocks (see candidatesAt).
	LastAt time.Time

	// Security marks a security incident. BecameAwareAt is the locked time the
	// team became aware of a personal-data breach; the GDPR clock starts there.
	Security      bool
	BecameAwareAt time.Time

	// LastStatusAt is when the last stakeholder update went out (zero: none
	// yet). NextStatusAt is when that update promised the next one; zero if it
	// made no promise.
	LastStatusAt time.Time
	NextStatusAt time.Time
	// LastCheckInAt is when the IC last ran a check-in by some other means than
	// acknowledging a check-in reminder (which counts by itself); zero if none.
	LastCheckInAt time.Time

	Actions []Action
	Roles   []RoleHolder

	// Snoozes hides a reminder, by key, until the given instant.
	Snoozes map[string]time.Time
	// Acked holds the reminders, by key, that someone acknowledged and when.
	// An acknowledged reminder stays quiet for good, urgent escalation included,
	// as acknowledging a page stops its escalation.
	Acked map[string]time.Time
	// LastFired is when each reminder, by key, was last sent to a person. Due
	// ignores it; Unfired uses it so a restarted app does not notify again.
	LastFired map[string]time.Time
}
