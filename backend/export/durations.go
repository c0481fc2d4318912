package export

import (
	"fmt"
	"time"

	"bridgelog/backend"
)

// A duration is printed only between two times that both exist and are in
// order. An incident started late has entries backdated before its
// declaration, and a typing slip can put one years off; subtracting blindly
// would print "-256410478s" or call a resolved incident "not resolved yet".
// Where a duration cannot be given, the text says which time is missing or
// out of order, and what to set.

// Figure is one headline duration of an incident, or why there is none.
type Figure struct {
	// Known is false when a time is missing or the two are out of order;
	// Text then says which, and what to set.
	Known bool
	D     time.Duration
	// Text replaces the duration when set: the reason a figure is unknown,
	// or a plainer wording of a known one ("detected when declared").
	Text string
}

// String is the figure as the exports print it.
func (f Figure) String() string {
	if f.Text != "" {
		return f.Text
	}
	return humanDuration(f.D)
}

// Durations are the review's headline figures.
type Durations struct {
	ToDiscover Figure // detected to declared
	ToMitigate Figure // declared to mitigated (monitoring)
	ToRecover  Figure // declared to resolved
	// InSeverity is the time spent at each severity while the incident lasted.
	InSeverity map[backend.Severity]time.Duration
}

// declaredLate is the advice when something happened before the recorded
// declaration: the incident was declared in the app after it began.
const declaredLate = "declared after the first entry: set the declaration time"

// Durations works out the figures for the whole incident.
func (v *View) Durations() Durations {
	inc := v.Incident
	d := Durations{InSeverity: map[backend.Severity]time.Duration{}}
	switch {
	case inc.DetectedAt.IsZero():
		d.ToDiscover = Figure{Text: "unknown: set when the problem was first noticed"}
	case inc.DetectedAt.Equal(inc.DeclaredAt):
		d.ToDiscover = Figure{Known: true, Text: "detected when declared"}
	case inc.DetectedAt.After(inc.DeclaredAt):
		d.ToDiscover = Figure{Text: "unknown: detected after it was declared; set when the problem was first noticed"}
	default:
		d.ToDiscover = Figure{Known: true, D: inc.DeclaredAt.Sub(inc.DetectedAt)}
	}
	d.ToMitigate = sinceDeclared(inc, inc.MitigatedAt, "mitigated", "not mitigated yet")
	d.ToRecover = sinceDeclared(inc, inc.ResolvedAt, "resolved", "not resolved yet")
	for _, s := range v.Severities {
		if !s.AfterEnd {
			d.InSeverity[s.Severity] += s.To.Sub(s.From)
		}
	}
	return d
}

// sinceDeclared is the time from the declaration to t, which did what did.
func sinceDeclared(inc *backend.Incident, t time.Time, did, missing string) Figure {
	switch {
	case t.IsZero():
		return Figure{Text: missing}
	case t.Before(inc.DeclaredAt):
		return Figure{Text: "unknown: " + did + " before it was declared (" + declaredLate + ")"}
	}
	return Figure{Known: true, D: t.Sub(inc.DeclaredAt)}
}

// between is how long from from to to, or outOfOrder when to is before from.
func between(from, to time.Time, outOfOrder string) string {
	if to.Before(from) {
		return outOfOrder
	}
	return humanDuration(to.Sub(from))
}

// severityLasted is how long a stretch of the severity history lasted.
func severityLasted(s SeveritySpan) string {
	if s.AfterEnd {
		return "set after resolving"
	}
	return humanDuration(s.To.Sub(s.From))
}

// roleLasted is how long someone held a role, up to the end of the incident
// if they still do.
func roleLasted(v *View, r RoleShift) string {
	return between(r.From, docRoleTo(v, r), "none: named after the incident ended")
}

// humanDuration is "3d 4h", "1h 15m", "10m" or "45s": days from two days
// on, since "76h" makes a reader count. Callers pass a duration that is not
// negative; one that is still prints with its sign, so a test sees it.
func humanDuration(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d >= 48*time.Hour:
		days, h := int(d.Hours())/24, int(d.Hours())%24
		if h == 0 {
			return fmt.Sprintf("%dd", days)
		}
		return fmt.Sprintf("%dd %dh", days, h)
	}
	h, m := int(d.Hours()), int(d.Minutes())%60
	if m == 0 {
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh %dm", h, m)
}
