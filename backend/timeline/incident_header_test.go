package timeline_test

import (
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
	"bridgelog/backend/sqlite/sqlitetest"
	"bridgelog/backend/timeline"
)

// headerNow is 13:00 UTC on Sunday 22 Nov 2026; the scribe's zone is UTC.
var headerNow = time.Date(2026, 11, 22, 13, 0, 0, 0, time.UTC)

// mustHeaderService is the scribe's service over a new database at headerNow.
func mustHeaderService(tb testing.TB) (*timeline.Service, *backend.FixedClock) {
	tb.Helper()
	clock := &backend.FixedClock{T: headerNow}
	db := sqlitetest.Open(tb, clock)
	return &timeline.Service{Incidents: sqlite.NewIncidentService(db), Entries: sqlite.NewEntryService(db),
		Clock: clock, Location: time.UTC}, clock
}

func mustStart(tb testing.TB, svc *timeline.Service, in timeline.IncidentStart) *backend.Incident {
	tb.Helper()
	inc, err := svc.StartIncident(ctx, in, "Priya")
	if err != nil {
		tb.Fatal(err)
	}
	return inc
}

func wantInvalid(tb testing.TB, err error, message string) {
	tb.Helper()
	if got, want := backend.ErrorCode(err), backend.EINVALID; got != want {
		tb.Errorf("got code %q (%v), want %q", got, err, want)
	}
	if got, want := backend.ErrorMessage(err), message; got != want {
		tb.Errorf("got message %q, want %q", got, want)
	}
}

func TestService_StartIncident(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		svc, _ := mustHeaderService(t)
		inc := mustStart(t, svc, timeline.IncidentStart{Title: "  Checkout\u202e errors ", Severity: " sev2 ", Declared: "-20m", Detected: "@12:30"})
		if got, want := inc.Title, "Checkout errors"; got != want {
			t.Errorf("got title %q, want %q", got, want)
		}
		if got, want := inc.Severity, backend.SEV2; got != want {
			t.Errorf("got severity %q, want %q", got, want)
		}
		if got, want := inc.DeclaredAt, headerNow.Add(-20*time.Minute); !got.Equal(want) {
			t.Errorf("got declared %v, want %v", got, want)
		}
		if got, want := inc.DetectedAt, time.Date(2026, 11, 22, 12, 30, 0, 0, time.UTC); !got.Equal(want) {
			t.Errorf("got detected %v, want %v", got, want)
		}
	})
	t.Run("DetectedOnTheDeclaredDay", func(t *testing.T) {
		svc, _ := mustHeaderService(t)
		inc := mustStart(t, svc, timeline.IncidentStart{Title: "Checkout errors", Severity: "SEV2", Declared: "2026-11-21 14:20", Detected: "14:05"})
		if got, want := inc.DetectedAt, time.Date(2026, 11, 21, 14, 5, 0, 0, time.UTC); !got.Equal(want) {
			t.Errorf("got detected %v, want %v", got, want)
		}
	})
	t.Run("ErrDeclaredNotATime", func(t *testing.T) {
		svc, _ := mustHeaderService(t)
		_, err := svc.StartIncident(ctx, timeline.IncidentStart{Title: "Checkout errors", Severity: "SEV2", Declared: "noon"}, "Priya")
		if got := backend.ErrorCode(err); got != backend.EINVALID {
			t.Errorf("got code %q (%v), want %q", got, err, backend.EINVALID)
		}
	})
}

func TestService_UpdateHeader(t *testing.T) {
	start := timeline.IncidentStart{Title: "Checkout errors", Severity: "SEV2", Declared: "-30m"}
	t.Run("OnlyWhatChanged", func(t *testing.T) {
		svc, _ := mustHeaderService(t)
		inc := mustStart(t, svc, start)
		got, err := svc.UpdateHeader(ctx, inc.ID, timeline.HeaderEdit{
			Title: " Checkout\u202e errors ", Severity: "sev1", Phase: " Mitigating ", Impact: "  EU card payments fail  "}, "Priya")
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != "Checkout errors" || got.Severity != backend.SEV1 || got.Phase != backend.PhaseMitigating || got.Impact != "EU card payments fail" {
			t.Errorf("got %q %s %s %q, want the same title, SEV1, mitigating and the trimmed impact", got.Title, got.Severity, got.Phase, got.Impact)
		}
		entries, err := svc.Entries.ListEntries(ctx, inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[backend.Kind]int{}
		for _, e := range entries {
			kinds[e.Kind]++
			if e.Author != "Priya" {
				t.Errorf("entry %q: got author %q, want Priya", e.Raw, e.Author)
			}
		}
		// The unchanged title writes nothing; severity (the start's and the
		// edit's), phase and impact each write an entry.
		if got, want := kinds[backend.KindSeverity], 2; got != want {
			t.Errorf("got %d severity entries, want %d (%v)", got, want, kinds)
		}
		if got, want := kinds[backend.KindPhase], 1; got != want {
			t.Errorf("got %d phase entries, want %d (%v)", got, want, kinds)
		}
	})
	t.Run("SameValuesChangeNothing", func(t *testing.T) {
		svc, _ := mustHeaderService(t)
		inc := mustStart(t, svc, start)
		before, _ := svc.Entries.ListEntries(ctx, inc.ID)
		if _, err := svc.UpdateHeader(ctx, inc.ID, timeline.HeaderEdit{Title: "Checkout errors", Severity: "sev2"}, "Priya"); err != nil {
			t.Fatal(err)
		}
		after, _ := svc.Entries.ListEntries(ctx, inc.ID)
		if got, want := len(after), len(before); got != want {
			t.Errorf("got %d entries after an edit that changed nothing, want %d", got, want)
		}
	})
	t.Run("DeclaredMovesTheWritingDay", func(t *testing.T) {
		svc, _ := mustHeaderService(t)
		inc := mustStart(t, svc, start)
		got, err := svc.UpdateHeader(ctx, inc.ID, timeline.HeaderEdit{Declared: "2026-11-21 09:00", Detected: "@08:40"}, "Priya")
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC); !got.DeclaredAt.Equal(want) {
			t.Errorf("got declared %v, want %v", got.DeclaredAt, want)
		}
		if want := time.Date(2026, 11, 21, 8, 40, 0, 0, time.UTC); !got.DetectedAt.Equal(want) {
			t.Errorf("got detected %v, want %v (the new declaration's day)", got.DetectedAt, want)
		}
	})
	t.Run("DetectedAtInstant", func(t *testing.T) {
		svc, _ := mustHeaderService(t)
		inc := mustStart(t, svc, start)
		got, err := svc.UpdateHeader(ctx, inc.ID, timeline.HeaderEdit{DetectedAt: "2026-11-22T12:15:00Z"}, "Priya")
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2026, 11, 22, 12, 15, 0, 0, time.UTC); !got.DetectedAt.Equal(want) {
			t.Errorf("got detected %v, want %v", got.DetectedAt, want)
		}
	})
	for _, tc := range []struct {
		name    string
		edit    timeline.HeaderEdit
		message string
	}{
		{"ErrSeverity", timeline.HeaderEdit{Severity: "SEV9"}, "Severity must be SEV1, SEV2, SEV3 or SEV4."},
		{"ErrPhase", timeline.HeaderEdit{Phase: "done"}, "Phase must be investigating, identified, mitigating, monitoring or resolved."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svc, _ := mustHeaderService(t)
			inc := mustStart(t, svc, start)
			_, err := svc.UpdateHeader(ctx, inc.ID, tc.edit, "Priya")
			wantInvalid(t, err, tc.message)
			if got, _ := svc.Incidents.FindIncident(ctx, inc.ID); got.Severity != backend.SEV2 || got.Phase != inc.Phase {
				t.Errorf("got %s %s after a refused edit, want %s %s", got.Severity, got.Phase, backend.SEV2, inc.Phase)
			}
		})
	}
	t.Run("ErrDetectedInstant", func(t *testing.T) {
		svc, _ := mustHeaderService(t)
		inc := mustStart(t, svc, start)
		_, err := svc.UpdateHeader(ctx, inc.ID, timeline.HeaderEdit{DetectedAt: "yesterday"}, "Priya")
		if got := backend.ErrorCode(err); got != backend.EINVALID {
			t.Errorf("got code %q (%v), want %q", got, err, backend.EINVALID)
		}
	})
	t.Run("ErrDeclaredInTheFuture", func(t *testing.T) {
		svc, _ := mustHeaderService(t)
		inc := mustStart(t, svc, start)
		_, err := svc.UpdateHeader(ctx, inc.ID, timeline.HeaderEdit{Declared: "@2026-11-23 10:00"}, "Priya")
		if got := backend.ErrorCode(err); got != backend.EINVALID {
			t.Errorf("got code %q (%v), want %q", got, err, backend.EINVALID)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		svc, _ := mustHeaderService(t)
		_, err := svc.UpdateHeader(ctx, 42, timeline.HeaderEdit{Title: "x"}, "Priya")
		if got, want := backend.ErrorCode(err), backend.ENOTFOUND; got != want {
			t.Errorf("got code %q (%v), want %q", got, err, want)
		}
	})
}

func TestService_ResolveIncidentTime(t *testing.T) {
	t.Run("OnTheIncidentsWritingDay", func(t *testing.T) {
		svc, _ := mustHeaderService(t)
		inc := mustStart(t, svc, timeline.IncidentStart{Title: "Checkout errors", Severity: "SEV2", Declared: "2026-11-20 10:00"})
		got, err := svc.ResolveIncidentTime(ctx, inc.ID, "@09:30")
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC); !got.Equal(want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	t.Run("BlankIsZero", func(t *testing.T) {
		svc, _ := mustHeaderService(t)
		if got, err := svc.ResolveIncidentTime(ctx, 0, "  "); err != nil || !got.IsZero() {
			t.Errorf("got %v, %v; want the zero time", got, err)
		}
	})
}
