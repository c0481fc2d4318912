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

// actionLine describes an open action for the IC and stakeholders inside:
// its owner, or that it has none, and its ETA.
func actionLine(p cadence.Policy, a backend.Action) string {
	if a.Owner == "" {
		// Nobody can acknowledge an action nobody owns: say so instead of "@ ".
		s := a.Text + " (no owner yet"
		if !a.CheckInAt.IsZero() {
			s += ", ETA " + hhmm(p, a.CheckInAt)
		}
		return s + ")"
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
// people are the names the incident knows beyond its snapshot (the scribe,
// the escalation path).
//
// "What we know" holds findings only (confirmed hypotheses, and internally
// the open ones): a decision is something we do, so it is listed under
// "What we are doing" as "Decided: …" for stakeholders inside. The customer
// draft leaves decisions out: customers see their effect in the mitigation
// and the actions, while the decision's wording is the team's own (who
// drives, which vendor, what it costs). The customer draft names no person,
// host, team, severity label or internal link, and marks what it cannot be
// sure of (see customerText); the IC still reads it before sending.
func DraftStatus(snap *backend.Snapshot, p cadence.Policy, now time.Time, audience backend.Audience, people ...string) *StatusDraft {
	inc := snap.Incident
	ext := audience == backend.AudienceExternal
	next := nextUpdateIn(inc, p, now)
	d := &StatusDraft{Audience: audience, NextMinutes: int(next / time.Minute), NextAt: now.Add(next)}
	clean := func(s string) string { return s }
	if ext {
		clean = newCustomerText(snap, people).clean
	}

	var b strings.Builder
	if ext {
		if title := clean(inc.Title); title != "" {
			fmt.Fprintf(&b, "%s: ", title)
		}
		fmt.Fprintf(&b, "%s\n", phaseWords[inc.Phase])
	} else {
		fmt.Fprintf(&b, "[%s] %s: %s\n", inc.Severity, inc.Title, phaseWords[inc.Phase])
	}
	impact := inc.Impact
	if ext && len(latest(snap.Entries, backend.KindImpact, 1, false)) > 0 {
		// Customers get the latest impact that was not marked internal.
		impact = ""
		for _, e := range latest(snap.Entries, backend.KindImpact, 1, true) {
			impact = e.Text
		}
	}
	if impact = clean(impact); impact == "" {
		impact = "Being assessed."
	}
	fmt.Fprintf(&b, "Impact: %s\n", impact)

	confirmed, open, _ := hypotheses(snap.Entries)
	var known []string
	for _, e := range confirmed {
		if !(ext && e.Internal) {
			known = appendClean(known, clean, e.Text)
		}
	}
	if !ext {
		for _, e := range open {
			known = append(known, "Investigating: "+e.Text)
		}
	}
	if len(known) == 0 {
		known = []string{"We are still working out the cause."}
	}
	fmt.Fprintf(&b, "What we know: %s\n", strings.Join(known, "; "))

	var doing []string
	if m := backend.MitigationInProgress(snap.Entries); m != nil && !(ext && m.Internal) {
		if t := clean(m.Text); t != "" {
			doing = append(doing, "Applying: "+t)
		}
	}
	if !ext {
		for _, e := range latest(snap.Entries, backend.KindDecision, 3, false) {
			doing = append(doing, "Decided: "+e.Text)
		}
	}
	for _, a := range openActions(snap.Actions) {
		switch {
		case !ext:
			doing = append(doing, actionLine(p, a))
		case !a.Internal:
			doing = appendClean(doing, clean, a.Text)
		}
	}
	if len(doing) == 0 {
		doing = []string{"Continuing to investigate."}
	}
	fmt.Fprintf(&b, "What we are doing: %s\n", strings.Join(doing, "; "))
	fmt.Fprintf(&b, "Next update by %s.", hhmm(p, d.NextAt))
	d.Text = b.String()
	return d
}

// appendClean adds s made clean, unless nothing of it is left.
func appendClean(list []string, clean func(string) string, s string) []string {
	if s = clean(s); s != "" {
		list = append(list, s)
	}
	return list
}
