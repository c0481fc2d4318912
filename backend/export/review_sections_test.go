package export_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/export"
)

// quietReport is an incident whose timeline has one plain note: no impact,
// severity, mitigation, phase, key moment, factor, follow-up, link or role.
// Every section must then ask its question instead of standing empty.
func quietReport() *backend.Report {
	declared := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	inc := &backend.Incident{ID: 9, Title: "Slow reports", DeclaredAt: declared, CreatedAt: declared, UpdatedAt: declared,
		Phase: backend.PhaseInvestigating, EntryCount: 1}
	return &backend.Report{Incident: inc, Entries: []*backend.Entry{{ID: 1, IncidentID: 9, Kind: backend.KindNote,
		Text: "looking at the report queue", Raw: "looking at the report queue", OccurredAt: declared.Add(5 * time.Minute),
		RecordedAt: declared.Add(5 * time.Minute), Author: "Sam"}}}
}

// reviewSection returns a Markdown section's body: the lines after its
// heading up to the next heading of the same or a higher level.
func reviewSectionBody(md, heading string) (string, bool) {
	level := strings.Index(heading, " ")
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		if l != heading {
			continue
		}
		var body []string
		for _, m := range lines[i+1:] {
			if n := strings.Index(m, " "); strings.HasPrefix(m, "#") && n <= level && strings.Trim(m[:n], "#") == "" {
				break
			}
			body = append(body, m)
		}
		return strings.TrimSpace(strings.Join(body, "\n")), true
	}
	return "", false
}

// TestReviewTemplateSections checks that each section the postmortem
// templates share is in both drafts: provided from the timeline when it has
// the entries, asked for with a placeholder question when it has not.
func TestReviewTemplateSections(t *testing.T) {
	for _, tc := range []struct {
		name     string
		heading  string
		provided string // in the fixture's draft
		prompt   string // in the quiet incident's draft
	}{
		{"Summary", "## Summary", "A SEV1 incident of 3h 28m", "The impact was not recorded"},
		{"ImpactWho", "### Impact and scope", "External users (customers)", "Not recorded: say whether internal or external users"},
		{"ImpactHowMany", "### Impact and scope", "**How many:** [", "**How many:** ["},
		{"ImpactHowLong", "### Impact and scope", "**How long:** 1h 28m", "**How long:** [To fill in: When did users start and stop"},
		{"Trigger", "## Trigger", "[To fill in: What change or event set the incident off", "[To fill in: What change or event set the incident off"},
		{"LeadUp", "## Lead-up", "[To fill in: What happened in the hours or days before", "[To fill in: What happened in the hours or days before"},
		{"Fault", "## Fault", "Hypothesis during the call, 2026-11-21 22:15:00 UTC: cache stampede", "[To fill in: What failed"},
		{"Detection", "## Detection", "Time to detect (noticed to declared): 8m.", "[To fill in: How was it detected"},
		{"Factors", "## Root causes and contributing factors", "no alert on session cache hit rate", "What made this possible?"},
		{"Resolution", "## Resolution", "Mitigation 2026-11-21 22:45:00 UTC: rollback to v40 started", "[To fill in: What ended the impact"},
		{"Recovery", "## Recovery", "Monitored for 1h 50m before resolving.", "[To fill in: What was still needed to return to normal"},
		{"Milestones", "## Milestones", "**OUTAGE BEGINS**", "[To fill in: When did the outage begin, when was it mitigated"},
		{"Supporting", "## Supporting information", "http://example.invalid", "No links were recorded in the timeline."},
		{"WentWell", "### What went well?", "[answer]", "[answer]"},
		{"WentWrong", "### What didn't go so well?", "[answer]", "[answer]"},
		{"Lucky", "### Where did we get lucky?", "[answer]", "[answer]"},
		{"Lessons", "### What did we learn, and what will we do differently?", "[answer]", "[answer]"},
		{"ActionItems", "## Corrective actions", "alert on session cache hit rate", "[add]"},
		{"Authors", "## Authors and reviewers", "Author candidate: Priya (Incident Commander)", "[To fill in: Who writes this review"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, c := range []struct {
				rep  *backend.Report
				want string
			}{{fixtureReport(), tc.provided}, {quietReport(), tc.prompt}} {
				md := string(reviewOf(t, c.rep, export.Options{Format: export.FormatReview, Now: fixedNow}))
				body, ok := reviewSectionBody(md, tc.heading)
				if !ok {
					t.Fatalf("got no heading %q in the review of %q:\n%s", tc.heading, c.rep.Incident.Title, md)
				}
				if !strings.Contains(body, c.want) {
					t.Fatalf("got %q under %q in the review of %q, want %q in it", body, tc.heading, c.rep.Incident.Title, c.want)
				}
				page := string(reviewOf(t, c.rep, export.Options{Format: export.FormatReviewHTML, Now: fixedNow}))
				h := strings.TrimLeft(tc.heading, "# ")
				h = strings.ReplaceAll(h, "'", "&#39;")
				if !strings.Contains(page, ">"+h+"</h") {
					t.Fatalf("got no heading %q in the HTML review of %q", h, c.rep.Incident.Title)
				}
			}
		})
	}
}

// TestReviewNoEmptyHeadings checks that no heading of either draft stands
// empty, for an incident with every kind of entry and one with almost none.
func TestReviewNoEmptyHeadings(t *testing.T) {
	for _, tc := range []struct {
		name string
		rep  *backend.Report
	}{{"Fixture", fixtureReport()}, {"Quiet", quietReport()}} {
		t.Run(tc.name, func(t *testing.T) {
			md := string(reviewOf(t, tc.rep, export.Options{Format: export.FormatReview, Now: fixedNow}))
			for _, l := range strings.Split(md, "\n") {
				if !strings.HasPrefix(l, "## ") && !strings.HasPrefix(l, "### ") {
					continue
				}
				if body, _ := reviewSectionBody(md, l); body == "" {
					t.Fatalf("got heading %q with nothing under it:\n%s", l, md)
				}
			}
			page := string(reviewOf(t, tc.rep, export.Options{Format: export.FormatReviewHTML, Now: fixedNow}))
			// A heading followed at once by one of its own level or higher,
			// or by the end of the page, stands empty.
			for _, m := range htmlHeadingPairRe.FindAllStringSubmatch(page, -1) {
				if m[2] == "" || m[2] <= m[1] {
					t.Fatalf("got an empty heading in the HTML review: %q", m[0])
				}
			}
		})
	}
}

var htmlHeadingPairRe = regexp.MustCompile(`<h([23])>[^<]*</h[23]>\s*(?:<h([23])>|</body>)`)

var milestoneRowRe = regexp.MustCompile(`^\| ([^|]+) \| \*\*([^*]+)\*\* \| ([^|]*) \|$`)

// milestones reads the Markdown milestone table as "time label" pairs.
func milestones(t *testing.T, md string) []string {
	t.Helper()
	body, ok := reviewSectionBody(md, "## Milestones")
	if !ok {
		t.Fatalf("got no milestones in:\n%s", md)
	}
	var out []string
	for _, l := range strings.Split(body, "\n") {
		if m := milestoneRowRe.FindStringSubmatch(l); m != nil {
			out = append(out, m[1]+" "+m[2])
		}
	}
	return out
}

// TestReviewMilestones checks that milestones come from the entries in the
// order they occurred, whatever order they were written in, with the
// templates' labels, and carry dates when the incident spans days.
func TestReviewMilestones(t *testing.T) {
	t.Run("Fixture", func(t *testing.T) {
		got := milestones(t, string(reviewOf(t, fixtureReport(), export.Options{Format: export.FormatReview, Now: fixedNow})))
		want := []string{
			"2026-11-21 22:02:00 DETECTED",
			"2026-11-21 22:10:00 INCIDENT BEGINS",
			"2026-11-21 22:10:00 SEVERITY SEV2",
			"2026-11-21 22:12:00 OUTAGE BEGINS",
			"2026-11-21 22:20:00 SEVERITY SEV1",
			"2026-11-21 22:36:00 KEY MOMENT",
			"2026-11-21 22:40:00 KEY MOMENT",
			"2026-11-21 22:45:00 MITIGATION",
			"2026-11-21 22:45:00 PHASE MITIGATING",
			"2026-11-21 23:35:00 SEVERITY SEV2",
			"2026-11-21 23:40:00 OUTAGE MITIGATED",
			"2026-11-22 01:30:00 OUTAGE ENDS (RESOLVED)",
		}
		if !slices.Equal(got, want) {
			t.Fatalf("got milestones\n%q\nwant\n%q", got, want)
		}
	})
	t.Run("StillOpen", func(t *testing.T) {
		rep := fixtureReport()
		rep.Incident.ResolvedAt, rep.Incident.Phase = time.Time{}, backend.PhaseMonitoring
		rep.Entries = rep.Entries[:len(rep.Entries)-1]
		md := string(reviewOf(t, rep, export.Options{Format: export.FormatReview, Now: fixedNow}))
		if got := milestones(t, md); slices.ContainsFunc(got, func(m string) bool { return strings.Contains(m, "OUTAGE ENDS") }) {
			t.Fatalf("got an end in the milestones of an open incident: %q", got)
		}
		if body, _ := reviewSectionBody(md, "## Milestones"); !strings.Contains(body, "[To fill in: When did the outage end?") {
			t.Fatalf("got %q under the milestones of an open incident, want the question when it ended", body)
		}
	})
	t.Run("WrittenOutOfOrder", func(t *testing.T) {
		rep := quietReport()
		base := rep.Incident.DeclaredAt
		add := func(min int, e backend.Entry) {
			e.ID, e.IncidentID = int64(len(rep.Entries)+1), rep.Incident.ID
			e.OccurredAt = base.Add(time.Duration(min) * time.Minute)
			e.RecordedAt, e.Raw, e.Author = base.Add(time.Hour), e.Text, "Sam"
			rep.Entries = append(rep.Entries, &e)
		}
		// Backfilled after the call: the resolution was written first and
		// the second impact before the first.
		add(50, backend.Entry{Kind: backend.KindPhase, Phase: backend.PhaseResolved, Text: "queue drained"})
		add(20, backend.Entry{Kind: backend.KindImpact, Text: "exports time out too"})
		add(10, backend.Entry{Kind: backend.KindImpact, Text: "reports load slowly"})
		add(30, backend.Entry{Kind: backend.KindMitigation, Text: "add two workers"})
		add(40, backend.Entry{Kind: backend.KindPhase, Phase: backend.PhaseMonitoring, Text: "queue shrinking"})
		add(45, backend.Entry{Kind: backend.KindPhase, Phase: backend.PhaseMonitoring, Text: "still shrinking"})
		add(35, backend.Entry{Kind: backend.KindNote, Text: "workers up", Key: true})
		hidden := backend.Entry{Kind: backend.KindImpact, Text: "wrong incident", DeletedAt: base.Add(time.Hour)}
		add(5, hidden)
		rep.Incident.MitigatedAt, rep.Incident.ResolvedAt, rep.Incident.Phase = base.Add(40*time.Minute), base.Add(50*time.Minute), backend.PhaseResolved
		md := string(reviewOf(t, rep, export.Options{Format: export.FormatReview, Now: fixedNow}))
		got := milestones(t, md)
		want := []string{
			"10:00:00 INCIDENT BEGINS",
			"10:10:00 OUTAGE BEGINS",
			"10:20:00 IMPACT",
			"10:30:00 MITIGATION",
			"10:35:00 KEY MOMENT",
			"10:40:00 OUTAGE MITIGATED",
			"10:45:00 PHASE MONITORING (MITIGATED)",
			"10:50:00 OUTAGE ENDS (RESOLVED)",
		}
		if !slices.Equal(got, want) {
			t.Fatalf("got milestones\n%q\nwant\n%q", got, want)
		}
		if !strings.Contains(md, "**How long:** 30m") {
			t.Fatalf("got no impact span of 30m (first impact to mitigation) in:\n%s", md)
		}
	})
}

// TestReviewLinks checks that every web address in the entries is listed
// once under supporting information, at the time of its first entry, and
// that hidden entries and other schemes give none.
func TestReviewLinks(t *testing.T) {
	rep := quietReport()
	base := rep.Incident.DeclaredAt
	add := func(min int, text string, deleted bool) {
		e := &backend.Entry{ID: int64(len(rep.Entries) + 1), IncidentID: rep.Incident.ID, Kind: backend.KindNote, Text: text, Raw: text,
			OccurredAt: base.Add(time.Duration(min) * time.Minute), Author: "Sam"}
		e.RecordedAt = e.OccurredAt
		if deleted {
			e.DeletedAt = e.OccurredAt
		}
		rep.Entries = append(rep.Entries, e)
	}
	add(30, "same graph again https://grafana.example.com/d/abc?from=now-1h.", false)
	add(10, "graph: https://grafana.example.com/d/abc?from=now-1h, ticket (https://jira.example.com/OPS-12)", false)
	add(20, "ftp://files.example.com/x and HTTP://status.example.com/incidents/7", false)
	add(25, "https://hidden.example.com/gone", true)
	md := string(reviewOf(t, rep, export.Options{Format: export.FormatReview, Now: fixedNow}))
	body, _ := reviewSectionBody(md, "## Supporting information")
	var got []string
	for _, l := range strings.Split(body, "\n") {
		if strings.HasPrefix(l, "- ") {
			got = append(got, l)
		}
	}
	want := []string{
		// The incident is still open the next morning, so times carry dates.
		"- https://grafana.example.com/d/abc?from=now-1h *(2026-11-21 10:10:00)*",
		"- https://jira.example.com/OPS-12 *(2026-11-21 10:10:00)*",
		"- http://status.example.com/incidents/7 *(2026-11-21 10:20:00)*",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got links\n%q\nwant\n%q", got, want)
	}
	page := string(reviewOf(t, rep, export.Options{Format: export.FormatReviewHTML, Now: fixedNow}))
	if n := strings.Count(page, `<span class="url">`); n != len(want) {
		t.Fatalf("got %d links in the HTML review, want %d", n, len(want))
	}
}
