package cadence

import (
	"slices"
	"strings"
	"time"

	"bridgelog/backend"
)

// Kind says which clock a reminder comes from, and so which card the UI opens.
type Kind string

const (
	KindStatus        Kind = "status"         // stakeholder status update
	KindCheckIn       Kind = "checkin"        // the IC's check-in cycle
	KindActionAck     Kind = "action_ack"     // an action nobody has acknowledged
	KindActionCheckIn Kind = "action_checkin" // an action's promised report-back time passed
	KindIdle          Kind = "idle"           // no open action: nobody owns a next step
	KindFatigue       Kind = "fatigue"        // time in role calls for a handoff
	KindWatch         Kind = "watch"          // the monitoring watch ended
	KindReview        Kind = "review"         // the post-incident review is due
	KindGDPR          Kind = "gdpr"           // the GDPR Art. 33 clock
)

// kindRank orders reminders that fall due together: what others are waiting
// for (a legal deadline, stakeholders, the watch) before the call's own rhythm.
var kindRank = map[Kind]int{KindGDPR: 0, KindStatus: 1, KindWatch: 2, KindCheckIn: 3, KindActionAck: 4,
	KindActionCheckIn: 5, KindFatigue: 6, KindIdle: 7, KindReview: 8}

// Urgency is how loudly a reminder should be shown.
type Urgency string

const (
	UrgencyNormal Urgency = "normal"
	UrgencyUrgent Urgency = "urgent"
)

// Reminder is one thing due now. Key names the cycle instance by the instant
// that started it ("status:20260329T010500Z" is the update owed after the one
// sent at 01:05 UTC), so snoozes, acknowledgements and "already sent" attach to
// one instance, a severity change keeps the instance, and a new cycle starts
// clean.
type Reminder struct {
	IncidentID int64     `json:"incidentId"`
	Kind       Kind      `json:"kind"`
	Key        string    `json:"key"`
	DueAt      time.Time `json:"dueAt" ts_type:"string"`
	// UrgentAt is when it turns (or turned) urgent; zero if it never does.
	UrgentAt time.Time `json:"urgentAt" ts_type:"string"`
	Urgency  Urgency   `json:"urgency"`
	// Since is when the reminder took its present form: it came due, turned
	// urgent, or came back from a snooze. A person should hear about it again
	// only if nobody was told since then (see Unfired).
	Since    time.Time `json:"since" ts_type:"string"`
	Title    string    `json:"title"`
	Body     string    `json:"body"`
	ActionID int64     `json:"actionId,omitempty"` // action reminders
	Person   string    `json:"person,omitempty"`   // fatigue and action reminders
}

// candidate is a rule's current cycle instance, due or not.
type candidate struct {
	kind     Kind
	key      string
	due      time.Time
	urgent   time.Time // zero if it never escalates
	actionID int64
	person   string
	// text renders title and body at now; fatigue text depends on the time in role.
	text func(now time.Time, urgent bool) (title, body string)
}

// candidates runs every rule. Each rule yields at most one instance per
// subject, never one per missed period, which is why a laptop that slept
// through three status cycles gets one reminder and not three.
func candidates(s State, p Policy) []candidate {
	var cs []candidate
	cs = append(cs, statusRule(s, p)...)
	cs = append(cs, checkInRule(s, p)...)
	cs = append(cs, actionRules(s, p)...)
	cs = append(cs, idleRule(s, p)...)
	cs = append(cs, fatigueRule(s, p)...)
	cs = append(cs, watchRule(s, p)...)
	cs = append(cs, reviewRule(s, p)...)
	cs = append(cs, gdprRule(s, p)...)
	return cs
}

// ReviewClockFor is how long after resolving the review clock runs, however
// quiet the incident: the review comes due a business day after resolving,
// when nobody writes in the incident any more. Longer than two business
// days over a weekend.
const ReviewClockFor = 7 * 24 * time.Hour

// WrittenUpAt reports whether the incident is written up after the fact at
// now: nothing in it for backend.WrittenUpAfter, and not resolved within
// ReviewClockFor (a call resolved yesterday is quiet, not written up).
func (s State) WrittenUpAt(now time.Time) bool {
	return backend.WrittenUp(s.LastAt, now) && (s.ResolvedAt.IsZero() || now.Sub(s.ResolvedAt) > ReviewClockFor)
}

// candidatesAt runs the rules that apply at now. An incident written up
// after the fact (typed in from notes, or recorded for its review) runs
// only the GDPR clock, a legal deadline that stays true however late the
// write-up is; the call's own clocks (status updates, check-ins, actions,
// idle, fatigue, the watch, a review long past) would only report it years
// overdue.
func candidatesAt(s State, p Policy, now time.Time) []candidate {
	if !s.WrittenUpAt(now) {
		return candidates(s, p)
	}
	return gdprRule(s, p)
}

// Due returns every reminder that is due at now and neither acknowledged nor
// snoozed, ordered by due time and then key. It includes reminders that were
// already sent: the in-app banner shows all of them; Unfired picks the ones a
// person has not been told about.
func Due(s State, p Policy, now time.Time) []Reminder {
	var rs []Reminder
	for _, c := range candidatesAt(s, p, now) {
		if now.Before(c.due) {
			continue
		}
		if _, ok := s.Acked[c.key]; ok {
			continue
		}
		until, snoozed := s.Snoozes[c.key]
		if snoozed && now.Before(until) {
			continue
		}
		r := Reminder{
			IncidentID: s.IncidentID, Kind: c.kind, Key: c.key, DueAt: c.due, UrgentAt: c.urgent,
			Urgency: UrgencyNormal, Since: c.due, ActionID: c.actionID, Person: c.person,
		}
		if !c.urgent.IsZero() && !now.Before(c.urgent) {
			r.Urgency, r.Since = UrgencyUrgent, c.urgent
		}
		if snoozed && until.After(r.Since) {
			r.Since = until
		}
		r.Title, r.Body = c.text(now, r.Urgency == UrgencyUrgent)
		rs = append(rs, r)
	}
	slices.SortFunc(rs, func(a, b Reminder) int {
		if c := a.DueAt.Compare(b.DueAt); c != 0 {
			return c
		}
		if c := kindRank[a.Kind] - kindRank[b.Kind]; c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
	return rs
}

// Schedule returns every rule's current cycle instance, due or not,
// acknowledged and snoozed ones included, rendered at now with Urgency and
// Since as Due would set them. The dashboard's countdowns read their due and
// urgent times from it; reminders to show come from Due.
func Schedule(s State, p Policy, now time.Time) []Reminder {
	var rs []Reminder
	for _, c := range candidatesAt(s, p, now) {
		r := Reminder{
			IncidentID: s.IncidentID, Kind: c.kind, Key: c.key, DueAt: c.due, UrgentAt: c.urgent,
			Urgency: UrgencyNormal, Since: c.due, ActionID: c.actionID, Person: c.person,
		}
		if !c.urgent.IsZero() && !now.Before(c.urgent) {
			r.Urgency, r.Since = UrgencyUrgent, c.urgent
		}
		r.Title, r.Body = c.text(now, r.Urgency == UrgencyUrgent)
		rs = append(rs, r)
	}
	return rs
}

// Next returns the earliest instant after now at which Due's answer changes
// because a reminder comes due, turns urgent or returns from a snooze. It
// returns the zero time when nothing is pending, so a loop can sleep until
// poked. Changes caused by new state (a recorded update, a new action) are not
// predictable and are what Loop.Poke is for.
func Next(s State, p Policy, now time.Time) time.Time {
	var next time.Time
	consider := func(t time.Time) {
		if t.After(now) && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	if !s.LastAt.IsZero() {
		consider(s.LastAt.Add(backend.WrittenUpAfter)) // the call's clocks stop
	}
	for _, c := range candidatesAt(s, p, now) {
		if _, ok := s.Acked[c.key]; ok {
			continue
		}
		until := s.Snoozes[c.key] // zero when not snoozed
		// A change hidden by a snooze is no change; the snooze's end is one if
		// the reminder is due by then.
		if !c.due.Before(until) {
			consider(c.due)
		}
		if !c.urgent.IsZero() && !c.urgent.Before(until) {
			consider(c.urgent)
		}
		if !c.due.After(until) {
			consider(until)
		}
	}
	return next
}

// Unfired returns the reminders a person has not been told about in their
// present form: never sent, or sent before they turned urgent or came back
// from a snooze. fired maps a key to when it was last sent (State.LastFired).
func Unfired(rs []Reminder, fired map[string]time.Time) []Reminder {
	var out []Reminder
	for _, r := range rs {
		if at, ok := fired[r.Key]; !ok || at.Before(r.Since) {
			out = append(out, r)
		}
	}
	return out
}
