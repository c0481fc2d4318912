package clocks

import (
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
	"bridgelog/backend/settings"
)

// severities lists the severities whose rhythm a setting can override.
var severities = []backend.Severity{backend.SEV1, backend.SEV2, backend.SEV3, backend.SEV4}

// DefaultWatchCriteria are a monitoring watch's exit criteria when the
// settings name none: the signals back within objectives, and the evidence
// saved before retention loses it.
var DefaultWatchCriteria = []string{
	"Error rate back within SLO",
	"Latency back within SLO",
	"No new customer reports",
	"Evidence saved: dashboard screenshots and log lines",
}

// PolicyFrom applies the settings' overrides (minutes; 0 keeps a default) to
// the default policy in the IC's zone.
func PolicyFrom(cs settings.ClockSettings, loc *time.Location) cadence.Policy {
	p := cadence.DefaultPolicy(loc)
	set := func(d *time.Duration, minutes int) {
		if minutes > 0 {
			*d = time.Duration(minutes) * time.Minute
		}
	}
	for _, sev := range severities {
		o, ok := cs.Rhythms[string(sev)]
		if !ok {
			continue
		}
		r := p.Rhythms[sev]
		set(&r.FirstStatus, o.FirstStatus)
		set(&r.StatusEvery, o.StatusEvery)
		set(&r.StatusLater, o.StatusLater)
		set(&r.StatusUrgent, o.StatusUrgent)
		set(&r.CheckInEvery, o.CheckInEvery)
		set(&r.ActionAck, o.ActionAck)
		set(&r.Idle, o.Idle)
		p.Rhythms[sev] = r
	}
	set(&p.StatusWindow, cs.StatusWindow)
	set(&p.FatigueGentle, cs.FatigueGentle)
	set(&p.FatigueUrgent, cs.FatigueUrgent)
	set(&p.Watch, cs.Watch)
	return p
}

// Effective returns the numbers PolicyFrom would use, every default filled
// in, for a settings form to show.
func Effective(cs settings.ClockSettings) settings.ClockSettings {
	p := PolicyFrom(cs, time.UTC)
	m := func(d time.Duration) int { return int(d / time.Minute) }
	out := settings.ClockSettings{
		Rhythms:      map[string]settings.Rhythm{},
		StatusWindow: m(p.StatusWindow), FatigueGentle: m(p.FatigueGentle),
		FatigueUrgent: m(p.FatigueUrgent), Watch: m(p.Watch),
	}
	for _, sev := range severities {
		r := p.Rhythms[sev]
		out.Rhythms[string(sev)] = settings.Rhythm{
			FirstStatus: m(r.FirstStatus), StatusEvery: m(r.StatusEvery), StatusLater: m(r.StatusLater),
			StatusUrgent: m(r.StatusUrgent), CheckInEvery: m(r.CheckInEvery), ActionAck: m(r.ActionAck), Idle: m(r.Idle),
		}
	}
	return out
}
