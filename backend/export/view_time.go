package export

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// How an export prints a time. A time reads "14:05:30" only when nothing
// else in the export falls on another day: as soon as the rows, or the
// incident from its first entry to its last, touch two calendar days in UTC
// or in the local zone shown, every row and every other time carries its
// date. A time outside that one day (a promised update, a deadline, the
// export itself) always carries its date, so no time is ever read as being
// on the wrong day.

// setZone sets Zone and ZoneName from the chosen zone, then MultiDay from the
// days of the incident (declared, detected, every visible entry and the
// end) and of the rows, in UTC and in that zone.
func (v *View) setZone(zone *time.Location) {
	lo, hi := v.Start, v.End
	// The declaration counts even when it came after the resolution: an
	// incident written up the next morning is declared then.
	times := []time.Time{v.Incident.DeclaredAt}
	if !v.Incident.DetectedAt.IsZero() {
		times = append(times, v.Incident.DetectedAt)
	}
	for _, e := range v.report.Entries {
		if e.DeletedAt.IsZero() {
			times = append(times, e.OccurredAt)
		}
	}
	for _, r := range v.Rows {
		times = append(times, r.Entry.OccurredAt)
	}
	for _, t := range times {
		lo, hi = minTime(lo, t), maxTime(hi, t)
	}
	v.Zone, v.ZoneName = time.UTC, "UTC"
	if zone != nil {
		v.Zone, v.ZoneName = zone, zone.String()
		if v.ZoneName == "Local" || v.ZoneName == "" {
			v.ZoneName = offsetName(zone, append(times, lo, hi))
		}
		if v.ZoneName == "UTC+00:00" {
			// The computer's zone is UTC (or keeps its offset there): a local
			// column would repeat the UTC one.
			v.Zone, v.ZoneName = time.UTC, "UTC"
		}
	}
	v.MultiDay = spansDays(lo, hi, time.UTC) || spansDays(lo, hi, v.Zone)
}

// offsetName names a zone known only as "the computer's zone" by its UTC
// offsets over the given times: "UTC+01:00", or "UTC+01:00/UTC+02:00" when
// the clocks changed in between.
func offsetName(loc *time.Location, times []time.Time) string {
	times = slices.Clone(times)
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	var names []string
	for _, t := range times {
		_, off := t.In(loc).Zone()
		sign := '+'
		if off < 0 {
			sign, off = '-', -off
		}
		name := fmt.Sprintf("UTC%c%02d:%02d", sign, off/3600, off%3600/60)
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return "UTC+00:00"
	}
	return strings.Join(names, "/")
}

// dated reports whether t must carry its date in loc: on a multi-day
// export always, otherwise when t is not on the incident's one day.
func (v *View) dated(t time.Time, loc *time.Location) bool {
	return v.MultiDay || t.In(loc).Format(time.DateOnly) != v.Start.In(loc).Format(time.DateOnly)
}

// stamp formats t in loc: "14:05:30", or "2026-11-21 14:05:30" when it
// must carry its date.
func (v *View) stamp(t time.Time, loc *time.Location) string {
	if v.dated(t, loc) {
		return t.In(loc).Format("2006-01-02 15:04:05")
	}
	return t.In(loc).Format("15:04:05")
}

// anchorStamp is t in loc with its date, always. The declaration anchors the
// one day undated rows fall on: printed with its date, an incident written
// up years later still says which day "14:05" was.
func anchorStamp(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("2006-01-02 15:04:05")
}

// anchorBoth is the declaration in UTC and the local zone shown, dated.
func (v *View) anchorBoth(t time.Time) string {
	s := anchorStamp(t, time.UTC) + " UTC"
	if v.showsLocal() {
		s += " (" + anchorStamp(t, v.Zone) + " " + v.ZoneName + ")"
	}
	return s
}

// Stamp formats any time the way the timeline does, for other sections.
func (v *View) Stamp(t time.Time) string { return v.stamp(t, time.UTC) + " UTC" }

func spansDays(a, b time.Time, loc *time.Location) bool {
	return a.In(loc).Format(time.DateOnly) != b.In(loc).Format(time.DateOnly)
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
