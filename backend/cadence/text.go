package cadence

import (
	"fmt"
	"strings"
	"time"
)

// stamp renders an instant for a reminder key: UTC to the second, so a key
// never changes with the zone it is computed in.
func stamp(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// clock renders an instant as the IC's local time of day, with the zone's
// abbreviation so a reader across timezones knows which clock it is.
func (p Policy) clock(t time.Time) string { return t.In(p.loc()).Format("15:04 MST") }

// day renders an instant with its weekday, for clocks that span days.
func (p Policy) day(t time.Time) string { return t.In(p.loc()).Format("Mon 2 Jan 15:04 MST") }

// span renders a duration the way people say it: "25 min", "1 h 05 min", "3 d 2 h".
func span(d time.Duration) string {
	// A reminder never says "-3 min": times out of order read as none yet.
	d = max(d, 0).Round(time.Minute)
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Minutes()))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d h %02d min", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%d d %d h", int(d.Hours())/24, int(d.Hours())%24)
}

// inProgress lists the open actions with owners and check-in times, the part
// of a check-in that reminds everyone who is doing what.
func (p Policy) inProgress(s State) string {
	var parts []string
	for _, a := range s.Actions {
		if !a.State.Open() {
			continue
		}
		part := a.Text
		if a.Owner != "" {
			part = "@" + a.Owner + " " + part
		}
		switch {
		case a.State == ActionAsked:
			part += " (not yet acknowledged)"
		case !a.CheckInAt.IsZero():
			part += " (back at " + p.clock(a.CheckInAt) + ")"
		default:
			part += " (no ETA)"
		}
		parts = append(parts, part)
	}
	if len(parts) == 0 {
		return "No action is in progress: who owns the next step?"
	}
	return "In progress: " + strings.Join(parts, "; ") + "."
}

// who names an action's owner for a reminder; an action typed without @owner
// has nobody, which the reminder says plainly.
func who(owner string) string {
	if owner == "" {
		return "Nobody named"
	}
	return "@" + owner
}
