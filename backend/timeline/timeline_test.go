package timeline_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
	"bridgelog/backend/timeline"
)

var ctx = context.Background()

// start is a fixed Saturday afternoon in Berlin: 14:10 local, 13:10 UTC.
var start = time.Date(2026, 11, 21, 13, 10, 0, 0, time.UTC)

type fixture struct {
	svc   *timeline.Service
	clock *backend.FixedClock
	inc   *backend.Incident
}

func mustService(tb testing.TB) fixture {
	tb.Helper()
	clock := &backend.FixedClock{T: start}
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "t.db"), clock)
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		tb.Fatal(err)
	}
	svc := &timeline.Service{Incidents: sqlite.NewIncidentService(db), Entries: sqlite.NewEntryService(db), Clock: clock, Location: berlin}
	inc, err := svc.Incidents.CreateIncident(ctx, backend.IncidentCreate{Title: "Checkout errors", Severity: backend.SEV2, Author: "Jo"})
	if err != nil {
		tb.Fatal(err)
	}
	return fixture{svc: svc, clock: clock, inc: inc}
}

func TestAdd(t *testing.T) {
	t.Run("TimeIsFirstKeystroke", func(t *testing.T) {
		f := mustService(t)
		typedFrom := f.clock.Now()
		f.clock.Advance(40 * time.Second)
		e, err := f.svc.Add(ctx, f.inc.ID, "d: roll back", typedFrom, "Jo")
		if err != nil {
			t.Fatal(err)
		}
		if !e.OccurredAt.Equal(typedFrom) || !e.RecordedAt.Equal(f.clock.Now()) {
			t.Errorf("occurred %v recorded %v; want %v and %v", e.OccurredAt, e.RecordedAt, typedFrom, f.clock.Now())
		}
		if e.Kind != backend.KindDecision || e.Text != "roll back" || e.Raw != "d: roll back" || e.Author != "Jo" {
			t.Errorf("got %+v", e)
		}
	})
	t.Run("RelativeOverride", func(t *testing.T) {
		f := mustService(t)
		e, err := f.svc.Add(ctx, f.inc.ID, "-3m m: failover", f.clock.Now(), "Jo")
		if err != nil {
			t.Fatal(err)
		}
		if want := start.Add(-3 * time.Minute); !e.OccurredAt.Equal(want) {
			t.Errorf("occurred %v, want %v", e.OccurredAt, want)
		}
	})
	t.Run("LocalClockOverride", func(t *testing.T) {
		f := mustService(t)
		e, err := f.svc.Add(ctx, f.inc.ID, "@14:02 tl: alert fired", time.Time{}, "Jo")
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2026, 11, 21, 13, 2, 0, 0, time.UTC); !e.OccurredAt.Equal(want) || !e.Key {
			t.Errorf("occurred %v key %v, want %v key", e.OccurredAt, e.Key, want)
		}
	})
	t.Run("FutureStartClamped", func(t *testing.T) {
		f := mustService(t)
		e, err := f.svc.Add(ctx, f.inc.ID, "note", start.Add(time.Hour), "Jo")
		if err != nil {
			t.Fatal(err)
		}
		if !e.OccurredAt.Equal(start) {
			t.Errorf("occurred %v, want now %v", e.OccurredAt, start)
		}
	})
	t.Run("StartSlightlyAheadKept", func(t *testing.T) {
		// The UI's estimate of this clock can run a few milliseconds ahead; two
		// lines typed 1 ms apart keep their order.
		f := mustService(t)
		first, err := f.svc.Add(ctx, f.inc.ID, "one", start.Add(20*time.Millisecond), "Jo")
		if err != nil {
			t.Fatal(err)
		}
		second, err := f.svc.Add(ctx, f.inc.ID, "two", start.Add(21*time.Millisecond), "Jo")
		if err != nil {
			t.Fatal(err)
		}
		if want := start.Add(20 * time.Millisecond); !first.OccurredAt.Equal(want) {
			t.Errorf("occurred %v, want the first keystroke %v", first.OccurredAt, want)
		}
		if !second.OccurredAt.After(first.OccurredAt) {
			t.Errorf("second line at %v, first at %v: want the second after", second.OccurredAt, first.OccurredAt)
		}
	})
	t.Run("ClearsDraft", func(t *testing.T) {
		f := mustService(t)
		if err := f.svc.Entries.SaveDraft(ctx, backend.Draft{IncidentID: f.inc.ID, Text: "d: roll", StartedAt: start}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Add(ctx, f.inc.ID, "d: roll back", start, "Jo"); err != nil {
			t.Fatal(err)
		}
		if d, _ := f.svc.Entries.FindDraft(ctx, f.inc.ID); d.Text != "" {
			t.Errorf("draft %q still there after the line was saved", d.Text)
		}
	})
	t.Run("KeepsNextLinesDraft", func(t *testing.T) {
		f := mustService(t)
		next := backend.Draft{IncidentID: f.inc.ID, Text: "? cache stam", StartedAt: start.Add(3 * time.Second)}
		if err := f.svc.Entries.SaveDraft(ctx, next); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Add(ctx, f.inc.ID, "d: roll back", start, "Jo"); err != nil {
			t.Fatal(err)
		}
		if d, _ := f.svc.Entries.FindDraft(ctx, f.inc.ID); d.Text != next.Text {
			t.Errorf("draft %q after the earlier line was saved, want the next line's %q", d.Text, next.Text)
		}
	})
	t.Run("RefusedLineKeepsDraft", func(t *testing.T) {
		f := mustService(t)
		f.svc.Entries.SaveDraft(ctx, backend.Draft{IncidentID: f.inc.ID, Text: "@99:00 x", StartedAt: start})
		if _, err := f.svc.Add(ctx, f.inc.ID, "@99:00 x", start, "Jo"); err == nil {
			t.Fatal("a bad time was accepted")
		}
		if d, _ := f.svc.Entries.FindDraft(ctx, f.inc.ID); d.Text != "@99:00 x" {
			t.Errorf("draft %q, want the refused line kept", d.Text)
		}
	})
	t.Run("SeverityChangesIncident", func(t *testing.T) {
		f := mustService(t)
		if _, err := f.svc.Add(ctx, f.inc.ID, "sev1 all regions", time.Time{}, "Jo"); err != nil {
			t.Fatal(err)
		}
		inc, _ := f.svc.Incidents.FindIncident(ctx, f.inc.ID)
		if inc.Severity != backend.SEV1 {
			t.Errorf("severity %s, want SEV1", inc.Severity)
		}
	})
	for _, bad := range []struct{ name, line, code string }{
		{"ErrEmpty", "   ", backend.EINVALID},
		{"ErrPrefixOnly", "d:", backend.EINVALID},
		{"ErrBadTime", "@25:00 note", backend.EINVALID},
		{"ErrBadPhase", "phase: done", backend.EINVALID},
		{"ErrTooLarge", strings.Repeat("x", backend.MaxEntryBytes+1), backend.ETOOLARGE},
	} {
		t.Run(bad.name, func(t *testing.T) {
			f := mustService(t)
			_, err := f.svc.Add(ctx, f.inc.ID, bad.line, time.Time{}, "Jo")
			if got := backend.ErrorCode(err); got != bad.code {
				t.Fatalf("code %q, want %q (err %v)", got, bad.code, err)
			}
			es, _ := f.svc.Entries.ListEntries(ctx, f.inc.ID)
			if len(es) != 1 { // only the declaration
				t.Errorf("%d entries stored after a refused line, want 1", len(es))
			}
		})
	}
	t.Run("ErrNoIncident", func(t *testing.T) {
		f := mustService(t)
		_, err := f.svc.Add(ctx, 999, "note", time.Time{}, "Jo")
		if got := backend.ErrorCode(err); got != backend.ENOTFOUND {
			t.Fatalf("code %q, want not_found", got)
		}
	})
}

func TestEdit(t *testing.T) {
	f := mustService(t)
	e, _ := f.svc.Add(ctx, f.inc.ID, "d: roll back", time.Time{}, "Jo")
	f.clock.Advance(time.Minute)
	t.Run("KeepsTimeWithoutOverride", func(t *testing.T) {
		got, err := f.svc.Edit(ctx, e.ID, "d: roll back to v41")
		if err != nil {
			t.Fatal(err)
		}
		if !got.OccurredAt.Equal(e.OccurredAt) || got.Text != "roll back to v41" || got.Revisions != 1 {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("OverrideMovesTime", func(t *testing.T) {
		got, err := f.svc.Edit(ctx, e.ID, "-10m d: roll back to v41")
		if err != nil {
			t.Fatal(err)
		}
		if want := e.OccurredAt.Add(-10 * time.Minute); !got.OccurredAt.Equal(want) {
			t.Errorf("occurred %v, want %v", got.OccurredAt, want)
		}
		revs, _ := f.svc.Entries.Revisions(ctx, e.ID)
		if len(revs) != 2 || revs[0].Text != "roll back" {
			t.Errorf("revisions %+v, want the two earlier versions, oldest first", revs)
		}
	})
}

func TestPreview(t *testing.T) {
	f := mustService(t)
	t.Run("OK", func(t *testing.T) {
		l, at := f.svc.Preview("-2m a: @sam restart 10m", start)
		if l.Kind != backend.KindAction || l.Owner != "sam" || l.CheckIn != 10 || !at.Equal(start.Add(-2*time.Minute)) {
			t.Errorf("got %+v at %v", l, at)
		}
	})
	t.Run("BadTimeIsAProblem", func(t *testing.T) {
		if l, _ := f.svc.Preview("@99:00 x", start); l.Problem == "" {
			t.Errorf("no problem reported for @99:00")
		}
	})
}

func TestDashboard(t *testing.T) {
	f := mustService(t)
	for _, line := range []string{"ic: Priya", "tl: alert", "d: roll back", "m: restart pods", "ic: Sam", "! EU logins failing"} {
		f.clock.Advance(time.Minute)
		if _, err := f.svc.Add(ctx, f.inc.ID, line, time.Time{}, "Jo"); err != nil {
			t.Fatal(err)
		}
	}
	d, err := f.svc.Dashboard(ctx, f.inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Roles) != 1 || d.Roles[0].Person != "Sam" || len(d.History) != 2 {
		t.Errorf("roles %+v history %+v; want Sam as IC after Priya", d.Roles, d.History)
	}
	if len(d.Decisions) != 1 || len(d.Mitigations) != 1 {
		t.Errorf("decisions %d mitigations %d, want 1 and 1", len(d.Decisions), len(d.Mitigations))
	}
	// The declaration and "tl: alert" are key moments, oldest first.
	if len(d.KeyMoments) != 2 || d.KeyMoments[1].Text != "alert" {
		t.Errorf("key moments %+v", d.KeyMoments)
	}
	if d.Incident.Impact != "EU logins failing" {
		t.Errorf("impact %q", d.Incident.Impact)
	}
}

// The scribe types line 1 (its draft is saved during a pause), presses Enter,
// and types line 2 (its draft is saved too) while something holds the file:
// the three saves wait together and land in any order, except that the UI
// sends one draft save at a time, so line 1's draft lands before line 2's.
// Whatever the order, the file's draft ends as line 2.
func TestAdd_SavesLandInAnyOrder(t *testing.T) {
	line1, line2 := "d: roll back to v41", "? cache stampede after"
	started1, started2 := start, start.Add(4*time.Second)
	type op struct {
		name string
		run  func(f fixture) error
	}
	draft1 := op{"draft1", func(f fixture) error {
		// Saved during a pause, before the line's last keys.
		return f.svc.Entries.SaveDraft(ctx, backend.Draft{IncidentID: f.inc.ID, Text: "d: roll back", StartedAt: started1})
	}}
	add1 := op{"add1", func(f fixture) error {
		_, err := f.svc.Add(ctx, f.inc.ID, line1, started1, "Jo")
		return err
	}}
	draft2 := op{"draft2", func(f fixture) error {
		return f.svc.Entries.SaveDraft(ctx, backend.Draft{IncidentID: f.inc.ID, Text: line2, StartedAt: started2})
	}}
	for _, order := range [][]op{
		{draft1, add1, draft2},
		{add1, draft1, draft2},
		{draft1, draft2, add1},
	} {
		name := order[0].name + "," + order[1].name + "," + order[2].name
		t.Run(name, func(t *testing.T) {
			f := mustService(t)
			f.clock.Advance(10 * time.Second)
			for _, o := range order {
				if err := o.run(f); err != nil {
					t.Fatalf("%s: %v", o.name, err)
				}
			}
			if d, _ := f.svc.Entries.FindDraft(ctx, f.inc.ID); d.Text != line2 {
				t.Errorf("draft %q, want line 2 %q", d.Text, line2)
			}
			es, _ := f.svc.Entries.ListEntries(ctx, f.inc.ID)
			if got := es[len(es)-1].Raw; got != line1 {
				t.Errorf("last entry %q, want line 1", got)
			}
		})
	}
}
