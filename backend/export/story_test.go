package export_test

import (
	"bytes"
	"cmp"
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/export"
)

// A story is an incident as a scribe who joined late records it: entries
// typed out of order, some backdated before the declaration (by minutes, or
// by years after a typing slip), some typed the next morning, and one
// future-dated. storyReport turns it into the report the store would give,
// with the entries left in typing order.
type story struct {
	name               string
	declared, detected time.Time
	now                time.Time
	entries            []storyEntry
	// wants are texts each format must hold, in UTC and in any zone.
	wants map[export.Format][]string
	// slip is true when an entry is dated years off: only then do the
	// exports ask to check the times.
	slip bool
}

type storyEntry struct {
	at     time.Time
	kind   backend.Kind
	text   string
	sev    backend.Severity
	phase  backend.Phase
	role   backend.Role
	person string
	owner  string
	next   time.Time // a status update's promised next update
}

// day is a time on 2026-11-<d> in UTC, or in another year with dayIn.
func day(d int, hhmmss string) time.Time { return dayIn(2026, d, hhmmss) }

func dayIn(year, d int, hhmmss string) time.Time {
	t, err := time.Parse("2006-01-02 15:04:05", time.Date(year, 11, d, 0, 0, 0, 0, time.UTC).Format("2006-01-02 ")+hhmmss)
	if err != nil {
		panic(err)
	}
	return t
}

// edgeOutage is the common course: the first alert and the first severity
// backdated before the declaration, a handoff of scribing, a late status
// update, a rollback, and resolution at 16:17:54.
func edgeOutage() []storyEntry {
	return []storyEntry{
		{at: day(24, "13:52:10"), kind: backend.KindNote, text: "first alert: edge error rate above 2 percent"},
		{at: day(24, "13:58:00"), kind: backend.KindSeverity, sev: backend.SEV2, text: "Declared SEV2"},
		{at: day(24, "14:05:00"), kind: backend.KindHypothesis, text: "config push to the edge fleet"},
		{at: day(24, "14:20:00"), kind: backend.KindRole, role: backend.RoleIC, person: "Priya", text: "Priya"},
		{at: day(24, "14:22:00"), kind: backend.KindRole, role: backend.RoleScribe, person: "Sam", text: "Sam"},
		{at: day(24, "14:31:00"), kind: backend.KindSeverity, sev: backend.SEV1, text: "checkout down in all regions"},
		{at: day(24, "14:40:00"), kind: backend.KindStatus, text: "customers see errors at checkout", next: day(24, "15:10:00")},
		{at: day(24, "14:42:00"), kind: backend.KindAction, owner: "jon", text: "roll back the edge config"},
		{at: day(24, "14:55:00"), kind: backend.KindMitigation, text: "rollback of the edge config started"},
		{at: day(24, "15:10:00"), kind: backend.KindPhase, phase: backend.PhaseMonitoring, text: "error rate falling"},
		{at: day(24, "15:20:00"), kind: backend.KindStatus, text: "recovering everywhere", next: day(24, "16:00:00")},
		{at: day(24, "15:30:00"), kind: backend.KindSeverity, sev: backend.SEV2, text: "errors only in one region"},
		{at: day(24, "16:17:54"), kind: backend.KindPhase, phase: backend.PhaseResolved, text: "all clear"},
	}
}

// nextMorning is what the scribe typed the morning after.
var nextMorning = []storyEntry{
	{at: day(25, "09:00:00"), kind: backend.KindFollowUp, text: "@ana canary stage for edge config pushes due 2026-12-04"},
	{at: day(25, "09:05:00"), kind: backend.KindFactor, text: "config pushes skip the canary stage"},
}

func stories() []story {
	backdated := edgeOutage()
	backdated[9].at = dayIn(2018, 24, "15:10:00") // monitoring typed with the wrong year
	backdated[1].at = dayIn(2018, 24, "13:58:00") // and the first severity
	backdated[6].at = day(24, "14:10:00")         // the first update went out before declaring
	future := edgeOutage()
	future = append(future,
		storyEntry{at: dayIn(2034, 24, "16:30:00"), kind: backend.KindSeverity, sev: backend.SEV3, text: "downgraded"},
		storyEntry{at: dayIn(2034, 24, "16:31:00"), kind: backend.KindNote, text: "typed with the wrong year"})
	open := edgeOutage()[:10]
	open = append(open, storyEntry{at: day(24, "18:00:00"), kind: backend.KindNote, text: "planned: restart the edge fleet"})
	midnight := []storyEntry{
		{at: day(24, "07:35:00"), kind: backend.KindNote, text: "first alert: login latency"},
		{at: day(24, "07:40:00"), kind: backend.KindSeverity, sev: backend.SEV2, text: "Declared SEV2"},
		{at: day(24, "07:41:00"), kind: backend.KindRole, role: backend.RoleIC, person: "Priya", text: "Priya"},
		{at: day(24, "07:50:00"), kind: backend.KindStatus, text: "logins slow", next: day(24, "08:20:00")},
		{at: day(24, "08:02:00"), kind: backend.KindMitigation, text: "failover to the standby"},
		{at: day(24, "08:03:00"), kind: backend.KindMitigation, text: "cache warmed"},
		{at: day(24, "08:05:00"), kind: backend.KindMitigation, text: "rate limit raised"},
		{at: day(24, "08:30:00"), kind: backend.KindPhase, phase: backend.PhaseMonitoring, text: "latency normal"},
		{at: day(24, "09:10:00"), kind: backend.KindPhase, phase: backend.PhaseResolved, text: "all clear"},
	}
	return []story{
		{name: "TodoNextMorning", declared: day(24, "14:20:00"), now: day(25, "10:00:00"),
			entries: append(edgeOutage(), nextMorning...), wants: map[export.Format][]string{
				export.FormatMarkdown: {"| 2026-11-25 09:00:00 |", "SEV2 from 2026-11-24 15:30:00 UTC for 47m"},
				export.FormatChat:     {"\n2026-11-25 09:00 UTC"},
				export.FormatReview:   {"the first went out 20m after declaring", "| Time to recover (declared to resolved) | 1h 57m |"},
			}},
		// The whole call backdated: the incident was only declared in the
		// app the next morning, when the scribe sat down to write it up.
		{name: "DeclaredNextMorning", declared: day(25, "09:30:00"), detected: day(24, "13:52:10"), now: day(25, "10:00:00"),
			entries: edgeOutage(), wants: map[export.Format][]string{
				export.FormatReview: {"| Time to recover (declared to resolved) | unknown: resolved before it was declared (declared after the first entry: set the declaration time) |",
					"| Time to mitigate (declared to monitoring) | unknown: mitigated before it was declared",
					"the first went out before the recorded declaration, which is after the first entry: set the declaration time.",
					"Course: it was declared 19h 37m after it was first noticed, mitigated before it was declared"},
				export.FormatHTML: {"<dt>Time to recover</dt><dd>unknown: resolved before it was declared"},
				export.FormatChat: {"resolved 2026-11-24 16:17 UTC"},
			}},
		{name: "BackdatedYears", declared: day(24, "14:20:00"), now: day(25, "10:00:00"),
			entries: append(backdated, nextMorning...), wants: map[export.Format][]string{
				export.FormatReview: {"| Time to mitigate (declared to monitoring) | unknown: mitigated before it was declared",
					"| Time to recover (declared to resolved) | 1h 57m |",
					"**Check the times:** 2 entries are dated more than a week before the declaration, the earliest at 2018-11-24 13:58:00 UTC (severity): check the date"},
				export.FormatMarkdown: {"- **Check the times:** 2 entries are dated more than a week before the declaration"},
				export.FormatHTML:     {"Check the times: 2 entries are dated more than a week before the declaration"},
			}, slip: true},
		{name: "FutureYears", declared: day(24, "14:20:00"), now: day(25, "10:00:00"), entries: future,
			wants: map[export.Format][]string{
				export.FormatMarkdown: {"SEV2 from 2026-11-24 15:30:00 UTC for 47m", "SEV3 from 2034-11-24 16:30:00 UTC, set after resolving"},
				export.FormatHTML: {"<td class=\"t\">set after resolving</td>",
					"Check the times: 2 entries are dated more than a week after the resolution, the latest at 2034-11-24 16:31:00 UTC (note)"},
			}, slip: true},
		{name: "OpenFutureDated", declared: day(24, "14:20:00"), now: day(24, "15:00:00"), entries: open,
			wants: map[export.Format][]string{export.FormatReview: {"| Time to recover (declared to resolved) | not resolved yet |"}}},
		// In UTC the whole call is on one day; in Los Angeles it crosses
		// midnight, so with that zone every row needs its date. It is
		// exported the next morning, when the review's time left (not a
		// duration of the incident) is shorter than the call.
		{name: "LocalMidnight", declared: day(24, "07:40:00"), detected: day(24, "07:40:00"), now: day(25, "08:00:00"),
			entries: midnight, wants: map[export.Format][]string{
				export.FormatReview: {"| Time to discover (detected to declared) | detected when declared |"},
				export.FormatHTML:   {"<dt>Time to discover</dt><dd>detected when declared</dd>"},
			}},
	}
}

// storyReport builds the report: entries in a shuffled typing order (ids
// follow it), and the incident's state, roles, updates and actions derived
// from the visible entries in time order, as the store derives them.
func storyReport(s story, seed uint64) *backend.Report {
	inc := &backend.Incident{ID: 9, UID: "5a1e0b1c2d3e4f5061728394a5b6c7d8", Title: "Edge errors at checkout",
		DeclaredAt: s.declared, DetectedAt: s.detected, CreatedAt: s.declared, UpdatedAt: s.now}
	typed := slices.Clone(s.entries)
	rand.New(rand.NewPCG(seed, 7)).Shuffle(len(typed), func(i, j int) { typed[i], typed[j] = typed[j], typed[i] })
	rep := &backend.Report{Incident: inc, Revisions: map[int64][]backend.Revision{}, Attachments: map[int64]backend.Attachment{}}
	for i, se := range typed {
		rep.Entries = append(rep.Entries, &backend.Entry{ID: int64(i + 1), IncidentID: inc.ID, Kind: se.kind, Text: se.text,
			Raw: se.text, OccurredAt: se.at, RecordedAt: s.now, Author: "Sam", AuthorRole: backend.RoleScribe,
			Severity: se.sev, Phase: se.phase, Role: se.role, Person: se.person, Owner: se.owner})
	}
	next := map[int64]time.Time{}
	for i, se := range typed {
		next[int64(i+1)] = se.next
	}
	ordered := slices.Clone(rep.Entries)
	slices.SortStableFunc(ordered, func(a, b *backend.Entry) int {
		return cmp.Or(a.OccurredAt.Compare(b.OccurredAt), cmp.Compare(a.ID, b.ID))
	})
	inc.Severity, inc.Phase = backend.SEV3, backend.PhaseInvestigating
	var phaseAt time.Time
	open := map[backend.Role]int{}
	for _, e := range ordered {
		switch e.Kind {
		case backend.KindSeverity:
			inc.Severity = e.Severity
		case backend.KindPhase:
			inc.Phase, phaseAt = e.Phase, e.OccurredAt
			if inc.MitigatedAt.IsZero() && (e.Phase == backend.PhaseMonitoring || e.Phase == backend.PhaseResolved) {
				inc.MitigatedAt = e.OccurredAt
			}
		case backend.KindRole:
			if i, ok := open[e.Role]; ok {
				rep.Roles[i].To = e.OccurredAt
			}
			rep.Roles = append(rep.Roles, backend.RoleAssignment{Role: e.Role, Person: e.Person, From: e.OccurredAt, EntryID: e.ID})
			open[e.Role] = len(rep.Roles) - 1
		case backend.KindStatus:
			rep.Updates = append(rep.Updates, backend.StatusUpdate{EntryID: e.ID, Audience: backend.AudienceExternal,
				SentAt: e.OccurredAt, NextAt: next[e.ID], Text: e.Text})
		case backend.KindAction:
			rep.Actions = append(rep.Actions, backend.Action{ID: e.ID, IncidentID: inc.ID, EntryID: e.ID, Owner: e.Owner,
				Text: e.Text, State: backend.ActionAsked, AskedAt: e.OccurredAt})
		}
	}
	if inc.Phase == backend.PhaseResolved {
		inc.ResolvedAt = phaseAt
	}
	inc.EntryCount = len(rep.Entries)
	rep.Record = &backend.Record{Format: backend.RecordFormat, Version: backend.RecordVersion,
		Incident: backend.RecordIncident{UID: inc.UID, Title: inc.Title, DeclaredAt: inc.DeclaredAt, CreatedAt: inc.CreatedAt,
			UpdatedAt: inc.UpdatedAt}}
	rep.AttachmentData = func(context.Context, int64) ([]byte, error) { return nil, nil }
	return rep
}

// storyTimes are every time the incident's record holds: the bounds of the
// incident itself.
func storyTimes(rep *backend.Report, now time.Time) []time.Time {
	inc := rep.Incident
	times := []time.Time{inc.DeclaredAt}
	for _, t := range []time.Time{inc.DetectedAt, inc.ResolvedAt} {
		if !t.IsZero() {
			times = append(times, t)
		}
	}
	if inc.ResolvedAt.IsZero() {
		times = append(times, now)
	}
	for _, e := range rep.Entries {
		times = append(times, e.OccurredAt)
	}
	return times
}

// spans reports whether the times fall on more than one date in loc.
func spans(times []time.Time, loc *time.Location) bool {
	for _, t := range times {
		if t.In(loc).Format(time.DateOnly) != times[0].In(loc).Format(time.DateOnly) {
			return true
		}
	}
	return false
}

func unfoldICS(b []byte) string {
	return strings.ReplaceAll(string(bytes.ReplaceAll(b, []byte("\r\n "), nil)), "\r\n", "\n")
}
