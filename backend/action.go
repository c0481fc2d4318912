package backend

import "time"

// ActionState is where a delegated action stands. An action is not delegated
// until its owner has acknowledged it, so "asked" is a state of its own.
type ActionState string

const (
	ActionAsked        ActionState = "asked"
	ActionAcknowledged ActionState = "acknowledged"
	ActionDone         ActionState = "done"
	ActionAbandoned    ActionState = "abandoned"
)

// ActionReopened asks SetActionState to reopen a closed action: it goes back
// to asked, or to acknowledged if its owner had acknowledged it. It is a
// request, never a stored state.
const ActionReopened ActionState = "reopened"

// Open reports whether the action still needs someone: asked or acknowledged.
func (s ActionState) Open() bool { return s == ActionAsked || s == ActionAcknowledged }

// Action is one delegated action. It is created by an action entry (the
// scribe's `a: @sam restart the queue 10m`, or the actions board, which writes
// the same entry), and its state changes are written to the timeline too, so
// the review sees who confirmed what and when.
type Action struct {
	ID         int64       `json:"id"`
	IncidentID int64       `json:"incidentId"`
	EntryID    int64       `json:"entryId"` // the action entry that asked for it
	Owner      string      `json:"owner"`
	Text       string      `json:"text"`
	State      ActionState `json:"state"`
	// Internal marks an action asked on an internal-only line: never shown to customers.
	Internal bool `json:"internal"`
	// AskedAt is the asking entry's time; AckedAt when the owner confirmed.
	AskedAt time.Time `json:"askedAt" ts_type:"string"`
	AckedAt time.Time `json:"ackedAt" ts_type:"string"`
	// CheckInAt is when the owner promised to report back; zero if no promise.
	CheckInAt time.Time `json:"checkInAt" ts_type:"string"`
	// CheckInEvery is the report-back interval the action was asked with, in
	// minutes (0: none): a report-back recorded from a reminder promises the
	// next one as far ahead.
	CheckInEvery int `json:"checkInEvery,omitempty"`
	// ClosedAt is when it was done or abandoned; zero while open.
	ClosedAt time.Time `json:"closedAt" ts_type:"string"`
}

// Audience is who a status update is written for.
type Audience string

const (
	AudienceInternal Audience = "internal" // stakeholders inside the company: names and details
	AudienceExternal Audience = "external" // customers: no people's names, no internals
)

// Valid reports whether a is internal or external.
func (a Audience) Valid() bool { return a == AudienceInternal || a == AudienceExternal }

// StatusUpdate is a status update that went out, with the time it promised
// for the next one. Typed `status:` lines are status updates without a promise.
type StatusUpdate struct {
	EntryID  int64     `json:"entryId"`
	Audience Audience  `json:"audience"`
	SentAt   time.Time `json:"sentAt" ts_type:"string"`
	NextAt   time.Time `json:"nextAt" ts_type:"string"` // zero: no promise
	Text     string    `json:"text"`
}

// PageState is where a page stands.
type PageState string

const (
	PagePaged    PageState = "paged"     // sent, no answer yet
	PageJoined   PageState = "joined"    // the person joined the call
	PageNoAnswer PageState = "no_answer" // given up on: escalate
)

// Page is one person paged during an incident.
type Page struct {
	ID         int64  `json:"id"`
	UID        string `json:"uid,omitempty"`
	IncidentID int64  `json:"incidentId"`
	Person     string `json:"person"`
	// Level is the person's place on the escalation path: 1 is the primary.
	Level      int       `json:"level"`
	State      PageState `json:"state"`
	PagedAt    time.Time `json:"pagedAt" ts_type:"string"`
	AnsweredAt time.Time `json:"answeredAt" ts_type:"string"` // joined or given up; zero while waiting
}
