package export

import (
	"strconv"
	"time"

	"bridgelog/backend"
)

// Marks a few minutes apart land a few units apart in the picture, so their
// labels would print over each other. Each lane therefore stacks its marks
// into rows: a mark goes into the first row where it and its label clear
// what that row already holds, and the lane grows by a row when none does.

// svgGap is the least space between two things in one row.
const svgGap = 4.0

// svgRows stacks things into rows by their horizontal extent.
type svgRows struct {
	ends []float64 // the right edge of what each row holds
	max  int
}

// place returns the row for something from left to right. When every row
// allowed is taken, it returns the row that frees up first, and false: the
// caller then drops the label rather than print it over another.
func (r *svgRows) place(left, right float64) (int, bool) {
	for i, end := range r.ends {
		if left >= end+svgGap {
			r.ends[i] = right
			return i, true
		}
	}
	if len(r.ends) < r.max {
		r.ends = append(r.ends, right)
		return len(r.ends) - 1, true
	}
	first := 0
	for i, end := range r.ends {
		if end < r.ends[first] {
			first = i
		}
	}
	r.ends[first] = max(r.ends[first], right)
	return first, false
}

// svgPlaced is a mark in a row of its lane, waiting for the lane's height.
type svgPlaced struct {
	svgMark
	row  int
	px   float64
	dy   float64  // the label's baseline below the mark's centre
	line *svgLine // a late update's overdue line, drawn on the mark's row
}

// at is the mark drawn with its centre at height py.
func (m svgPlaced) at(py float64) svgMark {
	mk := m.svgMark
	mk.Y = svgNum(py)
	if mk.Label != "" {
		mk.LY = svgNum(py + m.dy)
	}
	if mk.Shape == "tri" {
		mk.Path = svgTriangle(m.px, py)
	}
	return mk
}

// svgPhase is a vertical line for detected, declared, mitigated or resolved,
// with its label in a row of the strip above the lanes.
type svgPhase struct {
	at           time.Time
	label, class string
	px, lx       float64
	anchor       string
	row          int
}

// svgPhaseMarks places the phase labels and returns them with the number of
// label rows used. There are at most four, so none is ever dropped.
func svgPhaseMarks(v *View, x func(time.Time) float64) ([]svgPhase, int) {
	var marks []svgPhase
	inc := v.Incident
	if !inc.DetectedAt.IsZero() {
		marks = append(marks, svgPhase{at: inc.DetectedAt, label: "detected", class: "phase dotted"})
	}
	marks = append(marks, svgPhase{at: inc.DeclaredAt, label: "declared", class: "phase"})
	if !inc.MitigatedAt.IsZero() {
		marks = append(marks, svgPhase{at: inc.MitigatedAt, label: "mitigated", class: "phase dashed"})
	}
	if !inc.ResolvedAt.IsZero() {
		marks = append(marks, svgPhase{at: inc.ResolvedAt, label: "resolved", class: "phase"})
	}
	rows := svgRows{max: len(marks)}
	for i := range marks {
		m := &marks[i]
		m.px = x(m.at)
		w := float64(len(m.label)) * svgCharPx
		m.anchor, m.lx = "middle", m.px
		left := m.px - w/2
		if m.px-w/2 < svgPlotX0-20 {
			m.anchor, m.lx, left = "start", m.px-2, m.px-2
		} else if m.px+w/2 > svgW {
			m.anchor, m.lx, left = "end", m.px+2, m.px+2-w
		}
		m.row, _ = rows.place(left, left+w)
	}
	return marks, len(rows.ends)
}

// svgMitigationMarks numbers the mitigations M1, M2... in time order, adds
// them to the legend, and places each triangle and its number in a row.
func (c *svgChart) svgMitigationMarks(v *View, x func(time.Time) float64) ([]svgPlaced, int) {
	var marks []svgPlaced
	rows := svgRows{max: svgMaxRows}
	n := 0
	for _, r := range v.Rows {
		e := r.Entry
		if e.Kind != backend.KindMitigation || !e.DeletedAt.IsZero() {
			continue
		}
		n++
		label := "M" + strconv.Itoa(n)
		px := x(e.OccurredAt)
		m := svgPlaced{svgMark: svgMark{Shape: "tri", X: svgNum(px), Title: label + " " + v.Stamp(e.OccurredAt) + ": " + r.Text},
			px: px, dy: 4}
		left, right := markLabel(&m.svgMark, px+1, 0, label)
		var ok bool
		if m.row, ok = rows.place(min(left, px-6), max(right, px+6)); !ok {
			m.Label = ""
		}
		marks = append(marks, m)
		c.Mitigations = append(c.Mitigations, svgLegend{Label: label, When: v.Stamp(e.OccurredAt), Text: r.Text})
	}
	return marks, len(rows.ends)
}

// svgUpdateMarks places a dot for each status update, a ring with its
// lateness for a late one, and the dashed line from the promised time.
func (c *svgChart) svgUpdateMarks(v *View, x func(time.Time) float64) ([]svgPlaced, int) {
	var marks []svgPlaced
	rows := svgRows{max: svgMaxRows}
	for _, u := range v.Updates {
		px := x(u.Update.SentAt)
		m := svgPlaced{svgMark: svgMark{Shape: "dot", X: svgNum(px),
			Title: string(u.Update.Audience) + " update " + v.Stamp(u.Update.SentAt) + ": " + u.Text}, px: px, dy: -5}
		left, right := px-5, px+5
		if u.Late > 0 {
			c.HasLate = true
			m.Shape = "ring"
			ll, lr := markLabel(&m.svgMark, px, 0, "late "+humanDuration(u.Late))
			m.Title = "Late by " + humanDuration(u.Late) + " (promised " + v.Stamp(u.Due) + "). " + m.Title
			m.line = &svgLine{X1: svgNum(x(u.Due)), X2: svgNum(px - 5), Class: "overdue", Title: "Promised for " + v.Stamp(u.Due)}
			left, right = min(left, ll, x(u.Due)), max(right, lr)
		}
		var ok bool
		if m.row, ok = rows.place(left, right); !ok {
			m.Label = ""
		}
		marks = append(marks, m)
	}
	return marks, len(rows.ends)
}
