package timeline_test

import (
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
)

// A "declared:" or "detected:" line sets the incident's time from the line.
func TestAdd_HeaderLine(t *testing.T) {
	t.Run("declared with text moves the declaration and keeps the note", func(t *testing.T) {
		f := mustService(t)
		e, err := f.svc.Add(ctx, f.inc.ID, "-20m declared: paged by the checkout alert", time.Time{}, "Jo")
		if err != nil {
			t.Fatal(err)
		}
		want := start.Add(-20 * time.Minute)
		if e == nil || e.Kind != backend.KindNote || e.Text != "paged by the checkout alert" || !e.OccurredAt.Equal(want) {
			t.Fatalf("entry = %+v, want a note at %v", e, want)
		}
		inc, err := f.svc.Incidents.FindIncident(ctx, f.inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !inc.DeclaredAt.Equal(want) {
			t.Errorf("declared %v, want %v", inc.DeclaredAt, want)
		}
		list, err := f.svc.Entries.ListEntries(ctx, f.inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := list[0]; !strings.HasPrefix(got.Text, "Declared") || !got.OccurredAt.Equal(want) || got.Revisions != 1 {
			t.Errorf("first entry = %q at %v with %d revisions, want the declaration moved with a revision", got.Text, got.OccurredAt, got.Revisions)
		}
	})
	t.Run("detected without text sets the time and adds no entry", func(t *testing.T) {
		f := mustService(t)
		e, err := f.svc.Add(ctx, f.inc.ID, "detected: @13:55", time.Time{}, "Jo")
		if err != nil || e != nil {
			t.Fatalf("Add = %+v, %v; want no entry and no error", e, err)
		}
		inc, err := f.svc.Incidents.FindIncident(ctx, f.inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		// 13:55 in Berlin is 12:55 UTC.
		if want := time.Date(2026, 11, 21, 12, 55, 0, 0, time.UTC); !inc.DetectedAt.Equal(want) {
			t.Errorf("detected %v, want %v", inc.DetectedAt, want)
		}
		if list, _ := f.svc.Entries.ListEntries(ctx, f.inc.ID); len(list) != 1 {
			t.Errorf("%d entries, want only the declaration", len(list))
		}
	})
	t.Run("a detection after the declaration is refused, in the preview too", func(t *testing.T) {
		f := mustService(t)
		f.clock.Advance(time.Hour)
		line := "-10m detected: dashboards red"
		if p, _ := f.svc.PreviewIn(ctx, f.inc.ID, line, time.Time{}); !strings.Contains(p.Problem, "after the declared time") {
			t.Errorf("preview problem = %q, want it to say the detection is after the declaration", p.Problem)
		}
		if _, err := f.svc.Add(ctx, f.inc.ID, line, time.Time{}, "Jo"); backend.ErrorCode(err) != backend.EINVALID {
			t.Fatalf("Add error = %v, want %s", err, backend.EINVALID)
		}
		if list, _ := f.svc.Entries.ListEntries(ctx, f.inc.ID); len(list) != 1 {
			t.Errorf("%d entries, want nothing stored", len(list))
		}
	})
	t.Run("what follows the time is read as a line", func(t *testing.T) {
		p := backend.Parse("detected: @14:55 ev: pager storm")
		if p.Header != backend.HeaderDetected || p.Time != "@14:55" || p.Kind != backend.KindEvidence || p.Text != "pager storm" || p.Problem != "" {
			t.Errorf("Parse = %+v, want evidence \"pager storm\" detected at @14:55", p)
		}
		p = backend.Parse("tl: declared: sev1 payments down")
		if p.Header != backend.HeaderDeclared || p.Kind != backend.KindSeverity || p.Severity != backend.SEV1 || !p.Key {
			t.Errorf("Parse = %+v, want a key SEV1 entry at the declaration", p)
		}
		if p := backend.Parse("declared: detected: x"); p.Problem == "" {
			t.Errorf("Parse = %+v, want a problem for two header prefixes", p)
		}
	})
	t.Run("the time is given once", func(t *testing.T) {
		p := backend.Parse("@14:05 declared: @14:00 paged")
		if p.Problem == "" {
			t.Errorf("Parse = %+v, want a problem", p)
		}
	})
	t.Run("editing the note with a new time moves the declaration", func(t *testing.T) {
		f := mustService(t)
		e, err := f.svc.Add(ctx, f.inc.ID, "-20m declared: paged", time.Time{}, "Jo")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Edit(ctx, e.ID, "@13:30 declared: paged by the alert"); err != nil {
			t.Fatal(err)
		}
		inc, _ := f.svc.Incidents.FindIncident(ctx, f.inc.ID)
		// 13:30 in Berlin is 12:30 UTC.
		if want := time.Date(2026, 11, 21, 12, 30, 0, 0, time.UTC); !inc.DeclaredAt.Equal(want) {
			t.Errorf("declared %v, want %v", inc.DeclaredAt, want)
		}
		if _, err := f.svc.Edit(ctx, e.ID, "declared:"); backend.ErrorCode(err) != backend.EINVALID {
			t.Errorf("emptying the note: error %v, want %s", err, backend.EINVALID)
		}
	})
}

// An untimed line in an incident written up after the fact asks first.
func TestAdd_AsksBeforeDatingNow(t *testing.T) {
	f := mustService(t)
	if _, err := f.svc.Add(ctx, f.inc.ID, "-5m ev: 502s at the edge", time.Time{}, "Jo"); err != nil {
		t.Fatal(err)
	}
	t.Run("within a day nothing is asked", func(t *testing.T) {
		f.clock.Advance(23 * time.Hour)
		if _, err := f.svc.Add(ctx, f.inc.ID, "still looking", time.Time{}, "Jo"); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("two days after the latest entry an untimed line is refused with a question", func(t *testing.T) {
		f.clock.Advance(48 * time.Hour)
		_, err := f.svc.Add(ctx, f.inc.ID, "d: roll back", time.Time{}, "Jo")
		if backend.ErrorCode(err) != backend.ECONFIRM {
			t.Fatalf("error %v, want %s", err, backend.ECONFIRM)
		}
		msg := backend.ErrorMessage(err)
		for _, want := range []string{"Sun 22 Nov 2026 13:10 CET", "Tue 24 Nov 2026 13:10 CET", "@14:05"} {
			if !strings.Contains(msg, want) {
				t.Errorf("message %q does not say %q", msg, want)
			}
		}
	})
	t.Run("a timed line is not asked about", func(t *testing.T) {
		if _, err := f.svc.Add(ctx, f.inc.ID, "@2026-11-22 13:20 d: roll back", time.Time{}, "Jo"); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("once confirmed it is dated now, and the next line is not asked about", func(t *testing.T) {
		e, err := f.svc.AddDatedNow(ctx, f.inc.ID, "reviewing the write-up", time.Time{}, "Jo")
		if err != nil {
			t.Fatal(err)
		}
		if !e.OccurredAt.Equal(f.clock.Now()) {
			t.Errorf("dated %v, want now %v", e.OccurredAt, f.clock.Now())
		}
		if _, err := f.svc.Add(ctx, f.inc.ID, "and another", time.Time{}, "Jo"); err != nil {
			t.Errorf("second line: %v", err)
		}
	})
}
