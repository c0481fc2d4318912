package backend

import "strings"

// A line can set the incident's declared or detected time, so a scribe
// catching up never leaves the keyboard for a dialog:
//
//	@15:01 declared: docbrown declares incident #465
//	detected: @14:55 pager storm from all clusters
//	detected: -20m
//
// The time is the line's, in any form the line takes (written before the
// prefix or just after it); a line without one means now. Any text after it
// is kept as a note at that time, so the moment stays on the timeline in the
// scribe's words.

// Header prefixes: the incident time each one sets.
const (
	HeaderDeclared = "declared"
	HeaderDetected = "detected"
)

// parseHeader reads the rest of a "declared:" or "detected:" line into l.
func parseHeader(l *Line, header, rest string) {
	l.Header, l.Kind, l.Text = header, KindNote, rest
	m := timeTokenRe.FindStringSubmatch(rest)
	if m == nil || m[1] == "-" {
		return
	}
	if l.Time != "" {
		l.Problem = "Give the time once: before \"" + header + ":\" or just after it, not both."
		return
	}
	l.Time, l.Text = m[1], strings.TrimSpace(rest[len(m[0]):])
}
