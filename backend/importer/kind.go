package importer

import (
	"regexp"
	"strings"

	"bridgelog/backend"
)

// bareMarkRe finds the scribe's marks as people write them in chat without
// the grammar's colon: "TODO add an alert", "TL - checkout errors". The mark
// must stand alone, so "TL;DR", "todos" and "todo-list" are not marks.
var bareMarkRe = regexp.MustCompile(`(?i)^(todo|tl)(?:\s*:|\s|$)`)

// importKinds are the kinds a chat message may suggest. Severity, role,
// phase and status entries change the incident's state and carry details an
// ImportedEntry cannot hold, so a chat line that looks like one stays a note
// for the scribe to re-type.
var importKinds = map[backend.Kind]bool{
	backend.KindNote: true, backend.KindDecision: true, backend.KindAction: true,
	backend.KindMitigation: true, backend.KindHypothesis: true, backend.KindImpact: true,
	backend.KindFollowUp: true, backend.KindEvidence: true,
}

// suggest fills the message's Kind, Key, Owner and Selected from its text.
func suggest(m *Message) {
	m.Kind = backend.KindNote
	if m.Reaction {
		return
	}
	first, _, _ := strings.Cut(m.Text, "\n")
	first = strings.TrimSpace(first)
	l := backend.Parse(first)
	if l.Problem == "" && importKinds[l.Kind] && chatPrefixed(first, l) {
		m.Kind, m.Key, m.Owner = l.Kind, l.Key, l.Owner
	} else if l.Key {
		m.Key = true
	}
	// The bare marks apply after a "tl:" too: "tl: TODO rotate keys".
	rest := strings.TrimSpace(l.Text)
	for _, s := range []string{first, rest} {
		mk := bareMarkRe.FindStringSubmatch(s)
		if mk == nil {
			continue
		}
		if strings.EqualFold(mk[1], "tl") {
			m.Key = true
		} else if m.Kind == backend.KindNote {
			m.Kind = backend.KindFollowUp
		}
	}
	m.Selected = m.Pinned || m.Starred || m.Key || m.Kind == backend.KindFollowUp
}

// chatPrefixed guards the one-character prefixes: in a chat "?!" or "!!!"
// is a reaction, not a hypothesis or an impact, so those need a space after
// them as the cheat sheet writes them ("? cache stampede").
func chatPrefixed(first string, l backend.Line) bool {
	if l.Kind != backend.KindHypothesis && l.Kind != backend.KindImpact {
		return true
	}
	s := first
	for {
		switch {
		case hasPrefixFold(s, "tl:"):
			s = strings.TrimSpace(s[3:])
			continue
		case hasPrefixFold(s, "int:"):
			s = strings.TrimSpace(s[4:])
			continue
		case hasPrefixFold(s, "internal:"):
			s = strings.TrimSpace(s[9:])
			continue
		}
		break
	}
	return len(s) > 2 && (s[1] == ' ' || s[1] == '\t')
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
