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
// would run past the picture's right edge, and returns the label's extent.
func markLabel(m *svgMark, px, ly float64, text string) (left, right float64) {
	w := 6.5 * float64(len([]rune(text)))
	m.Label, m.LY, m.Anchor, m.LX = text, svgNum(ly), "start", svgNum(px+7)
	if px+7+w > svgW {
		m.Anchor, m.LX = "end", svgNum(px-8)
		return px - 8 - w, px - 8
	}
	return px + 7, px + 7 + w
}

type svgText struct {
	X, Y, Anchor, Class, Text string
}

type svgLegend struct{ Label, When, Text string }

// Layout in user units; the SVG scales to the page width. Lanes grow by a
// row for each row of staggered marks they hold.
const (
	svgW       = 1000.0
	svgPlotX0  = 96.0
	svgPlotX1  = 985.0
	svgStripY  = 11.0 // the first row of phase labels
	svgStripH  = 13.0 // one row of phase labels
	svgSevH    = 30.0
	svgLaneH   = 24.0
	svgRowH    = 16.0 // one more row of marks in a lane
	svgCharPx  = 6.6  // average width of a 12-unit sans-serif character
	svgMaxTick = 9
	svgMaxRows = 4 // of marks in a lane; a mark beyond them loses its label
)

// svgLayout is where the picture's lanes are, once the rows of staggered
// marks and labels are known.
type svgLayout struct {
	top, sevY, mitY, updY, icY, axisY float64
}

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

	// Marks and labels are placed in rows first; the lanes' heights follow.
	phases, phaseRows := svgPhaseMarks(v, x)
	mits, mitRows := c.svgMitigationMarks(v, x)
	ups, upRows := c.svgUpdateMarks(v, x)
	var l svgLayout
	l.top = svgStripY + svgStripH*float64(max(phaseRows, 2)-1) + 6
	l.sevY = l.top + 4
	l.mitY = l.sevY + svgSevH + 8
	l.updY = l.mitY + svgLaneH + svgRowH*float64(max(mitRows, 1)-1) + 8
	l.icY = l.updY + svgLaneH + svgRowH*float64(max(upRows, 1)-1) + 4
	l.axisY = l.icY + svgLaneH + 8

	for _, lane := range []struct {
		y    float64
		text string
	}{{l.sevY + svgSevH/2, "Severity"}, {l.mitY + svgLaneH/2, "Mitigations"}, {l.updY + svgLaneH/2, "Updates"}, {l.icY + svgLaneH/2, "Commander"}} {
		c.Lanes = append(c.Lanes, svgText{X: svgNum(4), Y: svgNum(lane.y + 4), Anchor: "start", Class: "lane", Text: lane.text})
	}

	for _, s := range v.Severities {
		x0, x1 := x(s.From), x(s.To)
		r := svgRect{X: svgNum(x0), Y: svgNum(l.sevY), W: svgNum(max(x1-x0, 1)), H: svgNum(svgSevH),
			Fill: "url(#pat-" + strings.ToLower(string(s.Severity)) + ")", Class: "band " + strings.ToLower(string(s.Severity)),
			Title: string(s.Severity) + " from " + v.Stamp(s.From) + " to " + v.Stamp(s.To) + " (" + severityLasted(s) + ")"}
		if label := svgFit(string(s.Severity), x1-x0); label != "" {
			r.Label, r.LX, r.LY = label, svgNum((x0+x1)/2), svgNum(l.sevY+svgSevH/2+4.5)
		}
		c.Bands = append(c.Bands, r)
	}

	for _, sev := range []backend.Severity{backend.SEV1, backend.SEV2, backend.SEV3, backend.SEV4} {
		if slices.ContainsFunc(v.Severities, func(s SeveritySpan) bool { return s.Severity == sev }) {
			c.SevKeys = append(c.SevKeys, svgKey{Class: strings.ToLower(string(sev)), Label: string(sev) + " (" + svgSevPatterns[sev] + ")"})
		}
	}

	for _, p := range phases {
		c.Lines = append(c.Lines, svgLine{X1: svgNum(p.px), Y1: svgNum(l.top - 2), X2: svgNum(p.px), Y2: svgNum(l.axisY), Class: p.class,
			Title: p.label + " " + v.Stamp(p.at)})
		c.Labels = append(c.Labels, svgText{X: svgNum(p.lx), Y: svgNum(svgStripY + svgStripH*float64(p.row)), Anchor: p.anchor,
			Class: "mark", Text: p.label})
	}
	for _, m := range mits {
		c.Marks = append(c.Marks, m.at(l.mitY+svgLaneH/2+svgRowH*float64(m.row)))
	}
	for _, m := range ups {
		py := l.updY + svgLaneH/2 + svgRowH*float64(m.row)
		if m.line != nil {
			line := *m.line
			line.Y1, line.Y2 = svgNum(py), svgNum(py)
			c.Lines = append(c.Lines, line)
		}
		c.Marks = append(c.Marks, m.at(py))
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
		rect := svgRect{X: svgNum(x0), Y: svgNum(l.icY), W: svgNum(max(x1-x0, 1)), H: svgNum(svgLaneH),
			Class: "shift shift" + strconv.Itoa(i%2), Title: "Incident Commander: " + name + ", " + v.Stamp(r.From) + " to " + docRoleEnd(v, r)}
		if label := svgFit(name, x1-x0); label != "" {
			rect.Label, rect.LX, rect.LY = label, svgNum((x0+x1)/2), svgNum(l.icY+svgLaneH/2+4)
		}
		c.IC = append(c.IC, rect)
		i++
	}

	c.addAxis(v, start, end, l.axisY, x)
	return c
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
