package clocks

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
)

// Hypotheses are `?` entries. One that starts with "confirmed" states what
// we know; one that starts with "ruled out", "rejected" or "disproved" is
// ruled out; the rest are open. The words are a convention the scribe types.
var (
	confirmedRe = regexp.MustCompile(`(?i)^confirmed\b[\s:,-]*`)
	ruledOutRe  = regexp.MustCompile(`(?i)^(ruled out|rejected|disproved)\b[\s:,-]*`)
	mentionRe   = regexp.MustCompile(`\s*@\S+`)
)

// hypotheses sorts hypothesis entries into confirmed, open and ruled out,
// with the marker word removed.
func hypotheses(entries []*backend.Entry) (confirmed, open, ruledOut []*backend.Entry) {
	for _, e := range entries {
		if e.Kind != backend.KindHypothesis {
			continue
		}
		c := *e
		switch {
		case confirmedRe.MatchString(e.Text):
			c.Text = confirmedRe.ReplaceAllString(e.Text, "")
			confirmed = append(confirmed, &c)
		case ruledOutRe.MatchString(e.Text):
			c.Text = ruledOutRe.ReplaceAllString(e.Text, "")
			ruledOut = append(ruledOut, &c)
		default:
			open = append(open, &c)
		}
	}
	return confirmed, open, ruledOut
}

// latest returns the last n entries of kind k, oldest first.
func latest(entries []*backend.Entry, k backend.Kind, n int, external bool) []*backend.Entry {
	var out []*backend.Entry
	for i := len(entries) - 1; i >= 0 && len(out) < n; i-- {
		if e := entries[i]; e.Kind == k && !(external && e.Internal) {
			out = append([]*backend.Entry{e}, out...)
		}
	}
	return out
}

// noNames removes @mentions, for text that customers read.
func noNames(s string) string { return strings.TrimSpace(mentionRe.ReplaceAllString(s, "")) }

// hhmm renders an instant as the IC's local time of day with the zone.
func hhmm(p cadence.Policy, t time.Time) string {
	loc := p.Location
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format("15:04 MST")
}

// span renders a duration as "25 min" or "1 h 05 min".
func span(d time.Duration) string {
	d = max(d, 0).Round(time.Minute)
	if d < time.Hour {
		return fmt.Sprintf("%d min", int(d.Minutes()))
	}
	return fmt.Sprintf("%d h %02d min", int(d.Hours()), int(d.Minutes())%60)
}

// phaseWords says where the incident stands, for stakeholders.
var phaseWords = map[backend.Phase]string{
	backend.PhaseInvestigating: "We are investigating.",
	backend.PhaseIdentified:    "We have identified the cause.",
	backend.PhaseMitigating:    "We are applying a fix.",
	backend.PhaseMonitoring:    "A fix is in place and we are monitoring the results.",
	backend.PhaseResolved:      "The incident is resolved.",
}

// actionLine describes an open action: with its owner and ETA internally,
// as plain work for customers.
func actionLine(p cadence.Policy, a backend.Action, external bool) string {
	if external {
		return noNames(a.Text)
	}
	s := "@" + a.Owner + " " + a.Text
	switch {
	case a.State == backend.ActionAsked:
		s += " (not yet acknowledged)"
	case !a.CheckInAt.IsZero():
		s += " (ETA " + hhmm(p, a.CheckInAt) + ")"
	default:
		s += " (no ETA)"
	}
	return s
}

// DraftStatus prefills a status update for an audience: severity and phase,
// impact, what we know, what we are doing, and when the next update comes.
// The external draft names no people and leaves out internal entries and
// open hypotheses; the IC still reads it before sending.
func DraftStatus(snap *backend.Snapshot, p cadence.Policy, now time.Time, audience backend.Audience) *StatusDraft {
	inc := snap.Incident
	ext := audience == backend.AudienceExternal
	next := nextUpdateIn(inc, p, now)
	d := &StatusDraft{Audience: audience, NextMinutes: int(next / time.Minute), NextAt: now.Add(next)}

	var b strings.Builder
	fmt.Fprintf(&b, "[%s] %s: %s\n", inc.Severity, inc.Title, phaseWords[inc.Phase])
	impact := inc.Impact
	if ext && len(latest(snap.Entries, backend.KindImpact, 1, false)) > 0 {
		// Customers get the latest impact that was not marked internal.
		impact = ""
		for _, e := range latest(snap.Entries, backend.KindImpact, 1, true) {
			impact = e.Text
		}
	}
	if ext {
		impact = noNames(impact)
	}
	if impact == "" {
		impact = "Being assessed."
	}
	fmt.Fprintf(&b, "Impact: %s\n", impact)

	confirmed, open, _ := hypotheses(snap.Entries)
	var known []string
	for _, e := range confirmed {
		if !(ext && e.Internal) {
			known = append(known, e.Text)
		}
	}
	for _, e := range latest(snap.Entries, backend.KindDecision, 3, ext) {
		known = append(known, e.Text)
	}
	if !ext {
		for _, e := range open {
			known = append(known, "Investigating: "+e.Text)
		}
	}
	if len(known) == 0 {
		known = []string{"We are still working out the cause."}
	}
	fmt.Fprintf(&b, "What we know: %s\n", joinSentences(known, ext))

	var doing []string
	if m := backend.MitigationInProgress(snap.Entries); m != nil && !(ext && m.Internal) {
		doing = append(doing, "Applying: "+m.Text)
	}
	for _, a := range openActions(snap.Actions) {
		if !(ext && a.Internal) {
			doing = append(doing, actionLine(p, a, ext))
		}
	}
	if len(doing) == 0 {
		doing = []string{"Continuing to investigate."}
	}
	fmt.Fprintf(&b, "What we are doing: %s\n", joinSentences(doing, ext))
	fmt.Fprintf(&b, "Next update by %s.", hhmm(p, d.NextAt))
	d.Text = b.String()
	return d
}

// joinSentences joins parts with "; ", without names for customers.
func joinSentences(parts []string, external bool) string {
	if external {
		for i := range parts {
			parts[i] = noNames(parts[i])
		}
	}
	return strings.Join(parts, "; ")
}
