package app

import (
	"context"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/settings"
	"bridgelog/backend/timeline"
)

// Timeline is the bound API for the scribe's line and the timeline.
type Timeline struct {
	Service  *timeline.Service
	Entries  backend.EntryService
	Settings *settings.Store
	// Changed is told after every change, since any entry can move a clock
	// (a status line, an action, a phase or role change). Nil is allowed.
	Changed func(incidentID int64)
}

// changed calls the Changed hook if there is one.
func (b *Timeline) changed(incidentID int64) {
	if b.Changed != nil {
		b.Changed(incidentID)
	}
}

// Now returns the app clock's time (RFC 3339); the UI stamps the first keystroke with it.
func (b *Timeline) Now() string { return b.Service.Clock.Now().UTC().Format(time.RFC3339Nano) }

// Preview is what a typed line would become.
type Preview struct {
	Line       backend.Line `json:"line"`
	OccurredAt time.Time    `json:"occurredAt" ts_type:"string"`
}

// Preview parses a line while it is typed, for the kind chip and the time shown.
func (b *Timeline) Preview(line string, startedAt string) Preview {
	l, t := b.Service.Preview(line, parseTime(startedAt))
	return Preview{Line: l, OccurredAt: t}
}

// PreviewIn is Preview for a line of an incident: its "@14:05" reads on the
// incident's writing day, as Add reads it, so the time shown is the time saved.
func (b *Timeline) PreviewIn(incidentID int64, line string, startedAt string) Preview {
	l, t := b.Service.PreviewIn(context.Background(), incidentID, line, parseTime(startedAt))
	return Preview{Line: l, OccurredAt: t}
}

// Grammar lists the line prefixes for the cheat sheet.
func (b *Timeline) Grammar() []backend.Prefix { return backend.Grammar }

// Add records a typed line; startedAt is the RFC 3339 time of its first keystroke.
// On success the incident's draft is cleared in the same transaction, if it is
// still this line's: the UI's draft of the next line may have been saved first.
//
// In an incident written up after the fact an untimed line is refused with
// the code "confirm" and a message saying when it would be dated; AddDatedNow
// saves it once the scribe agrees. A "declared:" or "detected:" line sets
// that time of the incident and returns its note, or null without text.
func (b *Timeline) Add(incidentID int64, line string, startedAt string) (*backend.Entry, error) {
	return b.add(incidentID, line, startedAt, b.Service.Add)
}

// AddDatedNow records a line the scribe chose to date now (see Add).
func (b *Timeline) AddDatedNow(incidentID int64, line string, startedAt string) (*backend.Entry, error) {
	return b.add(incidentID, line, startedAt, b.Service.AddDatedNow)
}

func (b *Timeline) add(incidentID int64, line, startedAt string,
	add func(context.Context, int64, string, time.Time, string) (*backend.Entry, error)) (*backend.Entry, error) {
	s, err := b.Settings.Load()
	if err != nil {
		return nil, err
	}
	e, err := add(context.Background(), incidentID, line, parseTime(startedAt), s.ScribeName)
	if err == nil {
		b.changed(incidentID)
	}
	return e, err
}

// MitigationInProgress returns the mitigation in progress, or null. The UI
// calls it before saving an `m:` line and asks for confirmation when there is
// one; the new entry then records the one it overrode (Entry.overrode).
func (b *Timeline) MitigationInProgress(incidentID int64) (*backend.Entry, error) {
	return b.Service.MitigationInProgress(context.Background(), incidentID)
}

// MitigationInProgressAt returns the mitigation that was in progress when a
// line dated at (RFC 3339; "" for now) happened, or null. The UI passes the
// time the new `m:` line will carry, so a mitigation typed late but dated
// before another started is not asked about.
func (b *Timeline) MitigationInProgressAt(incidentID int64, at string) (*backend.Entry, error) {
	return b.Service.MitigationInProgressAt(context.Background(), incidentID, parseTime(at))
}

// Edit replaces an entry's line, keeping the old version as a revision.
func (b *Timeline) Edit(entryID int64, line string) (*backend.Entry, error) {
	e, err := b.Service.Edit(context.Background(), entryID, line)
	if err != nil {
		return nil, err
	}
	// Only the edit's own draft: the scribe may have started the next line meanwhile.
	_ = b.Entries.ClearDraftOf(context.Background(), backend.Draft{IncidentID: e.IncidentID, Text: line, EditingID: entryID})
	b.changed(e.IncidentID)
	return e, nil
}

// Delete hides an entry; Restore brings it back.
func (b *Timeline) Delete(entryID int64) error {
	if err := b.Entries.DeleteEntry(context.Background(), entryID); err != nil {
		return err
	}
	if e, err := b.Entries.FindEntry(context.Background(), entryID); err == nil {
		b.changed(e.IncidentID)
	}
	return nil
}

// Restore undoes Delete.
func (b *Timeline) Restore(entryID int64) (*backend.Entry, error) {
	e, err := b.Entries.RestoreEntry(context.Background(), entryID)
	if err == nil {
		b.changed(e.IncidentID)
	}
	return e, err
}

// List returns an incident's visible entries in time order.
func (b *Timeline) List(incidentID int64) ([]*backend.Entry, error) {
	return b.Entries.ListEntries(context.Background(), incidentID)
}

// Window returns at most limit visible entries of kind ("" for every kind)
// from offset on; offset -1 asks for the newest.
func (b *Timeline) Window(incidentID int64, kind string, offset, limit int) (*backend.EntryWindow, error) {
	return b.Entries.EntryWindow(context.Background(), incidentID, backend.Kind(kind), offset, limit)
}

// Locate returns where a visible entry stands among its incident's visible entries of kind.
func (b *Timeline) Locate(entryID int64, kind string) (int, error) {
	return b.Entries.EntryIndex(context.Background(), entryID, backend.Kind(kind))
}

// Neighbour returns the visible entry of kind before (step -1) or after (1) one, or nil.
func (b *Timeline) Neighbour(entryID int64, kind string, step int) (*backend.Entry, error) {
	return b.Entries.EntryNeighbour(context.Background(), entryID, backend.Kind(kind), step)
}

// LastRecorded returns the visible entry written down most recently, or nil.
func (b *Timeline) LastRecorded(incidentID int64) (*backend.Entry, error) {
	return b.Entries.LastRecorded(context.Background(), incidentID)
}

// Entry returns one entry, hidden or not.
func (b *Timeline) Entry(entryID int64) (*backend.Entry, error) {
	return b.Entries.FindEntry(context.Background(), entryID)
}

// Revisions returns an entry's earlier versions.
func (b *Timeline) Revisions(entryID int64) ([]backend.Revision, error) {
	return b.Entries.Revisions(context.Background(), entryID)
}

// Search finds entries across all incidents (incidentID 0) or one.
func (b *Timeline) Search(query string, incidentID int64) ([]backend.SearchHit, error) {
	return b.Entries.Search(context.Background(), query, incidentID, 200)
}

// SaveDraft keeps the line being typed so a crash or restart loses nothing.
func (b *Timeline) SaveDraft(incidentID int64, text string, startedAt string, editingID int64) error {
	if text == "" {
		return b.Entries.ClearDraft(context.Background(), incidentID)
	}
	return b.Entries.SaveDraft(context.Background(), backend.Draft{
		IncidentID: incidentID, Text: text, StartedAt: parseTime(startedAt), EditingID: editingID,
	})
}

// Draft returns the incident's saved draft (empty text if none).
func (b *Timeline) Draft(incidentID int64) (backend.Draft, error) {
	return b.Entries.FindDraft(context.Background(), incidentID)
}

// parseTime reads an RFC 3339 time from the UI; anything else means "not given".
func parseTime(s string) time.Time {
	t, _ := backend.ParseInstant("startedAt", s)
	return t
}
