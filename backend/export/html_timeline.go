package export

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"bridgelog/backend"
)

// The timeline picture is an SVG drawn here and rendered by html/template,
// so every label is escaped like the rest of the page and nothing runs in
// the browser. It must read in black and white: severities differ by
// pattern and carry their name, marks differ by shape and are numbered.

// svgChart is the picture's geometry; every number is already a string of
// user units so the template only places them.
type svgChart struct {
	Width, Height string
	Title, Desc   string
	Lanes         []svgText
	Bands         []svgRect
	IC            []svgRect
	Lines         []svgLine
	Marks         []svgMark
	Labels        []svgText
	Ticks         []svgLine
	TickLabels    []svgText
	// Legend entries for the numbered marks, in the order drawn.
	Mitigations []svgLegend
	HasLate     bool
	SevKeys     []svgKey
}

// svgKey is a severity's swatch in the legend.
type svgKey struct{ Class, Label string }

var svgSevPatterns = map[backend.Severity]string{
	backend.SEV1: "cross-hatched", backend.SEV2: "diagonal lines", backend.SEV3: "dots", backend.SEV4: "thin lines",
}

type svgRect struct {
	X, Y, W, H  string
	Fill, Class string
	Label       string
	LX, LY      string
	Title       string
}

type svgLine struct {
	X1, Y1, X2, Y2 string
	Class, Title   string
}

// svgMark is a shape at a point: "tri" (mitigation), "dot" (an update on
// time), "ring" (a late update).
type svgMark struct {
	Shape, Path string
	X, Y        string
	Label       string
	LX, LY      string
	Anchor      string // of the label: "start", or "end" near the right edge
	Title       string
}

// markLabel places a mark's label right of the mark, or left of it when it
// would run past the picture's right edge.
func markLabel(m *svgMark, px, ly float64, text string) {
	m.Label, m.LY, m.Anchor, m.LX = text, svgNum(ly), "start", svgNum(px+7)
	if px+7+6.5*float64(len([]rune(text))) > svgW {
		m.Anchor, m.LX = "end", svgNum(px-8)
	}
}

type svgText struct {
	X, Y, Anchor, Class, Text string
}

type svgLegend struct{ Label, When, Text string }

// Layout in user units; the SVG scales to the page width.
const (
	svgW       = 1000.0
	svgPlotX0  = 96.0
	svgPlotX1  = 985.0
	svgTopY    = 30.0 // below the label strip
	svgSevY    = 34.0
	svgSevH    = 30.0
	svgMitY    = 72.0
	svgUpdY    = 104.0
	svgICY     = 132.0
	svgLaneH   = 24.0
	svgAxisY   = 164.0
	svgCharPx  = 6.6 // average width of a 12-unit sans-serif character
	svgMaxTick = 9
)

func newSVGChart(v *View) *svgChart {
	start, end := v.Start, v.End
	if end.Sub(start) < time.Minute {
		end = start.Add(time.Minute)
	}
	c := &svgChart{Width: svgNum(svgW)}
	x := func(t time.Time) float64 {
		if t.Before(start) {
			t = start
		} else if t.After(end) {
			t = end
		}
		return svgPlotX0 + (svgPlotX1-svgPlotX0)*float64(t.Sub(start))/float64(end.Sub(start))
	}
	c.Title = "Timeline of " + v.Incident.Title
	c.Desc = "From " + v.Stamp(v.Start) + " to " + v.Stamp(v.End) + ": severity, mitigations, status updates and incident commanders."

	for _, l := range []struct {
		y    float64
		text string
	}{{svgSevY + svgSevH/2, "Severity"}, {svgMitY + svgLaneH/2, "Mitigations"}, {svgUpdY + svgLaneH/2, "Updates"}, {svgICY + svgLaneH/2, "Commander"}} {
		c.Lanes = append(c.Lanes, svgText{X: svgNum(4), Y: svgNum(l.y + 4), Anchor: "start", Class: "lane", Text: l.text})
	}

	for _, s := range v.Severities {
		x0, x1 := x(s.From), x(s.To)
		r := svgRect{X: svgNum(x0), Y: svgNum(svgSevY), W: svgNum(max(x1-x0, 1)), H: svgNum(svgSevH),
			Fill: "url(#pat-" + strings.ToLower(string(s.Severity)) + ")", Class: "band " + strings.ToLower(string(s.Severity)),
			Title: string(s.Severity) + " from " + v.Stamp(s.From) + " to " + v.Stamp(s.To) + " (" + severityLasted(s) + ")"}
		if label := svgFit(string(s.Severity), x1-x0); label != "" {
			r.Label, r.LX, r.LY = label, svgNum((x0+x1)/2), svgNum(svgSevY+svgSevH/2+4.5)
		}
		c.Bands = append(c.Bands, r)
	}

	for _, sev := range []backend.Severity{backend.SEV1, backend.SEV2, backend.SEV3, backend.SEV4} {
		if slices.ContainsFunc(v.Severities, func(s SeveritySpan) bool { return s.Severity == sev }) {
			c.SevKeys = append(c.SevKeys, svgKey{Class: strings.ToLower(string(sev)), Label: string(sev) + " (" + svgSevPatterns[sev] + ")"})
		}
	}

	c.addPhaseLines(v, x)

	n := 0
	for _, r := range v.Rows {
		e := r.Entry
		if e.Kind != backend.KindMitigation || !e.DeletedAt.IsZero() {
			continue
		}
		n++
		label := "M" + strconv.Itoa(n)
		px, py := x(e.OccurredAt), svgMitY+svgLaneH/2
		m := svgMark{Shape: "tri", Path: svgTriangle(px, py), X: svgNum(px), Y: svgNum(py),
			Title: label + " " + v.Stamp(e.OccurredAt) + ": " + r.Text}
		markLabel(&m, px+1, py+4, label)
		c.Marks = append(c.Marks, m)
		c.Mitigations = append(c.Mitigations, svgLegend{Label: label, When: v.Stamp(e.OccurredAt), Text: r.Text})
	}

	for _, u := range v.Updates {
		px, py := x(u.Update.SentAt), svgUpdY+svgLaneH/2
		m := svgMark{Shape: "dot", X: svgNum(px), Y: svgNum(py),
			Title: string(u.Update.Audience) + " update " + v.Stamp(u.Update.SentAt) + ": " + u.Text}
		if u.Late > 0 {
			c.HasLate = true
			m.Shape = "ring"
			markLabel(&m, px, py-5, "late "+humanDuration(u.Late))
			m.Title = "Late by " + humanDuration(u.Late) + " (promised " + v.Stamp(u.Due) + "). " + m.Title
			c.Lines = append(c.Lines, svgLine{X1: svgNum(x(u.Due)), Y1: svgNum(py), X2: svgNum(px - 5), Y2: svgNum(py), Class: "overdue",
				Title: "Promised for " + v.Stamp(u.Due)})
		}
		c.Marks = append(c.Marks, m)
	}

	i := 0
	for _, r := range v.Roles {
		if r.Role != backend.RoleIC {
			continue
		}
		x0, x1 := x(r.From), x(docRoleTo(v, r))
		name := r.Person
		if name == "" {
			name = "IC " + strconv.Itoa(i+1)
		}
		rect := svgRect{X: svgNum(x0), Y: svgNum(svgICY), W: svgNum(max(x1-x0, 1)), H: svgNum(svgLaneH),
			Class: "shift shift" + strconv.Itoa(i%2), Title: "Incident Commander: " + name + ", " + v.Stamp(r.From) + " to " + docRoleEnd(v, r)}
		if label := svgFit(name, x1-x0); label != "" {
			rect.Label, rect.LX, rect.LY = label, svgNum((x0+x1)/2), svgNum(svgICY+svgLaneH/2+4)
		}
		c.IC = append(c.IC, rect)
		i++
	}

	c.addAxis(v, start, end, x)
	return c
}

// addPhaseLines draws detected, declared, mitigated and resolved as
// vertical lines across the lanes, labelled in a strip above them. Labels
// that would overlap move to a second row.
func (c *svgChart) addPhaseLines(v *View, x func(time.Time) float64) {
	type mark struct {
		at    time.Time
		label string
		class string
	}
	var marks []mark
	inc := v.Incident
	if !inc.DetectedAt.IsZero() {
		marks = append(marks, mark{inc.DetectedAt, "detected", "phase dotted"})
	}
	marks = append(marks, mark{inc.DeclaredAt, "declared", "phase"})
	if !inc.MitigatedAt.IsZero() {
		marks = append(marks, mark{inc.MitigatedAt, "mitigated", "phase dashed"})
	}
	if !inc.ResolvedAt.IsZero() {
		marks = append(marks, mark{inc.ResolvedAt, "resolved", "phase"})
	}
	rowEnd := []float64{-1e9, -1e9}
	for _, m := range marks {
		px := x(m.at)
		c.Lines = append(c.Lines, svgLine{X1: svgNum(px), Y1: svgNum(svgTopY - 2), X2: svgNum(px), Y2: svgNum(svgAxisY), Class: m.class,
			Title: m.label + " " + v.Stamp(m.at)})
		w := float64(len(m.label)) * svgCharPx
		anchor, lx := "middle", px
		if px-w/2 < svgPlotX0-20 {
			anchor, lx = "start", px-2
		} else if px+w/2 > svgW {
			anchor, lx = "end", px+2
		}
		left := lx - w/2
		if anchor == "start" {
			left = lx
		} else if anchor == "end" {
			left = lx - w
		}
		row := 0
		if left < rowEnd[0]+4 {
			row = 1
		}
		rowEnd[row] = left + w
		c.Labels = append(c.Labels, svgText{X: svgNum(lx), Y: svgNum(11 + 13*float64(row)), Anchor: anchor, Class: "mark", Text: m.label})
	}
}

// addAxis puts ticks at a round interval, labelled in UTC and, when a zone
// was chosen, in local time below; a date appears where the day changes.
func (c *svgChart) addAxis(v *View, start, end time.Time, x func(time.Time) float64) {
	step := time.Minute
	for _, s := range []time.Duration{1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080} {
		step = s * time.Minute
		if end.Sub(start)/step <= svgMaxTick {
			break
		}
	}
	c.Ticks = append(c.Ticks, svgLine{X1: svgNum(svgPlotX0), Y1: svgNum(svgAxisY), X2: svgNum(svgPlotX1), Y2: svgNum(svgAxisY), Class: "axis"})
	local := v.showsLocal()
	y := svgAxisY + 16
	c.Lanes = append(c.Lanes, svgText{X: svgNum(4), Y: svgNum(y), Anchor: "start", Class: "lane", Text: "UTC"})
	if local {
		c.Lanes = append(c.Lanes, svgText{X: svgNum(4), Y: svgNum(y + 14), Anchor: "start", Class: "lane", Text: svgZone(v)})
	}
	lastDay := map[bool]string{}
	for t := start.Truncate(step); !t.After(end); t = t.Add(step) {
		if t.Before(start) {
			continue
		}
		px := x(t)
		c.Ticks = append(c.Ticks, svgLine{X1: svgNum(px), Y1: svgNum(svgAxisY), X2: svgNum(px), Y2: svgNum(svgAxisY + 5), Class: "tick"})
		label := func(loc *time.Location, isLocal bool) string {
			lt := t.In(loc)
			s := lt.Format("15:04")
			if day := lt.Format("2 Jan"); v.MultiDay && day != lastDay[isLocal] {
				s = day + " " + s
				lastDay[isLocal] = day
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

// shortZone is the zone's last path element ("Berlin"), which fits the gutter.
func svgZone(v *View) string {
	name := v.ZoneName
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	return svgFit(strings.ReplaceAll(name, "_", " "), svgPlotX0-8)
}

// fitLabel shortens a label to the width available, or drops it.
func svgFit(s string, width float64) string {
	room := int((width - 6) / svgCharPx)
	if room < 3 {
		return ""
	}
	if utf8.RuneCountInString(s) <= room {
		return s
	}
	r := []rune(s)
	return string(r[:room-1]) + "…"
}

func svgTriangle(x, y float64) string {
	return "M" + svgNum(x) + " " + svgNum(y-6) + " L" + svgNum(x+6) + " " + svgNum(y+5) + " L" + svgNum(x-6) + " " + svgNum(y+5) + " Z"
}

// num writes a coordinate with one decimal, trimmed.
func svgNum(f float64) string {
	s := strconv.FormatFloat(f, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0")
}
