package clocks_test

import (
	"regexp"
	"strings"
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/clocks"
)

// paymentsOutage is a SEV1 as a stressed first-time IC's scribe writes it:
// people by first name, handle and full name, host names, an address, an
// internal dashboard link and a team's name all over the timeline.
func paymentsOutage() *backend.Snapshot {
	s := snapshot()
	s.Incident.Severity = backend.SEV1
	s.Incident.Title = "SEV1 payments-sre: checkout 502s from db-primary-3.eu-west.internal"
	impact := entry(1, backend.KindImpact, 2, "Checkout fails for EU customers; Priya says db-primary-3.eu-west.internal at 10.2.3.4 is read-only, see https://grafana.corp.example/d/x")
	impact.Author = "lena"
	s.Incident.Impact = impact.Text
	confirmed := entry(2, backend.KindHypothesis, 8, "confirmed: failover of db-primary-3.eu-west.internal stalled; payments-sre saw it first")
	confirmed.Author = "sam.k"
	decision := entry(3, backend.KindDecision, 10, "roll back payments-api to v41, sam.k drives")
	decision.Author = "lena"
	mitigation := entry(4, backend.KindMitigation, 12, "promote the replica at 10.2.3.5 as Tomasz suggested")
	mitigation.Author = "lena"
	s.Entries = []*backend.Entry{impact, confirmed, decision, mitigation}
	s.Actions = []backend.Action{
		action(1, "sam.k", "restart checkout workers on db-primary-3", backend.ActionAcknowledged, 14),
		action(2, "", "ask Stripe about webhook retries", backend.ActionAsked, 15),
		action(3, "Dana Whitfield", "watch https://grafana.corp.example/d/x for the error rate", backend.ActionAsked, 16),
	}
	s.Roles = []backend.RoleAssignment{
		{Role: backend.RoleIC, Person: "Priya Raman", From: at(0)},
		{Role: backend.RoleScribe, Person: "lena", From: at(0)},
		{Role: backend.RoleCommsLead, Person: "Tomasz Nowak", From: at(3)},
	}
	s.Pages = []backend.Page{{ID: 1, Person: "Oksana", Level: 1, State: backend.PageJoined}}
	return s
}

// leaks lists what a customer must never read, found as whole words
// whatever their case.
var leaks = []string{
	"SEV1", "SEV", "Priya", "Raman", "lena", "sam.k", "sam", "Tomasz", "Nowak", "Dana", "Whitfield", "Oksana", "Mirela",
	"db-primary-3.eu-west.internal", "10.2.3.4", "10.2.3.5", "https://grafana.corp.example/d/x", "grafana", "payments-sre",
	"roll back payments-api",
}

func leaked(text, leak string) bool {
	return regexp.MustCompile(`(?i)(^|[^\pL\pN.-])` + regexp.QuoteMeta(leak) + `($|[^\pL\pN-])`).MatchString(text)
}

func TestDraftStatusForCustomers(t *testing.T) {
	ext := clocks.DraftStatus(paymentsOutage(), policy, at(20), backend.AudienceExternal, "Mirela")
	t.Logf("customer draft:\n%s", ext.Text)
	t.Run("NamesNoPersonHostTeamSeverityOrLink", func(t *testing.T) {
		for _, leak := range leaks {
			if leaked(ext.Text, leak) {
				t.Errorf("the customer draft says %q:\n%s", leak, ext.Text)
			}
		}
		if strings.Contains(ext.Text, "@") {
			t.Errorf("got an @ in the customer draft:\n%s", ext.Text)
		}
	})
	t.Run("MarksWhatItCannotBeSureOf", func(t *testing.T) {
		for _, want := range []string{"[check: Stripe]", "[check: db-primary-3]", "[check: host removed]", "[check: address removed]", "[check: link removed]", "[check: name removed]", "[check: team name removed]"} {
			if !strings.Contains(ext.Text, want) {
				t.Errorf("got no %q in\n%s", want, ext.Text)
			}
		}
	})
	t.Run("DecisionsAreNotWhatWeKnow", func(t *testing.T) {
		for _, line := range strings.Split(ext.Text, "\n") {
			if strings.Contains(line, "roll back") || strings.Contains(line, "v41") {
				t.Errorf("the customer draft lists the decision: %q", line)
			}
		}
	})
	t.Run("KeepsTheWork", func(t *testing.T) {
		for _, want := range []string{"Impact: Checkout fails for EU customers;", "What we are doing: Applying: promote the replica", "restart checkout workers", "ask [check: Stripe] about webhook retries"} {
			if !strings.Contains(ext.Text, want) {
				t.Errorf("got\n%s\nwant it to say %q", ext.Text, want)
			}
		}
	})

	in := clocks.DraftStatus(paymentsOutage(), policy, at(20), backend.AudienceInternal, "Mirela")
	t.Run("InternalKeepsEverything", func(t *testing.T) {
		for _, want := range []string{"[SEV1]", "Priya", "db-primary-3.eu-west.internal", "10.2.3.4", "https://grafana.corp.example/d/x", "payments-sre", "@sam.k restart", "@Dana Whitfield watch"} {
			if !strings.Contains(in.Text, want) {
				t.Errorf("the internal draft lost %q:\n%s", want, in.Text)
			}
		}
		if strings.Contains(in.Text, "[check:") {
			t.Errorf("got marks in the internal draft:\n%s", in.Text)
		}
	})
	t.Run("InternalDecisionsAreWhatWeDo", func(t *testing.T) {
		know, doing := line(in.Text, "What we know: "), line(in.Text, "What we are doing: ")
		if strings.Contains(know, "roll back") || !strings.Contains(doing, "Decided: roll back payments-api to v41, sam.k drives") {
			t.Errorf("got know %q, doing %q; want the decision under what we are doing", know, doing)
		}
	})
	for _, d := range []*clocks.StatusDraft{ext, in} {
		t.Run("NoOwnerIsNoAt/"+string(d.Audience), func(t *testing.T) {
			if strings.Contains(d.Text, "@ ") {
				t.Errorf("got %q in\n%s", "@ ", d.Text)
			}
		})
	}
	t.Run("InternalSaysNoOwner", func(t *testing.T) {
		if want := "ask Stripe about webhook retries (no owner yet)"; !strings.Contains(in.Text, want) {
			t.Errorf("got\n%s\nwant %q", in.Text, want)
		}
	})
}

// line returns the draft's line that starts with prefix, without it.
func line(text, prefix string) string {
	for _, l := range strings.Split(text, "\n") {
		if s, ok := strings.CutPrefix(l, prefix); ok {
			return s
		}
	}
	return ""
}

// TestCustomerWords checks each rule of the customer text on an impact
// line, with "Ana Ruiz" and "will" (a person named Will) known.
func TestCustomerWords(t *testing.T) {
	for _, tt := range []struct {
		name, impact, want string
	}{
		{"KnownNameRemoved", "checkout slow, Ana confirmed", "checkout slow, [check: name removed] confirmed"},
		{"PossessiveName", "Ruiz's dashboard shows errors", "[check: name removed] dashboard shows errors"},
		{"Mention", "errors for @ana and everyone", "errors for and everyone"},
		{"CommonWordNameKept", "we will restart it", "we will restart it"},
		{"CommonWordNameCapitalised", "as Will said, errors", "as [check: Will] said, errors"},
		{"UnknownCapitalisedWord", "card payments via Adyen fail", "card payments via [check: Adyen] fail"},
		{"SentenceStartKept", "Payments fail. Refunds work", "Payments fail. Refunds work"},
		{"AcronymKept", "EU and US customers, API errors", "EU and US customers, API errors"},
		{"SeverityLabel", "[SEV2] logins fail, now sev-1", "logins fail, now"},
		{"InternalHost", "api-gw.prod.internal is down", "[check: host removed] is down"},
		{"PublicDomain", "status.example.com is slow", "[check: status.example.com] is slow"},
		{"IPv4", "10.0.0.12:5432 refuses connections", "[check: address removed] refuses connections"},
		{"InternalLink", "see http://kibana/app/logs now", "see [check: link removed] now"},
		{"PublicLink", "see https://status.example.com for more", "see [check: https://status.example.com] for more"},
		{"LinkNamingSomeone", "see https://wiki.example.com/people/ruiz now", "see [check: link removed] now"},
		{"TeamPhrase", "the payments team is on it", "the team is on it"},
		{"TeamToken", "payments-sre is on it", "[check: team name removed] is on it"},
		{"TeamAcronym", "SRE is on it", "[check: team name removed] is on it"},
		{"DigitsAndDashes", "restarting web-03 now", "restarting [check: web-03] now"},
		{"Identifier", "payment_worker queue backs up", "[check: payment_worker] queue backs up"},
		{"MixedCase", "the PaymentGateway times out", "the [check: PaymentGateway] times out"},
		{"DatesAndTimesKept", "since 2026-11-21 14:05, 10-15 min", "since 2026-11-21 14:05, 10-15 min"},
		{"VersionsKept", "v4.1 and e.g. 3.5 work", "v4.1 and e.g. 3.5 work"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := snapshot()
			s.Incident.Impact = tt.impact
			s.Roles = []backend.RoleAssignment{{Role: backend.RoleIC, Person: "Ana Ruiz", From: at(0)}}
			d := clocks.DraftStatus(s, policy, at(10), backend.AudienceExternal, "will")
			if got := line(d.Text, "Impact: "); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// FuzzCustomerText feeds any impact to the customer draft: it never
// panics, and no known name survives as a word.
func FuzzCustomerText(f *testing.F) {
	for _, s := range []string{"", "\x01" + "7\x01 Ana", "https://a.example.com/Ruiz", "https://", "@", "[check: x]", "a.b.c.internal:80", "Ana's", "::1", "sev1 SEV-2 [SEV3]", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, impact string) {
		s := snapshot()
		s.Incident.Impact = impact
		s.Roles = []backend.RoleAssignment{{Role: backend.RoleIC, Person: "Ana Ruiz", From: at(0)}}
		d := clocks.DraftStatus(s, policy, at(10), backend.AudienceExternal)
		if leaked(line(d.Text, "Impact: "), "ruiz") {
			t.Errorf("got %q from %q", d.Text, impact)
		}
	})
}
