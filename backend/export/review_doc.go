package export

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"bridgelog/backend"
)

// The review draft follows PagerDuty's postmortem template and the seeds,
// with the sections Google's example postmortem, Atlassian's template and
// Jeli's guide share (trigger, lead-up, fault, detection, recovery,
// milestones, supporting links, lessons, authors): a blameless account with
// impact and scope, the headline durations, who held which role, the
// timeline, contributing factors (not a single root cause),
// corrective actions with owners and due dates, how the status cadence was
// kept, message drafts, and when to meet. reviewDoc holds that content once;
// the Markdown and HTML drafts only lay it out.
type reviewDoc struct {
	Title      string
	Summary    string
	Unresolved bool
	Facts      []htmlFact
	Checks     []string // entries dated far outside the incident
	Impact     string
	ImpactRows []reviewLine
	Scope      string
	Figures    []htmlFact
	Responders []htmlRole
	Others     []string
	Steps      []reviewLine
	Factors    []reviewLine
	FollowUps  []reviewFollowUp
	Updates    []reviewUpdate
	Cadence    []string
	Actions    []reviewAction
	Pages      []reviewPage
	Timeline   []reviewLine
	Security   []htmlFact
	Email      []string // the internal email, paragraph by paragraph
	External   []string // the external message, paragraph by paragraph
	Meeting    []htmlFact
	Attendees  []string
	ShowLocal  bool
	ZoneName   string

	ImpactSpan   string            // how long users were affected, or ""
	Causes       []reviewSection   // trigger, lead-up, fault, detection
	Ends         []reviewSection   // resolution, recovery
	Milestones   []reviewMilestone // the timeline's turning points
	MilestoneAsk string            // what the milestones leave open, or ""
	Links        []reviewLink      // supporting information
	Authors      reviewSection
}

// reviewLine is one timeline row as the review shows it.
type reviewLine struct {
	When, Local, Kind, Text, By, Flags string
}

type reviewFollowUp struct {
	N                int
	What, Owner, Due string
	Missing          string // what it lacks: "an owner", "a due date", both, or ""
}

type reviewUpdate struct {
	Sent, Audience, Next, Kept, Text string
	Late                             bool
}

type reviewAction struct {
	Owner, Text, Asked, Acked, Closed, State string
}

type reviewPage struct {
	Person, Level, Paged, Answered, State string
}

// reviewFactorPrompts are the blameless questions the review answers; they ask
// how the system allowed it, never who is to blame.
var reviewFactorPrompts = []string{
	"What made this possible? (conditions in the system, the process or the tooling, not people)",
	"What made it worse, or made it last longer?",
	"What made detection slow, or what helped us detect it?",
	"What did people know at each decision, and why did the decision make sense at the time?",
	"Starting from the impact, ask why until you reach conditions you can change; where the answers branch, follow each branch.",
	"Has this, or something like it, happened before? Link the earlier reviews and say what changed since.",
}

func newReviewDoc(v *View) *reviewDoc {
	inc := v.Incident
	d := &reviewDoc{Title: inc.Title, Unresolved: inc.ResolvedAt.IsZero(), Impact: inc.Impact,
		ShowLocal: v.showsLocal(), ZoneName: v.ZoneName}
	names := reviewPeople(v)
	if v.Opts.External {
		d.Impact = reviewNoNames(d.Impact, names)
	}
	d.Summary = reviewSummary(v, d.Impact)
	d.Checks = v.TimeChecks()
	if inc.UID != "" {
		d.Facts = append(d.Facts, htmlFact{"Incident id", inc.UID})
	}
	worst := string(reviewWorst(v))
	if worst == "" {
		worst = "not set"
	}
	d.Facts = append(d.Facts, htmlFact{"Worst severity", worst}, htmlFact{"Declared", v.anchorBoth(inc.DeclaredAt)})
	if d.Unresolved {
		d.Facts = append(d.Facts, htmlFact{"Resolved", "not yet (" + docPhaseLabel(inc.Phase) + ")"})
	} else {
		d.Facts = append(d.Facts, htmlFact{"Resolved", v.bothZones(inc.ResolvedAt)})
	}
	d.Facts = append(d.Facts, htmlFact{"Review owner", ""}, htmlFact{"Status", "Draft"})
	if !v.Opts.Now.IsZero() {
		d.Facts = append(d.Facts, htmlFact{"Drafted", v.Opts.Now.UTC().Format("2006-01-02 15:04 UTC")})
	}

	for _, r := range v.Rows {
		if r.Entry.Kind == backend.KindImpact && r.Entry.DeletedAt.IsZero() {
			d.ImpactRows = append(d.ImpactRows, reviewRow(v, r))
		}
	}
	d.Scope = reviewScope(v, d.Impact)
	d.Figures = reviewFigures(v)

	for _, r := range v.Roles {
		d.Responders = append(d.Responders, htmlRole{Label: r.Label, Person: docPerson(r.Person, "(name left out)"),
			From: v.stamp(r.From, time.UTC), To: docRoleEnd(v, r), Span: roleLasted(v, r)})
	}
	d.Others = reviewOthers(v)
	for _, r := range v.KeyRows() {
		d.Steps = append(d.Steps, reviewRow(v, r))
	}
	for _, r := range v.Factors {
		if r.Entry.DeletedAt.IsZero() {
			d.Factors = append(d.Factors, reviewRow(v, r))
		}
	}
	for i, f := range v.FollowUps {
		if !f.Entry.DeletedAt.IsZero() {
			continue
		}
		fu := reviewFollowUp{N: i + 1, What: f.What, Owner: f.Owner, Due: f.Due}
		if v.Opts.External && fu.Owner == "" {
			// The external view dropped the owner's name with the @mention;
			// that is not a missing owner.
			if followUp(Row{Entry: f.Entry, Text: f.Entry.Text}).Owner != "" {
				fu.Owner = "(name left out)"
			}
		}
		switch {
		case fu.Owner == "" && f.Due == "":
			fu.Missing = "an owner and a due date"
		case fu.Owner == "":
			fu.Missing = "an owner"
		case f.Due == "":
			fu.Missing = "a due date"
		}
		d.FollowUps = append(d.FollowUps, fu)
	}
	d.Updates, d.Cadence = reviewUpdates(v)
	for _, a := range v.Actions {
		d.Actions = append(d.Actions, reviewAction{Owner: a.Owner, Text: a.Text, Asked: v.Stamp(a.AskedAt),
			Acked:  reviewSince(v, a.AskedAt, a.AckedAt, "never acknowledged", "the ask"),
			Closed: reviewSince(v, a.AskedAt, a.ClosedAt, "still open", "the ask"),
			State:  string(a.State)})
	}
	for _, p := range v.Pages {
		d.Pages = append(d.Pages, reviewPage{Person: p.Person, Level: strconv.Itoa(p.Level), Paged: v.Stamp(p.PagedAt),
			Answered: reviewSince(v, p.PagedAt, p.AnsweredAt, "no answer", "the page"), State: strings.ReplaceAll(string(p.State), "_", " ")})
	}
	for _, r := range v.Rows {
		d.Timeline = append(d.Timeline, reviewRow(v, r))
	}
	d.Security = reviewSecurity(v)
	d.Email, d.External = reviewMessages(v, d, names)
	d.Meeting, d.Attendees = reviewMeeting(v)
	d.ImpactSpan = reviewImpactSpan(v)
	d.Causes, d.Ends = reviewCauseSections(v), reviewEndSections(v)
	d.Milestones, d.Links = reviewMilestones(v), reviewLinks(v)
	d.MilestoneAsk = reviewMilestoneAsk(d.Milestones)
	d.Authors = reviewAuthors(v)
	return d
}

func reviewRow(v *View, r Row) reviewLine {
	l := reviewLine{When: r.UTC, Local: r.Local, Kind: docKindLabel(r.Entry.Kind), Text: entryText(v, r), By: r.By,
		Flags: strings.Join(r.Flags, ", ")}
	if r.Attachment != nil {
		l.Flags = strings.TrimPrefix(l.Flags+", file "+r.Attachment.Name, ", ")
	}
	return l
}

func reviewSummary(v *View, impact string) string {
	inc := v.Incident
	var b strings.Builder
	if sev := reviewWorst(v); sev != "" {
		b.WriteString("A " + string(sev) + " incident")
	} else {
		b.WriteString("An incident")
	}
	if inc.ResolvedAt.IsZero() {
		b.WriteString(", still open,")
	} else {
		b.WriteString(" of " + between(v.Start, inc.ResolvedAt, "no time"))
	}
	b.WriteString(" starting " + v.Start.UTC().Format("Monday 2 January 2006, 15:04 UTC"))
	if impact != "" {
		b.WriteString(": " + strings.TrimRight(impact, ". ") + ".")
	} else {
		b.WriteString(". The impact was not recorded: describe it below.")
	}
	return b.String()
}

func reviewWorst(v *View) backend.Severity {
	worst := v.Incident.Severity
	for _, s := range v.Severities {
		if worst == "" || s.Severity < worst {
			worst = s.Severity
		}
	}
	return worst
}

var (
	reviewExtWords = regexp.MustCompile(`(?i)\b(customers?|clients?|public|external|merchants?|tenants?|subscribers?|visitors?|buyers?|shoppers?|end[- ]users?|partners?)\b`)
	reviewIntWords = regexp.MustCompile(`(?i)\b(internal|employees?|staff|engineers?|developers?|colleagues|back[- ]?office|intranet|ci|build pipeline)\b`)
)

// reviewScope guesses from the impact entries whether internal or external
// users were affected, and says it is a guess to confirm.
func reviewScope(v *View, impact string) string {
	texts := []string{impact}
	for _, r := range v.Rows {
		if r.Entry.Kind == backend.KindImpact && r.Entry.DeletedAt.IsZero() {
			texts = append(texts, r.Text)
		}
	}
	all := strings.Join(texts, "\n")
	ext, in := reviewExtWords.MatchString(all), reviewIntWords.MatchString(all)
	for _, u := range v.Updates {
		ext = ext || u.Update.Audience == backend.AudienceExternal
	}
	switch {
	case ext && in:
		return "Internal and external users (the impact entries mention both): confirm, and say how many of each."
	case ext:
		return "External users (customers), judging by the impact entries and the updates sent: confirm, and say how many."
	case in:
		return "Internal users only, judging by the impact entries: confirm that no customer noticed."
	}
	return "Not recorded: say whether internal or external users were affected, and how many."
}

func reviewFigures(v *View) []htmlFact {
	d := v.Durations()
	figs := []htmlFact{
		{"Time to discover (detected to declared)", d.ToDiscover.String()},
		{"Time to mitigate (declared to monitoring)", d.ToMitigate.String()},
		{"Time to recover (declared to resolved)", d.ToRecover.String()},
	}
	for _, s := range []backend.Severity{backend.SEV1, backend.SEV2, backend.SEV3, backend.SEV4} {
		if x, ok := d.InSeverity[s]; ok {
			figs = append(figs, htmlFact{"Time in " + string(s), humanDuration(x)})
		}
	}
	return figs
}

// reviewPeople are everyone named in the incident: role holders, action
// owners, people paged and authors, first seen first, each once.
func reviewPeople(v *View) []string {
	var names []string
	seen := map[string]bool{}
	add := func(n string) {
		n = strings.TrimSpace(strings.TrimPrefix(n, "@"))
		if n == "" || seen[strings.ToLower(n)] {
			return
		}
		seen[strings.ToLower(n)] = true
		names = append(names, n)
	}
	for _, r := range v.report.Roles {
		add(r.Person)
	}
	for _, a := range v.report.Actions {
		add(a.Owner)
	}
	for _, p := range v.report.Pages {
		if p.State == backend.PageJoined {
			add(p.Person)
		}
	}
	for _, e := range v.report.Entries {
		if e.DeletedAt.IsZero() {
			add(e.Author)
		}
	}
	return names
}

// reviewOthers are the people involved who held no role, with what they did.
func reviewOthers(v *View) []string {
	if v.Opts.External {
		return nil
	}
	roles := map[string]bool{}
	for _, r := range v.Roles {
		roles[strings.ToLower(r.Person)] = true
	}
	what := map[string][]string{}
	var order []string
	note := func(name, did string) {
		key := strings.ToLower(name)
		if name == "" || roles[key] {
			return
		}
		if _, ok := what[key]; !ok {
			order = append(order, name)
		}
		if !slices.Contains(what[key], did) {
			what[key] = append(what[key], did)
		}
	}
	for _, a := range v.Actions {
		note(a.Owner, "action owner")
	}
	for _, p := range v.Pages {
		note(p.Person, "paged, "+strings.ReplaceAll(string(p.State), "_", " "))
	}
	for _, r := range v.Rows {
		if r.Entry.DeletedAt.IsZero() {
			note(r.By, "wrote entries")
		}
	}
	var out []string
	for _, n := range order {
		out = append(out, n+" ("+strings.Join(what[strings.ToLower(n)], "; ")+")")
	}
	return out
}

// reviewUpdates lists the status updates and says how the cadence was kept.
func reviewUpdates(v *View) ([]reviewUpdate, []string) {
	var ups []reviewUpdate
	late := 0
	var longest time.Duration
	prev := v.Incident.DeclaredAt
	for i, u := range v.Updates {
		ru := reviewUpdate{Sent: v.Stamp(u.Update.SentAt), Audience: string(u.Update.Audience), Text: u.Text, Next: "none"}
		if !u.Update.NextAt.IsZero() {
			ru.Next = v.Stamp(u.Update.NextAt)
		}
		switch {
		case u.Late > 0:
			ru.Kept, ru.Late = "late by "+humanDuration(u.Late), true
			late++
		case !u.Due.IsZero():
			ru.Kept = "on time"
		default:
			ru.Kept = "no promise before it"
		}
		if i > 0 || !u.Update.SentAt.Before(prev) {
			longest = max(longest, u.Update.SentAt.Sub(prev))
		}
		prev = u.Update.SentAt
		ups = append(ups, ru)
	}
	if len(ups) == 0 {
		return nil, []string{"No status update was recorded. Say how stakeholders and customers were kept informed."}
	}
	first, declared := v.Updates[0].Update.SentAt, v.Incident.DeclaredAt
	const guideline = "within 5 minutes, then at least every 20 minutes for the first 2 hours"
	when := humanDuration(first.Sub(declared)) + " after declaring (guideline: " + guideline + ")."
	switch {
	case first.Before(declared):
		when = "before the recorded declaration, which is after the first entry: set the declaration time. Guideline: the first " + guideline + "."
	case first.Equal(declared):
		when = "as it was declared (guideline: " + guideline + ")."
	}
	cadence := []string{
		fmt.Sprintf("%d status update%s; the first went out %s", len(ups), reviewPlural(len(ups)), when),
		"The longest gap without an update was " + humanDuration(longest) + ".",
	}
	if late == 0 {
		cadence = append(cadence, "Every promised update went out on time.")
	} else {
		cadence = append(cadence, fmt.Sprintf("%d update%s went out after the time the previous one promised.", late, reviewPlural(late)))
	}
	return ups, cadence
}

func reviewSecurity(v *View) []htmlFact {
	s := v.Security
	if !s.On {
		return nil
	}
	var facts []htmlFact
	if !s.BecameAwareAt.IsZero() {
		facts = append(facts, htmlFact{"Became aware of the breach", v.Stamp(s.BecameAwareAt)},
			htmlFact{"GDPR Art. 33 notification due", v.Stamp(s.BecameAwareAt.Add(72 * time.Hour))})
	}
	for _, c := range s.Checklist {
		state := "open"
		if c.Done {
			state = "done " + v.Stamp(c.DoneAt)
			if c.DoneBy != "" && !v.Opts.External {
				state += " by " + c.DoneBy
			}
		}
		facts = append(facts, htmlFact{c.Label, state})
	}
	return facts
}

// reviewSince is a time with how long after from it came, or missing when
// zero. A time before from (the entry that asked or paged was dated later
// than the answer) gets no duration but says so; what names from.
func reviewSince(v *View, from, t time.Time, missing, what string) string {
	if t.IsZero() {
		return missing
	}
	if t.Before(from) {
		return v.Stamp(t) + " (dated before " + what + ")"
	}
	return v.Stamp(t) + " (+" + humanDuration(t.Sub(from)) + ")"
}

func reviewPlural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// FactorPrompts are the questions the templates list under the factors.
func (d *reviewDoc) FactorPrompts() []string { return reviewFactorPrompts }

// Lessons are the questions of the lessons learned.
func (d *reviewDoc) Lessons() []string { return reviewLessons }
