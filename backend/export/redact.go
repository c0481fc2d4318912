package export

import (
	"regexp"
	"strings"

	"bridgelog/backend"
)

var (
	mentionRe       = regexp.MustCompile(`@[\p{L}\p{N}._-]+`)
	emptyBracketsRe = regexp.MustCompile(`\(\s*\)|\[\s*\]`)
	ownerRe         = regexp.MustCompile(`^@(\S+)\s*`)
	dueRe           = regexp.MustCompile(`(?i)\s+(?:due|by)\s+(\d{4}-\d{2}-\d{2}|today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next week|end of (?:day|week))\.?$`)
)

// redactNames drops @mentions: an external export names no people. Line
// breaks stay; brackets left empty by a dropped name go too.
func redactNames(s string) string {
	out := mentionRe.ReplaceAllString(s, "")
	out = emptyBracketsRe.ReplaceAllString(out, "")
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// dropWord removes a name where it stands as a whole word, so an owner
// called "sam" leaves "same host" alone.
func dropWord(s, word string) string {
	if word == "" {
		return s
	}
	re := regexp.MustCompile(`(?i)(^|[^\p{L}\p{N}_])` + regexp.QuoteMeta(word) + `($|[^\p{L}\p{N}_])`)
	for {
		out := re.ReplaceAllString(s, "$1$2")
		if out == s {
			return out
		}
		s = out
	}
}

// externalText is an entry's text for customers: no @mentions, and no names
// of role holders or action owners.
func externalText(e *backend.Entry) string {
	switch e.Kind {
	case backend.KindRole:
		return backend.RoleLabel(e.Role) + " changed"
	}
	return redactNames(dropWord(e.Text, e.Owner))
}

// followUp reads owner and due date from a todo: entry's text.
func followUp(r Row) FollowUp {
	f := FollowUp{Row: r, What: r.Text, Owner: r.Entry.Owner}
	if m := ownerRe.FindStringSubmatch(f.What); m != nil && f.Owner == "" {
		f.Owner = strings.TrimRight(m[1], ",:;")
		f.What = f.What[len(m[0]):]
	}
	if m := dueRe.FindStringSubmatchIndex(f.What); m != nil {
		f.Due = f.What[m[2]:m[3]]
		f.What = f.What[:m[0]]
	}
	f.What = strings.TrimSpace(f.What)
	return f
}
