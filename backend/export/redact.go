package export

import (
	"regexp"
	"strings"

	"bridgelog/backend"
)

var (
	mentionRe = regexp.MustCompile(`@[\p{L}\p{N}._-]+`)
	ownerRe   = regexp.MustCompile(`^@(\S+)\s*`)
	dueRe     = regexp.MustCompile(`(?i)\s+(?:due|by)\s+(\d{4}-\d{2}-\d{2}|today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next week|end of (?:day|week))\.?$`)
)

// redactNames drops @mentions: an external export names no people.
func redactNames(s string) string {
	out := mentionRe.ReplaceAllString(s, "")
	return strings.Join(strings.Fields(out), " ")
}

// externalText is an entry's text for customers: no @mentions, and no names
// of role holders or action owners.
func externalText(e *backend.Entry) string {
	switch e.Kind {
	case backend.KindRole:
		return backend.RoleLabel(e.Role) + " changed"
	}
	t := redactNames(e.Text)
	if e.Owner != "" {
		t = strings.TrimSpace(strings.ReplaceAll(t, e.Owner, ""))
	}
	return t
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
