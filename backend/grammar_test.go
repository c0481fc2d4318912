package backend_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"bridgelog/backend"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in string
		want     backend.Line
	}{
		{"Note", "checkout errors climbing", backend.Line{Kind: backend.KindNote, Text: "checkout errors climbing"}},
		{"KeyMoment", "tl: first page", backend.Line{Kind: backend.KindNote, Text: "first page", Key: true}},
		{"KeyMomentUpper", "TL: First page", backend.Line{Kind: backend.KindNote, Text: "First page", Key: true}},
		{"Decision", "d: roll back to v41", backend.Line{Kind: backend.KindDecision, Text: "roll back to v41"}},
		{"ActionFull", "a: @sam restart the queue 10m", backend.Line{Kind: backend.KindAction, Text: "restart the queue", Owner: "sam", CheckIn: 10}},
		{"ActionHours", "A: @priya, page the DBA 1h", backend.Line{Kind: backend.KindAction, Text: "page the DBA", Owner: "priya", CheckIn: 60}},
		{"ActionNoOwner", "a: check the dashboards", backend.Line{Kind: backend.KindAction, Text: "check the dashboards"}},
		{"Mitigation", "m: failover to eu-west", backend.Line{Kind: backend.KindMitigation, Text: "failover to eu-west"}},
		{"Hypothesis", "? cache stampede", backend.Line{Kind: backend.KindHypothesis, Text: "cache stampede"}},
		{"Impact", "! EU logins failing", backend.Line{Kind: backend.KindImpact, Text: "EU logins failing"}},
		{"FollowUp", "TODO: alert on queue depth", backend.Line{Kind: backend.KindFollowUp, Text: "alert on queue depth"}},
		{"Severity", "sev1 payments down", backend.Line{Kind: backend.KindSeverity, Text: "payments down", Severity: backend.SEV1}},
		{"SeverityAlone", "SEV2", backend.Line{Kind: backend.KindSeverity, Severity: backend.SEV2}},
		{"SeverityDash", "sev-3: downgrade overnight", backend.Line{Kind: backend.KindSeverity, Text: "downgrade overnight", Severity: backend.SEV3}},
		{"NotSeverity", "sev10 is not a thing", backend.Line{Kind: backend.KindNote, Text: "sev10 is not a thing"}},
		{"IC", "ic: Priya Patel", backend.Line{Kind: backend.KindRole, Text: "Priya Patel", Role: backend.RoleIC, Person: "Priya Patel"}},
		{"Scribe", "scribe: Jo", backend.Line{Kind: backend.KindRole, Text: "Jo", Role: backend.RoleScribe, Person: "Jo"}},
		{"CommsLead", "cl: Ana", backend.Line{Kind: backend.KindRole, Text: "Ana", Role: backend.RoleCommsLead, Person: "Ana"}},
		{"TechLead", "tech: Bo", backend.Line{Kind: backend.KindRole, Text: "Bo", Role: backend.RoleTechLead, Person: "Bo"}},
		{"Phase", "phase: monitoring error rate back to 0.1%", backend.Line{Kind: backend.KindPhase, Text: "error rate back to 0.1%", Phase: backend.PhaseMonitoring}},
		{"Status", "status: SEV2, next update 14:30", backend.Line{Kind: backend.KindStatus, Text: "SEV2, next update 14:30"}},
		{"Evidence", "ev: 502 rate 38%", backend.Line{Kind: backend.KindEvidence, Text: "502 rate 38%"}},
		{"MultiLinePaste", "ERROR a\nERROR b", backend.Line{Kind: backend.KindEvidence, Text: "ERROR a\nERROR b"}},
		{"MultiLineWithPrefix", "d: roll back\nbecause v42 leaks", backend.Line{Kind: backend.KindDecision, Text: "roll back\nbecause v42 leaks"}},
		{"Internal", "int: d: keep vendor out", backend.Line{Kind: backend.KindDecision, Text: "keep vendor out", Internal: true}},
		{"KeyAndKind", "tl: m: rolled back", backend.Line{Kind: backend.KindMitigation, Text: "rolled back", Key: true}},
		{"UnknownPrefix", "foo: bar", backend.Line{Kind: backend.KindNote, Text: "foo: bar"}},
		{"URLIsNote", "https://grafana/d/abc", backend.Line{Kind: backend.KindNote, Text: "https://grafana/d/abc"}},
		{"RelativeTime", "-3m d: roll back", backend.Line{Kind: backend.KindDecision, Text: "roll back", Time: "-3m"}},
		{"AbsoluteTime", "@14:05 tl: alert fired", backend.Line{Kind: backend.KindNote, Text: "alert fired", Key: true, Time: "@14:05"}},
		{"AbsoluteSeconds", "@14:05:30 note", backend.Line{Kind: backend.KindNote, Text: "note", Time: "@14:05:30"}},
		{"DateTimeUTC", "@2026-11-21 23:58Z sev2", backend.Line{Kind: backend.KindSeverity, Severity: backend.SEV2, Time: "@2026-11-21 23:58Z"}},
		{"LoneDash", "- bullet", backend.Line{Kind: backend.KindNote, Text: "- bullet"}},
		{"QuestionMarkOnly", "?", backend.Line{Kind: backend.KindNote, Text: "?"}},
		{"ControlCharsDropped", "a\x00b\x1bc", backend.Line{Kind: backend.KindNote, Text: "abc"}},
		// Lowercasing changes these strings' byte lengths; prefixes must not be cut wrongly.
		{"WideLowercase", "ȺȺ:", backend.Line{Kind: backend.KindNote, Text: "ȺȺ:"}},
		{"DottedCapitalIInt", "İnt: hello", backend.Line{Kind: backend.KindNote, Text: "İnt: hello"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := backend.Parse(tt.in)
			got.Raw, got.Problem = "", ""
			if got != tt.want {
				t.Errorf("Parse(%q)\n got  %+v\n want %+v", tt.in, got, tt.want)
			}
		})
	}

	t.Run("ErrUnknownPhase", func(t *testing.T) {
		if got := backend.Parse("phase: fixed"); got.Problem == "" {
			t.Errorf("Parse(phase: fixed).Problem is empty, want a message naming the phases")
		}
	})
	t.Run("ErrRoleWithoutPerson", func(t *testing.T) {
		if got := backend.Parse("ic:"); got.Problem == "" {
			t.Errorf("Parse(ic:).Problem is empty, want a message asking for a name")
		}
	})
	t.Run("RawKeepsPrefixDropsTime", func(t *testing.T) {
		if got, want := backend.Parse("@14:05 d: go").Raw, "d: go"; got != want {
			t.Errorf("Raw = %q, want %q", got, want)
		}
	})
}

func TestGrammarKindsAreKnown(t *testing.T) {
	known := map[backend.Kind]bool{}
	for _, k := range backend.Kinds {
		known[k] = true
	}
	for _, p := range backend.Grammar {
		if !known[p.Kind] {
			t.Errorf("grammar prefix %q has unknown kind %q", p.Prefix, p.Kind)
		}
		// Every example in the cheat sheet must parse to the kind it documents.
		if got := backend.Parse(p.Example).Kind; got != p.Kind {
			t.Errorf("example %q parses as %q, cheat sheet says %q", p.Example, got, p.Kind)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "d: x", "a: @sam do it 10m", "@14:05 tl: m: x", "-1h30m sev1", "ic: ",
		"phase: nope", "ev: a\nb", "\xff\xfe", "?", "!", "int: tl: todo: x", "a: @ 0m", "sev-4:", "@2026-02-30 10:00Z x", "ȺȺ:", "İnt: x", "-99999999999999999999m x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		l := backend.Parse(in)
		if !utf8.ValidString(l.Text) || !utf8.ValidString(l.Raw) {
			t.Fatalf("Parse(%q) produced invalid UTF-8", in)
		}
		if strings.ContainsAny(l.Text, "\x00\x1b\r") {
			t.Fatalf("Parse(%q).Text kept a control character: %q", in, l.Text)
		}
		valid := false
		for _, k := range backend.Kinds {
			valid = valid || k == l.Kind
		}
		if !valid {
			t.Fatalf("Parse(%q).Kind = %q, not a known kind", in, l.Kind)
		}
		if l.Kind == backend.KindSeverity && !l.Severity.Valid() {
			t.Fatalf("Parse(%q) severity entry with severity %q", in, l.Severity)
		}
		// Cleaning may widen an invalid byte to U+FFFD (3 bytes) but never invents text.
		if len(l.Text) > 3*len(in) {
			t.Fatalf("Parse(%q).Text grew to %d bytes", in, len(l.Text))
		}
	})
}
