package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"bridgelog/backend"
)

// MaxImportEntries is the most chat messages one import takes: a day-long
// call's chat is a few thousand, so more is a wrong file, and one
// transaction of this size still finishes in seconds (about 5 s on a
// two-core laptop, FTS indexing included).
const MaxImportEntries = 100_000

// importKinds are the kinds a chat message can become. Severity, phase,
// role and status entries change the incident's derived state and start or
// stop its clocks; they are typed in Bridgelog, where the IC sees the effect.
var importKinds = []backend.Kind{backend.KindNote, backend.KindDecision, backend.KindAction, backend.KindMitigation,
	backend.KindHypothesis, backend.KindImpact, backend.KindFollowUp, backend.KindFactor, backend.KindEvidence}

// ImportEntries adds chat messages to an incident's timeline in one
// transaction. A message whose SourceKey the incident already holds is
// skipped and counted, so importing the same chat file twice adds nothing.
//
// An imported action entry records that someone asked for something in the
// chat; it does not create a tracked action on the board, whose reminders
// would chase an owner about a request the call may have settled long ago.
// Editing it later in Bridgelog makes it one, as editing any action entry
// does. An imported mitigation does not record which one it overrode: the IC
// never confirmed running two at once.
func (s *RecordService) ImportEntries(ctx context.Context, incidentID int64, list []backend.ImportedEntry) (backend.ImportResult, error) {
	res := backend.ImportResult{IncidentID: incidentID}
	if len(list) > MaxImportEntries {
		return res, backend.Errorf(backend.ETOOLARGE,
			"The import holds %d messages; the limit is %d at a time: import the file in parts", len(list), MaxImportEntries)
	}
	entries := make([]*backend.Entry, len(list))
	for i, in := range list {
		e, err := importedEntry(i+1, in)
		if err != nil {
			return res, err
		}
		entries[i] = e
	}

	tx, err := s.db.beginTx(ctx, false)
	if err != nil {
		return res, err
	}
	defer tx.Rollback()
	if err := ensureIncident(ctx, tx, incidentID); err != nil {
		return res, err
	}
	// The unique index entries_by_source turns a message already here into
	// a conflict, which inserts nothing and returns no row.
	insert, err := tx.PrepareContext(ctx, `
		INSERT INTO entries (incident_id, kind, text, raw, occurred_at, recorded_at, author, key, internal, owner,
			source, source_key, uid)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING RETURNING id`)
	if err != nil {
		return res, fmt.Errorf("import messages: %w", err)
	}
	defer insert.Close()
	for i, e := range entries {
		var id int64
		err := insert.QueryRowContext(ctx, incidentID, e.Kind, e.Text, e.Raw, millis(e.OccurredAt), millis(tx.now),
			e.Author, e.Key, e.Internal, e.Owner, e.Source, list[i].SourceKey, backend.NewID(tx.now)).Scan(&id)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			res.Skipped++
		case err != nil:
			return res, fmt.Errorf("import message %d: %w", i+1, err)
		default:
			res.Added++
		}
	}
	if res.Added > 0 {
		if err := touchIncident(ctx, tx, incidentID); err != nil {
			return res, err
		}
	}
	if err := tx.Commit(); err != nil {
		return backend.ImportResult{IncidentID: incidentID}, fmt.Errorf("import messages: %w", err)
	}
	return res, nil
}

// importedEntry checks one message (n counts from 1) and makes the entry a
// scribe would have typed for it.
func importedEntry(n int, in backend.ImportedEntry) (*backend.Entry, error) {
	e := &backend.Entry{Kind: in.Kind, Text: strings.TrimSpace(backend.CleanText(in.Text)), Author: cleanName(in.Author),
		Key: in.Key, Internal: in.Internal, Source: cleanName(in.Source),
		OccurredAt: in.OccurredAt.UTC().Truncate(time.Millisecond)}
	key := in.SourceKey
	switch {
	case strings.TrimSpace(key) == "" || len(key) > 500:
		return nil, backend.Errorf(backend.EINVALID,
			"Message %d has no usable source key (1 to 500 bytes): the importer must say which chat message it is", n)
	case !slices.Contains(importKinds, e.Kind):
		return nil, backend.Errorf(backend.EINVALID,
			"Message %d is marked %q: an imported message can be a note, decision, action, mitigation, hypothesis, "+
				"impact, follow-up or evidence. Change severity, phase, roles and status in Bridgelog itself", n, in.Kind)
	case e.Text == "":
		return nil, backend.Errorf(backend.EINVALID, "Message %d has no text: leave it out of the import", n)
	case in.OccurredAt.IsZero():
		return nil, backend.Errorf(backend.EINVALID, "Message %d has no time: the importer must say when it was sent", n)
	case len(e.Source) > 100:
		return nil, backend.Errorf(backend.EINVALID, "Message %d names a source of %d bytes; use a short name such as \"zoom\"", n, len(e.Source))
	}
	if e.Kind == backend.KindAction {
		e.Owner = strings.TrimPrefix(cleanName(in.Owner), "@")
	}
	e.Raw = rawLine(e)
	if size := len(e.Raw); size > backend.MaxEntryBytes {
		return nil, backend.Errorf(backend.ETOOLARGE, "Message %d is %d KiB; the limit is %d KiB: leave it out or shorten it",
			n, (size+1023)/1024, backend.MaxEntryBytes/1024)
	}
	return e, nil
}

// rawLine is the line a scribe would have typed for e, so editing an
// imported entry later parses back to the same kind, flags and owner.
func rawLine(e *backend.Entry) string {
	var b strings.Builder
	if e.Key {
		b.WriteString("tl: ")
	}
	if e.Internal {
		b.WriteString("int: ")
	}
	if p := kindPrefix(e.Kind); p != "" {
		b.WriteString(p + " ")
	}
	if e.Owner != "" {
		b.WriteString("@" + e.Owner + " ")
	}
	b.WriteString(e.Text)
	return b.String()
}

// kindPrefix returns the grammar's prefix for a kind ("d:", "?"), or "" for
// a note and for kinds typed some other way (severity, roles).
func kindPrefix(k backend.Kind) string {
	if k == backend.KindNote {
		return ""
	}
	for _, p := range backend.Grammar {
		if p.Kind == k && !strings.ContainsAny(p.Prefix, " …") {
			return p.Prefix
		}
	}
	return ""
}
