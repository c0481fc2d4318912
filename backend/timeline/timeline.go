// Package timeline is the scribe's service: it turns typed lines into timeline
// entries (grammar, time overrides, limits) and assembles the IC dashboard's view.
// It holds the rules; the store only stores.
package timeline

import (
	"context"
	"strings"
	"time"

	"bridgelog/backend"
)

// Service records the timeline of incidents.
type Service struct {
	Incidents backend.IncidentService
	Entries   backend.EntryService
	Clock     backend.Clock
	// Location is the scribe's local zone for "@14:05" overrides; nil means time.Local.
	Location *time.Location
}

// Add records one typed line as an entry and clears the incident's draft if it
// is still this line's (a draft of the next line, saved first, stays).
// startedAt is when the scribe began typing it (zero: now): people write after
// the event, so that is the entry's time unless the line starts with a time override.
//
// An untimed line in an incident written up after the fact (backend.WrittenUp)
// is refused with ECONFIRM: it would be dated now, days or years after
// everything else in it. AddDatedNow saves it once the scribe says so.
//
// A "declared:" or "detected:" line sets that time of the incident instead
// (see setHeaderTime) and returns its note, or nil when it has no text.
func (s *Service) Add(ctx context.Context, incidentID int64, input string, startedAt time.Time, author string) (*backend.Entry, error) {
	return s.add(ctx, incidentID, input, startedAt, author, true)
}

// AddDatedNow is Add for a line the scribe chose to date now in an incident
// written up after the fact.
func (s *Service) AddDatedNow(ctx context.Context, incidentID int64, input string, startedAt time.Time, author string) (*backend.Entry, error) {
	return s.add(ctx, incidentID, input, startedAt, author, false)
}

func (s *Service) add(ctx context.Context, incidentID int64, input string, startedAt time.Time, author string, ask bool) (*backend.Entry, error) {
	line, occurred, err := s.prepare(ctx, incidentID, input, startedAt)
	if err != nil {
		return nil, err
	}
	if ask && line.Time == "" {
		if err := s.askUndated(ctx, incidentID, occurred); err != nil {
			return nil, err
		}
	}
	if line.Header != "" {
		return s.setHeaderTime(ctx, incidentID, line, occurred, author, input, startedAt)
	}
	return s.create(ctx, incidentID, line, occurred, author, input, startedAt)
}

// create stores a line as a new entry.
func (s *Service) create(ctx context.Context, incidentID int64, line backend.Line, occurred time.Time, author, input string, startedAt time.Time) (*backend.Entry, error) {
	// The store refuses an unknown incident inside the same transaction.
	return s.Entries.CreateEntry(ctx, backend.EntryCreate{
		IncidentID: incidentID,
		Line:       line,
		OccurredAt: occurred,
		Author:     author,
		AuthorRole: backend.RoleScribe,
		// The draft as the UI saved it: the line as typed, stamped with its first keystroke.
		ClearDraft:     true,
		DraftText:      input,
		DraftStartedAt: startedAt,
	})
}

// Edit replaces an entry's line. Without a time override the entry keeps its time;
// the store keeps the earlier version as a revision.
func (s *Service) Edit(ctx context.Context, entryID int64, input string) (*backend.Entry, error) {
	old, err := s.Entries.FindEntry(ctx, entryID)
	if err != nil {
		return nil, err
	}
	line, occurred, err := s.prepare(ctx, old.IncidentID, input, old.OccurredAt)
	if err != nil {
		return nil, err
	}
	if line.Header != "" && line.Text == "" {
		return nil, backend.Errorf(backend.EINVALID, "Keep some text on this entry: a %s: line without text only sets the incident's time, from a new line.", line.Header)
	}
	if line.Time == "" {
		occurred = old.OccurredAt
	} else if line.Header != "" {
		// A new time on a "declared:" line moves the declaration with it;
		// fixing a typo in its text leaves the incident's times alone.
		if err := s.updateHeader(ctx, old.IncidentID, line.Header, occurred, ""); err != nil {
			return nil, err
		}
	}
	return s.Entries.UpdateEntry(ctx, entryID, line, occurred)
}

// Preview parses a line the way Add would, without storing it, so the UI can show
// the kind chip and the entry's time while the scribe types. A time override that
// cannot be read is reported in Problem rather than as an error, and how one was
// read where the clocks changed in TimeNote.
func (s *Service) Preview(input string, startedAt time.Time) (backend.Line, time.Time) {
	return s.PreviewIn(context.Background(), 0, input, startedAt)
}

// PreviewIn is Preview for a line of an incident (0: none), whose "@14:05"
// is read on the incident's writing day as Add would read it.
func (s *Service) PreviewIn(ctx context.Context, incidentID int64, input string, startedAt time.Time) (backend.Line, time.Time) {
	line := backend.Parse(input)
	day := s.day(ctx, incidentID, line)
	occurred, err := s.when(line, startedAt, day)
	if err != nil && line.Problem == "" {
		line.Problem = backend.ErrorMessage(err)
	}
	line.TimeNote = backend.TimeNoteOn(line.Time, s.Clock.Now(), day, s.Location)
	if line.Header != "" && line.Problem == "" && incidentID != 0 {
		line.Problem = s.headerProblem(ctx, incidentID, line.Header, occurred)
	}
	return line, occurred
}

// day is the incident's writing day for an undated "@14:05" (see
// backend.Incident.WritingDay); other lines do not need the incident read.
func (s *Service) day(ctx context.Context, incidentID int64, line backend.Line) time.Time {
	if incidentID == 0 || !strings.HasPrefix(line.Time, "@") || strings.Contains(line.Time, "-") {
		return time.Time{}
	}
	inc, err := s.Incidents.FindIncident(ctx, incidentID)
	if err != nil {
		return time.Time{} // the store reports an unknown incident when saving
	}
	return inc.WritingDay(s.Clock.Now(), s.Location)
}

func (s *Service) prepare(ctx context.Context, incidentID int64, input string, startedAt time.Time) (backend.Line, time.Time, error) {
	if n := len(input); n > backend.MaxEntryBytes {
		return backend.Line{}, time.Time{}, backend.Errorf(backend.ETOOLARGE,
			"This entry is %d KiB; the limit is 64 KiB. Split it into several entries.", (n+1023)/1024)
	}
	line := backend.Parse(input)
	if strings.TrimSpace(line.Raw) == "" {
		return line, time.Time{}, backend.Errorf(backend.EINVALID, "Nothing to save: the line is empty.")
	}
	if line.Problem != "" {
		return line, time.Time{}, backend.Errorf(backend.EINVALID, "%s", line.Problem)
	}
	if line.Text == "" && line.Kind != backend.KindSeverity && line.Kind != backend.KindPhase && line.Header == "" {
		return line, time.Time{}, backend.Errorf(backend.EINVALID, "Add some text after the prefix.")
	}
	occurred, err := s.when(line, startedAt, s.day(ctx, incidentID, line))
	return line, occurred, err
}

// maxStartAhead is how far ahead of this clock a first keystroke's time may be
// and still be kept. The UI stamps a line's first key on its own estimate of
// this clock, measured over a round trip, which can run a little ahead; moving
// such a time back to now could put it before the line typed just after it
// (whose Add may be handled first). A time further ahead is a wrong clock.
const maxStartAhead = time.Minute

// when decides an entry's time: the override if there is one, else when typing began.
func (s *Service) when(line backend.Line, startedAt, day time.Time) (time.Time, error) {
	now := s.Clock.Now()
	if startedAt.IsZero() || startedAt.After(now.Add(maxStartAhead)) {
		startedAt = now
	}
	if line.Time == "" {
		return startedAt.UTC(), nil
	}
	t, err := backend.ResolveTimeOn(line.Time, startedAt, now, day, s.Location)
	if err != nil {
		return time.Time{}, err
	}
	return t.UTC(), nil
}

// MitigationInProgress returns the incident's mitigation in progress, or nil.
// The UI asks before saving an `m:` line, so starting a second mitigation is a
// confirmed decision (see backend.MitigationInProgress for the rules).
func (s *Service) MitigationInProgress(ctx context.Context, incidentID int64) (*backend.Entry, error) {
	entries, err := s.mitigationEntries(ctx, incidentID)
	if err != nil {
		return nil, err
	}
	return backend.MitigationInProgress(entries), nil
}
