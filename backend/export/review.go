package export

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// writeReview writes the review draft as Markdown. Everything a person typed
// goes through reviewText, so it can neither break a table nor become a
// script, an image or HTML in any CommonMark or GitHub renderer; only bare
// http(s) URLs stay links, as in the Markdown export.
func writeReview(_ context.Context, w io.Writer, v *View) error {
	var b bytes.Buffer
	newReviewDoc(v).markdown(&b)
	_, err := w.Write(append(bytes.TrimRight(b.Bytes(), "\n"), '\n'))
	return err
}

func (d *reviewDoc) markdown(b *bytes.Buffer) {
	p := func(lines ...string) {
		for _, l := range lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	p("# Post-incident review: "+reviewText(d.Title), "")
	p("*Draft. Blameless: describe what happened and why each decision made sense at the time; the aim is to learn, not to find someone to blame. Text in [brackets] is for you to fill in.*", "")
	reviewTable(b, []string{"", ""}, reviewFacts(d.Facts))
	for _, c := range d.Checks {
		p("**Check the times:** "+reviewText(c), "")
	}

	p("## Summary", "", reviewText(d.Summary), "")
	p("[One or two sentences: what happened, the main contributing factors, and how it was resolved.]", "")

	p("## Description", "", "### Impact and scope", "")
	impact := "[not recorded]"
	if d.Impact != "" {
		impact = reviewText(d.Impact)
	}
	p("- **Impact:** "+impact, "- **Who was affected:** "+reviewText(d.Scope))
	for _, r := range d.ImpactRows {
		p("- " + reviewText(r.When) + " UTC: " + reviewText(r.Text))
	}
	p("- **How many:** [accounts, users, requests or orders affected; support requests raised]")
	if d.ImpactSpan != "" {
		p("- **How long:** "+reviewText(d.ImpactSpan), "")
	} else {
		p("- **How long:** ["+reviewText(reviewAsk("When did users start and stop being affected?"))+"]", "")
	}
	p("### Time to discover, mitigate and recover", "")
	reviewTable(b, []string{"Measure", "Time"}, reviewFacts(d.Figures))

	for _, s := range d.Causes {
		d.section(b, s)
	}

	p("## Responders", "")
	if len(d.Responders) == 0 {
		p("No roles were recorded. [Who was the incident commander? Who was the scribe?]", "")
	} else {
		var rows [][]string
		for _, r := range d.Responders {
			rows = append(rows, []string{r.Label, r.Person, r.From, r.To, r.Span})
		}
		reviewTable(b, []string{"Role", "Who", "From (UTC)", "To (UTC)", "Time in role"}, rows)
	}
	if len(d.Others) > 0 {
		p("Also involved: " + reviewJoin(d.Others) + ".")
		p("")
	}

	p("## Major steps", "")
	if len(d.Steps) == 0 {
		p("No key moments, decisions or mitigations were marked. [List the steps that changed the course of the incident.]")
	}
	for _, r := range d.Steps {
		p("- **" + reviewText(r.When) + "** " + reviewText(r.Kind) + ": " + reviewText(r.Text))
	}
	p("")

	p("## Root causes and contributing factors", "")
	p("There is rarely a single root cause. List the conditions that together made this incident possible, technical and not.", "")
	if len(d.Factors) > 0 {
		p("Noted during the call:", "")
		for _, r := range d.Factors {
			p("- " + reviewText(r.Text) + " *(" + reviewText(r.When) + ")*")
		}
		p("")
	}
	p("To discuss:", "")
	for _, q := range reviewFactorPrompts {
		p("- " + reviewText(q) + " [answer]")
	}
	p("")

	for _, s := range d.Ends {
		d.section(b, s)
	}

	p("## Corrective actions", "")
	p("Each action is specific, has one owner and a due date, and gets a ticket.", "")
	var fus [][]string
	for _, f := range d.FollowUps {
		owner, due := f.Owner, f.Due
		if owner == "" {
			owner = "**missing**"
		} else {
			owner = reviewText(owner)
		}
		if due == "" {
			due = "**missing**"
		} else {
			due = reviewText(due)
		}
		fus = append(fus, []string{strconv.Itoa(f.N), reviewText(f.What), owner, due, "", "", ""})
	}
	fus = append(fus, []string{"", "[add]", "", "", "", "", ""})
	reviewRawTable(b, []string{"No.", "What", "Owner", "Due", "Type (mitigate, prevent, process)", "Ticket", "Status"}, fus)
	for _, f := range d.FollowUps {
		if f.Missing != "" {
			p("- Action " + strconv.Itoa(f.N) + " needs " + f.Missing + ".")
		}
	}
	p("")

	p("## Status updates", "")
	for _, c := range d.Cadence {
		p("- " + reviewText(c))
	}
	p("")
	if len(d.Updates) > 0 {
		var rows [][]string
		for _, u := range d.Updates {
			kept := reviewText(u.Kept)
			if u.Late {
				kept = "**" + kept + "**"
			}
			rows = append(rows, []string{reviewText(u.Sent), reviewText(u.Audience), reviewText(u.Next), kept, reviewText(u.Text)})
		}
		reviewRawTable(b, []string{"Sent", "Audience", "Promised next", "Kept?", "Update"}, rows)
	}

	if len(d.Actions) > 0 {
		p("## Actions delegated during the call", "")
		var rows [][]string
		for _, a := range d.Actions {
			rows = append(rows, []string{a.Text, a.Owner, a.Asked, a.Acked, a.Closed, a.State})
		}
		reviewTable(b, []string{"Action", "Owner", "Asked", "Acknowledged", "Closed", "State"}, rows)
	}
	if len(d.Pages) > 0 {
		p("## Pages", "")
		var rows [][]string
		for _, pg := range d.Pages {
			rows = append(rows, []string{pg.Person, pg.Level, pg.Paged, pg.Answered, pg.State})
		}
		reviewTable(b, []string{"Person", "Level", "Paged", "Answered", "State"}, rows)
	}
	if len(d.Security) > 0 {
		p("## Security and legal duties", "")
		reviewTable(b, []string{"Duty", "State"}, reviewFacts(d.Security))
	}

	p("## Milestones", "")
	if len(d.Milestones) > 0 {
		var rows [][]string
		for _, m := range d.Milestones {
			rows = append(rows, []string{reviewText(m.When), "**" + reviewText(m.Label) + "**", reviewText(m.Text)})
		}
		reviewRawTable(b, []string{"Time (UTC)", "Milestone", "Event"}, rows)
	}
	if d.MilestoneAsk != "" {
		p("["+reviewText(d.MilestoneAsk)+"]", "")
	}
	p("## Timeline", "")
	if len(d.Timeline) == 0 {
		p("No entries to show.", "")
	} else {
		head := []string{"Time (UTC)"}
		if d.ShowLocal {
			head = append(head, "Local ("+d.ZoneName+")")
		}
		head = append(head, "Kind", "Event", "By", "Notes")
		var rows [][]string
		for _, r := range d.Timeline {
			row := []string{r.When}
			if d.ShowLocal {
				row = append(row, r.Local)
			}
			rows = append(rows, append(row, r.Kind, r.Text, r.By, r.Flags))
		}
		reviewTable(b, head, rows)
	}

	p("## Supporting information", "")
	if len(d.Links) == 0 {
		p("No links were recorded in the timeline.", "")
	} else {
		p("Links recorded in the timeline, each once:", "")
		for _, l := range d.Links {
			p("- " + reviewText(l.URL) + " *(" + reviewText(l.When) + ")*")
		}
		p("")
	}
	p("["+reviewText(reviewAsk("Which dashboards, graphs, tickets or chat logs back this review?"))+"]", "")

	p("## Lessons learned", "")
	for _, q := range reviewLessons {
		p("### "+reviewText(q), "", "- [answer]", "")
	}

	p("## Messaging", "")
	if len(d.Email) > 0 {
		p("### Internal email", "")
		for i, l := range d.Email {
			if i > 0 {
				p(">")
			}
			p("> " + reviewText(l))
		}
		p("")
	}
	p("### External message", "", "Names no people; check it says nothing internal before it goes out.", "")
	for i, l := range d.External {
		if i > 0 {
			p(">")
		}
		p("> " + reviewText(l))
	}
	p("")

	p("## Review meeting", "")
	for _, f := range d.Meeting {
		p("- **" + reviewText(f.Label) + ":** " + reviewText(f.Value))
	}
	if len(d.Attendees) > 0 {
		p("- **Attendees:** " + reviewJoin(d.Attendees) + ". The incident commanders must attend, and everyone who did significant remediation or investigation.")
	}
	p("- **Review owner:** [name]", "")

	d.section(b, d.Authors)
}

// section writes a section the timeline partly answers: what it says, then
// the question for the reviewer.
func (d *reviewDoc) section(b *bytes.Buffer, s reviewSection) {
	b.WriteString("## " + reviewText(s.Title) + "\n\n")
	for _, it := range s.Items {
		b.WriteString("- " + reviewText(it) + "\n")
	}
	if len(s.Items) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("[" + reviewText(s.Ask) + "]\n\n")
}

// facts turns label/value pairs into table rows.
func reviewFacts(fs []htmlFact) [][]string {
	rows := make([][]string, 0, len(fs))
	for _, f := range fs {
		rows = append(rows, []string{f.Label, f.Value})
	}
	return rows
}

func reviewJoin(parts []string) string {
	out := make([]string, len(parts))
	for i, s := range parts {
		out[i] = reviewText(s)
	}
	return strings.Join(out, ", ")
}

// reviewTable writes a GitHub table, escaping every cell.
func reviewTable(b *bytes.Buffer, head []string, rows [][]string) {
	esc := make([][]string, len(rows))
	for i, r := range rows {
		esc[i] = make([]string, len(r))
		for j, c := range r {
			esc[i][j] = reviewText(c)
		}
	}
	reviewRawTable(b, head, esc)
}

// reviewRawTable writes a table whose cells are already Markdown.
func reviewRawTable(b *bytes.Buffer, head []string, rows [][]string) {
	b.WriteString("|")
	for _, h := range head {
		b.WriteString(" " + reviewText(h) + " |")
	}
	b.WriteString("\n|")
	for range head {
		b.WriteString(" --- |")
	}
	b.WriteString("\n")
	for _, r := range rows {
		b.WriteString("|")
		for _, c := range r {
			b.WriteString(" " + c + " |")
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
}

// reviewLeadRe finds a block marker at the start of a text: in a list item
// or a quote it would open a nested list or quote.
var reviewLeadRe = regexp.MustCompile(`^(?:[-+>=]|\d{1,9}[.)])`)

// reviewText makes a person's text inert in the review's Markdown. It is the
// Markdown export's mdText (no emphasis, code, link, image, HTML, entity or
// table cell can start in it; line breaks become ⏎), and it also escapes a
// list or quote marker at the start, since a review bullet can begin with
// the text.
func reviewText(s string) string {
	s = mdText(s)
	if m := reviewLeadRe.FindStringIndex(s); m != nil {
		return s[:m[1]-1] + `\` + s[m[1]-1:]
	}
	return s
}
