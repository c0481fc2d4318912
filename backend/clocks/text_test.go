package clocks_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
	"bridgelog/backend/clocks"
	"bridgelog/backend/settings"
)

// incidentMidCall is a SEV2 call 30 minutes in: a decision, hypotheses of
// each kind, a mitigation in progress, two open actions and a closed one.
func incidentMidCall() *backend.Snapshot {
	s := snapshot()
	internalDecision := entry(6, backend.KindDecision, 12, "page the vendor")
	internalDecision.Internal = true
	s.Entries = []*backend.Entry{
		entry(1, backend.KindHypothesis, 5, "confirmed: queue consumers stuck since deploy 41"),
		entry(2, backend.KindHypothesis, 6, "ruled out: database failover"),
		entry(3, backend.KindHypothesis, 7, "cache stampede"),
		entry(4, backend.KindDecision, 10, "roll back to v41, @sam drives"),
		entry(5, backend.KindMitigation, 20, "restart the consumers"),
		internalDecision,
	}
	s.Actions = []backend.Action{
		action(1, "sam", "roll back to v41", backend.ActionAcknowledged, 10),
		action(2, "jo", "watch the queue depth", backend.ActionAsked, 25),
		action(3, "ana", "read the logs", backend.ActionDone, 3),
	}
	s.Actions[0].CheckInAt = at(40)
	s.Roles = []backend.RoleAssignment{{Role: backend.RoleIC, Person: "Priya", From: at(0)}, {Role: backend.RoleScribe, Person: "Jo", From: at(2)}}
	s.Updates = []backend.StatusUpdate{{EntryID: 9, SentAt: at(4), NextAt: at(24)}}
	s.Pages = []backend.Page{{ID: 1, Person: "sam", Level: 1, State: backend.PageJoined}}
	return s
}

func TestDraftStatus(t *testing.T) {
	t.Run("Internal", func(t *testing.T) {
		d := clocks.DraftStatus(incidentMidCall(), policy, at(30), backend.AudienceInternal)
		want := "[SEV2] Checkout errors: We are investigating.\n" +
			"Impact: EU customers cannot pay\n" +
			"What we know: queue consumers stuck since deploy 41; Investigating: cache stampede\n" +
			"What we are doing: Applying: restart the consumers; Decided: roll back to v41, @sam drives; Decided: page the vendor; @sam roll back to v41 (ETA 13:40 UTC); @jo watch the queue depth (not yet acknowledged)\n" +
			"Next update by 13:50 UTC."
		if d.Text != want {
			t.Errorf("got\n%s\nwant\n%s", d.Text, want)
		}
		if d.NextMinutes != 20 || !d.NextAt.Equal(at(50)) || d.Audience != backend.AudienceInternal {
			t.Errorf("got next %d min at %v, want 20 at %v", d.NextMinutes, d.NextAt, at(50))
		}
	})
	t.Run("ExternalNamesNobody", func(t *testing.T) {
		d := clocks.DraftStatus(incidentMidCall(), policy, at(30), backend.AudienceExternal)
		want := "Checkout errors: We are investigating.\n" +
			"Impact: EU customers cannot pay\n" +
			"What we know: queue consumers stuck since deploy 41\n" +
			"What we are doing: Applying: restart the consumers; roll back to v41; watch the queue depth\n" +
			"Next update by 13:50 UTC."
		if d.Text != want {
			t.Errorf("got\n%s\nwant\n%s", d.Text, want)
		}
		for _, name := range []string{"sam", "jo", "Priya", "vendor", "cache"} {
			if strings.Contains(d.Text, name) {
				t.Errorf("got %q in the external draft", name)
			}
		}
	})
	t.Run("ExternalLeavesOutInternalImpactAndActions", func(t *testing.T) {
		s := incidentMidCall()
		public := entry(90, backend.KindImpact, 20, "EU customers cannot pay")
		secret := entry(91, backend.KindImpact, 25, "only acme corp, contract penalty applies")
		secret.Internal = true
		s.Entries = append(s.Entries, public, secret)
		s.Incident.Impact = secret.Text
		rotate := action(9, "sam", "rotate the leaked root key", backend.ActionAcknowledged, 26)
		rotate.Internal = true
		s.Actions = append(s.Actions, rotate)
		d := clocks.DraftStatus(s, policy, at(30), backend.AudienceExternal)
		for _, leak := range []string{"acme", "penalty", "root key"} {
			if strings.Contains(d.Text, leak) {
				t.Errorf("the external draft says %q:\n%s", leak, d.Text)
			}
		}
		if !strings.Contains(d.Text, "Impact: EU customers cannot pay") {
			t.Errorf("want the latest public impact, got\n%s", d.Text)
		}
		if in := clocks.DraftStatus(s, policy, at(30), backend.AudienceInternal); !strings.Contains(in.Text, "root key") {
			t.Errorf("the internal draft should keep internal actions, got\n%s", in.Text)
		}
	})
	t.Run("AfterTheWindowLaterInterval", func(t *testing.T) {
		d := clocks.DraftStatus(snapshot(), policy, at(130), backend.AudienceInternal)
		if d.NextMinutes != 60 {
			t.Errorf("got %d, want the 60 min interval after two hours", d.NextMinutes)
		}
		if !strings.Contains(d.Text, "What we know: We are still working out the cause.") ||
			!strings.Contains(d.Text, "What we are doing: Continuing to investigate.") {
			t.Errorf("got\n%s\nwant the empty-state sentences", d.Text)
		}
	})
	t.Run("LocalZone", func(t *testing.T) {
		berlin, err := time.LoadLocation("Europe/Berlin")
		if err != nil {
			t.Fatal(err)
		}
		d := clocks.DraftStatus(snapshot(), clocksPolicyIn(berlin), at(30), backend.AudienceInternal)
		if !strings.HasSuffix(d.Text, "Next update by 14:50 CET.") {
			t.Errorf("got %q, want the next update in Berlin time", d.Text)
		}
	})
}

func clocksPolicyIn(loc *time.Location) cadence.Policy {
	return clocks.PolicyFrom(settings.ClockSettings{}, loc)
}

func TestBuildBrief(t *testing.T) {
	h := clocks.BuildBrief(incidentMidCall(), policy, at(30), backend.RoleIC)
	want := `Handoff brief: Incident Commander, incident #7 "Checkout errors"
As of 13:30 UTC, 30 min since it was declared at 13:00 UTC.
Severity SEV2, phase investigating.
Impact: EU customers cannot pay
Mitigation in progress since 13:20 UTC: restart the consumers
Actions in progress:
- @sam roll back to v41 (ETA 13:40 UTC)
- @jo watch the queue depth (not yet acknowledged)
Confirmed: queue consumers stuck since deploy 41
Open hypotheses: cache stampede
Ruled out: database failover
Recent decisions:
- 13:10 UTC roll back to v41, @sam drives
- 13:12 UTC page the vendor
Last status update: 13:04 UTC; next due 13:24 UTC.
Roles:
- Incident Commander: Priya, 30 min in role
- Scribe: Jo, 28 min in role
Paged: sam (level 1, joined)`
	if h.Text != want {
		t.Errorf("got\n%s\nwant\n%s", h.Text, want)
	}
	if h.Outgoing != "Priya" || !h.Since.Equal(t0) || h.Role != backend.RoleIC {
		t.Errorf("got outgoing %q since %v, want Priya since %v", h.Outgoing, h.Since, t0)
	}
	empty := clocks.BuildBrief(snapshot(), policy, at(1), backend.RoleCommsLead)
	for _, line := range []string{"Actions in progress: none", "Open hypotheses: none", "Last status update: none yet; next due 13:05 UTC.", "Roles: none"} {
		if !strings.Contains(empty.Text, line) {
			t.Errorf("got\n%s\nwant a line %q", empty.Text, line)
		}
	}
	if empty.Outgoing != "" {
		t.Errorf("got outgoing %q, want nobody", empty.Outgoing)
	}
}

func TestBuildPaging(t *testing.T) {
	page := func(person string, level int, state backend.PageState) backend.Page {
		return backend.Page{Person: person, Level: level, State: state}
	}
	path := []string{"sam", "jo", "ana"}
	for _, tt := range []struct {
		name  string
		pages []backend.Page
		path  []string
		next  string
		level int
	}{
		{"NothingPaged", nil, path, "sam", 1},
		{"PrimaryWaiting", []backend.Page{page("sam", 1, backend.PagePaged)}, path, "jo", 2},
		{"PrimaryNoAnswer", []backend.Page{page("Sam", 1, backend.PageNoAnswer)}, path, "jo", 2},
		{"SecondaryJoined", []backend.Page{page("jo", 2, backend.PageJoined)}, path, "", 0},
		{"PathExhausted", []backend.Page{page("sam", 1, backend.PageNoAnswer), page("jo", 2, backend.PageNoAnswer), page("ana", 3, backend.PagePaged)}, path, "", 0},
		{"NoPath", []backend.Page{page("sam", 1, backend.PagePaged)}, nil, "", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := clocks.BuildPaging(tt.pages, tt.path)
			if got.Next != tt.next || got.NextLevel != tt.level {
				t.Errorf("got next %q at %d, want %q at %d", got.Next, got.NextLevel, tt.next, tt.level)
			}
			if got.Pages == nil || got.Path == nil {
				t.Errorf("got nil lists %+v, want empty ones for the UI", got)
			}
		})
	}
}

func TestPolicyFrom(t *testing.T) {
	cs := settings.ClockSettings{Rhythms: map[string]settings.Rhythm{"SEV2": {StatusEvery: 15, CheckInEvery: 5}}, Watch: 30}
	p := clocks.PolicyFrom(cs, time.UTC)
	if r := p.Rhythms[backend.SEV2]; r.StatusEvery != 15*time.Minute || r.CheckInEvery != 5*time.Minute || r.FirstStatus != 5*time.Minute {
		t.Errorf("got %+v, want the overrides with the other defaults kept", r)
	}
	if p.Watch != 30*time.Minute || p.FatigueGentle != time.Hour {
		t.Errorf("got watch %v fatigue %v, want 30m and the 1h default", p.Watch, p.FatigueGentle)
	}
	eff := clocks.Effective(cs)
	want := settings.Rhythm{FirstStatus: 5, StatusEvery: 15, StatusLater: 60, StatusUrgent: 5, CheckInEvery: 5, ActionAck: 2, Idle: 5}
	if got := eff.Rhythms["SEV2"]; !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if eff.Watch != 30 || eff.FatigueUrgent != 180 || eff.StatusWindow != 120 || len(eff.Rhythms) != 4 {
		t.Errorf("got %+v, want every default filled in", eff)
	}
}
