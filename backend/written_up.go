package backend

import "time"

// WrittenUpAfter is how long an incident goes with nothing happening in it
// before it counts as written up after the fact: a timeline typed in from
// notes the next day, or a past incident recorded for its review. A live call
// has entries every few minutes; a long one still has several a day.
const WrittenUpAfter = 24 * time.Hour

// WrittenUp reports whether an incident whose latest moment is last (the
// later of its declaration and its newest entry's time) is being written up
// after the fact at now. Such an incident runs no call clocks: reminding a
// scribe that a 2018 incident's status update is eight years overdue helps
// no one. And a line typed without a time would be dated now, years after
// everything else in it, so the entry line asks first.
func WrittenUp(last, now time.Time) bool {
	return !last.IsZero() && now.Sub(last) > WrittenUpAfter
}

// LatestMoment is the later of an incident's declaration and the time of its
// newest entry (nil: none), the moment WrittenUp measures from.
func LatestMoment(inc *Incident, newest *Entry) time.Time {
	last := inc.DeclaredAt
	if newest != nil && newest.OccurredAt.After(last) {
		last = newest.OccurredAt
	}
	return last
}
