package clocks

import (
	"fmt"
	"strings"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
)

// BuildBrief writes the handoff brief for role: what an incoming holder needs
// before saying "I have it" — impact, severity, phase, the mitigation and
// actions in progress with owners and ETAs, open and ruled-out hypotheses,
// the last and next update, who holds which role and for how long.
func BuildBrief(snap *backend.Snapshot, p cadence.Policy, now time.Time, role backend.Role) *HandoffBrief {
	inc := snap.Incident
	h := &HandoffBrief{Role: role}
	for _, r := range snap.Roles {
		if r.Role == role && r.To.IsZero() {
			h.Outgoing, h.Since = r.Person, r.From
		}
	}
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	// A list of one reads on one line: the brief lands on the timeline as
	// one entry, and every line saved there is one more to scroll past.
	list := func(title string, items []string, empty string) {
		switch len(items) {
		case 0:
			line("%s: %s", title, empty)
		case 1:
			line("%s: %s", title, items[0])
		default:
			line("%s:", title)
			for _, it := range items {
				line("- %s", it)
			}
		}
	}

	line("Handoff brief: %s, incident #%d %q", backend.RoleLabel(role), inc.ID, inc.Title)
	// The story may start before the declaration (a timeline written up
	// afterwards): the brief counts from the earlier of the two, and gives no
	// span at all rather than a negative one.
	start, how := incidentStart(snap), "it was declared"
	if start.Before(inc.DeclaredAt) {
		how = "its first entry"
	}
	// A resolved incident's clocks stopped at the resolution.
	end := clockEnd(inc, now)
	d, ok := between(start, end)
	switch {
	case ok && !end.Equal(now):
		line("As of %s, resolved %s after %s at %s.", hhmm(p, now), span(d), how, hhmm(p, start))
	case ok:
		line("As of %s, %s since %s at %s.", hhmm(p, now), span(d), how, hhmm(p, start))
	default:
		line("As of %s; %s at %s.", hhmm(p, now), how, hhmm(p, start))
	}
	line("Severity %s, phase %s.", inc.Severity, inc.Phase)
	impact := inc.Impact
	if impact == "" {
		impact = "not yet assessed"
	}
	line("Impact: %s", impact)
	if m := backend.MitigationInProgress(snap.Entries); m != nil {
		line("Mitigation in progress since %s: %s", hhmm(p, m.OccurredAt), m.Text)
	} else {
		line("Mitigation in progress: none")
	}
	var actions []string
	for _, a := range openActions(snap.Actions) {
		actions = append(actions, actionLine(p, a))
	}
	list("Actions in progress", actions, "none")

	confirmed, open, ruledOut := hypotheses(snap.Entries)
	// Confirmed and ruled out come from "? confirmed: …" and "? ruled out: …"
	// lines; an empty one says so, since the scribe may not know the words.
	list("Confirmed", texts(confirmed), "none yet"+confirmedHint)
	list("Open hypotheses", texts(open), "none")
	list("Ruled out", texts(ruledOut), "none yet"+ruledOutHint)
	var decisions []string
	for _, e := range latest(snap.Entries, backend.KindDecision, 5, false) {
		decisions = append(decisions, hhmm(p, e.OccurredAt)+" "+e.Text)
	}
	list("Recent decisions", decisions, "none")

	st := State(snap, p)
	last := "none yet"
	if !st.LastStatusAt.IsZero() {
		last = hhmm(p, st.LastStatusAt)
	}
	next := ""
	for _, r := range cadence.Schedule(st, p, now) {
		if r.Kind == cadence.KindStatus {
			next = "; next due " + hhmm(p, r.DueAt)
		}
	}
	line("Last status update: %s%s.", last, next)

	var roles []string
	for _, r := range snap.Roles {
		if r.To.IsZero() {
			roles = append(roles, fmt.Sprintf("%s: %s, %s", backend.RoleLabel(r.Role), r.Person, inRole(r.From, clockEnd(inc, now))))
		}
	}
	list("Roles", roles, "none")
	var pages []string
	for _, pg := range snap.Pages {
		pages = append(pages, fmt.Sprintf("%s (level %d, %s)", pg.Person, pg.Level, strings.ReplaceAll(string(pg.State), "_", " ")))
	}
	if len(pages) > 0 {
		list("Paged", pages, "none")
	}
	h.Text = strings.TrimRight(b.String(), "\n")
	return h
}

// The hints an empty Confirmed or Ruled out line carries in the dialog; the
// entry the handoff saves keeps "none yet" without them (see BriefForRecord).
const (
	confirmedHint = ": `? confirmed: …` adds one"
	ruledOutHint  = ": `? ruled out: …` adds one"
)

// BriefForRecord is the brief as the timeline keeps it: the hints on how to
// fill an empty line are for the person reading the dialog, not the record.
func BriefForRecord(brief string) string {
	return strings.NewReplacer("none yet"+confirmedHint, "none yet", "none yet"+ruledOutHint, "none yet").Replace(brief)
}

func texts(es []*backend.Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Text)
	}
	return out
}

// BuildPaging renders the paging tracker. Next is the first person on the
// escalation path not yet paged, unless someone on the path has joined.
func BuildPaging(pages []backend.Page, path []string) *Paging {
	out := &Paging{Pages: pages, Path: path}
	if out.Pages == nil {
		out.Pages = []backend.Page{}
	}
	if out.Path == nil {
		out.Path = []string{}
	}
	paged := map[string]backend.PageState{}
	for _, pg := range pages {
		key := strings.ToLower(pg.Person)
		if paged[key] != backend.PageJoined {
			paged[key] = pg.State
		}
	}
	for _, person := range path {
		if paged[strings.ToLower(strings.TrimSpace(person))] == backend.PageJoined {
			return out // someone on the path is on the call: no need to escalate
		}
	}
	for i, person := range path {
		if _, ok := paged[strings.ToLower(strings.TrimSpace(person))]; !ok {
			out.Next, out.NextLevel = strings.TrimSpace(person), i+1
			break
		}
	}
	return out
}

// inRole says how long someone has held a role until end (now, or the
// resolution), or that the time is unknown when the role change is dated
// after end.
func inRole(from, end time.Time) string {
	if d, ok := between(from, end); ok {
		return span(d) + " in role"
	}
	return "time in role unknown"
}
