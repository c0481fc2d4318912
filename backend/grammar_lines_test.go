package backend_test

import (
	"testing"

	"bridgelog/backend"
)

// A line of several lines keeps the kind its prefix gives; without a prefix,
// pasted machine output is evidence and prose is a note.
func TestParse_MultiLine(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		kind     backend.Kind
		key      bool
		internal bool
	}{
		{"ProseIsNote", "Carol is online now\nshe will look at the hub logs", backend.KindNote, false, false},
		{"KeyMomentProseIsNote", "tl: checkout errors start\nEU first, then US", backend.KindNote, true, false},
		{"InternalProseIsNote", "int: vendor contract says 4h\nlegal has the copy", backend.KindNote, false, true},
		{"DecisionKeepsKind", "d: roll back\nbecause v42 leaks", backend.KindDecision, false, false},
		{"MitigationKeepsKind", "@15:21 m: failover to eu-west\nwatch the error rate", backend.KindMitigation, false, false},
		{"HypothesisKeepsKind", "? cache stampede\nafter the deploy", backend.KindHypothesis, false, false},
		{"SeverityKeepsKind", "sev1 payments down\nall regions", backend.KindSeverity, false, false},
		{"EvidencePrefixKeepsKind", "ev: the error\nseen twice", backend.KindEvidence, false, false},
		{"LogLevelsAreEvidence", "ERROR a\nERROR b", backend.KindEvidence, false, false},
		{"TimestampedLogIsEvidence", "2026-11-21T14:02:11Z hub: 502 upstream\n2026-11-21T14:02:12Z hub: 502 upstream", backend.KindEvidence, false, false},
		{"StackTraceIsEvidence", "java.lang.NullPointerException\n    at com.acme.Cart.total(Cart.java:42)\n    at com.acme.Api.get(Api.java:7)", backend.KindEvidence, false, false},
		{"CommandOutputIsEvidence", "$ kubectl get pods\nNAME    READY   STATUS\nhub-1   0/1     CrashLoopBackOff", backend.KindEvidence, false, false},
		{"KeyMomentLogIsEvidence", "tl: ERROR a\nERROR b", backend.KindEvidence, true, false},
		{"RoleSentenceIsNote", "ic: Lena\nshe joined from the EU call", backend.KindNote, false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := backend.Parse(tt.in)
			if got.Kind != tt.kind || got.Key != tt.key || got.Internal != tt.internal {
				t.Errorf("Parse(%q) got kind %s key %v internal %v, want kind %s key %v internal %v",
					tt.in, got.Kind, got.Key, got.Internal, tt.kind, tt.key, tt.internal)
			}
			if got.Problem != "" {
				t.Errorf("Parse(%q) got problem %q, want none", tt.in, got.Problem)
			}
		})
	}
}

// A role prefix takes a person's name; a sentence after it is kept as a note
// with a hint, so it never appears among the responders.
func TestParse_RoleTakesAName(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		person   string // "" when the line must not be a role change
	}{
		{"FullName", "ic: Lena Ortiz", "Lena Ortiz"},
		{"Handle", "ic: @lena", "@lena"},
		{"FourWords", "tech: Anna Maria de Souza", "Anna Maria de Souza"},
		{"TrailingFullStop", "scribe: Jo.", "Jo"},
		{"Accented", "cl: Zoë Çelik", "Zoë Çelik"},
		{"Sentence", "ic: At 23:11 UTC the incident coordinator joined", ""},
		{"ClockTime", "ic: Lena 23:11", ""},
		{"TooManyWords", "ic: Lena Ortiz from the platform team", ""},
		{"FiveWords", "ic: Anna Maria de Souza Lima", ""},
		{"SentenceWord", "scribe: Jo joined", ""},
		{"StartsWithDigit", "tech: 2 people from DBA", ""},
		{"Question", "cl: who?", ""},
		{"Quoted", `ic: "the usual"`, ""},
		{"TwoLines", "ic: Lena\nOrtiz", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := backend.Parse(tt.in)
			if tt.person != "" {
				if got.Kind != backend.KindRole || got.Person != tt.person || got.Text != tt.person || got.Hint != "" || got.NotRole {
					t.Errorf("Parse(%q) got kind %s person %q text %q hint %q, want a role change to %q",
						tt.in, got.Kind, got.Person, got.Text, got.Hint, tt.person)
				}
				return
			}
			if got.Kind != backend.KindNote || got.Person != "" || got.Role != "" {
				t.Errorf("Parse(%q) got kind %s role %q person %q, want a note", tt.in, got.Kind, got.Role, got.Person)
			}
			if got.Text != got.Raw {
				t.Errorf("Parse(%q) got note text %q, want the whole line %q", tt.in, got.Text, got.Raw)
			}
			if !got.NotRole || got.Hint == "" {
				t.Errorf("Parse(%q) got notRole %v hint %q, want a hint saying no role changes", tt.in, got.NotRole, got.Hint)
			}
			if got.Problem != "" {
				t.Errorf("Parse(%q) got problem %q, want none: the note can be saved", tt.in, got.Problem)
			}
		})
	}
}

// A check-in typed on the line has the bound the actions board's field has.
func TestParse_CheckInBound(t *testing.T) {
	for line, wantProblem := range map[string]bool{
		"a: @sam restart the queue 24h":   false,
		"a: @sam restart the queue 1440":  false,
		"a: @sam restart the queue 25h":   true,
		"a: @sam restart the queue 9999h": true,
	} {
		if got := backend.Parse(line).Problem != ""; got != wantProblem {
			t.Errorf("%q: problem %v (%q), want %v", line, got, backend.Parse(line).Problem, wantProblem)
		}
	}
}
