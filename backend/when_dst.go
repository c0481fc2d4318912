package backend

import (
	"fmt"
	"time"
)

// wallTime is a date and time as a wall clock in some zone shows it.
type wallTime struct {
	y          int
	mo         time.Month
	d          int
	hh, mm, ss int
	seconds    bool // the token gave seconds
	dated      bool // the token gave the date
}

// reading is what a wall time means in a zone: as a rule one instant; two
// where the clocks went back over it; none where they jumped over it, and
// then the instants just as far before and after the jump.
type reading struct {
	w       wallTime
	loc     *time.Location
	times   []time.Time // the instants the wall clock shows w at, earliest first
	before  time.Time   // no time: the same wall time on the old offset (earlier)
	after   time.Time   // no time: on the new offset (later)
	changed time.Time   // when the clocks changed, if they did around w
}

// read finds the instants whose wall clock in loc shows w. time.Date would
// quietly pick one of two, or move a time that does not exist: reading each
// candidate back and comparing its fields tells the cases apart. The
// candidates are w on each offset in force within a day of it.
func (w wallTime) read(loc *time.Location) reading {
	r := reading{w: w, loc: loc}
	asUTC := time.Date(w.y, w.mo, w.d, w.hh, w.mm, w.ss, 0, time.UTC)
	_, offBefore := asUTC.Add(-26 * time.Hour).In(loc).Zone()
	_, offAfter := asUTC.Add(26 * time.Hour).In(loc).Zone()
	for _, off := range []int{offBefore, offAfter} {
		t := asUTC.Add(-time.Duration(off) * time.Second).In(loc)
		if w.shownBy(t) && (len(r.times) == 0 || !t.Equal(r.times[0])) {
			r.times = append(r.times, t)
		}
	}
	if len(r.times) == 0 {
		// Midway offsets (a zone that changed its standard time) are left
		// to time.Date, which moves the time to one side.
		if t := time.Date(w.y, w.mo, w.d, w.hh, w.mm, w.ss, 0, loc); w.shownBy(t) {
			r.times = append(r.times, t)
		}
	}
	if len(r.times) == 2 && r.times[1].Before(r.times[0]) {
		r.times[0], r.times[1] = r.times[1], r.times[0]
	}
	switch {
	case len(r.times) == 2:
		r.changed, _ = r.times[1].ZoneBounds()
	case len(r.times) == 0:
		// The jump moved the offset from offBefore to offAfter: the wall time
		// on the new offset is the earlier instant, shown before the jump as
		// w less its size; on the old offset, the later, shown as w plus it.
		r.before = asUTC.Add(-time.Duration(offAfter) * time.Second).In(loc)
		r.after = asUTC.Add(-time.Duration(offBefore) * time.Second).In(loc)
		r.changed, _ = r.after.ZoneBounds()
	}
	return r
}

func (w wallTime) shownBy(t time.Time) bool {
	y, mo, d := t.Date()
	return y == w.y && mo == w.mo && d == w.d && t.Hour() == w.hh && t.Minute() == w.mm && t.Second() == w.ss
}

// earliest is the first instant w may mean, for telling the future apart.
func (r reading) earliest() time.Time {
	if len(r.times) > 0 {
		return r.times[0]
	}
	return r.before
}

// result is the instant w stands for and a note on it, or the refusal of a
// time the clocks jumped over.
func (r reading) result() (time.Time, string, error) {
	switch len(r.times) {
	case 1:
		return r.times[0], "", nil
	case 2:
		first, second := r.times[0], r.times[1]
		note := fmt.Sprintf("%s happens twice on %s in %s (clocks went back from %s to %s): taken as the first, %s %s (%s UTC); for the second, write @%s",
			r.w.clock(), r.w.day(), zoneName(r.loc), r.oldClock(), r.w.clockOf(r.changed.In(r.loc)),
			r.w.clockOf(first), zoneAbbr(first), r.w.clockOf(first.UTC()),
			r.w.dateOf(second.UTC(), true)+r.w.clockOf(second.UTC())+"Z")
		return first, note, nil
	}
	return time.Time{}, "", Errorf(EINVALID, "%s does not exist on %s in %s (clocks went from %s to %s): write @%s or @%s, or give UTC with a Z",
		r.w.clock(), r.w.day(), zoneName(r.loc), r.oldClock(), r.w.clockOf(r.changed.In(r.loc)),
		r.w.dateOf(r.before, false)+r.w.clockOf(r.before), r.w.dateOf(r.after, false)+r.w.clockOf(r.after))
}

// oldClock is the wall clock just as it changed, on the offset it left.
func (r reading) oldClock() string {
	before := r.changed.Add(-time.Second)
	_, off := before.In(r.loc).Zone()
	return r.w.clockOf(r.changed.In(time.FixedZone("", off)))
}

// clock is w's time as the token wrote it: 02:30, or 02:30:15 with seconds.
func (w wallTime) clock() string {
	if w.seconds {
		return fmt.Sprintf("%02d:%02d:%02d", w.hh, w.mm, w.ss)
	}
	return fmt.Sprintf("%02d:%02d", w.hh, w.mm)
}

func (w wallTime) clockOf(t time.Time) string {
	if w.seconds {
		return t.Format("15:04:05")
	}
	return t.Format("15:04")
}

func (w wallTime) day() string {
	return time.Date(w.y, w.mo, w.d, 12, 0, 0, 0, time.UTC).Format("2 Jan 2006")
}

// dateOf is the date part of a suggested token: always for a dated token or
// when always is set, else only when t falls on another day than w.
func (w wallTime) dateOf(t time.Time, always bool) string {
	y, mo, d := t.Date()
	if w.dated || always || y != w.y || mo != w.mo || d != w.d {
		return t.Format("2006-01-02 ")
	}
	return ""
}

// zoneName names a zone in a message; time.Local is called "Local".
func zoneName(loc *time.Location) string {
	if n := loc.String(); n != "" && n != "Local" {
		return n
	}
	return "this computer's time zone"
}

func zoneAbbr(t time.Time) string {
	name, _ := t.Zone()
	return name
}
