package backend

import (
	"context"
	"time"

	"bridgelog/backend/limits"
)

// Kind is what a timeline entry records.
type Kind string

const (
	KindNote       Kind = "note"
	KindDecision   Kind = "decision"
	KindAction     Kind = "action"
	KindMitigation Kind = "mitigation"
	KindHypothesis Kind = "hypothesis"
	KindImpact     Kind = "impact"
	KindFollowUp   Kind = "followup"
	KindSeverity   Kind = "severity"
	KindRole       Kind = "role"
	KindPhase      Kind = "phase"
	KindStatus     Kind = "status"
	KindEvidence   Kind = "evidence"
	// KindFactor marks a contributing factor for the blameless review.
	KindFactor Kind = "factor"
)

// Kinds lists every kind, in the order the UI's filter shows them.
var Kinds = []Kind{KindNote, KindDecision, KindAction, KindMitigation, KindHypothesis, KindImpact,
	KindFollowUp, KindFactor, KindSeverity, KindRole, KindPhase, KindStatus, KindEvidence}

// MaxEntryBytes is the largest entry text accepted (64 KiB); see limits.MaxEntryBytes.
const MaxEntryBytes = limits.MaxEntryBytes

// Entry is one line of an incident's timeline.
type Entry struct {
	ID int64 `json:"id"`
	// UID is the entry's ULID: unique across laptops, kept by export and import.
	UID        string `json:"uid"`
	IncidentID int64  `json:"incidentId"`
	Kind       Kind   `json:"kind"`
	// Text is the entry without its grammar prefix, as shown in the timeline.
	Text string `json:"text"`
	// Raw is the line as the scribe typed it (prefix included), for editing.
	Raw string `json:"raw"`
	// OccurredAt is when it happened; RecordedAt when it was written down.
	OccurredAt time.Time `json:"occurredAt" ts_type:"string"`
	RecordedAt time.Time `json:"recordedAt" ts_type:"string"`
	Author     string    `json:"author"`
	AuthorRole Role      `json:"authorRole"`
	Key        bool      `json:"key"`      // a key moment (tl:)
	Internal   bool      `json:"internal"` // internal only: left out of external exports
	// Structured details of state-changing kinds.
	Owner    string   `json:"owner,omitempty"`    // action owner
	CheckIn  int      `json:"checkIn,omitempty"`  // action check-in, minutes
	Severity Severity `json:"severity,omitempty"` // severity entries
	Role     Role     `json:"role,omitempty"`     // role entries
	Person   string   `json:"person,omitempty"`   // role entries
	Phase    Phase    `json:"phase,omitempty"`    // phase entries
	// Overrode is, on a mitigation entry, the mitigation that was still in
	// progress when this one started: the IC confirmed starting a second one.
	Overrode int64 `json:"overrode,omitempty"`

	// Source says where an imported entry came from ("zoom", "slack", ...).
	Source string `json:"source,omitempty"`
	// Attachment is an evidence entry's stored file, if it has one.
	Attachment *Attachment `json:"attachment,omitempty"`

	Revisions int       `json:"revisions"`                  // how many times it was edited
	DeletedAt time.Time `json:"deletedAt" ts_type:"string"` // zero unless hidden
}

// Revision is an entry as it was before an edit.
type Revision struct {
	UID        string    `json:"uid,omitempty"`
	EntryID    int64     `json:"entryId"`
	Raw        string    `json:"raw"`
	Text       string    `json:"text"`
	Kind       Kind      `json:"kind"`
	OccurredAt time.Time `json:"occurredAt" ts_type:"string"`
	RevisedAt  time.Time `json:"revisedAt" ts_type:"string"`
}

// EntryCreate is a parsed line ready to store.
type EntryCreate struct {
	IncidentID int64
	Line       Line
	OccurredAt time.Time // required
	Author     string
	AuthorRole Role
	// ClearDraft removes the incident's draft in the same transaction (the line
	// the scribe was typing is now this entry, and one commit is one disk sync),
	// but only while the draft is still this line's: a draft of a new line whose
	// text is DraftText or which was started at DraftStartedAt (the line's first
	// keystroke, so a draft saved before its last keys counts too). Saves that
	// waited for a busy file land in any order: a draft of the next line, saved
	// before this entry got the file, must stay.
	ClearDraft     bool
	DraftText      string
	DraftStartedAt time.Time
}

// SearchHit is one entry matching a search, with a snippet whose matches are
// wrapped in SnippetOpen and SnippetClose so the UI can mark them without HTML.
type SearchHit struct {
	Entry         Entry  `json:"entry"`
	IncidentTitle string `json:"incidentTitle"`
	Snippet       string `json:"snippet"`
}

// Snippet markers: control characters that cannot appear in stored text.
const (
	SnippetOpen  = "\x02"
	SnippetClose = "\x03"
)

// Draft is the line a scribe is typing, saved so a crash loses nothing.
type Draft struct {
	IncidentID int64     `json:"incidentId"`
	Text       string    `json:"text"`
	StartedAt  time.Time `json:"startedAt" ts_type:"string"` // the first keystroke; zero if none
	EditingID  int64     `json:"editingId"`                  // the entry being edited, 0 for a new one
	UpdatedAt  time.Time `json:"updatedAt" ts_type:"string"`
}

// EntryService stores timeline entries.
type EntryService interface {
	CreateEntry(ctx context.Context, in EntryCreate) (*Entry, error)
	// ListEntries returns the incident's visible entries ordered by OccurredAt, then ID.
	ListEntries(ctx context.Context, incidentID int64) ([]*Entry, error)
	// RecentEntries returns the incident's latest visible entries of the given
	// kinds (or key moments, when keyOnly), at most limit, in time order. It
	// reads only those rows, so the dashboard stays cheap on long incidents.
	RecentEntries(ctx context.Context, incidentID int64, kinds []Kind, keyOnly bool, limit int) ([]*Entry, error)
	// EntryWindow returns at most limit visible entries from offset on
	// (WindowEnd: the newest), among those of kind ("" for every kind).
	EntryWindow(ctx context.Context, incidentID int64, kind Kind, offset, limit int) (*EntryWindow, error)
	// EntryIndex returns a visible entry's position among its incident's
	// visible entries of kind ("" for every kind).
	EntryIndex(ctx context.Context, entryID int64, kind Kind) (int, error)
	// EntryNeighbour returns the visible entry of kind ("" for any) just
	// before (step -1) or after (step 1) the given one, or nil at an end.
	EntryNeighbour(ctx context.Context, entryID int64, kind Kind, step int) (*Entry, error)
	// LastRecorded returns the incident's visible entry written down most
	// recently (RecordedAt, then ID), or nil if it has none.
	LastRecorded(ctx context.Context, incidentID int64) (*Entry, error)
	FindEntry(ctx context.Context, id int64) (*Entry, error)
	// UpdateEntry replaces an entry's line and time, keeping the old ones as a revision.
	UpdateEntry(ctx context.Context, id int64, line Line, occurredAt time.Time) (*Entry, error)
	// DeleteEntry hides an entry; RestoreEntry undoes that.
	DeleteEntry(ctx context.Context, id int64) error
	RestoreEntry(ctx context.Context, id int64) (*Entry, error)
	Revisions(ctx context.Context, entryID int64) ([]Revision, error)
	// Search runs a full-text search over visible entries of all incidents
	// (or one, when incidentID > 0), best matches first.
	Search(ctx context.Context, query string, incidentID int64, limit int) ([]SearchHit, error)

	SaveDraft(ctx context.Context, d Draft) error
	// FindDraft returns the incident's draft, or an empty one.
	FindDraft(ctx context.Context, incidentID int64) (Draft, error)
	ClearDraft(ctx context.Context, incidentID int64) error
	// ClearDraftOf removes the incident's draft only while it is still d's line:
	// the same EditingID, and the same text or the same first keystroke
	// (StartedAt). Once an edit is saved this clears its draft without touching
	// a draft of a later line saved meanwhile.
	ClearDraftOf(ctx context.Context, d Draft) error
}
