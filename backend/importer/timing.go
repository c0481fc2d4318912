package importer

import (
	"fmt"
	"strings"
	"time"

	"bridgelog/backend"
)

// From chooses a chat's messages by their time: all of them, or only those
// from the incident's declaration (or its detection) on. A call's chat often
// starts hours before the incident, with talk of something else.
type From string

const (
	FromAll      From = "all"
	FromDeclared From = "declared"
	FromDetected From = "detected"
)

// ParseFrom reads a From as people type it; "" is FromAll.
func ParseFrom(s string) (From, error) {
	switch f := From(strings.ToLower(strings.TrimSpace(s))); f {
	case "", FromAll:
		return FromAll, nil
	case FromDeclared, FromDetected:
		return f, nil
	}
	return "", backend.Errorf(backend.EINVALID,
		"Import messages from %q? Choose all, declared (from the declaration on) or detected (from the detection on)", s)
}

// Rules for a chat's times against the incident's.
const (
	// AheadGrace is how far past now a message may be dated before it is
	// flagged: the chat's server and this laptop disagree by seconds.
	AheadGrace = time.Minute
	// FarAway is how far from the incident a message is "more than a day
	// away": from the earlier of its declaration and detection backwards,
	// and from its resolution onwards.
	FarAway = 24 * time.Hour
)

// Timing is where a chat's messages fall against the incident: what the
// preview and the command line say before anything is imported, and the
// choices of From that make a difference.
type Timing struct {
	DeclaredAt string `json:"declaredAt"` // RFC 3339 UTC
	DetectedAt string `json:"detectedAt"` // "" when the incident has no detection time
	// Dated counts the messages with a time; the counts below are of them.
	Dated          int `json:"dated"`
	BeforeDeclared int `json:"beforeDeclared"`
	BeforeDetected int `json:"beforeDetected"`
	AfterNow       int `json:"afterNow"`
	FarAway        int `json:"farAway"`
	// Warnings are sentences to show as they are, most important first.
	Warnings []string `json:"warnings"`
	// Choices are the From values worth offering, with what each imports;
	// empty when no message is from before the declaration or detection.
	Choices []FromChoice `json:"choices"`
	// From is the choice applied; LeftOut counts the messages it leaves out.
	From    string `json:"from"`
	LeftOut int    `json:"leftOut"`
}

// FromChoice is one From the preview offers.
type FromChoice struct {
	From  string `json:"from"`
	Label string `json:"label"` // "From the declaration on (14:05): 28 messages"
	Count int    `json:"count"`
}

// TimeFlag is what the rules say of one message.
type TimeFlag struct {
	// Note is a short badge: "before the declaration", "before the
	// detection", "after now", "over a day from the incident"; "" if none.
	Note string
	// Outside: the chosen From leaves this message out.
	Outside bool
	// Before the declaration, before the detection.
	beforeDeclared, beforeDetected bool
}

// CheckTimes applies the rules to msgs: where each falls against the
// incident at now, and which ones from leaves out. zone is the scribe's,
// for the times the warnings quote. Messages without a time (a recording's
// chat before its start is given) are neither counted nor flagged.
func CheckTimes(msgs []Message, inc *backend.Incident, now time.Time, zone *time.Location, from From) (Timing, []TimeFlag) {
	if zone == nil {
		zone = time.Local
	}
	if from == "" {
		from = FromAll
	}
	declared, detected := inc.DeclaredAt, inc.DetectedAt
	start := declared
	if !detected.IsZero() && detected.Before(start) {
		start = detected
	}
	t := Timing{DeclaredAt: declared.UTC().Format(time.RFC3339), From: string(from), Warnings: []string{}, Choices: []FromChoice{}}
	if !detected.IsZero() {
		t.DetectedAt = detected.UTC().Format(time.RFC3339)
	}
	flags := make([]TimeFlag, len(msgs))
	var earliest, latestAhead, earliestFar, lastFar time.Time
	for i, m := range msgs {
		if m.At.IsZero() {
			continue
		}
		t.Dated++
		f := &flags[i]
		f.beforeDeclared = m.At.Before(declared)
		f.beforeDetected = !detected.IsZero() && m.At.Before(detected)
		ahead := m.At.After(now.Add(AheadGrace))
		far := m.At.Before(start.Add(-FarAway)) || !inc.ResolvedAt.IsZero() && m.At.After(inc.ResolvedAt.Add(FarAway))
		switch {
		case ahead:
			f.Note = "after now"
		case far:
			f.Note = "over a day from the incident"
		case f.beforeDetected:
			f.Note = "before the detection"
		case f.beforeDeclared:
			f.Note = "before the declaration"
		}
		if f.beforeDeclared {
			t.BeforeDeclared++
			earliest = earlier(earliest, m.At)
		}
		if f.beforeDetected {
			t.BeforeDetected++
		}
		if ahead {
			t.AfterNow++
			if m.At.After(latestAhead) {
				latestAhead = m.At
			}
		}
		if far {
			t.FarAway++
			earliestFar = earlier(earliestFar, m.At)
			if m.At.After(lastFar) {
				lastFar = m.At
			}
		}
		f.Outside = from == FromDeclared && f.beforeDeclared || from == FromDetected && f.beforeDetected
		if f.Outside {
			t.LeftOut++
		}
	}

	show := func(at time.Time) string { return clockIn(at, declared, zone) }
	if t.BeforeDeclared > 0 {
		t.Warnings = append(t.Warnings, fmt.Sprintf("%s from before the incident was declared (earliest %s, declared %s %s).",
			ofMessages(t.BeforeDeclared, t.Dated), show(earliest), show(declared), declared.In(zone).Format("MST")))
	}
	if t.BeforeDetected > 0 {
		t.Warnings = append(t.Warnings, fmt.Sprintf("%s from before the problem was detected (%s).",
			ofMessages(t.BeforeDetected, t.Dated), show(detected)))
	}
	if t.AfterNow > 0 {
		t.Warnings = append(t.Warnings, fmt.Sprintf("%s dated after now (latest %s): check the chat's day.",
			ofMessages(t.AfterNow, t.Dated), show(latestAhead)))
	}
	if t.FarAway > 0 {
		at := earliestFar
		if earliestFar.After(start) {
			at = lastFar
		}
		t.Warnings = append(t.Warnings, fmt.Sprintf("%s more than a day from the incident (%s): check the chat's day, and that it is this incident's chat.",
			ofMessages(t.FarAway, t.Dated), dateClock(at, zone)))
	}
	if t.BeforeDeclared > 0 || t.BeforeDetected > 0 {
		t.Choices = append(t.Choices, FromChoice{From: string(FromAll), Label: fmt.Sprintf("All %s", plural(t.Dated, "message")), Count: t.Dated})
		n := t.Dated - t.BeforeDeclared
		t.Choices = append(t.Choices, FromChoice{From: string(FromDeclared),
			Label: fmt.Sprintf("From the declaration on (%s): %s", show(declared), plural(n, "message")), Count: n})
		if !detected.IsZero() {
			n := t.Dated - t.BeforeDetected
			t.Choices = append(t.Choices, FromChoice{From: string(FromDetected),
				Label: fmt.Sprintf("From the detection on (%s): %s", show(detected), plural(n, "message")), Count: n})
		}
	}
	return t, flags
}

func earlier(a, b time.Time) time.Time {
	if a.IsZero() || b.Before(a) {
		return b
	}
	return a
}

// ofMessages: "12 of 40 messages are", "1 of 40 messages is", "The message is".
func ofMessages(n, of int) string {
	switch {
	case of == 1:
		return "The message is"
	case n == of:
		return fmt.Sprintf("All %d messages are", n)
	case n == 1:
		return fmt.Sprintf("1 of %d messages is", of)
	}
	return fmt.Sprintf("%d of %d messages are", n, of)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// clockIn shows at as "14:05" on the declaration's day in zone, with the
// date on any other day: "Fri 20 Nov 10:02".
func clockIn(at, declared time.Time, zone *time.Location) string {
	a, d := at.In(zone), declared.In(zone)
	if a.Year() == d.Year() && a.YearDay() == d.YearDay() {
		return a.Format("15:04")
	}
	return a.Format("Mon 2 Jan 15:04")
}

// dateClock always carries the date: "Thu 19 Nov 2026 10:02".
func dateClock(at time.Time, zone *time.Location) string {
	return at.In(zone).Format("Mon 2 Jan 2006 15:04")
}

// dayNote says which day a Zoom saved chat's times were placed on, and why.
func dayNote(res *Result, needsDay bool, zone *time.Location) string {
	if res.Format != FormatZoomChat || res.Start.IsZero() {
		return ""
	}
	day := res.Start.In(zone)
	when := day.Format("Monday 2 January 2006")
	switch {
	case needsDay:
		return fmt.Sprintf("The chat does not say its day: its times are placed on %s, the day the incident was declared (%s). Change the chat's day if the call was on another.",
			when, day.Format("MST"))
	case res.StartFromName:
		return fmt.Sprintf("The chat's day, %s, is from its folder's name.", when)
	}
	return fmt.Sprintf("The chat's times are placed on %s (%s).", when, day.Format("MST"))
}
