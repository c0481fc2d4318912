package export_test

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"bridgelog/backend"
	"bridgelog/backend/export"
)

// svgBox is the space a label or a mark takes in the picture.
type svgBox struct {
	what                   string
	left, right, top, base float64
}

func (a svgBox) overlaps(b svgBox) bool {
	return a.left < b.right && b.left < a.right && a.top < b.base && b.top < a.base
}

func svgFloat(t *testing.T, n *html.Node, attr string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(htmlAttr(n, attr), 64)
	if err != nil {
		t.Fatalf("got %s=%q on <%s>: %v", attr, htmlAttr(n, attr), n.Data, err)
	}
	return f
}

// svgLabels returns the boxes of the phase labels and the marks' labels,
// with 6.6 units a character and 11 units of height, as the picture lays
// them out.
func svgLabels(t *testing.T, svg *html.Node) []svgBox {
	t.Helper()
	var boxes []svgBox
	for _, n := range htmlFindAll(svg, "text") {
		if c := htmlAttr(n, "class"); c != "mark" && c != "mark-label" {
			continue
		}
		text := htmlText(n)
		x, y, w := svgFloat(t, n, "x"), svgFloat(t, n, "y"), 6.6*float64(len([]rune(text)))
		left := x
		switch htmlAttr(n, "text-anchor") {
		case "middle":
			left = x - w/2
		case "end":
			left = x - w
		}
		boxes = append(boxes, svgBox{what: text, left: left, right: left + w, top: y - 9, base: y + 2})
	}
	return boxes
}

// svgShapes returns the boxes of the mitigation triangles and update dots.
func svgShapes(t *testing.T, svg *html.Node) []svgBox {
	t.Helper()
	var boxes []svgBox
	for _, g := range htmlFindAll(svg, "g") {
		if htmlAttr(g, "class") != "marks" {
			continue
		}
		for _, c := range htmlFindAll(g, "circle") {
			x, y := svgFloat(t, c, "cx"), svgFloat(t, c, "cy")
			boxes = append(boxes, svgBox{what: "dot", left: x - 5, right: x + 5, top: y - 5, base: y + 5})
		}
		for _, p := range htmlFindAll(g, "path") {
			// "M<x> <y-6> L...": the triangle's apex.
			f := strings.Fields(strings.NewReplacer("M", "", "L", " ", "Z", "").Replace(htmlAttr(p, "d")))
			x, _ := strconv.ParseFloat(f[0], 64)
			y, _ := strconv.ParseFloat(f[1], 64)
			boxes = append(boxes, svgBox{what: "triangle", left: x - 6, right: x + 6, top: y, base: y + 11})
		}
	}
	return boxes
}

func TestHTMLPictureStagger(t *testing.T) {
	picture := func(t *testing.T, rep *backend.Report) *html.Node {
		t.Helper()
		var b bytes.Buffer
		if err := export.Write(context.Background(), &b, rep, export.Options{Format: export.FormatHTML, Now: fixedNow}); err != nil {
			t.Fatal(err)
		}
		return htmlFindAll(htmlParse(t, b.Bytes()), "svg")[0]
	}
	for _, tc := range []struct {
		name   string
		edit   func(rep *backend.Report)
		labels []string // that must all be shown
		// crowded has more marks in a moment than a lane has rows: the
		// labels still never overlap, but some marks share a row.
		crowded bool
	}{
		{"Fixture", func(*backend.Report) {}, []string{"detected", "declared", "mitigated", "resolved", "M1", "late 10m"}, false},
		{"MitigationsMinutesApart", func(rep *backend.Report) {
			for i, m := range []string{"failover", "cache warmed", "rate limit raised"} {
				rep.Entries = append(rep.Entries, &backend.Entry{ID: int64(100 + i), Kind: backend.KindMitigation, Text: m,
					OccurredAt: at("22:45").Add(time.Duration(i+1) * time.Minute)})
			}
		}, []string{"M1", "M2", "M3", "M4"}, false},
		{"PhasesMinutesApart", func(rep *backend.Report) {
			inc := rep.Incident
			inc.DetectedAt, inc.MitigatedAt = at("22:09"), at("22:12")
		}, []string{"detected", "declared", "mitigated", "resolved"}, false},
		{"DetectedWhenDeclared", func(rep *backend.Report) { rep.Incident.DetectedAt = rep.Incident.DeclaredAt },
			[]string{"detected", "declared"}, false},
		{"UpdatesMinutesApart", func(rep *backend.Report) {
			for i := range 3 {
				rep.Updates = append(rep.Updates, backend.StatusUpdate{EntryID: int64(200 + i), Audience: backend.AudienceInternal,
					SentAt: at("23:06").Add(time.Duration(i) * time.Minute), NextAt: at("23:06").Add(time.Duration(i)*time.Minute + 30*time.Second)})
			}
		}, []string{"late 10m", "late 30s"}, false},
		{"ManyMitigations", func(rep *backend.Report) {
			for i := range 12 {
				rep.Entries = append(rep.Entries, &backend.Entry{ID: int64(100 + i), Kind: backend.KindMitigation, Text: "step",
					OccurredAt: at("22:50").Add(time.Duration(i) * 20 * time.Second)})
			}
		}, []string{"M1", "M2", "M3", "M4"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := fixtureReport()
			tc.edit(rep)
			svg := picture(t, rep)
			labels := svgLabels(t, svg)
			shown := map[string]bool{}
			for i, a := range labels {
				shown[a.what] = true
				for _, b := range labels[i+1:] {
					if a.overlaps(b) {
						t.Fatalf("got label %q at %+v over label %q at %+v", a.what, a, b.what, b)
					}
				}
			}
			for _, want := range tc.labels {
				if !shown[want] {
					t.Fatalf("got labels %v, want %q among them", labels, want)
				}
			}
			if tc.crowded {
				return
			}
			shapes := svgShapes(t, svg)
			for i, a := range shapes {
				for _, b := range shapes[i+1:] {
					if a.overlaps(b) {
						t.Fatalf("got %s at %+v over %s at %+v", a.what, a, b.what, b)
					}
				}
			}
		})
	}
}

// TestHTMLPictureAxis checks the axis of a picture stretched over years by
// an entry typed with the wrong year: a handful of ticks, each with its year.
func TestHTMLPictureAxis(t *testing.T) {
	rep := fixtureReport()
	rep.Entries[3].OccurredAt = rep.Entries[3].OccurredAt.AddDate(-8, 0, 0)
	var b bytes.Buffer
	if err := export.Write(context.Background(), &b, rep, export.Options{Format: export.FormatHTML, Now: fixedNow, Zone: berlin(t)}); err != nil {
		t.Fatal(err)
	}
	svg := htmlFindAll(htmlParse(t, b.Bytes()), "svg")[0]
	var ticks []string
	for _, n := range htmlFindAll(svg, "text") {
		if htmlAttr(n, "class") == "tick" {
			ticks = append(ticks, htmlText(n))
		}
	}
	if got := len(ticks); got < 2 || got > 10 {
		t.Fatalf("got %d tick labels %q, want 2 to 10", got, ticks)
	}
	for _, tick := range ticks {
		if !regexp.MustCompile(`^\d{1,2} [A-Z][a-z]{2} 20\d\d$`).MatchString(tick) {
			t.Fatalf("got tick label %q, want a date with its year", tick)
		}
	}
}
