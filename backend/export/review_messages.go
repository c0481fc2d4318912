package export

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"bridgelog/backend"
)

// reviewMessages drafts PagerDuty's two messages: an internal email with
// names and figures, and an external message that names no people.
func reviewMessages(v *View, d *reviewDoc, names []string) (email, external []string) {
	inc := v.Incident
	worst := string(reviewWorst(v))
	impact := strings.TrimRight(d.Impact, ". ")
	if impact == "" {
		impact = "[describe the impact]"
	}
	span := "from " + v.Start.UTC().Format("Monday 2 January 2006 15:04 UTC")
	if !inc.ResolvedAt.IsZero() {
		span += " to " + inc.ResolvedAt.UTC().Format(reviewSameDay(v, inc.ResolvedAt)) + " (" + between(v.Start, inc.ResolvedAt, "no time") + ")"
	}

	state := "It is still open."
	if !inc.ResolvedAt.IsZero() {
		state = "It is resolved."
	}
	subject := "Subject: [" + worst + "] " + inc.Title
	if !inc.ResolvedAt.IsZero() {
		subject += " (resolved)"
	}
	p1 := "Summary: " + span + ", " + impact + ". " + state
	var course []string
	fig := v.Durations()
	if !inc.DetectedAt.IsZero() && inc.DetectedAt.Before(inc.DeclaredAt) {
		course = append(course, "it was declared "+fig.ToDiscover.String()+" after it was first noticed")
	}
	switch {
	case fig.ToMitigate.Known:
		course = append(course, "mitigated "+fig.ToMitigate.String()+" after declaring")
	case !inc.MitigatedAt.IsZero():
		course = append(course, "mitigated before it was declared ("+declaredLate+")")
	}
	switch {
	case fig.ToRecover.Known:
		course = append(course, "resolved after "+fig.ToRecover.String())
	case !inc.ResolvedAt.IsZero():
		course = append(course, "resolved before it was declared ("+declaredLate+")")
	}
	if len(course) > 0 {
		p1 += " Course: " + strings.Join(course, ", ") + "."
	}
	var ics []string
	for _, r := range v.Roles {
		if r.Role == backend.RoleIC && r.Person != "" && !slices.Contains(ics, r.Person) {
			ics = append(ics, r.Person)
		}
	}
	if len(ics) > 0 {
		p1 += " Incident commander" + reviewPlural(len(ics)) + ": " + strings.Join(ics, ", ") + "."
	}
	factors := "Contributing factors noted so far: [fill in]."
	if len(d.Factors) > 0 {
		var fs []string
		for _, f := range d.Factors {
			fs = append(fs, strings.TrimRight(f.Text, ". "))
		}
		factors = "Contributing factors noted so far: " + strings.Join(fs, "; ") + ". The review may find more."
	}
	missing := 0
	for _, f := range d.FollowUps {
		if f.Missing != "" {
			missing++
		}
	}
	actions := fmt.Sprintf("Corrective actions: %d recorded", len(d.FollowUps))
	if missing > 0 {
		actions += fmt.Sprintf(", %d still without an owner or a due date", missing)
	}
	actions += ". The blameless review will agree on them; the draft with the full timeline is attached."
	email = []string{subject, p1, factors, actions}

	extImpact := reviewNoNames(impact, names)
	ext1 := "Summary: " + span + ", " + extImpact + ". " + state
	external = []string{
		ext1,
		"What happened? [Describe what customers saw and why, in plain words, without internal system names or people.]",
		"What are we doing about this? We are reviewing this incident and making changes so that it does not happen again: [list the corrective actions you can share].",
	}
	if v.Opts.External {
		email = nil
	}
	return email, external
}

// reviewSameDay is the layout for an end time: the clock alone when the
// export's times go without a date, the date too otherwise.
func reviewSameDay(v *View, t time.Time) string {
	if !v.dated(t, time.UTC) {
		return "15:04 UTC"
	}
	return "Monday 2 January 15:04 UTC"
}

// reviewNoNames removes the given names, as whole words in any case, and
// @mentions: the external message names no people.
func reviewNoNames(s string, names []string) string {
	s = redactNames(s)
	for _, n := range names {
		re, err := regexp.Compile(`(?i)(^|[^\p{L}\p{N}])` + regexp.QuoteMeta(n) + `($|[^\p{L}\p{N}])`)
		if err != nil {
			continue
		}
		for re.MatchString(s) {
			s = re.ReplaceAllString(s, "$1$2")
		}
	}
	return strings.Join(strings.Fields(s), " ")
}
