package cadence

import (
	"math"
	"time"

	"bridgelog/backend"
)

// fatigueRule: every role holder's time in role, with night hours weighted,
// prompts a handoff gently at FatigueGentle and urgently at FatigueUrgent. One
// key per stretch in role, so a snooze holds across the escalation only if it
// lasts that long, and a handoff starts the new holder's clock clean.
func fatigueRule(s State, p Policy) []candidate {
	if !active(s) {
		return nil
	}
	var cs []candidate
	for _, h := range s.Roles {
		if h.Person == "" || h.Since.IsZero() {
			continue
		}
		role := backend.RoleLabel(h.Role)
		cs = append(cs, candidate{
			kind: KindFatigue, key: "fatigue:" + string(h.Role) + ":" + h.Person + ":" + stamp(h.Since),
			due: p.reach(h.Since, p.FatigueGentle), urgent: p.reach(h.Since, p.FatigueUrgent), person: h.Person,
			text: func(now time.Time, urgent bool) (string, string) {
				elapsed, weighted := now.Sub(h.Since), p.weighted(h.Since, now)
				title := h.Person + " has been " + role + " for " + span(elapsed)
				if weighted-elapsed >= time.Minute {
					title += " (" + span(weighted) + " counting night hours extra)"
				}
				if urgent {
					return title, span(p.FatigueUrgent) + " is the limit: hand off the " + role + " role now. Brief the incoming person (Ctrl+H) and wait for their confirmation."
				}
				return title, "Consider a handoff while you are still sharp: the incoming person gets a brief (Ctrl+H) and confirms before taking over."
			},
		})
	}
	return cs
}

// nightWindow returns the night window containing t, or the next one after it.
// Windows are built from local calendar dates, so on a DST night the window is
// an hour shorter or longer in real time, as the person living it sees it.
func (p Policy) nightWindow(t time.Time) (start, end time.Time) {
	loc := p.loc()
	lt := t.In(loc)
	for d := -1; ; d++ {
		start = time.Date(lt.Year(), lt.Month(), lt.Day()+d, p.NightStart, 0, 0, 0, loc)
		endDay := lt.Day() + d
		if p.NightEnd <= p.NightStart {
			endDay++ // a window such as 22:00-06:00 ends the next day
		}
		end = time.Date(lt.Year(), lt.Month(), endDay, p.NightEnd, 0, 0, 0, loc)
		if t.Before(end) {
			return start, end
		}
	}
}

// nightless reports whether the policy weights no hours, so time in role is
// plain elapsed time.
func (p Policy) nightless() bool { return p.NightWeight <= 1 || p.NightStart == p.NightEnd }

// TimeInRole returns the time in role from since to now as the fatigue rule
// counts it: night hours count NightWeight times.
func (p Policy) TimeInRole(since, now time.Time) time.Duration { return p.weighted(since, now) }

// weighted returns the time in role from since to now, night hours counted
// NightWeight times.
func (p Policy) weighted(since, now time.Time) time.Duration {
	if p.nightless() || !since.Before(now) {
		return max(now.Sub(since), 0)
	}
	var total float64
	for t := since; t.Before(now); {
		start, end := p.nightWindow(t)
		w := p.NightWeight
		if t.Before(start) {
			end, w = start, 1
		}
		if end.After(now) {
			end = now
		}
		total += float64(end.Sub(t)) * w
		t = end
	}
	return time.Duration(total)
}

// reach returns the instant at which the weighted time in role since since
// reaches want: the inverse of weighted.
func (p Policy) reach(since time.Time, want time.Duration) time.Time {
	if p.nightless() {
		return since.Add(want)
	}
	remaining := float64(want)
	for t := since; ; {
		start, end := p.nightWindow(t)
		w := p.NightWeight
		if t.Before(start) {
			end, w = start, 1
		}
		if seg := float64(end.Sub(t)) * w; seg < remaining {
			remaining -= seg
			t = end
			continue
		}
		return t.Add(time.Duration(math.Ceil(remaining / w)))
	}
}

// addBusinessDays steps n whole days (24 real hours each) from t, not counting
// a step that lands on a local Saturday or Sunday. Steps are real hours so the
// deadline is an instant a DST change cannot move; only the weekday is local.
func (p Policy) addBusinessDays(t time.Time, n int) time.Time {
	for n > 0 {
		t = t.Add(24 * time.Hour)
		if wd := t.In(p.loc()).Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return t
}

// reviewRule: the blameless review is due a business day after resolving (24
// hours on a weekday) and turns urgent at the ReviewMax business-day limit.
func reviewRule(s State, p Policy) []candidate {
	if s.Phase != backend.PhaseResolved || s.ResolvedAt.IsZero() {
		return nil
	}
	due, limit := p.addBusinessDays(s.ResolvedAt, p.ReviewTarget), p.addBusinessDays(s.ResolvedAt, p.ReviewMax)
	return []candidate{{
		kind: KindReview, key: "review:" + stamp(s.ResolvedAt), due: due, urgent: limit,
		text: func(_ time.Time, urgent bool) (string, string) {
			title := "Post-incident review due"
			if urgent {
				title = "Post-incident review overdue"
			}
			return title, "Resolved " + p.day(s.ResolvedAt) + "; hold the blameless review by " + p.day(limit) +
				" at the latest: impact and scope, the timeline, contributing factors, and action items with owners."
		},
	}}
}

// gdprRule: GDPR Art. 33 gives 72 hours from becoming aware of a breach to
// notify the supervisory authority. The clock runs whatever the phase, since
// resolving the incident does not stop it.
func gdprRule(s State, p Policy) []candidate {
	if !s.Security || s.BecameAwareAt.IsZero() {
		return nil
	}
	deadline := s.BecameAwareAt.Add(p.GDPR)
	return []candidate{{
		kind: KindGDPR, key: "gdpr:" + stamp(s.BecameAwareAt), due: deadline.Add(-p.GDPRWarn), urgent: deadline.Add(-p.GDPRUrgent),
		text: func(now time.Time, _ bool) (string, string) {
			title := "GDPR notification due in " + span(deadline.Sub(now))
			if !now.Before(deadline) {
				title = "GDPR notification deadline passed " + span(now.Sub(deadline)) + " ago"
			}
			return title, "Aware of the breach since " + p.day(s.BecameAwareAt) + ": notify the supervisory authority by " + p.day(deadline) +
				" (Art. 33), and go through the legal and marketing checklist (reporting duties, contracts, insurance, customer data exposure, public messaging)."
		},
	}}
}
