// Package clocks turns an incident's stored state (backend.Snapshot) into what
// the IC's dashboard shows and writes: the clocks board, the status update
// draft, the handoff brief, the paging tracker, and the cadence.State the
// reminder loop runs on. Everything here is a pure function of a snapshot, a
// policy and an instant, so it is table-tested with fixed times.
package clocks

import (
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
)

// ClockState is how a countdown should be shown.
type ClockState string

const (
	StateOff   ClockState = "off"   // not running (no watch, not a security incident...)
	StateOK    ClockState = "ok"    // due later
	StateAmber ClockState = "amber" // due soon (from AmberAt)
	StateRed   ClockState = "red"   // due or overdue (from RedAt)
)

// Countdown is one clock on the board. The UI recomputes State from its own
// idea of now (see Board.Now and Board.TimeScale) by comparing with AmberAt
// and RedAt, so it can change colour between fetches.
type Countdown struct {
	DueAt   time.Time  `json:"dueAt" ts_type:"string"`
	AmberAt time.Time  `json:"amberAt" ts_type:"string"`
	RedAt   time.Time  `json:"redAt" ts_type:"string"`
	State   ClockState `json:"state"`
}

// StatusClock is the stakeholder update cycle.
type StatusClock struct {
	Countdown
	LastAt     time.Time `json:"lastAt" ts_type:"string"`     // zero: none sent yet
	PromisedAt time.Time `json:"promisedAt" ts_type:"string"` // the time the last update promised; zero if none
	First      bool      `json:"first"`                       // the first update is still owed
}

// CheckIn is the IC's check-in cycle and the card's content: impact, the
// actions in progress, and their ETAs.
type CheckIn struct {
	Countdown
	LastAt time.Time `json:"lastAt" ts_type:"string"`
	Impact string    `json:"impact"`
	// The open actions the IC reiterates are the board's Actions: sending
	// them twice doubled the board, which the UI fetches after every change.
}

// Mitigation is the mitigation in progress.
type Mitigation struct {
	EntryID int64     `json:"entryId"`
	Text    string    `json:"text"`
	Since   time.Time `json:"since" ts_type:"string"`
}

// Watch is the post-mitigation monitoring watch.
type Watch struct {
	Countdown
	StartEntryID int64                    `json:"startEntryId"`
	StartedAt    time.Time                `json:"startedAt" ts_type:"string"`
	Minutes      int                      `json:"minutes"`
	Criteria     []backend.WatchCriterion `json:"criteria"`
	Ended        bool                     `json:"ended"` // the IC decides: resolve, extend or reopen
}

// Review is the post-incident review deadline after resolving.
type Review struct {
	Countdown
	ResolvedAt time.Time `json:"resolvedAt" ts_type:"string"`
	LimitAt    time.Time `json:"limitAt" ts_type:"string"` // the business-day limit; also RedAt
}

// Regulatory is the GDPR Art. 33 clock: 72 hours from the locked became-aware time.
type Regulatory struct {
	Countdown
	BecameAwareAt time.Time `json:"becameAwareAt" ts_type:"string"`
	Locked        bool      `json:"locked"`
}

// Fatigue is how tired a role holder is likely to be.
type Fatigue string

const (
	FatigueOK     Fatigue = "ok"
	FatigueGentle Fatigue = "gentle" // consider a handoff
	FatigueUrgent Fatigue = "urgent" // hand off now
)

// RoleClock is one person's time in one role.
type RoleClock struct {
	Role      backend.Role `json:"role"`
	RoleLabel string       `json:"roleLabel"`
	Person    string       `json:"person"`
	Since     time.Time    `json:"since" ts_type:"string"`
	Minutes   int          `json:"minutes"`         // real minutes in role
	Weighted  int          `json:"weightedMinutes"` // night hours counted extra
	Fatigue   Fatigue      `json:"fatigue"`
	GentleAt  time.Time    `json:"gentleAt" ts_type:"string"`
	UrgentAt  time.Time    `json:"urgentAt" ts_type:"string"`
}

// Board is everything the dashboard's clocks card shows for one incident.
// Optional clocks are null when they do not run.
type Board struct {
	IncidentID int64            `json:"incidentId"`
	Now        time.Time        `json:"now" ts_type:"string"`
	TimeScale  float64          `json:"timeScale"` // app-clock seconds per real second (1 unless testing)
	Severity   backend.Severity `json:"severity"`
	Phase      backend.Phase    `json:"phase"`
	Impact     string           `json:"impact"`
	DeclaredAt time.Time        `json:"declaredAt" ts_type:"string"`
	// StartedAt is when the elapsed clock counts from: the declaration, or
	// the earliest entry when the timeline starts before it.
	StartedAt time.Time `json:"startedAt" ts_type:"string"`
	// EndedAt is when the elapsed clock stopped (the resolution), zero while
	// it runs.
	EndedAt time.Time `json:"endedAt" ts_type:"string"`
	// Elapsed is from StartedAt to now or EndedAt, in seconds; 0 with
	// ElapsedNote saying what is missing when it cannot be computed.
	Elapsed     int64  `json:"elapsedSeconds"`
	ElapsedNote string `json:"elapsedNote,omitempty"`
	// LastAt is the later of the declaration and the newest entry's time.
	// WrittenUp is set when that is more than a day ago: the incident is
	// being written up after the fact, and its call clocks are off (the UI
	// says so, and that a line dated now turns them back on).
	LastAt    time.Time `json:"lastAt" ts_type:"string"`
	WrittenUp bool      `json:"writtenUp"`

	Status     *StatusClock       `json:"status"`     // null once resolved
	CheckIn    *CheckIn           `json:"checkIn"`    // null once resolved
	Mitigation *Mitigation        `json:"mitigation"` // null when none is in progress
	Watch      *Watch             `json:"watch"`      // null unless monitoring
	Review     *Review            `json:"review"`     // null unless resolved
	Regulatory *Regulatory        `json:"regulatory"` // null unless a security incident with an aware time
	Security   backend.Security   `json:"security"`
	Roles      []RoleClock        `json:"roles"`
	Actions    []backend.Action   `json:"actions"`   // every action, open ones first
	Reminders  []cadence.Reminder `json:"reminders"` // due now, neither acknowledged nor snoozed
}

// StatusDraft is a prefilled status update.
type StatusDraft struct {
	Audience    backend.Audience `json:"audience"`
	Text        string           `json:"text"`
	NextMinutes int              `json:"nextMinutes"`
	NextAt      time.Time        `json:"nextUpdateAt" ts_type:"string"`
}

// HandoffBrief is the generated brief for an incoming role holder.
type HandoffBrief struct {
	Role     backend.Role `json:"role"`
	Outgoing string       `json:"outgoing"` // the current holder; "" if nobody
	Since    time.Time    `json:"since" ts_type:"string"`
	Text     string       `json:"text"`
}

// Paging is the paging tracker: every page, the escalation path and who is next.
type Paging struct {
	Pages []backend.Page `json:"pages"`
	Path  []string       `json:"path"` // the escalation path from settings, primary first
	// Next is who to page next: the first person on the path not yet paged,
	// once nobody paged is still expected to answer. "" when nobody is due.
	Next      string `json:"next"`
	NextLevel int    `json:"nextLevel"`
}
