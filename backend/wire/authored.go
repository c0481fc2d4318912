package wire

import (
	"context"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// Entries is the store's entries as the services see them: a change to an
// entry already written (an edit, hiding it, bringing it back) names the
// scribe in the change log, as a new entry names its author. A write whose
// context already names someone (backend.WithAuthor) keeps that name.
type Entries struct {
	*sqlite.EntryService
	// Author is the name the writes are made by: the scribe's, from the settings.
	Author func() string
}

var _ backend.EntryService = (*Entries)(nil)

// authored names the scribe on ctx unless it names someone already.
func (e *Entries) authored(ctx context.Context) context.Context {
	if backend.AuthorFrom(ctx) != "" || e.Author == nil {
		return ctx
	}
	return backend.WithAuthor(ctx, e.Author())
}

// UpdateEntry replaces an entry's line and time, by the scribe.
func (e *Entries) UpdateEntry(ctx context.Context, id int64, line backend.Line, occurredAt time.Time) (*backend.Entry, error) {
	return e.EntryService.UpdateEntry(e.authored(ctx), id, line, occurredAt)
}

// DeleteEntry hides an entry, by the scribe.
func (e *Entries) DeleteEntry(ctx context.Context, id int64) error {
	return e.EntryService.DeleteEntry(e.authored(ctx), id)
}

// RestoreEntry brings a hidden entry back, by the scribe.
func (e *Entries) RestoreEntry(ctx context.Context, id int64) (*backend.Entry, error) {
	return e.EntryService.RestoreEntry(e.authored(ctx), id)
}
