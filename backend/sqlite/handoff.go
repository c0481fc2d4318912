package sqlite

import (
	"context"
	"strings"

	"bridgelog/backend"
)

// Handoff records a completed handoff: the brief the incoming person
// confirmed, as an internal note, then the role change, both stamped now in
// one transaction so the timeline never shows one without the other. It
// returns the role entry.
func (s *CallService) Handoff(ctx context.Context, incidentID int64, role backend.Role, incoming, brief, by string) (out *backend.Entry, err error) {
	ctx = backend.WithAuthor(ctx, by)
	incoming = cleanName(incoming)
	brief = strings.TrimSpace(backend.CleanText(brief))
	if !validRole(role) {
		return nil, backend.Errorf(backend.EINVALID, "Unknown role %q: use ic, scribe, comms or tech", role)
	}
	if err := checkName(incoming, "Name the person taking over"); err != nil {
		return nil, err
	}
	if len(brief) > backend.MaxEntryBytes-1024 {
		return nil, backend.Errorf(backend.ETOOLARGE, "The brief is %d KiB; keep it under %d KiB", len(brief)/1024, backend.MaxEntryBytes/1024-1)
	}
	err = s.write(ctx, func(tx *stampedTx) error {
		if err := ensureIncident(ctx, tx, incidentID); err != nil {
			return err
		}
		roles, err := loadRoles(ctx, tx, incidentID)
		if err != nil {
			return err
		}
		outgoing := "nobody"
		for _, r := range roles {
			if r.Role == role && r.To.IsZero() {
				outgoing = r.Person
			}
		}
		if strings.EqualFold(outgoing, incoming) {
			return backend.Errorf(backend.ECONFLICT, "%s already holds the %s role", incoming, backend.RoleLabel(role))
		}
		text := "Handoff of " + backend.RoleLabel(role) + " from " + outgoing + " to " + incoming + ", confirmed by " + incoming
		if brief != "" {
			text += ". Brief:\n" + brief
		}
		if _, err := record(ctx, tx, noteEntry(incidentID, text), by); err != nil {
			return err
		}
		prefix := string(role)
		if role == backend.RoleCommsLead {
			prefix = "cl"
		}
		out, err = record(ctx, tx, &backend.Entry{IncidentID: incidentID, Kind: backend.KindRole, Role: role,
			Person: incoming, Text: incoming, Raw: "tl: " + prefix + ": " + incoming, Key: true}, by)
		if err != nil {
			return err
		}
		out, err = findEntry(ctx, tx, out.ID)
		return err
	})
	return out, err
}
