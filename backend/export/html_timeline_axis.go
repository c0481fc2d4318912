package export

import "time"

// svgSteps are the round tick intervals, in minutes, up to a week. A longer
// picture (an entry dated years off by a typing slip) ticks every so many
// whole days, labelled by date alone.
var svgSteps = []time.Duration{1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080}

// addAxis puts ticks at a round interval along the axis at height axisY,
// labelled in UTC and, when a zone was chosen, in local time below; a date
// appears where the day changes, with the year when the picture spans years.
func (c *svgChart) addAxis(v *View, start, end time.Time, axisY float64, x func(time.Time) float64) {
	const day = 24 * time.Hour
	span := end.Sub(start)
	step := time.Minute
	for _, s := range svgSteps {
		step = s * time.Minute
		if span/step <= svgMaxTick {
			break
		}
	}
	first := start.Truncate(step)
	byDate := span/step > svgMaxTick
	if byDate {
		step = (span/day/svgMaxTick + 1) * day
		first = start.Truncate(day)
	}
	c.Ticks = append(c.Ticks, svgLine{X1: svgNum(svgPlotX0), Y1: svgNum(axisY), X2: svgNum(svgPlotX1), Y2: svgNum(axisY), Class: "axis"})
	local := v.showsLocal()
	y := axisY + 16
	c.Lanes = append(c.Lanes, svgText{X: svgNum(4), Y: svgNum(y), Anchor: "start", Class: "lane", Text: "UTC"})
	if local {
		c.Lanes = append(c.Lanes, svgText{X: svgNum(4), Y: svgNum(y + 14), Anchor: "start", Class: "lane", Text: svgZone(v)})
	}
	lastDay := map[bool]string{}
	for t := first; !t.After(end); t = t.Add(step) {
		if t.Before(start) {
			continue
		}
		px := x(t)
		c.Ticks = append(c.Ticks, svgLine{X1: svgNum(px), Y1: svgNum(axisY), X2: svgNum(px), Y2: svgNum(axisY + 5), Class: "tick"})
		label := func(loc *time.Location, isLocal bool) string {
			lt := t.In(loc)
			dayLayout := "2 Jan"
			if start.In(loc).Year() != end.In(loc).Year() {
				dayLayout = "2 Jan 2006"
			}
			if byDate {
				return lt.Format(dayLayout)
			}
			s := lt.Format("15:04")
			if d := lt.Format(dayLayout); v.MultiDay && d != lastDay[isLocal] {
				s = d + " " + s
				lastDay[isLocal] = d
			}
			return s
		}
		// The first and last labels stay inside the picture.
		anchor := "middle"
		if px > svgW-45 {
			anchor = "end"
		}
		c.TickLabels = append(c.TickLabels, svgText{X: svgNum(px), Y: svgNum(y), Anchor: anchor, Class: "tick", Text: label(time.UTC, false)})
		if local {
			c.TickLabels = append(c.TickLabels, svgText{X: svgNum(px), Y: svgNum(y + 14), Anchor: anchor, Class: "tick local", Text: label(v.Zone, true)})
		}
	}
	h := y + 8
	if local {
		h += 14
	}
	c.Height = svgNum(h)
}
