package sqlite

import (
	"slices"
	"strings"

	"bridgelog/backend"
)

// cleanLine checks that a parsed line can be stored and tidies its text. The
// store checks again what the grammar already checked because lines also arrive
// from importers and edits, and a state entry with a bad value would silently
// bend the incident's derived severity, phase or roles.
func cleanLine(l backend.Line) (backend.Line, error) {
	l.Text = strings.TrimSpace(backend.CleanText(l.Text))
	l.Raw = strings.TrimSpace(backend.CleanText(l.Raw))
	l.Owner = cleanName(l.Owner)
	l.Person = cleanName(l.Person)
	if l.Raw == "" {
		l.Raw = l.Text
	}
	if l.Problem != "" {
		return l, backend.Errorf(backend.EINVALID, "%s", l.Problem)
	}
	if size := max(len(l.Text), len(l.Raw)); size > backend.MaxEntryBytes {
		return l, backend.Errorf(backend.ETOOLARGE,
			"This entry is %d KiB; the limit is %d KiB: shorten it, or keep the full paste in a file and note where",
			(size+1023)/1024, backend.MaxEntryBytes/1024)
	}
	if !slices.Contains(backend.Kinds, l.Kind) {
		return l, backend.Errorf(backend.EINVALID, "Unknown entry kind %q", l.Kind)
	}
	switch l.Kind {
	case backend.KindSeverity:
		if !l.Severity.Valid() {
			return l, backend.Errorf(backend.EINVALID, "A severity entry needs a severity from SEV1 to SEV4, for example: sev2 checkout slow")
		}
	case backend.KindPhase:
		if !l.Phase.Valid() {
			return l, backend.Errorf(backend.EINVALID, "Unknown phase %q: use investigating, identified, mitigating, monitoring or resolved", l.Phase)
		}
	case backend.KindRole:
		if !validRole(l.Role) {
			return l, backend.Errorf(backend.EINVALID, "Unknown role %q: use ic, scribe, cl or tech", l.Role)
		}
		if l.Person == "" {
			return l, backend.Errorf(backend.EINVALID, "Name the person taking the role, for example: ic: Priya")
		}
	default:
		if l.Text == "" {
			return l, backend.Errorf(backend.EINVALID, "Write something first: the entry is empty")
		}
	}
	if l.CheckIn < 0 {
		return l, backend.Errorf(backend.EINVALID, "A check-in is minutes from now and cannot be negative")
	}
	return l, nil
}

func validRole(r backend.Role) bool {
	switch r {
	case backend.RoleIC, backend.RoleScribe, backend.RoleCommsLead, backend.RoleTechLead:
		return true
	}
	return false
}
