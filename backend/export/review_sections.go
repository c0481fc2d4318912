package export

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"bridgelog/backend"
)

// reviewSection is a part of the review that the templates share and the
// timeline can only partly answer: what the entries say, then one question
// for the reviewer. A section never renders empty: with nothing derived,
// the question stands alone.
type reviewSection struct {
	Title string
	Items []string
	Ask   string
}

// reviewMilestone is a turning point of the incident, labelled as in
// Google's example postmortem (OUTAGE BEGINS, OUTAGE MITIGATED, OUTAGE
// ENDS), derived from the entries.
type reviewMilestone struct {
	When, Label, Text string
}

// reviewLink is a web address found in an entry, with the entry's time.
type reviewLink struct {
	When, URL string
}

// reviewAsk marks a question as a placeholder for the reviewer.
func reviewAsk(q string) string { return "To fill in: " + q }

// reviewMilestones derives the incident's milestones from its entries in
// occurred-time order: the first impact entry is when the outage began,
// later ones add impact; severity changes, mitigations and key moments
// follow the course; monitoring is when the outage was mitigated and
// resolving is when it ended. Detection and declaration come from the
// incident itself.
func reviewMilestones(v *View) []reviewMilestone {
	type mark struct {
		at time.Time
		m  reviewMilestone
	}
	var marks []mark
	inc := v.Incident
	if !inc.DetectedAt.IsZero() {
		marks = append(marks, mark{inc.DetectedAt, reviewMilestone{v.rowStamp(inc.DetectedAt), "DETECTED", "the problem was first noticed"}})
	}
	if !inc.DeclaredAt.IsZero() {
		marks = append(marks, mark{inc.DeclaredAt, reviewMilestone{v.rowStamp(inc.DeclaredAt), "INCIDENT BEGINS", "the incident was declared"}})
	}
	impact, mitigated := false, false
	for _, r := range v.Rows {
		e := r.Entry
		if !e.DeletedAt.IsZero() {
			continue
		}
		label := ""
		switch {
		case e.Kind == backend.KindImpact && !impact:
			label, impact = "OUTAGE BEGINS", true
		case e.Kind == backend.KindImpact:
			label = "IMPACT"
		case e.Kind == backend.KindSeverity:
			label = "SEVERITY " + strings.ToUpper(string(e.Severity))
		case e.Kind == backend.KindMitigation:
			label = "MITIGATION"
		case e.Kind == backend.KindPhase && e.Phase == backend.PhaseMonitoring && !mitigated:
			label, mitigated = "OUTAGE MITIGATED", true
		case e.Kind == backend.KindPhase && e.Phase == backend.PhaseResolved:
			label = "OUTAGE ENDS (RESOLVED)"
		case e.Kind == backend.KindPhase:
			label = "PHASE " + strings.ToUpper(docPhaseLabel(e.Phase))
		case e.Key:
			label = "KEY MOMENT"
		default:
			continue
		}
		text := entryText(v, r)
		if text == "" {
			text = docKindLabel(e.Kind)
		}
		marks = append(marks, mark{e.OccurredAt, reviewMilestone{r.UTC, label, text}})
	}
	// The incident's own times go among the entries, which are already in
	// time order; an entry at the same time stays after them.
	slices.SortStableFunc(marks, func(a, b mark) int { return a.at.Compare(b.at) })
	out := make([]reviewMilestone, len(marks))
	for i, m := range marks {
		out[i] = m.m
	}
	return out
}

// reviewMilestoneAsk is the question left under the milestones when the
// entries do not say when the outage began or when it ended.
func reviewMilestoneAsk(ms []reviewMilestone) string {
	began, ended := false, false
	for _, m := range ms {
		began = began || m.Label == "OUTAGE BEGINS"
		ended = ended || strings.HasPrefix(m.Label, "OUTAGE ENDS")
	}
	switch {
	case !began && !ended:
		return reviewAsk("When did the outage begin, when was it mitigated, and when did it end? (Mark impact with !, the end with a phase change.)")
	case !began:
		return reviewAsk("When did the outage begin? (No impact entry was recorded.)")
	case !ended:
		return reviewAsk("When did the outage end? (The incident is not resolved yet.)")
	}
	return ""
}

// rowStamp is a time as the timeline's rows show it, with the date when
// they carry one.
func (v *View) rowStamp(t time.Time) string { return v.stamp(t, time.UTC) }

var reviewURLRe = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"'` + "`" + `]+`)

// reviewLinks collects every http(s) address in the entries, once each, at
// the time of the first entry that gave it.
func reviewLinks(v *View) []reviewLink {
	var out []reviewLink
	seen := map[string]bool{}
	for _, r := range v.Rows {
		if !r.Entry.DeletedAt.IsZero() {
			continue
		}
		for _, u := range reviewURLRe.FindAllString(r.Text, -1) {
			u = strings.TrimRight(u, ".,;:!?)]}*_~")
			// Schemes are case-insensitive; lower case keeps the address a
			// link in the Markdown and one address however it was typed.
			scheme, rest, _ := strings.Cut(u, "://")
			u = strings.ToLower(scheme) + "://" + rest
			if seen[u] {
				continue
			}
			seen[u] = true
			out = append(out, reviewLink{When: r.UTC, URL: u})
		}
	}
	return out
}

// reviewEntries are the texts of the entries of one kind, with their times.
func reviewEntries(v *View, kind backend.Kind) []string {
	var out []string
	for _, r := range v.Rows {
		if r.Entry.Kind == kind && r.Entry.DeletedAt.IsZero() {
			out = append(out, r.UTC+" UTC: "+entryText(v, r))
		}
	}
	return out
}

// reviewCauseSections are the account of how the incident came about: what
// set it off, what led up to it, what failed, and how it was found.
func reviewCauseSections(v *View) []reviewSection {
	inc := v.Incident
	var detection []string
	if !inc.DetectedAt.IsZero() {
		detection = append(detection, "First noticed: "+v.Stamp(inc.DetectedAt)+".")
	}
	detection = append(detection, "Declared: "+v.Stamp(inc.DeclaredAt)+".")
	if d := v.Durations(); d.ToDiscover.Known {
		detection = append(detection, "Time to detect (noticed to declared): "+d.ToDiscover.String()+".")
	}
	var fault []string
	for _, h := range reviewEntries(v, backend.KindHypothesis) {
		fault = append(fault, "Hypothesis during the call, "+h)
	}
	return []reviewSection{
		{Title: "Trigger", Ask: reviewAsk("What change or event set the incident off (a deploy, a traffic spike, a failure elsewhere)?")},
		{Title: "Lead-up", Ask: reviewAsk("What happened in the hours or days before that made the system ready to fail this way?")},
		{Title: "Fault", Items: fault, Ask: reviewAsk("What failed, and how did the failure show itself to users?")},
		{Title: "Detection", Items: detection, Ask: reviewAsk("How was it detected (an alert, a customer, a person), and what would have found it sooner?")},
	}
}

// reviewEndSections say what ended the impact and how service came back.
func reviewEndSections(v *View) []reviewSection {
	inc := v.Incident
	resolution := reviewEntries(v, backend.KindMitigation)
	for i, m := range resolution {
		resolution[i] = "Mitigation " + m
	}
	if !inc.MitigatedAt.IsZero() {
		resolution = append(resolution, "Impact mitigated (monitoring from): "+v.Stamp(inc.MitigatedAt)+".")
	}
	var recovery []string
	if !inc.ResolvedAt.IsZero() {
		recovery = append(recovery, "Resolved: "+v.Stamp(inc.ResolvedAt)+".")
		if !inc.MitigatedAt.IsZero() && !inc.ResolvedAt.Before(inc.MitigatedAt) {
			recovery = append(recovery, "Monitored for "+humanDuration(inc.ResolvedAt.Sub(inc.MitigatedAt))+" before resolving.")
		}
	}
	return []reviewSection{
		{Title: "Resolution", Items: resolution, Ask: reviewAsk("What ended the impact, and what is the long-term solution?")},
		{Title: "Recovery", Items: recovery, Ask: reviewAsk("What was still needed to return to normal (backlogs, data repair, customer follow-up)?")},
	}
}

// reviewImpactSpan is how long users were affected: from the first impact
// entry to mitigation, or to resolution when nothing was mitigated first.
func reviewImpactSpan(v *View) string {
	var from time.Time
	for _, r := range v.Rows {
		if r.Entry.Kind == backend.KindImpact && r.Entry.DeletedAt.IsZero() {
			from = r.Entry.OccurredAt
			break
		}
	}
	to := v.Incident.MitigatedAt
	if to.IsZero() {
		to = v.Incident.ResolvedAt
	}
	if from.IsZero() || to.IsZero() || to.Before(from) {
		return ""
	}
	return humanDuration(to.Sub(from)) + " (first impact entry " + v.Stamp(from) + " to mitigation " + v.Stamp(to) + ")"
}

// reviewAuthors are the candidates for the review's authors: the role
// holders first, then everyone else who took part. The external draft names
// no one.
func reviewAuthors(v *View) reviewSection {
	s := reviewSection{Title: "Authors and reviewers", Ask: reviewAsk("Who writes this review, and who reviews it before it is shared?")}
	if v.Opts.External {
		return s
	}
	seen := map[string]bool{}
	for _, r := range v.Roles {
		key := strings.ToLower(r.Person)
		if r.Person == "" || seen[key] {
			continue
		}
		seen[key] = true
		s.Items = append(s.Items, "Author candidate: "+r.Person+" ("+r.Label+")")
	}
	for _, n := range reviewPeople(v) {
		if !seen[strings.ToLower(n)] {
			seen[strings.ToLower(n)] = true
			s.Items = append(s.Items, "Author candidate: "+n)
		}
	}
	return s
}

// reviewLessons are the questions of the templates' lessons learned.
var reviewLessons = []string{"What went well?", "What didn't go so well?", "Where did we get lucky?", "What did we learn, and what will we do differently?"}
