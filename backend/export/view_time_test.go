package export_test

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/export"
)

// oneDayReport is the fixture moved onto one UTC day: declared 14:20,
// resolved 16:17:54, every entry in between.
func oneDayReport() *backend.Report {
	rep := fixtureReport()
	shift := day(24, "14:20:00").Sub(rep.Incident.DeclaredAt)
	move := func(t *time.Time) {
		if !t.IsZero() {
			*t = t.Add(shift)
		}
	}
	inc := rep.Incident
	for _, t := range []*time.Time{&inc.DeclaredAt, &inc.DetectedAt, &inc.MitigatedAt} {
		move(t)
	}
	inc.ResolvedAt = day(24, "16:17:54")
	for _, e := range rep.Entries {
		move(&e.OccurredAt)
		move(&e.DeletedAt)
		if e.Phase == backend.PhaseResolved {
			e.OccurredAt = inc.ResolvedAt
		}
	}
	for i := range rep.Roles {
		move(&rep.Roles[i].From)
		move(&rep.Roles[i].To)
	}
	for i := range rep.Updates {
		move(&rep.Updates[i].SentAt)
		move(&rep.Updates[i].NextAt)
	}
	return rep
}

func TestViewDates(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		edit  func(rep *backend.Report)
		zone  *time.Location
		dated bool
	}{
		{"OneDay", func(*backend.Report) {}, nil, false},
		{"OneDayInLosAngeles", func(*backend.Report) {}, la, false},
		{"TodoAfterSameDayResolution", func(rep *backend.Report) {
			rep.Entries = append(rep.Entries, &backend.Entry{ID: 99, Kind: backend.KindFollowUp, Text: "@ana canary due 2026-12-04",
				OccurredAt: day(25, "09:00:00")})
		}, nil, true},
		{"DeclaredNextMorning", func(rep *backend.Report) { rep.Incident.DeclaredAt = day(25, "09:30:00") }, nil, true},
		{"MidnightInLosAngelesOnly", func(rep *backend.Report) { rep.Entries[0].OccurredAt = day(24, "07:50:00") }, la, true},
		{"MidnightInLosAngelesNotShown", func(rep *backend.Report) { rep.Entries[0].OccurredAt = day(24, "07:50:00") }, nil, false},
		{"HiddenRowShownWithHistory", func(rep *backend.Report) { rep.Entries[18].OccurredAt = day(23, "10:00:00") }, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := oneDayReport()
			tc.edit(rep)
			v := export.NewView(rep, export.Options{Format: export.FormatMarkdown, Zone: tc.zone, History: true})
			if got, want := v.MultiDay, tc.dated; got != want {
				t.Fatalf("got MultiDay %v, want %v", got, want)
			}
			for _, r := range v.Rows {
				for _, cell := range []string{r.UTC, r.Local} {
					if got, want := rowDateRe.MatchString(cell), tc.dated; got != want {
						t.Fatalf("got row time %q dated %v, want %v", cell, got, want)
					}
				}
			}
		})
	}
	t.Run("TimeOffTheDay", func(t *testing.T) {
		v := export.NewView(oneDayReport(), export.Options{Format: export.FormatMarkdown})
		for _, tc := range []struct {
			at   time.Time
			want string
		}{
			{day(24, "15:00:00"), "15:00:00 UTC"},
			{day(25, "09:00:00"), "2026-11-25 09:00:00 UTC"},
			{day(23, "23:59:59"), "2026-11-23 23:59:59 UTC"},
		} {
			if got := v.Stamp(tc.at); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		}
	})
	t.Run("TypingOrder", func(t *testing.T) {
		rep := oneDayReport()
		want := export.NewView(rep, export.Options{Format: export.FormatMarkdown})
		slices.Reverse(rep.Entries)
		got := export.NewView(rep, export.Options{Format: export.FormatMarkdown})
		for i := range want.Rows {
			if got.Rows[i].Entry.ID != want.Rows[i].Entry.ID {
				t.Fatalf("row %d: got entry %d, want %d: rows follow the occurred time", i+1, got.Rows[i].Entry.ID, want.Rows[i].Entry.ID)
			}
		}
		if len(got.Severities) != len(want.Severities) || got.Severities[1] != want.Severities[1] {
			t.Fatalf("got severities %+v, want %+v", got.Severities, want.Severities)
		}
	})
}

// localZone is a zone named "Local" with Berlin's rules, as the computer's
// own zone is when TZ is unset; it skips when the system has no zoneinfo.
func localZone(t *testing.T) *time.Location {
	t.Helper()
	data, err := os.ReadFile("/usr/share/zoneinfo/Europe/Berlin")
	if err != nil {
		t.Skipf("no system zoneinfo: %v", err)
	}
	loc, err := time.LoadLocationFromTZData("Local", data)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestViewZoneName(t *testing.T) {
	for _, tc := range []struct {
		name   string
		zone   func(t *testing.T) *time.Location
		shift  time.Duration // moves the fixture in time
		want   string
		header string // the Markdown table's local column
	}{
		{"None", func(*testing.T) *time.Location { return nil }, 0, "UTC", ""},
		{"IANA", berlin, 0, "Europe/Berlin", "Local (Europe/Berlin)"},
		{"LocalUnnamed", localZone, 0, "UTC+01:00", "Local (UTC+01:00)"},
		{"LocalInSummer", localZone, -130 * 24 * time.Hour, "UTC+02:00", "Local (UTC+02:00)"},
		// The fixture runs 22:02 to 01:30 UTC; shifted to 24 October it
		// crosses the end of summer time at 01:00 UTC on the 25th.
		{"LocalClocksChange", localZone, -28 * 24 * time.Hour, "UTC+02:00/UTC+01:00", "Local (UTC+02:00/UTC+01:00)"},
		{"LocalWest", func(*testing.T) *time.Location { return time.FixedZone("Local", -(5*3600 + 30*60)) }, 0, "UTC-05:30", "Local (UTC-05:30)"},
		{"LocalIsUTC", func(*testing.T) *time.Location { return time.FixedZone("Local", 0) }, 0, "UTC", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := fixtureReport()
			shiftReport(rep, tc.shift)
			opts := export.Options{Format: export.FormatMarkdown, Zone: tc.zone(t), Now: fixedNow.Add(tc.shift)}
			if got := export.NewView(rep, opts).ZoneName; got != tc.want {
				t.Fatalf("got zone name %q, want %q", got, tc.want)
			}
			md := string(mdOf(t, rep, opts))
			head := "| Time (UTC) | Kind |"
			if tc.header != "" {
				head = "| Time (UTC) | " + strings.ReplaceAll(tc.header, "_", `\_`) + " | Kind |"
			}
			if !strings.Contains(md, head) {
				t.Fatalf("got no %q in:\n%s", head, md)
			}
			if strings.Contains(md, "(Local)") {
				t.Fatalf("got a zone named \"Local\" in:\n%s", md)
			}
		})
	}
}

// shiftReport moves every time of the fixture by d.
func shiftReport(rep *backend.Report, d time.Duration) {
	move := func(t *time.Time) {
		if !t.IsZero() {
			*t = t.Add(d)
		}
	}
	inc := rep.Incident
	for _, t := range []*time.Time{&inc.DeclaredAt, &inc.DetectedAt, &inc.MitigatedAt, &inc.ResolvedAt} {
		move(t)
	}
	for _, e := range rep.Entries {
		move(&e.OccurredAt)
		move(&e.DeletedAt)
	}
	for i := range rep.Roles {
		move(&rep.Roles[i].From)
		move(&rep.Roles[i].To)
	}
	for i := range rep.Updates {
		move(&rep.Updates[i].SentAt)
		move(&rep.Updates[i].NextAt)
	}
}

func TestDurations(t *testing.T) {
	const late = " (declared after the first entry: set the declaration time)"
	for _, tc := range []struct {
		name                    string
		edit                    func(inc *backend.Incident)
		discover, mitigate, rec string
	}{
		{"OK", func(*backend.Incident) {}, "8m", "1h 30m", "3h 20m"},
		{"DetectedUnknown", func(inc *backend.Incident) { inc.DetectedAt = time.Time{} },
			"unknown: set when the problem was first noticed", "1h 30m", "3h 20m"},
		{"DetectedWhenDeclared", func(inc *backend.Incident) { inc.DetectedAt = inc.DeclaredAt },
			"detected when declared", "1h 30m", "3h 20m"},
		{"DetectedAfterDeclared", func(inc *backend.Incident) { inc.DetectedAt = inc.DeclaredAt.Add(time.Minute) },
			"unknown: detected after it was declared; set when the problem was first noticed", "1h 30m", "3h 20m"},
		{"MitigatedAtDeclaration", func(inc *backend.Incident) { inc.MitigatedAt = inc.DeclaredAt }, "8m", "0s", "3h 20m"},
		{"MitigatedBeforeDeclared", func(inc *backend.Incident) { inc.MitigatedAt = inc.DeclaredAt.AddDate(-8, 0, 0) },
			"8m", "unknown: mitigated before it was declared" + late, "3h 20m"},
		{"ResolvedBeforeDeclared", func(inc *backend.Incident) { inc.DeclaredAt = inc.ResolvedAt.Add(8 * time.Hour) },
			"11h 28m", "unknown: mitigated before it was declared" + late, "unknown: resolved before it was declared" + late},
		{"Open", func(inc *backend.Incident) { inc.MitigatedAt, inc.ResolvedAt = time.Time{}, time.Time{} },
			"8m", "not mitigated yet", "not resolved yet"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := fixtureReport()
			tc.edit(rep.Incident)
			d := export.NewView(rep, export.Options{Format: export.FormatReview, Now: fixedNow}).Durations()
			for _, f := range []struct {
				name string
				got  export.Figure
				want string
			}{{"discover", d.ToDiscover, tc.discover}, {"mitigate", d.ToMitigate, tc.mitigate}, {"recover", d.ToRecover, tc.rec}} {
				if f.got.String() != f.want {
					t.Fatalf("got time to %s %q, want %q", f.name, f.got.String(), f.want)
				}
			}
			text := flatText(renderGFM(t, reviewOf(t, rep, export.Options{Format: export.FormatReview, Now: fixedNow})))
			for _, want := range []string{
				"Time to discover (detected to declared)" + tc.discover,
				"Time to mitigate (declared to monitoring)" + tc.mitigate,
				"Time to recover (declared to resolved)" + tc.rec,
			} {
				if !strings.Contains(text, want) {
					t.Fatalf("got no %q in the review", want)
				}
			}
		})
	}
}
