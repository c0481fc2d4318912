package export

import (
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"bridgelog/backend"
)

// The review meeting: the seeds ask for it within 24 hours and at most two
// business days after resolving; the reminder clock (cadence) counts the same
// way, so the draft, the invitation and the reminder agree.
const (
	reviewTargetDays = 1
	reviewMaxDays    = 2
	reviewSlotHour   = 10
	reviewSlotLength = 60 * time.Minute
)

// reviewDue returns when the review is due and its latest date. A business
// day is 24 real hours whose end is not a Saturday or Sunday in the view's
// zone, as the reminder clock counts it.
func reviewDue(v *View) (due, limit time.Time) {
	add := func(t time.Time, n int) time.Time {
		for n > 0 {
			t = t.Add(24 * time.Hour)
			if wd := t.In(v.Zone).Weekday(); wd != time.Saturday && wd != time.Sunday {
				n--
			}
		}
		return t
	}
	r := v.Incident.ResolvedAt
	return add(r, reviewTargetDays), add(r, reviewMaxDays)
}

// reviewSlot proposes the meeting: 10:00 local on the next business day after
// resolving, or after the export if that has passed.
func reviewSlot(v *View) time.Time {
	next := func(t time.Time) time.Time {
		d := t.In(v.Zone)
		for {
			d = d.AddDate(0, 0, 1)
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				return time.Date(d.Year(), d.Month(), d.Day(), reviewSlotHour, 0, 0, 0, v.Zone)
			}
		}
	}
	slot := next(v.Incident.ResolvedAt)
	if !v.Opts.Now.IsZero() && slot.Before(v.Opts.Now) {
		slot = next(v.Opts.Now)
	}
	return slot
}

// reviewMeeting describes when to meet and who comes.
func reviewMeeting(v *View) ([]htmlFact, []string) {
	if v.Incident.ResolvedAt.IsZero() {
		return []htmlFact{{"When", "Resolve the incident first: the review is due a business day after resolving, two at the latest."}}, reviewAttendees(v)
	}
	due, limit := reviewDue(v)
	facts := []htmlFact{
		{"Target", v.bothZones(due) + ": a business day after resolving"},
		{"At the latest", v.bothZones(limit) + ": two business days after resolving"},
	}
	if now := v.Opts.Now; !now.IsZero() {
		switch {
		case now.Before(due):
			facts = append(facts, htmlFact{"Time left", humanDuration(due.Sub(now)) + " until the target"})
		case now.Before(limit):
			facts = append(facts, htmlFact{"Time left", "past the one-day target; " + humanDuration(limit.Sub(now)) + " until the latest date"})
		default:
			facts = append(facts, htmlFact{"Time left", "overdue by " + humanDuration(now.Sub(limit)) + ": hold it as soon as you can"})
		}
	}
	slot := reviewSlot(v)
	facts = append(facts, htmlFact{"Proposed slot", v.bothZones(slot) + ", 60 minutes (the .ics invitation)"})
	return facts, reviewAttendees(v)
}

// icsDue says when the review is due. For an incident written up after the
// window has passed (the meeting is then booked after the export, not after
// the resolution) it says so, rather than give a due date before the meeting.
func icsDue(v *View, due, limit time.Time) string {
	if now := v.Opts.Now; !now.IsZero() && !now.Before(limit) {
		return "The review was due by " + anchorStamp(limit, time.UTC) + " UTC, two business days after resolving: this is the first slot after " +
			anchorStamp(now, time.UTC) + " UTC, when the invitation was made."
	}
	return "Due " + v.Stamp(due) + ", at the latest " + v.Stamp(limit) + "."
}

// reviewAttendees are the incident commanders first (they must attend), then
// the other role holders and everyone else who did the work.
func reviewAttendees(v *View) []string {
	if v.Opts.External {
		return nil
	}
	var ics []string
	for _, r := range v.Roles {
		if r.Role == backend.RoleIC {
			ics = append(ics, r.Person)
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, n := range append(ics, reviewPeople(v)...) {
		if k := strings.ToLower(n); n != "" && !seen[k] {
			seen[k] = true
			out = append(out, n)
		}
	}
	return out
}

// writeICS writes the review meeting as an RFC 5545 calendar with one event.
//
// Bridgelog knows people by name only, and an ATTENDEE must be a calendar
// address. Each responder is therefore invited as CN="<name>" with the
// address mailto:<name>@email-unknown.invalid: the .invalid top-level domain
// (RFC 2606) can never deliver mail, so the file sends nothing by accident,
// and the address says plainly what to fix. Without METHOD the file is a plain
// event to import, not an iTIP request that a client would try to send.
func writeICS(w io.Writer, v *View) error {
	inc := v.Incident
	if inc.ResolvedAt.IsZero() {
		return backend.Errorf(backend.EINVALID, "Resolve the incident first: the review meeting is planned from the resolution time")
	}
	start := reviewSlot(v)
	due, limit := reviewDue(v)
	utc := func(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

	desc := []string{
		"Blameless post-incident review of " + inc.Title + ".",
		reviewSummary(v, reviewImpact(v)),
		"Resolved " + anchorStamp(inc.ResolvedAt, time.UTC) + " UTC. " + icsDue(v, due, limit),
		"Agenda: impact and scope, the timeline, contributing factors (what made it possible, what made it worse, what slowed detection), and corrective actions with an owner and a due date.",
		"The incident commanders and everyone who did significant remediation or investigation should attend. Email addresses are placeholders (email-unknown.invalid): replace them with real ones before sending.",
	}
	var b bytes.Buffer
	line := func(s string) { b.WriteString(icsFold(s)) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Bridgelog//Post-incident review//EN")
	line("CALSCALE:GREGORIAN")
	line("BEGIN:VEVENT")
	line("UID:" + icsText(icsUIDPart(inc)) + "-review@bridgelog")
	stamp := v.Opts.Now
	if stamp.IsZero() {
		stamp = inc.ResolvedAt
	}
	line("DTSTAMP:" + utc(stamp))
	line("DTSTART:" + utc(start))
	line("DTEND:" + utc(start.Add(reviewSlotLength)))
	line("SUMMARY:" + icsText("Post-incident review: "+inc.Title))
	line("DESCRIPTION:" + icsText(strings.Join(desc, "\n\n")))
	line("STATUS:TENTATIVE")
	line("TRANSP:OPAQUE")
	people := reviewAttendees(v)
	addrs := icsAddresses(people)
	organizer := ""
	for _, r := range v.Roles {
		if r.Role == backend.RoleIC && r.Person != "" {
			organizer = r.Person
		}
	}
	if organizer != "" {
		line("ORGANIZER;CN=" + icsParam(organizer) + ":" + addrs[strings.ToLower(organizer)])
	}
	for _, p := range people {
		line("ATTENDEE;CN=" + icsParam(p) + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:" + addrs[strings.ToLower(p)])
	}
	line("END:VEVENT")
	line("END:VCALENDAR")
	_, err := w.Write(b.Bytes())
	return err
}

// reviewImpact is the impact as the view may show it.
func reviewImpact(v *View) string {
	if v.Opts.External {
		return redactNames(v.Incident.Impact)
	}
	return v.Incident.Impact
}

// icsUIDPart is the incident's stable id, or its database id for an incident
// made before ids existed.
func icsUIDPart(inc *backend.Incident) string {
	if inc.UID != "" {
		return inc.UID
	}
	return "incident-" + strconv.FormatInt(inc.ID, 10)
}

var icsLocalRe = regexp.MustCompile(`[^a-z0-9]+`)

// icsAddresses gives each person a distinct placeholder address, by their
// lower-cased name.
func icsAddresses(people []string) map[string]string {
	out := map[string]string{}
	used := map[string]bool{}
	for i, p := range people {
		local := strings.Trim(icsLocalRe.ReplaceAllString(strings.ToLower(p), "."), ".")
		if local == "" {
			local = "responder" + strconv.Itoa(i+1)
		}
		for n := 2; used[local]; n++ {
			local = strings.TrimRight(local, "0123456789") + strconv.Itoa(n)
		}
		used[local] = true
		out[strings.ToLower(p)] = "mailto:" + local + "@email-unknown.invalid"
	}
	return out
}

// icsText escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon,
// comma and newline; other control characters are not allowed and go.
func icsText(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == ';':
			b.WriteString(`\;`)
		case r == ',':
			b.WriteString(`\,`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(' ')
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// icsParam quotes a parameter value, with RFC 6868's caret escapes for the
// characters a quoted string cannot hold.
func icsParam(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '^':
			b.WriteString("^^")
		case r == '"':
			b.WriteString("^'")
		case r == '\n':
			b.WriteString("^n")
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// icsFold ends a content line with CRLF, folding it so no line exceeds 75
// octets; a fold never splits a UTF-8 character.
func icsFold(s string) string {
	const limit = 75
	var b strings.Builder
	room := limit
	for len(s) > room {
		cut := room
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		room = limit - 1
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}
