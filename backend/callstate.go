package backend

import (
	"context"
	"time"
)

// WatchCriterion is one exit criterion of a monitoring watch, ticked when it holds.
type WatchCriterion struct {
	Text   string    `json:"text"`
	Done   bool      `json:"done"`
	DoneAt time.Time `json:"doneAt" ts_type:"string"`
	DoneBy string    `json:"doneBy"`
}

// WatchRecord is what the IC changed about one monitoring watch. A watch is
// not stored when it starts: it starts with the phase entry that moves the
// incident into monitoring (StartEntryID), with the default length and
// criteria, so backdating that entry moves the watch too. A record exists
// once the IC sets its length, extends it or ticks a criterion.
type WatchRecord struct {
	StartEntryID int64            `json:"startEntryId"`
	Minutes      int              `json:"minutes"`
	Criteria     []WatchCriterion `json:"criteria"`
}

// ChecklistItem is one legal or marketing consideration of a security incident.
type ChecklistItem struct {
	Key    string    `json:"key"`
	Group  string    `json:"group"` // "legal" or "marketing"
	Label  string    `json:"label"`
	Done   bool      `json:"done"`
	DoneAt time.Time `json:"doneAt" ts_type:"string"`
	DoneBy string    `json:"doneBy"`
}

// SecurityChecklist lists the seeds' legal and marketing duties of a security
// incident, in the order the dashboard shows them.
var SecurityChecklist = []ChecklistItem{
	{Key: "legal_reporting", Group: "legal", Label: "Statutory or regulatory reporting (GDPR Art. 33: 72 h; NIS2: 24 h early warning, 72 h notification, 1 month final report)"},
	{Key: "legal_contracts", Group: "legal", Label: "Contractual obligations to customers and partners"},
	{Key: "legal_insurance", Group: "legal", Label: "Insurance claims"},
	{Key: "marketing_data_exposure", Group: "marketing", Label: "Customer data exposure messaging"},
	{Key: "marketing_zero_day", Group: "marketing", Label: "Zero-day disclosure"},
	{Key: "marketing_public_company", Group: "marketing", Label: "Special messaging for a public company"},
}

// Security is an incident's security flag, the locked time the team became
// aware of a breach (the GDPR clock starts there), and the checklist.
type Security struct {
	On            bool            `json:"on"`
	BecameAwareAt time.Time       `json:"becameAwareAt" ts_type:"string"`
	Locked        bool            `json:"locked"`
	Checklist     []ChecklistItem `json:"checklist"`
}

// ReminderMark is what happened to one reminder instance, by its key: when it
// was last sent to a person, acknowledged, or snoozed until.
type ReminderMark struct {
	IncidentID   int64     `json:"incidentId"`
	Key          string    `json:"key"`
	FiredAt      time.Time `json:"firedAt" ts_type:"string"`
	AckedAt      time.Time `json:"ackedAt" ts_type:"string"`
	SnoozedUntil time.Time `json:"snoozedUntil" ts_type:"string"`
	By           string    `json:"by"`
}

// Snapshot is one incident's stored state as the clocks need it, read in one
// transaction so its parts agree. Entries holds the visible entries of the
// kinds that drive the clocks (severity, phase, impact, status, mitigation,
// hypothesis, decision, role, action), in time order; notes and evidence are
// left out to keep it small.
type Snapshot struct {
	Incident *Incident
	// FirstAt is when the incident's earliest visible entry of any kind
	// happened (zero when it has none). A timeline written up after the fact
	// starts before the incident was declared, and its clocks count from the
	// earlier of the two.
	FirstAt time.Time
	// LastAt is when its newest visible entry happened (zero: none); a day
	// before now, the incident is written up after the fact (WrittenUp).
	LastAt   time.Time
	Roles    []RoleAssignment
	Entries  []*Entry
	Actions  []Action
	Updates  []StatusUpdate
	Watches  []WatchRecord
	Security Security
	Pages    []Page
	Marks    []ReminderMark
}

// CallService stores what the IC's clocks add to an incident: actions, status
// updates, the watch, the security flag, pages and the reminder log. Every
// change that matters to the review is also written to the timeline in the
// same transaction.
type CallService interface {
	Snapshot(ctx context.Context, incidentID int64) (*Snapshot, error)
	// LiveIncidents returns the ids of incidents whose clocks may still run:
	// not resolved, resolved recently (the review clock), or with a GDPR clock.
	LiveIncidents(ctx context.Context, since time.Time) ([]int64, error)

	Actions(ctx context.Context, incidentID int64) ([]Action, error)
	// FindAction returns one action.
	FindAction(ctx context.Context, id int64) (*Action, error)
	// SetActionState moves an action and writes "Acknowledged by sam: ..." to the timeline.
	SetActionState(ctx context.Context, id int64, state ActionState, by string) (*Action, error)
	// SetActionCheckIn sets a new report-back time (zero clears it).
	SetActionCheckIn(ctx context.Context, id int64, at time.Time, by string) (*Action, error)

	// RecordStatus writes a status entry and the promise of the next update.
	RecordStatus(ctx context.Context, incidentID int64, text string, audience Audience, nextAt time.Time, by string) (*Entry, error)

	// Handoff writes the brief (an internal note) and the role change to
	// incoming, in one transaction, and returns the role entry.
	Handoff(ctx context.Context, incidentID int64, role Role, incoming, brief, by string) (*Entry, error)

	SaveWatch(ctx context.Context, incidentID int64, w WatchRecord, note, by string) error

	// SetSecurity flags or unflags a security incident. A locked became-aware
	// time cannot change unless unlock is true, which is recorded with reason.
	SetSecurity(ctx context.Context, incidentID int64, on bool, awareAt time.Time, unlock bool, reason, by string) (Security, error)
	TickSecurity(ctx context.Context, incidentID int64, key string, done bool, by string) (Security, error)

	Page(ctx context.Context, incidentID int64, person string, level int, by string) (*Page, error)
	AnswerPage(ctx context.Context, id int64, state PageState, by string) (*Page, error)

	MarkFired(ctx context.Context, incidentID int64, key string, at time.Time) error
	AckReminder(ctx context.Context, incidentID int64, key, by string) error
	// AckReminderNoting acknowledges a reminder and writes note to the
	// timeline in the same transaction: an acknowledgement that is itself
	// an event of the call (a check-in held).
	AckReminderNoting(ctx context.Context, incidentID int64, key, by, note string) (*Entry, error)
	SnoozeReminder(ctx context.Context, incidentID int64, key string, until time.Time, by string) error
}
