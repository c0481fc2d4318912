package backend

import (
	"regexp"
	"strconv"
	"strings"

	"bridgelog/backend/limits"
)

// Line is what the scribe's line grammar makes of one typed line. The grammar is
// defined here once; the UI asks the backend to parse while the scribe types, so
// the chip it shows is exactly what will be stored.
type Line struct {
	Kind     Kind     `json:"kind"`
	Text     string   `json:"text"` // the line without its prefixes
	Raw      string   `json:"raw"`  // the line as typed, less any time override
	Key      bool     `json:"key"`
	Internal bool     `json:"internal"`
	Owner    string   `json:"owner,omitempty"`
	CheckIn  int      `json:"checkIn,omitempty"` // minutes
	Severity Severity `json:"severity,omitempty"`
	Role     Role     `json:"role,omitempty"`
	Person   string   `json:"person,omitempty"`
	Phase    Phase    `json:"phase,omitempty"`
	// Time is a time override token ("-3m", "@14:05") found at the start, or "".
	Time string `json:"time,omitempty"`
	// TimeNote says how Time was read where the clocks changed (a local time
	// that happened twice is the first, and how to write the second), or "".
	// Parse leaves it empty: reading a time needs the zone and the clock, so
	// the timeline's preview fills it in (see TimeNote).
	TimeNote string `json:"timeNote,omitempty"`
	// Problem says why a recognised prefix could not be used as typed, or "".
	Problem string `json:"problem,omitempty"`
	// Hint says how a line that looks like a prefix was read instead, when it
	// is saved as something else than the prefix says (a role line that names
	// no person is kept as a note), or "".
	Hint string `json:"hint,omitempty"`
	// NotRole is set on a note that starts with a role prefix but names no
	// person, so the line's chip can say that no role changes.
	NotRole bool `json:"notRole,omitempty"`
	// Header is HeaderDeclared or HeaderDetected on a line that sets the
	// incident's declared or detected time to the line's time (see
	// grammar_header.go); the rest of the line, if any, is an entry at that time.
	Header string `json:"header,omitempty"`
}

// Prefix is one entry of the grammar, as the cheat sheet shows it.
type Prefix struct {
	Prefix  string `json:"prefix"`
	Kind    Kind   `json:"kind"`
	Example string `json:"example"`
	Meaning string `json:"meaning"`
}

// Grammar lists the prefixes for the cheat sheet, in the order it shows them.
var Grammar = []Prefix{
	{"tl:", KindNote, "tl: checkout errors start", "key moment (combines with any other prefix)"},
	{"d:", KindDecision, "d: roll back to v41", "decision: record the result, not the vote"},
	{"a:", KindAction, "a: @sam restart the queue 10m", "action for an owner, with an optional check-in"},
	{"m:", KindMitigation, "m: failover to eu-west", "mitigation attempt"},
	{"?", KindHypothesis, "? cache stampede after deploy", "hypothesis, open until confirmed or ruled out"},
	{"? confirmed:", KindHypothesis, "? confirmed: consumers stuck since deploy 41", "what we know: the handoff brief's Confirmed line and the status draft's What we know"},
	{"? ruled out:", KindHypothesis, "? ruled out: database failover", "a hypothesis dropped: the handoff brief's Ruled out line"},
	{"!", KindImpact, "! EU customers cannot log in", "impact change (updates the impact summary)"},
	{"todo:", KindFollowUp, "todo: @sam alert on queue depth due 2026-12-04", "follow-up for the review (owner and due date optional)"},
	{"cf:", KindFactor, "cf: no alert on queue depth", "contributing factor for the review"},
	{"sev1 … sev4", KindSeverity, "sev1 payments down", "severity change"},
	{"ic: scribe: cl: tech:", KindRole, "ic: Priya", "role change: IC, scribe, comms lead, tech lead"},
	{"phase:", KindPhase, "phase: monitoring", "investigating, identified, mitigating, monitoring, resolved"},
	{"status:", KindStatus, "status: SEV2, EU logins failing, next update 14:30", "status update sent"},
	{"ev:", KindEvidence, "ev: 502 rate 38% at 14:02", "evidence (a pasted log of several lines becomes evidence)"},
	{"declared: detected:", KindNote, "@14:05 detected: pager fired", "sets when the incident was declared or first noticed to the line's time (now without one); the rest is saved as a line at that time"},
	{"int:", KindNote, "int: vendor contract says 4h", "internal only (combines with any other prefix)"},
}

var (
	// A time override: -3m, -90s, -1h, -1h30m, @14:05, @14:05:30, @2026-11-21 23:58, optional Z.
	timeTokenRe = regexp.MustCompile(`^(-(?:\d{1,5}h)?(?:\d{1,6}m)?(?:\d{1,7}s)?|@(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?Z?)(?:\s+|$)`)
	severityRe  = regexp.MustCompile(`(?i)^sev-?([1-4])\b[:\s]*`)
	checkInRe   = regexp.MustCompile(`(?i)\s+(\d{1,4})\s*(m|min|mins|h)$`)
	ownerRe     = regexp.MustCompile(`^@(\S+)\s*`)
)

var rolePrefixes = map[string]Role{"ic": RoleIC, "scribe": RoleScribe, "cl": RoleCommsLead, "comms": RoleCommsLead, "tech": RoleTechLead}

var simplePrefixes = map[string]Kind{
	"d": KindDecision, "a": KindAction, "m": KindMitigation, "todo": KindFollowUp, "cf": KindFactor,
	"status": KindStatus, "ev": KindEvidence, "phase": KindPhase,
}

// Parse reads one typed line. It never fails: anything it does not recognise is a
// note, and a prefix it cannot use as typed (a bad phase name) sets Problem.
func Parse(input string) Line {
	s := strings.TrimSpace(CleanText(input))
	var l Line
	if m := timeTokenRe.FindStringSubmatch(s); m != nil && m[1] != "-" {
		l.Time = m[1]
		s = strings.TrimSpace(s[len(m[0]):])
	}
	l.Problem = DateWithoutTime(s)
	l.Raw = s
	l.Kind = KindNote
	// Prefixes are matched on s itself with EqualFold, never on a lowercased
	// copy: lowercasing can change a string's byte length (Ⱥ, İ), and an index
	// found in the copy would cut s in the wrong place.
	for {
		switch {
		case hasPrefixFold(s, "tl:"):
			l.Key = true
			s = strings.TrimSpace(s[3:])
			continue
		case hasPrefixFold(s, "int:"):
			l.Internal = true
			s = strings.TrimSpace(s[4:])
			continue
		case hasPrefixFold(s, "internal:"):
			l.Internal = true
			s = strings.TrimSpace(s[9:])
			continue
		}
		break
	}
	l.Text = s
	if strings.Contains(s, "\n") && !hasKnownPrefix(s) {
		// Without a kind prefix, the paste rule decides: machine output is
		// evidence, prose written over several lines stays a note.
		if looksLikeLog(s) {
			l.Kind = KindEvidence
		}
		return l
	}
	switch {
	case strings.HasPrefix(s, "?") && len(s) > 1:
		l.Kind, l.Text = KindHypothesis, strings.TrimSpace(s[1:])
		return l
	case strings.HasPrefix(s, "!") && len(s) > 1:
		l.Kind, l.Text = KindImpact, strings.TrimSpace(s[1:])
		return l
	}
	if m := severityRe.FindStringSubmatch(s); m != nil {
		l.Kind = KindSeverity
		l.Severity = Severity("SEV" + m[1])
		l.Text = strings.TrimSpace(s[len(m[0]):])
		return l
	}
	colon := strings.IndexByte(s, ':')
	if colon <= 0 || colon > 8 {
		return l
	}
	word, rest := strings.ToLower(s[:colon]), strings.TrimSpace(s[colon+1:])
	if role, ok := rolePrefixes[word]; ok {
		if rest == "" {
			l.Kind, l.Role = KindRole, role
			l.Problem = "Name the person: " + word + ": Priya"
			return l
		}
		name, ok := personName(rest)
		if !ok {
			// A sentence after a role prefix is kept whole as a note: it may
			// say who joined, but it names no one to take the role.
			l.Hint, l.NotRole = notANameHint(word), true
			return l
		}
		l.Kind, l.Role, l.Person, l.Text = KindRole, role, name, name
		return l
	}
	if word == HeaderDeclared || word == HeaderDetected {
		parseHeader(&l, word, rest)
		return l
	}
	kind, ok := simplePrefixes[word]
	if !ok {
		return l
	}
	l.Kind, l.Text = kind, rest
	switch kind {
	case KindAction:
		parseAction(&l)
	case KindPhase:
		name, note, _ := strings.Cut(rest, " ")
		l.Phase = Phase(strings.ToLower(strings.TrimRight(name, ".,;")))
		l.Text = strings.TrimSpace(note)
		if !l.Phase.Valid() {
			l.Problem = "Unknown phase \"" + name + "\": use investigating, identified, mitigating, monitoring or resolved"
		}
	}
	return l
}

// parseAction pulls "@owner" from the front and a check-in ("10m", "1h") from the end.
func parseAction(l *Line) {
	s := l.Text
	if m := ownerRe.FindStringSubmatch(s); m != nil {
		l.Owner = strings.TrimRight(m[1], ",:;")
		s = s[len(m[0]):]
	}
	if m := checkInRe.FindStringSubmatchIndex(s); m != nil {
		n, err := strconv.Atoi(s[m[2]:m[3]])
		if err == nil && n > 0 {
			if strings.EqualFold(s[m[4]:m[5]], "h") {
				n *= 60
			}
			// The same bound as the actions board's check-in field: a
			// typed "9999h" is a slip, not a promise for next year.
			if err := CheckRange(limits.CheckInMinutes, n); err != nil {
				l.Problem = ErrorMessage(err)
			}
			l.CheckIn = n
			s = s[:m[0]]
		}
	}
	l.Text = strings.TrimSpace(s)
}

// hasKnownPrefix reports whether a multi-line text starts with a kind prefix, in
// which case the prefix decides its kind rather than the line breaks. A role
// prefix counts even when what follows names no one: the role rule then
// keeps the whole text as a note.
func hasKnownPrefix(s string) bool {
	first, _, _ := strings.Cut(s, "\n")
	p := Parse(first)
	return p.Kind != KindNote || p.Key || p.Internal || p.NotRole || p.Header != ""
}

// hasPrefixFold reports whether s starts with the ASCII prefix, ignoring case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
