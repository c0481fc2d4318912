package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"bridgelog/backend"
)

// ImportRecord creates an incident from a record, exactly as it was stored
// where it was exported: its UID, every timestamp, hidden entries, revisions,
// sources and attachments. The whole record is checked before anything is
// written, and written in one transaction, so a bad file leaves nothing
// behind. An incident with the same UID already here is refused by name:
// importing twice must not make two copies that drift apart.
func (s *RecordService) ImportRecord(ctx context.Context, rec *backend.Record) (*backend.Incident, error) {
	title, err := checkRecord(rec)
	if err != nil {
		return nil, err
	}
	tx, err := s.db.beginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	if uid := rec.Incident.UID; uid != "" {
		var id int64
		var have string
		err := tx.QueryRowContext(ctx, `SELECT id, title FROM incidents WHERE uid = ?`, uid).Scan(&id, &have)
		if err == nil {
			return nil, backend.Errorf(backend.ECONFLICT, "This incident is already here as #%d %q: nothing was imported", id, have)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("look for incident %s: %w", uid, err)
		}
	}
	ri := rec.Incident
	var incidentID int64
	if err := tx.QueryRowContext(ctx, `
		INSERT INTO incidents (uid, title, declared_at, detected_at, created_at, updated_at)
		VALUES (coalesce(nullif(?, ''), lower(hex(randomblob(16)))), ?, ?, ?, ?, ?) RETURNING id`,
		ri.UID, title, millis(ri.DeclaredAt), optMillis(ri.DetectedAt), millis(ri.CreatedAt), millis(ri.UpdatedAt)).
		Scan(&incidentID); err != nil {
		return nil, fmt.Errorf("import incident: %w", err)
	}
	// A record with no incident id (written by hand, or by a Bridgelog from
	// before incidents had one) is a copy under a new id, and so are its
	// rows: their ids, if any, are not kept.
	if ri.UID == "" {
		rec = withoutRowIDs(rec)
	} else if held, err := holdsRowIDs(ctx, tx, rec); err != nil {
		return nil, err
	} else if held {
		// The incident is new here but its rows are not: a copy saved under
		// another incident id. The copy's rows are rows of their own.
		rec = withoutRowIDs(rec)
	}
	ids, err := importEntries(ctx, tx, incidentID, rec.Entries)
	if err != nil {
		return nil, err
	}
	if err := importCallRows(ctx, tx, incidentID, ids, rec); err != nil {
		return nil, err
	}
	inc, err := findIncident(ctx, tx, incidentID)
	if err != nil {
		return nil, err
	}
	return inc, tx.Commit()
}

// importEntries writes the record's entries with their revisions and
// attachments, and returns the new id of each ref (ids[ref]).
func importEntries(ctx context.Context, tx *stampedTx, incidentID int64, entries []backend.RecordEntry) ([]int64, error) {
	insert, err := tx.PrepareContext(ctx, `
		INSERT INTO entries (incident_id, kind, text, raw, occurred_at, recorded_at, author, author_role, key, internal,
			owner, check_in, severity, role, person, phase, revisions, deleted_at, source, source_key, uid)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
	if err != nil {
		return nil, fmt.Errorf("import entries: %w", err)
	}
	defer insert.Close()
	revise, err := tx.PrepareContext(ctx, `
		INSERT INTO entry_revisions (entry_id, raw, text, kind, occurred_at, revised_at, uid) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("import entries: %w", err)
	}
	defer revise.Close()

	ids := make([]int64, len(entries)+1)
	for _, e := range entries {
		if err := insert.QueryRowContext(ctx, incidentID, e.Kind, e.Text, e.Raw, millis(e.OccurredAt), millis(e.RecordedAt),
			e.Author, e.AuthorRole, e.Key, e.Internal, e.Owner, e.CheckIn, e.Severity, e.Role, e.Person, e.Phase,
			len(e.Revisions), optMillis(e.DeletedAt), e.Source, e.SourceKey, keptID(e.UID, e.RecordedAt)).Scan(&ids[e.Ref]); err != nil {
			return nil, fmt.Errorf("import entry %d: %w", e.Ref, err)
		}
		for _, r := range e.Revisions {
			if _, err := revise.ExecContext(ctx, ids[e.Ref], r.Raw, r.Text, r.Kind, millis(r.OccurredAt), millis(r.RevisedAt),
				keptID(r.UID, r.RevisedAt)); err != nil {
				return nil, fmt.Errorf("import revision of entry %d: %w", e.Ref, err)
			}
		}
		if a := e.Attachment; a != nil {
			meta := backend.Attachment{EntryID: ids[e.Ref], Name: cleanFileName(a.Name, a.MIME), MIME: a.MIME, Size: a.Size,
				SHA256: a.SHA256, Width: a.Width, Height: a.Height, CreatedAt: a.CreatedAt}
			if _, err := insertAttachment(ctx, tx, meta, a.Data); err != nil {
				return nil, err
			}
		}
	}
	// A mitigation may name one that comes later in the record (backdated),
	// so the links are set once every entry has its id.
	for _, e := range entries {
		if e.Overrode == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE entries SET overrode = ? WHERE id = ?`, ids[e.Overrode], ids[e.Ref]); err != nil {
			return nil, fmt.Errorf("import entry %d: %w", e.Ref, err)
		}
	}
	return ids, nil
}

// importCallRows writes what the clocks stored: actions and their events,
// status updates, watches, the security record, pages and reminders.
func importCallRows(ctx context.Context, tx *stampedTx, incidentID int64, ids []int64, rec *backend.Record) error {
	actionIDs := map[int]int64{} // asking entry's ref -> new action id
	for _, a := range rec.Actions {
		var id int64
		if err := tx.QueryRowContext(ctx, `
			INSERT INTO actions (incident_id, entry_id, state, acked_at, check_in_set, check_in_at, closed_at, updated_at, uid)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			incidentID, ids[a.Entry], a.State, optMillis(a.AckedAt), a.CheckInSet, optMillis(a.CheckInAt),
			optMillis(a.ClosedAt), millis(a.UpdatedAt), keptID(a.UID, a.UpdatedAt)).Scan(&id); err != nil {
			return fmt.Errorf("import action of entry %d: %w", a.Entry, err)
		}
		actionIDs[a.Entry] = id
	}
	for _, ev := range rec.ActionEvents {
		if _, err := tx.ExecContext(ctx, `INSERT INTO action_events (entry_id, action_id, state) VALUES (?, ?, ?)`,
			ids[ev.Entry], actionIDs[ev.Action], ev.State); err != nil {
			return fmt.Errorf("import action event of entry %d: %w", ev.Entry, err)
		}
	}
	for _, u := range rec.StatusUpdates {
		if _, err := tx.ExecContext(ctx, `INSERT INTO status_updates (entry_id, incident_id, audience, next_at, uid) VALUES (?, ?, ?, ?, ?)`,
			ids[u.Entry], incidentID, u.Audience, optMillis(u.NextAt), keptID(u.UID, tx.now)); err != nil {
			return fmt.Errorf("import status update of entry %d: %w", u.Entry, err)
		}
	}
	for _, w := range rec.Watches {
		criteria := w.Criteria
		if criteria == nil {
			criteria = []backend.WatchCriterion{}
		}
		text, err := json.Marshal(criteria)
		if err != nil {
			return fmt.Errorf("import watch of entry %d: %w", w.StartEntry, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO watches (start_entry_id, incident_id, minutes, criteria, updated_at)
			VALUES (?, ?, ?, ?, ?)`, ids[w.StartEntry], incidentID, w.Minutes, string(text), millis(w.UpdatedAt)); err != nil {
			return fmt.Errorf("import watch of entry %d: %w", w.StartEntry, err)
		}
	}
	if sec := rec.Security; sec != nil {
		if !sec.UpdatedAt.IsZero() {
			if _, err := tx.ExecContext(ctx, `INSERT INTO security (incident_id, flagged, became_aware_at, updated_at)
				VALUES (?, ?, ?, ?)`, incidentID, sec.Flagged, optMillis(sec.BecameAwareAt), millis(sec.UpdatedAt)); err != nil {
				return fmt.Errorf("import security record: %w", err)
			}
		}
		for _, c := range sec.Checklist {
			if _, err := tx.ExecContext(ctx, `INSERT INTO security_checklist (incident_id, item, done_at, done_by)
				VALUES (?, ?, ?, ?)`, incidentID, c.Item, optMillis(c.DoneAt), c.DoneBy); err != nil {
				return fmt.Errorf("import security checklist: %w", err)
			}
		}
	}
	for _, p := range rec.Pages {
		if _, err := tx.ExecContext(ctx, `INSERT INTO pages (incident_id, person, level, state, paged_at, answered_at, uid)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, incidentID, p.Person, p.Level, p.State, millis(p.PagedAt), optMillis(p.AnsweredAt),
			keptID(p.UID, p.PagedAt)); err != nil {
			return fmt.Errorf("import page of %s: %w", p.Person, err)
		}
	}
	for _, r := range rec.Reminders {
		if _, err := tx.ExecContext(ctx, `INSERT INTO reminder_log (incident_id, key, fired_at, acked_at, snoozed_until, by)
			VALUES (?, ?, ?, ?, ?, ?)`, incidentID, r.Key, optMillis(r.FiredAt), optMillis(r.AckedAt),
			optMillis(r.SnoozedUntil), r.By); err != nil {
			return fmt.Errorf("import reminder %s: %w", r.Key, err)
		}
	}
	return nil
}

// optMillis stores an optional record time: nil is NULL.
func optMillis(t *time.Time) millis {
	if t == nil {
		return millis(time.Time{})
	}
	return millis(*t)
}

// checkRecord refuses a record this build cannot import faithfully, before
// anything is written (backend.Record.Validate, then what only the store
// can judge: the bytes of each attachment), and returns the incident's
// cleaned title.
func checkRecord(rec *backend.Record) (string, error) {
	if err := rec.Validate(); err != nil {
		return "", err
	}
	for _, e := range rec.Entries {
		if a := e.Attachment; a != nil {
			if err := checkRecordAttachment(e.Ref, a); err != nil {
				return "", err
			}
		}
	}
	return cleanTitle(rec.Incident.Title)
}

// checkRecordAttachment holds an imported file to the rules AddAttachment
// applies: a PNG or JPEG of the size it says, or text. Its size and
// checksum are Validate's.
func checkRecordAttachment(ref int, a *backend.RecordAttachment) error {
	mime, width, height, err := classifyFile(a.Name, a.Data)
	if err != nil {
		return backend.Errorf(backend.ErrorCode(err), "The attachment of entry %d cannot be imported: %s", ref, backend.ErrorMessage(err))
	}
	if mime != a.MIME || width != a.Width || height != a.Height {
		return backend.Errorf(backend.EINVALID, "This incident record is damaged (the attachment of entry %d (%q) says it is %s %d×%d but holds %s %d×%d): "+
			"nothing was imported. Export it again from the Bridgelog it came from", ref, a.Name, a.MIME, a.Width, a.Height, mime, width, height)
	}
	return nil
}
