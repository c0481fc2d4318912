package backend

import (
	"context"
	"time"
)

// Severity is an incident's severity; SEV1 is the worst.
type Severity string

const (
	SEV1 Severity = "SEV1"
	SEV2 Severity = "SEV2"
	SEV3 Severity = "SEV3"
	SEV4 Severity = "SEV4"
)

// Valid reports whether s is one of SEV1..SEV4.
func (s Severity) Valid() bool {
	switch s {
	case SEV1, SEV2, SEV3, SEV4:
		return true
	}
	return false
}

// Phase is where an incident stands. Mitigated is not resolved: monitoring sits between.
type Phase string

const (
	PhaseInvestigating Phase = "investigating"
	PhaseIdentified    Phase = "identified"
	PhaseMitigating    Phase = "mitigating"
	PhaseMonitoring    Phase = "monitoring"
	PhaseResolved      Phase = "resolved"
)

// Phases lists the phases in their usual order.
var Phases = []Phase{PhaseInvestigating, PhaseIdentified, PhaseMitigating, PhaseMonitoring, PhaseResolved}

// Valid reports whether p is a known phase.
func (p Phase) Valid() bool {
	for _, q := range Phases {
		if p == q {
			return true
		}
	}
	return false
}

// Incident is one incident. Its severity, phase, impact and roles are not stored
// here but derived from its timeline entries, so that backdating, editing or
// deleting an entry keeps the incident's state and its story in agreement.
type Incident struct {
	ID int64 `json:"id"`
	// UID names the incident across databases, so moving it to another
	// laptop twice is noticed.
	UID        string    `json:"uid"`
	Title      string    `json:"title"`
	DeclaredAt time.Time `json:"declaredAt" ts_type:"string"`
	// DetectedAt is when the problem was first noticed; zero when unknown.
	DetectedAt time.Time `json:"detectedAt" ts_type:"string"`
	CreatedAt  time.Time `json:"createdAt" ts_type:"string"`
	UpdatedAt  time.Time `json:"updatedAt" ts_type:"string"`

	// Derived from the timeline.
	Severity    Severity  `json:"severity"`
	Phase       Phase     `json:"phase"`
	Impact      string    `json:"impact"`
	MitigatedAt time.Time `json:"mitigatedAt" ts_type:"string"` // first entry into monitoring; zero if none
	ResolvedAt  time.Time `json:"resolvedAt" ts_type:"string"`  // set while the phase is resolved
	EntryCount  int       `json:"entryCount"`
}

// WritingDay is the day an incident's timeline is being written for, as an
// instant for ResolveTimeOn: its declaration when that fell on an earlier day
// than now in loc (a past incident being caught up on), else zero (today).
func (inc *Incident) WritingDay(now time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.Local
	}
	y, m, d := inc.DeclaredAt.In(loc).Date()
	ny, nm, nd := now.In(loc).Date()
	if inc.DeclaredAt.IsZero() || !time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Before(time.Date(ny, nm, nd, 0, 0, 0, 0, time.UTC)) {
		return time.Time{}
	}
	return inc.DeclaredAt
}

// maxHeaderAhead is how far past the clock a declared or detected time may
// be: a minute of skew between the scribe's reading of a clock and this one.
const maxHeaderAhead = time.Minute

// CheckHeaderTimes says what is wrong with a declared and a detected time, or
// returns nil: neither may be in the future, and the problem cannot have been
// noticed after it was declared. A zero detected time means unknown.
func CheckHeaderTimes(declared, detected, now time.Time) error {
	if declared.After(now.Add(maxHeaderAhead)) {
		return Errorf(EINVALID, "The declared time %s is in the future: declare at a time that has happened", declared.UTC().Format("2006-01-02 15:04Z"))
	}
	if detected.IsZero() {
		return nil
	}
	if detected.After(now.Add(maxHeaderAhead)) {
		return Errorf(EINVALID, "The detected time %s is in the future: give the time the problem was first noticed", detected.UTC().Format("2006-01-02 15:04Z"))
	}
	if detected.After(declared) {
		return Errorf(EINVALID, "The detected time %s is after the declared time %s: a problem is noticed before or when it is declared",
			detected.UTC().Format("2006-01-02 15:04Z"), declared.UTC().Format("2006-01-02 15:04Z"))
	}
	return nil
}

// IncidentCreate is what it takes to start an incident.
type IncidentCreate struct {
	Title    string
	Severity Severity
	// DeclaredAt defaults to the clock's now when zero.
	DeclaredAt time.Time
	// DetectedAt is when the problem was first noticed; zero when unknown.
	DetectedAt time.Time
	Author     string
}

// IncidentUpdate changes an incident's header. Nil fields are left alone.
// Severity and impact changes are recorded as timeline entries by the service;
// a new declared time moves the declaration entry with it.
type IncidentUpdate struct {
	Title      *string
	DeclaredAt *time.Time
	DetectedAt *time.Time
	Severity   *Severity
	Impact     *string
	Phase      *Phase
	Author     string
}

// IncidentService stores and derives incidents.
type IncidentService interface {
	CreateIncident(ctx context.Context, in IncidentCreate) (*Incident, error)
	FindIncident(ctx context.Context, id int64) (*Incident, error)
	// ListIncidents returns all incidents, the most recently declared first.
	ListIncidents(ctx context.Context) ([]*Incident, error)
	UpdateIncident(ctx context.Context, id int64, upd IncidentUpdate) (*Incident, error)
	// Roles returns every role assignment of the incident, open and closed, in time order.
	Roles(ctx context.Context, incidentID int64) ([]RoleAssignment, error)
}

// Role is an incident role a person can hold.
type Role string

const (
	RoleIC        Role = "ic"
	RoleScribe    Role = "scribe"
	RoleCommsLead Role = "comms"
	RoleTechLead  Role = "tech"
)

// RoleLabel is a role's name for people.
func RoleLabel(r Role) string {
	switch r {
	case RoleIC:
		return "Incident Commander"
	case RoleScribe:
		return "Scribe"
	case RoleCommsLead:
		return "Communications Lead"
	case RoleTechLead:
		return "Technical Lead"
	}
	return string(r)
}

// RoleAssignment is one stretch of one person holding one role. To is zero while it lasts.
type RoleAssignment struct {
	Role    Role      `json:"role"`
	Person  string    `json:"person"`
	From    time.Time `json:"from" ts_type:"string"`
	To      time.Time `json:"to" ts_type:"string"`
	EntryID int64     `json:"entryId"`
}
