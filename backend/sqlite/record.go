package sqlite

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"bridgelog/backend"
)

// RecordService moves incidents in and out of the store: the report an
// export reads, the lossless record and its import, chat messages imported
// into a timeline, and evidence files.
type RecordService struct {
	db *DB
}

var _ backend.RecordService = (*RecordService)(nil)

// NewRecordService returns a RecordService over db.
func NewRecordService(db *DB) *RecordService { return &RecordService{db: db} }

// Report reads everything an export shows about one incident in one read
// transaction, so its parts agree: the derived incident, every entry (hidden
// ones too) with revisions and attachments, roles, actions, status updates,
// pages, the security record and watches, and the raw Record.
func (s *RecordService) Report(ctx context.Context, incidentID int64) (*backend.Report, error) {
	tx, err := s.db.beginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	inc, err := findIncident(ctx, tx, incidentID)
	if err != nil {
		return nil, err
	}
	rep := &backend.Report{Incident: inc, Revisions: map[int64][]backend.Revision{}, Attachments: map[int64]backend.Attachment{}}
	// Hidden entries are outside the partial indexes, so this walks the
	// table; an export is rare enough for that. Attachments are read below
	// for every kind of entry, so this is collect, not queryEntries.
	if rep.Entries, err = collect(ctx, tx, scanEntry, `SELECT `+entryColumns+` FROM entries
		WHERE incident_id = ? ORDER BY occurred_at, uid`, incidentID); err != nil {
		return nil, fmt.Errorf("entries of incident %d: %w", incidentID, err)
	}
	revisions, err := collect(ctx, tx, func(row scanner) (backend.Revision, error) {
		var r backend.Revision
		err := row.Scan(&r.EntryID, &r.Raw, &r.Text, &r.Kind, scanTime(&r.OccurredAt), scanTime(&r.RevisedAt), &r.UID)
		return r, err
	}, `SELECT r.entry_id, r.raw, r.text, r.kind, r.occurred_at, r.revised_at, r.uid
		FROM entry_revisions r JOIN entries e ON e.id = r.entry_id
		WHERE e.incident_id = ? ORDER BY r.entry_id, r.uid`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("revisions of incident %d: %w", incidentID, err)
	}
	for _, r := range revisions {
		rep.Revisions[r.EntryID] = append(rep.Revisions[r.EntryID], r)
	}
	files, err := loadAttachments(ctx, tx, incidentID)
	if err != nil {
		return nil, err
	}
	for _, e := range rep.Entries {
		if f, ok := files[e.ID]; ok {
			rep.Attachments[e.ID] = f.meta
			e.Attachment = &f.meta
		}
	}

	if rep.Roles, err = loadRoles(ctx, tx, incidentID); err != nil {
		return nil, err
	}
	if rep.Actions, err = listActions(ctx, tx, incidentID); err != nil {
		return nil, err
	}
	if rep.Updates, err = listUpdates(ctx, tx, incidentID); err != nil {
		return nil, err
	}
	if rep.Pages, err = listPages(ctx, tx, incidentID); err != nil {
		return nil, err
	}
	if rep.Security, err = loadSecurity(ctx, tx, incidentID); err != nil {
		return nil, err
	}
	if rep.Watches, err = listWatches(ctx, tx, incidentID); err != nil {
		return nil, err
	}
	if rep.Record, err = readRecord(ctx, tx, rep, files); err != nil {
		return nil, err
	}
	rep.AttachmentData = func(ctx context.Context, id int64) ([]byte, error) {
		_, data, err := s.AttachmentData(ctx, id)
		return data, err
	}
	return rep, nil
}

// storedFile is an attachment with its bytes.
type storedFile struct {
	meta backend.Attachment
	data []byte
}

// loadAttachments reads every attachment of the incident, bytes included, by entry id.
func loadAttachments(ctx context.Context, tx *stampedTx, incidentID int64) (map[int64]storedFile, error) {
	list, err := collect(ctx, tx, func(row scanner) (storedFile, error) {
		var f storedFile
		var err error
		f.meta, err = scanAttachment(row, &f.data)
		return f, err
	}, `SELECT `+attachmentColumns+`, d.data FROM attachments a
		JOIN entries e ON e.id = a.entry_id JOIN attachment_data d ON d.attachment_id = a.id
		WHERE e.incident_id = ?`, incidentID)
	if err != nil {
		return nil, fmt.Errorf("attachments of incident %d: %w", incidentID, err)
	}
	out := make(map[int64]storedFile, len(list))
	for _, f := range list {
		out[f.meta.EntryID] = f
	}
	return out, nil
}

// readRecord builds the lossless record from the report's entries and the
// raw rows behind actions, status updates, watches, security, pages and
// reminders. Entry ids become refs (positions in Entries, from 1); every
// list is sorted by ref or key, so the same incident always gives the same
// record, whatever ids it has in this database.
func readRecord(ctx context.Context, tx *stampedTx, rep *backend.Report, files map[int64]storedFile) (*backend.Record, error) {
	inc := rep.Incident
	rec := &backend.Record{
		Format: backend.RecordFormat, Version: backend.RecordVersion,
		Incident: backend.RecordIncident{UID: inc.UID, Title: inc.Title, DeclaredAt: inc.DeclaredAt,
			DetectedAt: timePtr(inc.DetectedAt), CreatedAt: inc.CreatedAt, UpdatedAt: inc.UpdatedAt},
		Entries: make([]backend.RecordEntry, len(rep.Entries)), Actions: []backend.RecordAction{},
		ActionEvents: []backend.RecordActionEvent{}, StatusUpdates: []backend.RecordStatusUpdate{},
		Watches: []backend.RecordWatch{}, Pages: []backend.RecordPage{}, Reminders: []backend.RecordReminder{},
	}
	ref := make(map[int64]int, len(rep.Entries))
	for i, e := range rep.Entries {
		ref[e.ID] = i + 1
	}
	keys, err := collect(ctx, tx, func(row scanner) (struct {
		id  int64
		key string
	}, error) {
		var k struct {
			id  int64
			key string
		}
		return k, row.Scan(&k.id, &k.key)
	}, `SELECT id, source_key FROM entries WHERE incident_id = ? AND source_key <> ''`, inc.ID)
	if err != nil {
		return nil, fmt.Errorf("entry sources of incident %d: %w", inc.ID, err)
	}
	sourceKey := make(map[int64]string, len(keys))
	for _, k := range keys {
		sourceKey[k.id] = k.key
	}
	for i, e := range rep.Entries {
		r := backend.RecordEntry{Ref: i + 1, UID: e.UID, Kind: e.Kind, Text: e.Text, Raw: e.Raw, OccurredAt: e.OccurredAt,
			RecordedAt: e.RecordedAt, Author: e.Author, AuthorRole: e.AuthorRole, Key: e.Key, Internal: e.Internal,
			Owner: e.Owner, CheckIn: e.CheckIn, Severity: e.Severity, Role: e.Role, Person: e.Person, Phase: e.Phase,
			Overrode: ref[e.Overrode], DeletedAt: timePtr(e.DeletedAt), Source: e.Source, SourceKey: sourceKey[e.ID]}
		for _, v := range rep.Revisions[e.ID] {
			r.Revisions = append(r.Revisions, backend.RecordRevision{UID: v.UID, Raw: v.Raw, Text: v.Text, Kind: v.Kind,
				OccurredAt: v.OccurredAt, RevisedAt: v.RevisedAt})
		}
		if f, ok := files[e.ID]; ok {
			m := f.meta
			r.Attachment = &backend.RecordAttachment{Name: m.Name, MIME: m.MIME, Size: m.Size, SHA256: m.SHA256,
				Width: m.Width, Height: m.Height, CreatedAt: m.CreatedAt, Data: f.data}
		}
		rec.Entries[i] = r
	}
	if err := readCallRows(ctx, tx, inc.ID, ref, rec); err != nil {
		return nil, err
	}
	for _, p := range rep.Pages {
		rec.Pages = append(rec.Pages, backend.RecordPage{UID: p.UID, Person: p.Person, Level: p.Level, State: p.State,
			PagedAt: p.PagedAt, AnsweredAt: timePtr(p.AnsweredAt)})
	}
	marks, err := listMarks(ctx, tx, inc.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range marks {
		rec.Reminders = append(rec.Reminders, backend.RecordReminder{Key: m.Key, FiredAt: timePtr(m.FiredAt),
			AckedAt: timePtr(m.AckedAt), SnoozedUntil: timePtr(m.SnoozedUntil), By: m.By})
	}
	return rec, nil
}

// readCallRows reads the rows of actions, their events, status updates,
// watches and the security record as stored, which the derived lists
// (listActions, listUpdates...) filter and reshape.
func readCallRows(ctx context.Context, tx *stampedTx, incidentID int64, ref map[int64]int, rec *backend.Record) error {
	wrap := func(what string, err error) error { return fmt.Errorf("%s of incident %d: %w", what, incidentID, err) }
	var err error
	if rec.Actions, err = collect(ctx, tx, func(row scanner) (backend.RecordAction, error) {
		var a backend.RecordAction
		var entryID int64
		var acked, checkIn, closed time.Time
		err := row.Scan(&entryID, &a.State, scanTime(&acked), &a.CheckInSet, scanTime(&checkIn), scanTime(&closed), scanTime(&a.UpdatedAt), &a.UID)
		a.Entry, a.AckedAt, a.CheckInAt, a.ClosedAt = ref[entryID], timePtr(acked), timePtr(checkIn), timePtr(closed)
		return a, err
	}, `SELECT entry_id, state, acked_at, check_in_set, check_in_at, closed_at, updated_at, uid
		FROM actions WHERE incident_id = ?`, incidentID); err != nil {
		return wrap("actions", err)
	}
	slices.SortFunc(rec.Actions, func(a, b backend.RecordAction) int { return cmp.Compare(a.Entry, b.Entry) })

	if rec.ActionEvents, err = collect(ctx, tx, func(row scanner) (backend.RecordActionEvent, error) {
		var ev backend.RecordActionEvent
		var entryID, actionEntryID int64
		err := row.Scan(&entryID, &actionEntryID, &ev.State)
		ev.Entry, ev.Action = ref[entryID], ref[actionEntryID]
		return ev, err
	}, `SELECT v.entry_id, a.entry_id, v.state FROM action_events v JOIN actions a ON a.id = v.action_id
		WHERE a.incident_id = ?`, incidentID); err != nil {
		return wrap("action events", err)
	}
	slices.SortFunc(rec.ActionEvents, func(a, b backend.RecordActionEvent) int { return cmp.Compare(a.Entry, b.Entry) })

	if rec.StatusUpdates, err = collect(ctx, tx, func(row scanner) (backend.RecordStatusUpdate, error) {
		var u backend.RecordStatusUpdate
		var entryID int64
		var next time.Time
		err := row.Scan(&entryID, &u.Audience, scanTime(&next), &u.UID)
		u.Entry, u.NextAt = ref[entryID], timePtr(next)
		return u, err
	}, `SELECT entry_id, audience, next_at, uid FROM status_updates WHERE incident_id = ?`, incidentID); err != nil {
		return wrap("status updates", err)
	}
	slices.SortFunc(rec.StatusUpdates, func(a, b backend.RecordStatusUpdate) int { return cmp.Compare(a.Entry, b.Entry) })

	if rec.Watches, err = collect(ctx, tx, func(row scanner) (backend.RecordWatch, error) {
		var w backend.RecordWatch
		var entryID int64
		var criteria string
		if err := row.Scan(&entryID, &w.Minutes, &criteria, scanTime(&w.UpdatedAt)); err != nil {
			return w, err
		}
		w.StartEntry = ref[entryID]
		if err := json.Unmarshal([]byte(criteria), &w.Criteria); err != nil {
			return w, err
		}
		// An empty list and a missing one mean the same; the record always
		// says [] so it reads the same after a round trip.
		if w.Criteria == nil {
			w.Criteria = []backend.WatchCriterion{}
		}
		for i := range w.Criteria {
			w.Criteria[i].DoneAt = w.Criteria[i].DoneAt.UTC()
		}
		return w, nil
	}, `SELECT start_entry_id, minutes, criteria, updated_at FROM watches WHERE incident_id = ?`, incidentID); err != nil {
		return wrap("watches", err)
	}
	slices.SortFunc(rec.Watches, func(a, b backend.RecordWatch) int { return cmp.Compare(a.StartEntry, b.StartEntry) })

	return readSecurityRows(ctx, tx, incidentID, rec)
}

// readSecurityRows sets rec.Security when the incident has a security row or
// any checklist tick. A record with a zero UpdatedAt had ticks but no row.
func readSecurityRows(ctx context.Context, tx *stampedTx, incidentID int64, rec *backend.Record) error {
	sec := &backend.RecordSecurity{}
	var aware time.Time
	err := tx.QueryRowContext(ctx, `SELECT flagged, became_aware_at, updated_at FROM security WHERE incident_id = ?`,
		incidentID).Scan(&sec.Flagged, scanTime(&aware), scanTime(&sec.UpdatedAt))
	found := err == nil
	if err := one(err, "security record of incident", incidentID); err != nil && backend.ErrorCode(err) != backend.ENOTFOUND {
		return err
	}
	sec.BecameAwareAt = timePtr(aware)
	if sec.Checklist, err = collect(ctx, tx, func(row scanner) (backend.RecordChecklistItem, error) {
		var c backend.RecordChecklistItem
		var done time.Time
		err := row.Scan(&c.Item, scanTime(&done), &c.DoneBy)
		c.DoneAt = timePtr(done)
		return c, err
	}, `SELECT item, done_at, done_by FROM security_checklist WHERE incident_id = ? ORDER BY item`, incidentID); err != nil {
		return fmt.Errorf("security checklist of incident %d: %w", incidentID, err)
	}
	if found || len(sec.Checklist) > 0 {
		rec.Security = sec
	}
	return nil
}

// timePtr is t as a record field: nil for the zero time (NULL in the store).
func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}
