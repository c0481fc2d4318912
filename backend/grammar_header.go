package backend

import "strings"

// A line can set the incident's declared or detected time, so a scribe
// catching up never leaves the keyboard for a dialog:
//
//	@15:01 declared: docbrown declares incident #465
//	detected: @14:55 ev: pager storm from all clusters
//	detected: -20m
//
// The time is the line's, in any form the line takes (written before the
// prefix or just after it); a line without one means now. Any text after it
// is kept as an entry at that time, read like any other line, so the moment
// stays on the timeline in the scribe's words.

// Header prefixes: the incident time each one sets.
const (
	HeaderDeclared = "declared"
	HeaderDetected = "detected"
)

// parseHeader reads the rest of a "declared:" or "detected:" line into l.
// What follows the time is read as a line of its own, so it can carry a
// kind: "detected: ev: pager storm" keeps the page as evidence, and
// "declared: sev1 payments down" is declared at SEV1.
func parseHeader(l *Line, header, rest string) {
	at := l.Time
	if m := timeTokenRe.FindStringSubmatch(rest); m != nil && m[1] != "-" {
		if at != "" {
			l.Header, l.Problem = header, "Give the time once: before \""+header+":\" or just after it, not both."
			return
		}
		at, rest = m[1], strings.TrimSpace(rest[len(m[0]):])
	}
	inner := Parse(rest)
	switch {
	case inner.Time != "":
		inner.Problem = "Give the time once: before \"" + header + ":\" or just after it, not both."
	case inner.Header != "":
		inner.Problem = "One declared: or detected: per line."
	}
	inner.Raw, inner.Time, inner.Header = l.Raw, at, header
	inner.Key, inner.Internal = inner.Key || l.Key, inner.Internal || l.Internal
	*l = inner
}
