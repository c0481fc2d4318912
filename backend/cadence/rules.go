package cadence

import (
	"fmt"
	"strings"
	"time"

	"bridgelog/backend"
)

// active reports whether the call is still running its clocks.
func active(s State) bool { return !s.DeclaredAt.IsZero() && s.Phase != backend.PhaseResolved }

// statusRule: the first update within FirstStatus of declaring, then every
// StatusEvery while the last update falls in the opening window; after that,
// at the time the last update promised, or StatusLater without a promise. An
// earlier promise always wins, because stakeholders were told that time. The
// interval is read from the current severity, so raising it tightens the
// cycle in progress.
func statusRule(s State, p Policy) []candidate {
	if !active(s) {
		return nil
	}
	r := p.rhythm(s.Severity)
	anchor, due := s.DeclaredAt, s.DeclaredAt.Add(r.FirstStatus)
	first := s.LastStatusAt.Before(s.DeclaredAt) // also true when zero
	if !first {
		anchor = s.LastStatusAt
		promised := s.NextStatusAt
		if !promised.After(anchor) {
			promised = time.Time{}
		}
		switch {
		case anchor.Before(s.DeclaredAt.Add(p.StatusWindow)):
			due = anchor.Add(r.StatusEvery)
			if !promised.IsZero() && promised.Before(due) {
				due = promised
			}
		case !promised.IsZero():
			due = promised
		default:
			due = anchor.Add(r.StatusLater)
		}
	}
	// The first update's key is marked, so an update stamped at the very
	// instant of declaring still starts a cycle of its own.
	key := "status:" + stamp(anchor)
	if first {
		key = "status:first:" + stamp(anchor)
	}
	return []candidate{{
		kind: KindStatus, key: key, due: due, urgent: due.Add(r.StatusUrgent),
		text: func(_ time.Time, urgent bool) (string, string) {
			title := "Status update due at " + p.clock(due)
			if urgent {
				title = "Status update overdue since " + p.clock(due)
			}
			what := " Send one (Ctrl+U): impact, what we know, what we are doing, and when the next update comes."
			if first {
				return title, "Stakeholders have heard nothing since the incident was declared at " + p.clock(anchor) + "." + what
			}
			return title, "The last update went out at " + p.clock(anchor) + "." + what
		},
	}}
}

// IsCheckIn says whether a reminder key is the IC's check-in cycle's.
func IsCheckIn(key string) bool { return strings.HasPrefix(key, "checkin:") }

// checkInRule: every CheckInEvery the IC reiterates impact, actions in
// progress and their ETAs. Acknowledging a check-in reminder is the check-in,
// so the next instance counts from that acknowledgement.
func checkInRule(s State, p Policy) []candidate {
	if !active(s) {
		return nil
	}
	every := p.rhythm(s.Severity).CheckInEvery
	anchor := s.DeclaredAt
	if s.LastCheckInAt.After(anchor) {
		anchor = s.LastCheckInAt
	}
	for range len(s.Acked) + 1 {
		at, ok := s.Acked["checkin:"+stamp(anchor)]
		if !ok {
			break
		}
		if at.After(anchor) {
			anchor = at
		} else {
			anchor = anchor.Add(every)
		}
	}
	due := anchor.Add(every)
	return []candidate{{
		kind: KindCheckIn, key: "checkin:" + stamp(anchor), due: due,
		text: func(time.Time, bool) (string, string) {
			impact := "Reiterate the impact."
			if s.Impact != "" {
				impact = "Reiterate the impact: " + s.Impact + "."
			}
			return "Check-in due at " + p.clock(due), impact + " " + p.inProgress(s) + " Ask for ETAs."
		},
	}}
}

// actionRules: an action nobody has acknowledged after ActionAck, and an open
// action whose promised check-in time has passed. Both key on the time that
// started them, so re-asking or a new check-in time starts a fresh reminder.
func actionRules(s State, p Policy) []candidate {
	if !active(s) {
		return nil
	}
	wait := p.rhythm(s.Severity).ActionAck
	var cs []candidate
	for _, a := range s.Actions {
		if a.State == ActionAsked && !a.AskedAt.IsZero() {
			cs = append(cs, candidate{
				kind: KindActionAck, key: fmt.Sprintf("action-ack:%d:%s", a.ID, stamp(a.AskedAt)),
				due: a.AskedAt.Add(wait), actionID: a.ID, person: a.Owner,
				text: func(time.Time, bool) (string, string) {
					return "Not acknowledged: " + a.Text,
						fmt.Sprintf("%s has not confirmed %q, asked at %s. An action is not delegated until it is acknowledged: name an owner, get a clear \"understood\" and a time to report back.",
							who(a.Owner), a.Text, p.clock(a.AskedAt))
				},
			})
		}
		if a.State.Open() && !a.CheckInAt.IsZero() {
			cs = append(cs, candidate{
				kind: KindActionCheckIn, key: fmt.Sprintf("action-checkin:%d:%s", a.ID, stamp(a.CheckInAt)),
				due: a.CheckInAt, actionID: a.ID, person: a.Owner,
				text: func(time.Time, bool) (string, string) {
					return "Check in with " + who(a.Owner),
						fmt.Sprintf("%s was to report back on %q at %s. Ask for the result, or agree a new time.",
							who(a.Owner), a.Text, p.clock(a.CheckInAt))
				},
			})
		}
	}
	return cs
}

// idleRule: while the call is working the problem (not while it watches a
// mitigation, when waiting is the point), a stretch of Idle with no open
// action means nobody owns a next step.
func idleRule(s State, p Policy) []candidate {
	if !active(s) || s.Phase == backend.PhaseMonitoring {
		return nil
	}
	since := s.DeclaredAt
	for _, a := range s.Actions {
		if a.State.Open() {
			return nil
		}
		for _, t := range []time.Time{a.AskedAt, a.AckedAt, a.ClosedAt} {
			if t.After(since) {
				since = t
			}
		}
	}
	due := since.Add(p.rhythm(s.Severity).Idle)
	return []candidate{{
		kind: KindIdle, key: "idle:" + stamp(since), due: due,
		text: func(time.Time, bool) (string, string) {
			return "Nobody owns a next step",
				"No action has been open since " + p.clock(since) + ". Delegate the next step to a named person, even if it is \"keep digging into X, back in 10 minutes\"."
		},
	}}
}

// watchRule: mitigated is not resolved. When the watch ends the IC decides:
// resolve, extend, or reopen. The key holds the end time, so an extended
// watch reminds again at its new end.
func watchRule(s State, p Policy) []candidate {
	if s.Phase != backend.PhaseMonitoring || s.MitigatedAt.IsZero() {
		return nil
	}
	length := s.WatchFor
	if length <= 0 {
		length = p.Watch
	}
	end := s.MitigatedAt.Add(length)
	return []candidate{{
		kind: KindWatch, key: "watch:" + stamp(end), due: end,
		text: func(time.Time, bool) (string, string) {
			return "Monitoring watch ended",
				"The " + span(length) + " watch that began at " + p.clock(s.MitigatedAt) + " is over. Resolve if the exit criteria hold, otherwise extend the watch or reopen. Save dashboard screenshots and log lines before retention loses them."
		},
	}}
}
