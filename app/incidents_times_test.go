package app_test

import (
	"strings"
	"testing"
	"time"

	"bridgelog/app"
	"bridgelog/backend"
)

// timesHarness is the incident and timeline bindings at 13:00 UTC on 22 Nov
// 2026, the scribe's zone UTC, with no incident yet.
type timesHarness struct {
	incidents *app.Incidents
	timeline  *app.Timeline
}

func mustTimes(tb testing.TB) *timesHarness {
	tb.Helper()
	clock := &backend.FixedClock{T: time.Date(2026, 11, 22, 13, 0, 0, 0, time.UTC)}
	w := wired(tb, clock)
	return &timesHarness{
		incidents: &app.Incidents{Store: w.Incidents, Timeline: w.Timeline, Settings: w.Settings},
		timeline:  &app.Timeline{Service: w.Timeline, Entries: w.Entries, Settings: w.Settings},
	}
}

func TestIncidents_Start(t *testing.T) {
	t.Run("TimesAsTheLineTakesThem", func(t *testing.T) {
		h := mustTimes(t)
		inc, err := h.incidents.Start(app.IncidentStart{Title: "Checkout errors", Severity: "sev2", Declared: "-20m", Detected: "@12:30"})
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2026, 11, 22, 12, 40, 0, 0, time.UTC); !inc.DeclaredAt.Equal(want) {
			t.Errorf("got declared %v, want %v", inc.DeclaredAt, want)
		}
		if want := time.Date(2026, 11, 22, 12, 30, 0, 0, time.UTC); !inc.DetectedAt.Equal(want) {
			t.Errorf("got detected %v, want %v", inc.DetectedAt, want)
		}
	})
	t.Run("BlankIsNowAndUnknown", func(t *testing.T) {
		h := mustTimes(t)
		inc, err := h.incidents.Create("Checkout errors", "SEV2")
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2026, 11, 22, 13, 0, 0, 0, time.UTC); !inc.DeclaredAt.Equal(want) || !inc.DetectedAt.IsZero() {
			t.Errorf("got declared %v detected %v, want %v and unknown", inc.DeclaredAt, inc.DetectedAt, want)
		}
	})
	t.Run("DetectedOnTheDeclaredDay", func(t *testing.T) {
		// Written up the day after: "@14:05" for the detection is the declaration's day.
		h := mustTimes(t)
		inc, err := h.incidents.Start(app.IncidentStart{Title: "Checkout errors", Severity: "SEV2", Declared: "2026-11-21 14:20", Detected: "14:05"})
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2026, 11, 21, 14, 5, 0, 0, time.UTC); !inc.DetectedAt.Equal(want) {
			t.Errorf("got detected %v, want %v", inc.DetectedAt, want)
		}
	})
	for _, tt := range []struct{ name, declared, detected, substr string }{
		{"ErrNotATime", "noon", "", "The declared time: "},
		{"ErrFuture", "@2026-11-23 10:00", "", "is in the future"},
		{"ErrDetectedAfterDeclared", "-20m", "-5m", "is after the declared time"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := mustTimes(t)
			_, err := h.incidents.Start(app.IncidentStart{Title: "Checkout errors", Severity: "SEV2", Declared: tt.declared, Detected: tt.detected})
			if backend.ErrorCode(err) != backend.EINVALID || !strings.Contains(backend.ErrorMessage(err), tt.substr) {
				t.Errorf("got %v, want EINVALID saying %q", err, tt.substr)
			}
		})
	}
}

// TestIncidents_CatchingUp backdates an incident through the header and
// writes its timeline with "@HH:MM" only: each row lands on the declared day.
func TestIncidents_CatchingUp(t *testing.T) {
	h := mustTimes(t)
	inc, err := h.incidents.Create("Checkout errors", "SEV2")
	if err != nil {
		t.Fatal(err)
	}
	inc, err = h.incidents.Update(inc.ID, app.HeaderUpdate{Declared: "@2018-03-03 09:30", Detected: "09:12"})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2018, 3, 3, 9, 30, 0, 0, time.UTC); !inc.DeclaredAt.Equal(want) {
		t.Errorf("got declared %v, want %v", inc.DeclaredAt, want)
	}
	if want := time.Date(2018, 3, 3, 9, 12, 0, 0, time.UTC); !inc.DetectedAt.Equal(want) {
		t.Errorf("got detected %v, want %v", inc.DetectedAt, want)
	}

	want := time.Date(2018, 3, 3, 10, 5, 0, 0, time.UTC)
	if p := h.timeline.PreviewIn(inc.ID, "@10:05 d: roll back", ""); !p.OccurredAt.Equal(want) || p.Line.Problem != "" {
		t.Errorf("preview: got %v, problem %q; want %v", p.OccurredAt, p.Line.Problem, want)
	}
	e, err := h.timeline.Add(inc.ID, "@10:05 d: roll back", "")
	if err != nil {
		t.Fatal(err)
	}
	if !e.OccurredAt.Equal(want) {
		t.Errorf("add: got %v, want %v", e.OccurredAt, want)
	}
	if got, err := h.incidents.ResolveTime(inc.ID, "11:00"); err != nil || got != "2018-03-03T11:00:00Z" {
		t.Errorf("ResolveTime: got %q, %v; want 2018-03-03T11:00:00Z", got, err)
	}

	t.Run("ErrDateWithoutTime", func(t *testing.T) {
		p := h.timeline.PreviewIn(inc.ID, "@2023-03-03 ev: text", "")
		if !strings.Contains(p.Line.Problem, "add one, for example @2023-03-03 14:05") {
			t.Errorf("preview: got problem %q, want the refusal", p.Line.Problem)
		}
		_, err := h.timeline.Add(inc.ID, "@2023-03-03 ev: text", "")
		if backend.ErrorCode(err) != backend.EINVALID {
			t.Errorf("add: got %v, want EINVALID", err)
		}
	})
}
