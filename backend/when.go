package backend

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	relRe = regexp.MustCompile(`^-(?:(\d{1,5})h)?(?:(\d{1,6})m)?(?:(\d{1,7})s)?$`)
	absRe = regexp.MustCompile(`^@(?:(\d{4})-(\d{2})-(\d{2})[ T])?(\d{1,2}):(\d{2})(?::(\d{2}))?(Z?)$`)
	// A date with no time after it: "@2023-03-03", alone or before the text.
	dateOnlyRe  = regexp.MustCompile(`^@(\d{4}-\d{2}-\d{2})(?:\s+|$)`)
	timeOfDayRe = regexp.MustCompile(`^\d{1,2}:\d{2}`)
)

// maxFutureSkew is how far ahead of now a time-of-day override may land before it
// is read as yesterday's: scribes backdate, they rarely write the future.
const maxFutureSkew = 10 * time.Minute

// ResolveTime turns a time override token into an instant. base is when the
// scribe started typing the line (relative offsets count back from it); now is
// the clock's time; loc is the scribe's local zone, used unless the token ends in Z.
// "@14:05" without a date means the latest 14:05 that is not in the future.
//
// Where the clocks change, a local time may not exist (they jumped over it)
// or happen twice (they went back over it). One that does not exist is
// refused with the two readings the scribe may have meant; one that happens
// twice is the first, in every zone, and TimeNote says so.
func ResolveTime(token string, base, now time.Time, loc *time.Location) (time.Time, error) {
	t, _, err := resolveTime(token, base, now, time.Time{}, loc)
	return t, err
}

// ResolveTimeOn is ResolveTime for an incident written up on another day
// than today: the day is when it was declared (see Incident.WritingDay). An
// "@14:05" without a date then means 14:05 on that day in loc, so catching
// up on yesterday's call costs five characters a row, not a full date. A
// time more than half a day before the declaration is taken on the next day
// instead when that is not in the future: an incident declared at 23:30 that
// ran past midnight reads "@00:40" as the morning after. A zero day, or a
// day that is today, reads the token as ResolveTime does.
func ResolveTimeOn(token string, base, now, day time.Time, loc *time.Location) (time.Time, error) {
	t, _, err := resolveTime(token, base, now, day, loc)
	return t, err
}

// TimeNote says how a time override was read when that is worth knowing
// before saving: a local time that happens twice was taken as the first, and
// how to write the second. It is "" otherwise, and for a token ResolveTime
// refuses.
func TimeNote(token string, now time.Time, loc *time.Location) string {
	return TimeNoteOn(token, now, time.Time{}, loc)
}

// TimeNoteOn is TimeNote for a token read on an incident's writing day, as
// ResolveTimeOn reads it.
func TimeNoteOn(token string, now, day time.Time, loc *time.Location) string {
	_, note, err := resolveTime(token, now, now, day, loc)
	if err != nil {
		return ""
	}
	return note
}

// DateWithoutTime is the message refusing a line that starts with a date but
// no time ("@2023-03-03 ev: text"), or "" when s does not. Such a token is not
// a time override, and saving the line as a note starting with the date would
// put the event at the wrong time without a word.
func DateWithoutTime(s string) string {
	m := dateOnlyRe.FindStringSubmatch(s)
	if m == nil || timeOfDayRe.MatchString(strings.TrimSpace(s[len(m[0]):])) {
		return ""
	}
	return fmt.Sprintf("@%s has a date but no time: add one, for example @%s 14:05", m[1], m[1])
}

func resolveTime(token string, base, now, day time.Time, loc *time.Location) (time.Time, string, error) {
	if loc == nil {
		loc = time.Local
	}
	if m := relRe.FindStringSubmatch(token); m != nil && token != "-" {
		var d time.Duration
		for i, unit := range []time.Duration{time.Hour, time.Minute, time.Second} {
			if m[i+1] != "" {
				n, _ := strconv.Atoi(m[i+1])
				d += time.Duration(n) * unit
			}
		}
		if d > 30*24*time.Hour {
			return time.Time{}, "", Errorf(EINVALID, "%s is more than 30 days back: use @YYYY-MM-DD HH:MM for older events", token)
		}
		return base.Add(-d), "", nil
	}
	m := absRe.FindStringSubmatch(token)
	if m == nil {
		return time.Time{}, "", Errorf(EINVALID, "%q is not a time: use -3m, @14:05, @14:05:30 or @2026-11-21 23:58 (add Z for UTC)", token)
	}
	if m[7] == "Z" {
		loc = time.UTC
	}
	var w wallTime
	w.hh, _ = strconv.Atoi(m[4])
	w.mm, _ = strconv.Atoi(m[5])
	if m[6] != "" {
		w.ss, _ = strconv.Atoi(m[6])
		w.seconds = true
	}
	if w.hh > 23 || w.mm > 59 || w.ss > 59 {
		return time.Time{}, "", Errorf(EINVALID, "%s is not a time of day: hours go to 23, minutes and seconds to 59", token)
	}
	if m[1] != "" {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		// The date is checked at noon UTC, where no clock change can move it.
		if noon := time.Date(y, time.Month(mo), d, 12, 0, 0, 0, time.UTC); noon.Month() != time.Month(mo) || noon.Day() != d {
			return time.Time{}, "", Errorf(EINVALID, "%s-%s-%s is not a date", m[1], m[2], m[3])
		}
		w.y, w.mo, w.d, w.dated = y, time.Month(mo), d, true
		r := w.read(loc)
		if r.earliest().After(now.Add(maxFutureSkew)) {
			return time.Time{}, "", Errorf(EINVALID, "%s is in the future: entries record what has happened", strings.TrimPrefix(token, "@"))
		}
		return r.result()
	}
	ln := now.In(loc)
	w.y, w.mo, w.d = ln.Date()
	if !day.IsZero() {
		if y, mo, d := day.In(loc).Date(); y != w.y || mo != w.mo || d != w.d {
			return onDay(w, y, mo, d, day, now, loc, token)
		}
	}
	r := w.read(loc)
	if r.earliest().After(now.Add(maxFutureSkew)) {
		w.y, w.mo, w.d = time.Date(w.y, w.mo, w.d-1, 12, 0, 0, 0, time.UTC).Date()
		r = w.read(loc)
	}
	return r.result()
}

// maxBeforeDay is how far before an incident's declaration an undated time
// on its writing day may land before it is read as the next day's.
const maxBeforeDay = 12 * time.Hour

// onDay reads an undated time of day on an incident's writing day, declared
// at declared, or the day after it when that fits the story better (see
// ResolveTimeOn).
func onDay(w wallTime, y int, mo time.Month, d int, declared, now time.Time, loc *time.Location, token string) (time.Time, string, error) {
	w.y, w.mo, w.d = y, mo, d
	r := w.read(loc)
	if r.earliest().Before(declared.Add(-maxBeforeDay)) {
		next := w
		next.y, next.mo, next.d = time.Date(y, mo, d+1, 12, 0, 0, 0, time.UTC).Date()
		if nr := next.read(loc); !nr.earliest().After(now.Add(maxFutureSkew)) {
			r = nr
		}
	}
	if r.earliest().After(now.Add(maxFutureSkew)) {
		return time.Time{}, "", Errorf(EINVALID, "%s on %s is in the future: entries record what has happened", strings.TrimPrefix(token, "@"), r.w.day())
	}
	return r.result()
}

// ResolveHeaderTime reads an incident's declared or detected time as typed in
// a dialog: the entry line's time overrides ("-20m", "@14:05", "@2026-12-06
// 14:05", a Z for UTC), where the "@" may be left out. Offsets count back from
// now; a time of day falls on day (zero: today). A blank token is the zero
// time. field names the time in the message of a refusal.
func ResolveHeaderTime(field, token string, now, day time.Time, loc *time.Location) (time.Time, error) {
	token = strings.Join(strings.Fields(token), " ")
	if token == "" {
		return time.Time{}, nil
	}
	if !strings.HasPrefix(token, "@") && !strings.HasPrefix(token, "-") {
		token = "@" + token
	}
	t, err := ResolveTimeOn(token, now, now, day, loc)
	if err != nil {
		return time.Time{}, Errorf(EINVALID, "The %s time: %s", field, ErrorMessage(err))
	}
	return t.UTC(), nil
}

// WritingDayOf is the writing day of an incident declared at declared; zero
// when declared is (the incident is declared now).
func WritingDayOf(declared, now time.Time, loc *time.Location) time.Time {
	if declared.IsZero() {
		return time.Time{}
	}
	return (&Incident{DeclaredAt: declared}).WritingDay(now, loc)
}
