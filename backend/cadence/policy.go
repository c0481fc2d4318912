package cadence

import (
	"time"

	"bridgelog/backend"
)

// Rhythm is the part of the policy that changes with severity: how often
// stakeholders hear from the call, how often the IC checks in, and how patient
// the engine is with unacknowledged actions and an idle call.
type Rhythm struct {
	// FirstStatus is how soon after declaring the first update is due.
	FirstStatus time.Duration
	// StatusEvery is the update interval during the first StatusWindow.
	StatusEvery time.Duration
	// StatusLater is the interval after the window when the last update made
	// no promise about the next one.
	StatusLater time.Duration
	// StatusUrgent is how long after due an update reminder turns urgent.
	StatusUrgent time.Duration
	CheckInEvery time.Duration
	// ActionAck is how long an action may wait for its owner's confirmation.
	ActionAck time.Duration
	// Idle is how long an active call may go with no open action.
	Idle time.Duration
}

// Policy holds every number the rules use. DefaultPolicy gives the practice's
// defaults; Settings may override any of them.
type Policy struct {
	// Rhythms maps each severity to its rhythm. A severity missing from the map
	// (or an incident with no valid severity) gets SEV1's rhythm, because a gap
	// in the settings must not silence the clocks.
	Rhythms map[backend.Severity]Rhythm
	// StatusWindow is the opening stretch (from declaring) with frequent updates.
	StatusWindow time.Duration

	// FatigueGentle and FatigueUrgent are the weighted times in role that call
	// for considering a handoff and for handing off now.
	FatigueGentle time.Duration
	FatigueUrgent time.Duration
	// Night hours [NightStart, NightEnd) local time count NightWeight times.
	NightStart  int
	NightEnd    int
	NightWeight float64

	// Watch is the default monitoring watch after mitigation.
	Watch time.Duration
	// ReviewTarget and ReviewMax are in business days after resolution; a
	// business day is 24 hours that do not end on a Saturday or Sunday.
	ReviewTarget int
	ReviewMax    int
	// GDPR is the notification deadline from becoming aware of a breach;
	// GDPRWarn and GDPRUrgent are how long before it the reminder comes and
	// turns urgent.
	GDPR       time.Duration
	GDPRWarn   time.Duration
	GDPRUrgent time.Duration

	// Location is the IC's local zone, used for night hours, weekends and the
	// clock times printed in reminders. Nil means UTC.
	Location *time.Location
}

// DefaultPolicy returns the defaults from the practice (issue 3, section 1):
// PagerDuty's status rhythm, check-ins of 10 to 30 minutes, two minutes for an
// acknowledgement, hourly handoffs with three hours as the limit, a 15 minute
// watch, a review within a business day and at most two, and GDPR Art. 33's
// 72 hours.
func DefaultPolicy(loc *time.Location) Policy {
	rhythm := func(status, checkIn time.Duration) Rhythm {
		return Rhythm{
			FirstStatus:  5 * time.Minute,
			StatusEvery:  status,
			StatusLater:  60 * time.Minute,
			StatusUrgent: 5 * time.Minute,
			CheckInEvery: checkIn,
			ActionAck:    2 * time.Minute,
			Idle:         5 * time.Minute,
		}
	}
	return Policy{
		Rhythms: map[backend.Severity]Rhythm{
			backend.SEV1: rhythm(20*time.Minute, 10*time.Minute),
			backend.SEV2: rhythm(20*time.Minute, 15*time.Minute),
			backend.SEV3: rhythm(30*time.Minute, 30*time.Minute),
			backend.SEV4: rhythm(60*time.Minute, 30*time.Minute),
		},
		StatusWindow:  2 * time.Hour,
		FatigueGentle: 60 * time.Minute,
		FatigueUrgent: 3 * time.Hour,
		NightStart:    0,
		NightEnd:      6,
		NightWeight:   1.5,
		Watch:         15 * time.Minute,
		ReviewTarget:  1,
		ReviewMax:     2,
		GDPR:          72 * time.Hour,
		GDPRWarn:      24 * time.Hour,
		GDPRUrgent:    6 * time.Hour,
		Location:      loc,
	}
}

// rhythm returns the rhythm for sev, falling back to SEV1's.
func (p Policy) rhythm(sev backend.Severity) Rhythm {
	if r, ok := p.Rhythms[sev]; ok {
		return r
	}
	return p.Rhythms[backend.SEV1]
}

// loc returns the policy's zone, UTC when unset.
func (p Policy) loc() *time.Location {
	if p.Location == nil {
		return time.UTC
	}
	return p.Location
}
