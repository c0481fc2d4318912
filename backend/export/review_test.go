package export_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"bridgelog/backend"
	"bridgelog/backend/export"
)

// reviewSections are the draft's headings, in order: the sections PagerDuty's,
// Google's and Atlassian's templates and Jeli's guide share, with the call's
// own records (updates, actions, pages) added.
var reviewSections = []string{"Summary", "Description", "Trigger", "Lead-up", "Fault", "Detection", "Responders",
	"Major steps", "Root causes and contributing factors", "Resolution", "Recovery", "Corrective actions",
	"Status updates", "Actions delegated during the call", "Pages", "Milestones", "Timeline", "Supporting information",
	"Lessons learned", "Messaging", "Review meeting", "Authors and reviewers"}

func reviewOf(t *testing.T, rep *backend.Report, opts export.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := export.Write(context.Background(), &b, rep, opts); err != nil {
		t.Fatalf("got error %v writing %s", err, opts.Format)
	}
	return b.Bytes()
}

// flatText is the rendered text without the line breaks between elements,
// so a table row reads as its cells run together.
func flatText(doc *html.Node) string { return strings.ReplaceAll(gfmText(doc), "\n", "") }

func headings(doc *html.Node, tag string) []string {
	var out []string
	for _, h := range gfmElements(doc, tag) {
		out = append(out, strings.TrimSpace(gfmText(h)))
	}
	return out
}

func TestReview(t *testing.T) {
	zone := berlin(t)
	t.Run("Markdown", func(t *testing.T) {
		got := render(t, export.Options{Format: export.FormatReview, Zone: zone, Now: fixedNow})
		doc := renderGFM(t, got)
		gfmCheckInert(t, doc, "")
		if got := headings(doc, "h2"); !slices.Equal(got, reviewSections) {
			t.Fatalf("got sections %q, want %q", got, reviewSections)
		}
		text := flatText(doc)
		for _, want := range []string{
			"Time to discover (detected to declared)8m",
			"Time to recover (declared to resolved)3h 20m",
			"Time in SEV11h 15m",
			"Incident CommanderPriya2026-11-21 22:10:002026-11-21 23:20:001h 10m",
			"Also involved: jon (action owner; paged, joined), Ana (wrote entries).",
			"no alert on session cache hit rate",
			"What made detection slow",
			"2canary deploys for the session servicemissingmissing",
			"Action 2 needs an owner and a due date.",
			"late by 10m",
			"restart the session cachejon2026-11-21 22:22:00 UTC2026-11-21 22:23:00 UTC (+1m)",
			"Where did we get lucky?",
			"External users (customers)",
			"Target: 2026-11-23 01:30:00 UTC (2026-11-23 02:30:00 Europe/Berlin): a business day after resolving",
			"Proposed slot: 2026-11-23 09:00:00 UTC (2026-11-23 10:00:00 Europe/Berlin)",
			"Attendees: Priya, Marco, Sam, jon, Ana.",
		} {
			if !strings.Contains(text, want) {
				t.Fatalf("got no %q in the rendered review:\n%s", want, got)
			}
		}
		for _, p := range Payloads {
			if want := strings.ReplaceAll(p, "\n", " ⏎ "); !strings.Contains(text, want) {
				t.Fatalf("got no text %q in the rendered review", want)
			}
		}
		checkGolden(t, "review.md", got)
	})
	t.Run("External", func(t *testing.T) {
		got := render(t, export.Options{Format: export.FormatReview, Now: fixedNow, External: true})
		doc := renderGFM(t, got)
		gfmCheckInert(t, doc, "")
		text := flatText(doc)
		for _, name := range []string{"Priya", "Marco", "Sam", "jon", "Ana"} {
			if strings.Contains(text, name) {
				t.Fatalf("got %q in the external review:\n%s", name, got)
			}
		}
		if strings.Contains(text, "Action 1 needs") {
			t.Fatal("got the first action's owner reported missing, want it only left out")
		}
		if slices.Contains(headings(doc, "h3"), "Internal email") {
			t.Fatal("got an internal email in the external review")
		}
		checkGolden(t, "review-external.md", got)
	})
	t.Run("HostileNames", func(t *testing.T) {
		got := reviewOf(t, hostileReport(), export.Options{Format: export.FormatReview, Now: fixedNow})
		doc := renderGFM(t, got)
		gfmCheckInert(t, doc, "")
		if h1 := headings(doc, "h1"); len(h1) != 1 || h1[0] != "Post-incident review: "+Payloads[1]+" "+Payloads[0] {
			t.Fatalf("got title %q, want the payloads as text", h1)
		}
		for _, tbl := range gfmElements(doc, "table") {
			head := len(gfmElements(gfmElements(tbl, "thead")[0], "th"))
			for _, tr := range gfmElements(tbl, "tr")[1:] {
				if got := len(gfmElements(tr, "td")); got != head {
					t.Fatalf("got a row of %d cells under %d headings: %q", got, head, gfmText(tr))
				}
			}
		}
		text := flatText(doc)
		for _, want := range []string{"Incident Commander" + Payloads[0], Payloads[3] + Payloads[1] + "2026-12-04"} {
			if !strings.Contains(text, want) {
				t.Fatalf("got no %q in the rendered review:\n%s", want, got)
			}
		}
	})
	t.Run("LeadingMarkers", func(t *testing.T) {
		rep := fixtureReport()
		rep.Entries[25].Text = "- 1. > not a list" // the factor
		doc := renderGFM(t, reviewOf(t, rep, export.Options{Format: export.FormatReview, Now: fixedNow}))
		if n := len(gfmElements(doc, "ol")) + len(gfmElements(doc, "blockquote")); n != 2 {
			t.Fatalf("got %d ordered lists and quotes, want the 2 message drafts only", n)
		}
		if !strings.Contains(gfmText(doc), "- 1. > not a list (2026-11-21 23:45:00)") {
			t.Fatal("got the factor's text changed")
		}
	})
	t.Run("Unresolved", func(t *testing.T) {
		rep := fixtureReport()
		rep.Incident.ResolvedAt, rep.Incident.Phase = time.Time{}, backend.PhaseMonitoring
		rep.Entries = rep.Entries[:len(rep.Entries)-1]
		text := flatText(renderGFM(t, reviewOf(t, rep, export.Options{Format: export.FormatReview, Now: fixedNow})))
		for _, want := range []string{"Resolvednot yet (Monitoring (mitigated))", "Time to recover (declared to resolved)not resolved yet",
			"When: Resolve the incident first"} {
			if !strings.Contains(text, want) {
				t.Fatalf("got no %q in the review of an open incident", want)
			}
		}
	})
	t.Run("AnswersDatedBeforeTheAsk", func(t *testing.T) {
		rep := fixtureReport()
		// The action's entry and the page were backdated after the fact,
		// past the times they were answered.
		rep.Actions[0].AskedAt, rep.Pages[0].PagedAt = at("22:30"), at("22:20")
		text := flatText(renderGFM(t, reviewOf(t, rep, export.Options{Format: export.FormatReview, Now: fixedNow})))
		for _, want := range []string{"2026-11-21 22:23:00 UTC (dated before the ask)", "2026-11-21 22:14:00 UTC (dated before the page)",
			"2026-11-21 22:38:00 UTC (+8m)"} {
			if !strings.Contains(text, want) {
				t.Fatalf("got no %q in the review", want)
			}
		}
		if m := negativeRe.FindString(text); m != "" {
			t.Fatalf("got negative duration %q in the review", m)
		}
	})
	t.Run("HTML", func(t *testing.T) {
		got := render(t, export.Options{Format: export.FormatReviewHTML, Zone: zone, Now: fixedNow})
		checkSafeHTML(t, got, Payloads)
		doc := htmlParse(t, got)
		if got := headings(doc, "h2"); !slices.Equal(got, reviewSections) {
			t.Fatalf("got sections %q, want the Markdown draft's %q", got, reviewSections)
		}
		text := htmlText(doc)
		for _, want := range []string{"Action 2 needs", "late by 10m", "Where did we get lucky?", "Proposed slot"} {
			if want == "Action 2 needs" {
				want = "missing" // the HTML marks the empty cells instead
			}
			if !strings.Contains(text, want) {
				t.Fatalf("got no %q in the HTML review", want)
			}
		}
		checkGolden(t, "review.html", got)
	})
	t.Run("HTMLHostile", func(t *testing.T) {
		got := reviewOf(t, hostileReport(), export.Options{Format: export.FormatReviewHTML, Now: fixedNow})
		checkSafeHTML(t, got, Payloads)
	})
}
