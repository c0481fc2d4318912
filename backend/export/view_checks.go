package export

import (
	"strconv"
	"time"

	"bridgelog/backend"
)

// timeCheckSlack is how far before the declaration, or after the end, an
// entry may be dated before the exports ask to check it. A late-started
// incident backdates its first alert by hours, a slow one by days; an entry
// a year off is a typing slip, and it stretches every duration around it.
const timeCheckSlack = 7 * 24 * time.Hour

// TimeChecks says which entries are dated so far outside the incident that
// their date is probably wrong, so a reader of a surprising figure knows
// where it comes from. It is empty for an incident whose times agree.
func (v *View) TimeChecks() []string {
	inc := v.Incident
	end, endName := inc.ResolvedAt, "the resolution"
	if end.IsZero() {
		end, endName = maxTime(inc.DeclaredAt, v.Opts.Now), "the export"
	}
	end = maxTime(end, inc.DeclaredAt)
	var early, late []*backend.Entry
	for _, e := range v.report.Entries {
		switch {
		case !e.DeletedAt.IsZero():
		case e.OccurredAt.Before(inc.DeclaredAt.Add(-timeCheckSlack)):
			early = append(early, e)
		case e.OccurredAt.After(end.Add(timeCheckSlack)):
			late = append(late, e)
		}
	}
	var checks []string
	if len(early) > 0 {
		checks = append(checks, timeCheck(v, early, early[0], "before the declaration", "the earliest"))
	}
	if len(late) > 0 {
		checks = append(checks, timeCheck(v, late, late[len(late)-1], "after "+endName, "the latest"))
	}
	return checks
}

func timeCheck(v *View, entries []*backend.Entry, e *backend.Entry, where, which string) string {
	s := "1 entry is dated more than a week " + where + ", at "
	if len(entries) > 1 {
		s = strconv.Itoa(len(entries)) + " entries are dated more than a week " + where + ", " + which + " at "
	}
	return s + v.Stamp(e.OccurredAt) + " (" + kindLabel(e.Kind) + "): check the date, since every duration around it depends on it."
}
