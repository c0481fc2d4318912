package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"bridgelog/backend"
	"bridgelog/backend/limits"
)

// MaxTitleChars is the longest incident title accepted, in characters; see
// limits.MaxTitleChars.
const MaxTitleChars = limits.MaxTitleChars

// IncidentService stores incidents in SQLite and derives their state from their
// timelines.
type IncidentService struct {
	db *DB
}

var _ backend.IncidentService = (*IncidentService)(nil)

// NewIncidentService returns an IncidentService over db.
func NewIncidentService(db *DB) *IncidentService {
	return &IncidentService{db: db}
}

// CreateIncident starts an incident. Its declaration is also written as the
// first severity entry, at DeclaredAt, so the timeline tells the whole story and
// the severity is derived like any later change.
func (s *IncidentService) CreateIncident(ctx context.Context, in backend.IncidentCreate) (*backend.Incident, error) {
	ctx = backend.WithAuthor(ctx, in.Author)
	title, err := cleanTitle(in.Title)
	if err != nil {
		return nil, err
	}
	if !in.Severity.Valid() {
		return nil, backend.Errorf(backend.EINVALID, "Choose a severity from SEV1 (worst) to SEV4, not %q", in.Severity)
	}
	tx, err := s.db.beginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	declared := tx.now
	if !in.DeclaredAt.IsZero() {
		declared = in.DeclaredAt.UTC().Truncate(time.Millisecond)
	}
	detected := in.DetectedAt.UTC().Truncate(time.Millisecond)
	if err := backend.CheckHeaderTimes(declared, detected, tx.now); err != nil {
		return nil, err
	}
	var id int64
	if err := tx.QueryRowContext(ctx, `
		INSERT INTO incidents (uid, title, declared_at, detected_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)
		RETURNING id`, backend.NewID(tx.now), title, millis(declared), millis(detected), millis(tx.now), millis(tx.now)).Scan(&id); err != nil {
		return nil, fmt.Errorf("create incident: %w", err)
	}
	text := "Declared " + string(in.Severity)
	e := &backend.Entry{
		IncidentID: id, Kind: backend.KindSeverity, Severity: in.Severity, Key: true,
		// The raw line is what the scribe would have typed, so editing the
		// entry later parses back to the same severity and text.
		Text: text, Raw: "tl: " + strings.ToLower(string(in.Severity)) + " " + text,
		OccurredAt: declared, RecordedAt: tx.now, Author: cleanName(in.Author),
	}
	if err := insertEntry(ctx, tx, e); err != nil {
		return nil, err
	}
	inc, err := findIncident(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return inc, tx.Commit()
}

// FindIncident returns one incident with its derived state.
func (s *IncidentService) FindIncident(ctx context.Context, id int64) (*backend.Incident, error) {
	tx, err := s.db.beginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findIncident(ctx, tx, id)
}

// ListIncidents returns every incident, the most recently declared first.
func (s *IncidentService) ListIncidents(ctx context.Context) ([]*backend.Incident, error) {
	tx, err := s.db.beginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	rows, err := tx.QueryContext(ctx, `SELECT `+incidentColumns+` FROM incidents ORDER BY declared_at DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list incidents: %w", err)
	}
	defer rows.Close()
	list := []*backend.Incident{}
	for rows.Next() {
		inc, err := scanIncident(rows)
		if err != nil {
			return nil, fmt.Errorf("list incidents: %w", err)
		}
		list = append(list, inc)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list incidents: %w", err)
	}
	rows.Close()
	// Deriving per incident uses the per-incident indexes; a desktop holds
	// hundreds of incidents, not millions, so this stays well under a frame.
	for _, inc := range list {
		if err := loadState(ctx, tx, inc); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// UpdateIncident changes the title and detection time in place, and records
// severity, impact and phase changes as timeline entries stamped now, so the
// header and the story never disagree. A change to the current value is not
// recorded again. Everything happens in one transaction.
func (s *IncidentService) UpdateIncident(ctx context.Context, id int64, upd backend.IncidentUpdate) (*backend.Incident, error) {
	ctx = backend.WithAuthor(ctx, upd.Author)
	tx, err := s.db.beginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	inc, err := findIncident(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if upd.Title != nil {
		title, err := cleanTitle(*upd.Title)
		if err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE incidents SET title = ? WHERE id = ?`, title, id); err != nil {
			return nil, fmt.Errorf("update incident %d: %w", id, err)
		}
	}
	if err := s.updateTimes(ctx, tx, inc, upd); err != nil {
		return nil, err
	}
	changes, err := stateChanges(inc, upd)
	if err != nil {
		return nil, err
	}
	for _, e := range changes {
		e.IncidentID, e.OccurredAt, e.RecordedAt, e.Author = id, tx.now, tx.now, cleanName(upd.Author)
		if err := insertEntry(ctx, tx, e); err != nil {
			return nil, err
		}
	}
	if err := touchIncident(ctx, tx, id); err != nil {
		return nil, err
	}
	if inc, err = findIncident(ctx, tx, id); err != nil {
		return nil, err
	}
	return inc, tx.Commit()
}

// updateTimes stores a new declared or detected time after checking the two
// together. The declaration entry moves with the declared time, keeping its
// old time as a revision like any edited entry, so the timeline, the clocks
// derived from it and the review agree with the header.
func (s *IncidentService) updateTimes(ctx context.Context, tx *stampedTx, inc *backend.Incident, upd backend.IncidentUpdate) error {
	if upd.DeclaredAt == nil && upd.DetectedAt == nil {
		return nil
	}
	declared, detected := inc.DeclaredAt, inc.DetectedAt
	if upd.DeclaredAt != nil {
		declared = upd.DeclaredAt.UTC().Truncate(time.Millisecond)
	}
	if upd.DetectedAt != nil {
		detected = upd.DetectedAt.UTC().Truncate(time.Millisecond)
	}
	if declared.IsZero() {
		return backend.Errorf(backend.EINVALID, "Give the declared time: an incident is always declared at some time")
	}
	if err := backend.CheckHeaderTimes(declared, detected, tx.now); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE incidents SET declared_at = ?, detected_at = ? WHERE id = ?`,
		millis(declared), millis(detected), inc.ID); err != nil {
		return fmt.Errorf("update incident %d: %w", inc.ID, err)
	}
	if declared.Equal(inc.DeclaredAt) {
		return nil
	}
	return moveDeclaration(ctx, tx, inc.ID, declared)
}

// moveDeclaration sets the time of the incident's declaration entry (the
// first severity entry CreateIncident wrote), keeping its old time as a
// revision. An incident whose declaration entry was deleted, or that was
// imported without one, has none to move.
func moveDeclaration(ctx context.Context, tx *stampedTx, incidentID int64, at time.Time) error {
	var id int64
	var raw, text, kind string
	var old millis
	err := tx.QueryRowContext(ctx, `
		SELECT id, raw, text, kind, occurred_at FROM entries
		WHERE incident_id = ? AND kind = ? AND deleted_at IS NULL AND text LIKE 'Declared %'
		ORDER BY id LIMIT 1`, incidentID, backend.KindSeverity).Scan(&id, &raw, &text, &kind, &old)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return fmt.Errorf("find declaration of incident %d: %w", incidentID, err)
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO entry_revisions (entry_id, raw, text, kind, occurred_at, revised_at, uid)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, id, raw, text, kind, old, millis(tx.now), backend.NewID(tx.now)); err != nil {
		return fmt.Errorf("keep revision of entry %d: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE entries SET occurred_at = ?, revisions = revisions + 1 WHERE id = ?`,
		millis(at), id); err != nil {
		return fmt.Errorf("move declaration of incident %d: %w", incidentID, err)
	}
	return nil
}

// stateChanges turns the severity, impact and phase of upd into the entries a
// scribe would have typed for them, skipping values that are already current.
func stateChanges(inc *backend.Incident, upd backend.IncidentUpdate) ([]*backend.Entry, error) {
	var out []*backend.Entry
	if upd.Severity != nil && *upd.Severity != inc.Severity {
		sev := *upd.Severity
		if !sev.Valid() {
			return nil, backend.Errorf(backend.EINVALID, "Choose a severity from SEV1 (worst) to SEV4, not %q", sev)
		}
		text := fmt.Sprintf("Severity changed from %s to %s", inc.Severity, sev)
		out = append(out, &backend.Entry{Kind: backend.KindSeverity, Severity: sev, Text: text,
			Raw: strings.ToLower(string(sev)) + " " + text})
	}
	if upd.Impact != nil {
		impact := strings.TrimSpace(backend.CleanText(*upd.Impact))
		switch {
		case impact == "":
			return nil, backend.Errorf(backend.EINVALID, "Describe the impact, for example \"EU customers cannot log in\" or \"none now\"")
		case len(impact) > backend.MaxEntryBytes:
			return nil, backend.Errorf(backend.ETOOLARGE, "The impact is %d KiB; keep it under %d KiB", len(impact)/1024, backend.MaxEntryBytes/1024)
		case impact != inc.Impact:
			out = append(out, &backend.Entry{Kind: backend.KindImpact, Text: impact, Raw: "! " + impact})
		}
	}
	if upd.Phase != nil && *upd.Phase != inc.Phase {
		phase := *upd.Phase
		if !phase.Valid() {
			return nil, backend.Errorf(backend.EINVALID, "Unknown phase %q: use investigating, identified, mitigating, monitoring or resolved", phase)
		}
		text := fmt.Sprintf("Phase changed from %s to %s", inc.Phase, phase)
		out = append(out, &backend.Entry{Kind: backend.KindPhase, Phase: phase, Text: text,
			Raw: "phase: " + string(phase) + " " + text})
	}
	return out, nil
}

// Roles returns the incident's role assignments, open and closed, in time order.
func (s *IncidentService) Roles(ctx context.Context, incidentID int64) ([]backend.RoleAssignment, error) {
	tx, err := s.db.beginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := ensureIncident(ctx, tx, incidentID); err != nil {
		return nil, err
	}
	return loadRoles(ctx, tx, incidentID)
}

const incidentColumns = `id, uid, title, declared_at, detected_at, created_at, updated_at`

type scanner interface{ Scan(dest ...any) error }

func scanIncident(row scanner) (*backend.Incident, error) {
	var inc backend.Incident
	err := row.Scan(&inc.ID, &inc.UID, &inc.Title, scanTime(&inc.DeclaredAt), scanTime(&inc.DetectedAt),
		scanTime(&inc.CreatedAt), scanTime(&inc.UpdatedAt))
	return &inc, err
}

func findIncident(ctx context.Context, tx *stampedTx, id int64) (*backend.Incident, error) {
	inc, err := scanIncident(tx.QueryRowContext(ctx, `SELECT `+incidentColumns+` FROM incidents WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, backend.Errorf(backend.ENOTFOUND, "No incident with id %d", id)
	} else if err != nil {
		return nil, fmt.Errorf("find incident %d: %w", id, err)
	}
	if err := loadState(ctx, tx, inc); err != nil {
		return nil, err
	}
	return inc, nil
}

// ensureIncident checks that an incident exists, without deriving its state.
func ensureIncident(ctx context.Context, tx *stampedTx, id int64) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM incidents WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return backend.Errorf(backend.ENOTFOUND, "No incident with id %d", id)
	} else if err != nil {
		return fmt.Errorf("find incident %d: %w", id, err)
	}
	return nil
}

// touchIncident marks an incident changed: a change to its timeline is a change
// to the incident, so UpdatedAt tells when anything about it last moved.
func touchIncident(ctx context.Context, tx *stampedTx, id int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE incidents SET updated_at = ? WHERE id = ?`, millis(tx.now), id); err != nil {
		return fmt.Errorf("touch incident %d: %w", id, err)
	}
	return nil
}

// cleanTitle makes a title storable or says what to change.
func cleanTitle(s string) (string, error) {
	// A title is one line: line breaks from a paste become spaces.
	title := strings.Join(strings.Fields(backend.CleanText(s)), " ")
	if title == "" {
		return "", backend.Errorf(backend.EINVALID, "Give the incident a title: one line saying what is broken")
	}
	if n := utf8.RuneCountInString(title); n > MaxTitleChars {
		return "", backend.Errorf(backend.EINVALID, "The title is %d characters; shorten it to %d or fewer", n, MaxTitleChars)
	}
	return title, nil
}

// cleanName tidies a person's name as typed.
func cleanName(s string) string {
	return strings.Join(strings.Fields(backend.CleanText(s)), " ")
}
