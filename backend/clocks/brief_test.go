package clocks_test

import (
	"context"
	"strings"
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/clocks"
)

// TestBriefSources checks that the cheat sheet names the lines that feed the
// brief's Confirmed and Ruled out, and that its examples do feed them.
func TestBriefSources(t *testing.T) {
	for _, tt := range []struct{ prefix, line string }{
		{"? confirmed:", "Confirmed: "},
		{"? ruled out:", "Ruled out: "},
	} {
		t.Run(tt.prefix, func(t *testing.T) {
			var row *backend.Prefix
			for i, p := range backend.Grammar {
				if p.Prefix == tt.prefix {
					row = &backend.Grammar[i]
				}
			}
			if row == nil {
				t.Fatalf("the cheat sheet has no row %q", tt.prefix)
			}
			if !strings.Contains(row.Meaning, "handoff brief's "+strings.TrimSuffix(tt.line, ": ")+" line") {
				t.Errorf("got meaning %q, want it to name the brief's %s line", row.Meaning, tt.line)
			}
			l := backend.Parse(row.Example)
			s := snapshot()
			s.Entries = []*backend.Entry{entry(1, l.Kind, 5, l.Text)}
			brief := clocks.BuildBrief(s, policy, at(10), backend.RoleIC).Text
			finding := strings.TrimSpace(strings.TrimPrefix(row.Example, tt.prefix))
			if want := tt.line + finding; !strings.Contains(brief, want) {
				t.Errorf("got\n%s\nwant a line %q", brief, want)
			}
		})
	}
}

func TestBriefEmptyFindings(t *testing.T) {
	brief := clocks.BuildBrief(snapshot(), policy, at(10), backend.RoleIC).Text
	hints := []string{"Confirmed: none yet: `? confirmed: …` adds one", "Ruled out: none yet: `? ruled out: …` adds one"}
	t.Run("SayHowToFillThem", func(t *testing.T) {
		for _, want := range hints {
			if !strings.Contains(brief, want) {
				t.Errorf("got\n%s\nwant a line %q", brief, want)
			}
		}
	})
	t.Run("TheRecordKeepsNoHint", func(t *testing.T) {
		f := mustService(t)
		b, err := f.svc.Brief(context.Background(), f.inc.ID, backend.RoleIC)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.CompleteHandoff(context.Background(), f.inc.ID, backend.RoleIC, "Jo", b.Text); err != nil {
			t.Fatal(err)
		}
		list, err := f.svc.Entries.ListEntries(context.Background(), f.inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		var saved string
		for _, e := range list {
			if strings.Contains(e.Text, "Brief:") {
				saved = e.Text
			}
		}
		if !strings.Contains(saved, "Confirmed: none yet\n") || !strings.Contains(saved, "Ruled out: none yet\n") || strings.Contains(saved, "adds one") {
			t.Errorf("got the saved brief\n%s\nwant the empty lines as \"none yet\" without the hints", saved)
		}
	})
}

// TestBriefLength keeps the brief, which lands on the timeline as one entry,
// short: a list of one is one line, and the mid-call brief fits in 19 lines.
func TestBriefLength(t *testing.T) {
	brief := clocks.BuildBrief(incidentMidCall(), policy, at(30), backend.RoleIC).Text
	if n := strings.Count(brief, "\n") + 1; n > 19 {
		t.Errorf("got %d lines, want at most 19:\n%s", n, brief)
	}
}
