package backend

import (
	"context"
	"time"

	"bridgelog/backend/limits"
)

// RecordVersion is the version of the incident record format (the JSON export).
// It changes only when a field changes meaning or goes away; new optional
// fields keep it. build/schema/incident-record.schema.json documents it.
const RecordVersion = 1

// RecordFormat names the format inside every JSON export, so an importer can
// tell a Bridgelog record from any other JSON file.
const RecordFormat = "bridgelog.incident-record"

// Record is everything stored about one incident, in a form that moves between
// databases without loss: exporting it, importing that into another database
// and exporting again gives the same bytes. Database ids do not travel; rows
// refer to entries by Ref, the entry's position in Entries (1-based), and the
// incident is known by its UID.
type Record struct {
	Format   string         `json:"format"`  // RecordFormat
	Version  int            `json:"version"` // RecordVersion
	Incident RecordIncident `json:"incident"`
	// Entries holds every entry, hidden ones included, ordered by OccurredAt,
	// then by creation order.
	Entries       []RecordEntry        `json:"entries"`
	Actions       []RecordAction       `json:"actions"`
	ActionEvents  []RecordActionEvent  `json:"actionEvents"`
	StatusUpdates []RecordStatusUpdate `json:"statusUpdates"`
	Watches       []RecordWatch        `json:"watches"`
	Security      *RecordSecurity      `json:"security,omitempty"`
	Pages         []RecordPage         `json:"pages"`
	Reminders     []RecordReminder     `json:"reminders"`
}

// RecordIncident is the incident's header. Severity, phase, impact and roles
// are not here: they are derived from the entries.
type RecordIncident struct {
	UID        string     `json:"uid"`
	Title      string     `json:"title"`
	DeclaredAt time.Time  `json:"declaredAt"`
	DetectedAt *time.Time `json:"detectedAt,omitempty"`
	CreatedAt  time.Time  `json:"createdAt"`
	UpdatedAt  time.Time  `json:"updatedAt"`
}

// RecordEntry is one entry with its history, source and attachment.
type RecordEntry struct {
	Ref int `json:"ref"`
	// UID is the entry's ULID; a record written before entries had one has
	// none, and the import gives it one.
	UID        string     `json:"uid,omitempty"`
	Kind       Kind       `json:"kind"`
	Text       string     `json:"text"`
	Raw        string     `json:"raw"`
	OccurredAt time.Time  `json:"occurredAt"`
	RecordedAt time.Time  `json:"recordedAt"`
	Author     string     `json:"author,omitempty"`
	AuthorRole Role       `json:"authorRole,omitempty"`
	Key        bool       `json:"key,omitempty"`
	Internal   bool       `json:"internal,omitempty"`
	Owner      string     `json:"owner,omitempty"`
	CheckIn    int        `json:"checkIn,omitempty"`
	Severity   Severity   `json:"severity,omitempty"`
	Role       Role       `json:"role,omitempty"`
	Person     string     `json:"person,omitempty"`
	Phase      Phase      `json:"phase,omitempty"`
	Overrode   int        `json:"overrode,omitempty"` // Ref of the mitigation this one overrode
	DeletedAt  *time.Time `json:"deletedAt,omitempty"`
	// Source says where an imported entry came from ("zoom", "slack", ...);
	// SourceKey identifies the message there, so importing it twice adds nothing.
	Source     string            `json:"source,omitempty"`
	SourceKey  string            `json:"sourceKey,omitempty"`
	Revisions  []RecordRevision  `json:"revisions,omitempty"` // oldest first
	Attachment *RecordAttachment `json:"attachment,omitempty"`
}

// RecordRevision is an entry as it was before one edit.
type RecordRevision struct {
	UID        string    `json:"uid,omitempty"`
	Raw        string    `json:"raw"`
	Text       string    `json:"text"`
	Kind       Kind      `json:"kind"`
	OccurredAt time.Time `json:"occurredAt"`
	RevisedAt  time.Time `json:"revisedAt"`
}

// RecordAttachment is an evidence entry's file; Data is base64 in JSON.
type RecordAttachment struct {
	Name      string    `json:"name"`
	MIME      string    `json:"mime"`
	Size      int64     `json:"size"`
	SHA256    string    `json:"sha256"`
	Width     int       `json:"width,omitempty"`
	Height    int       `json:"height,omitempty"`
	CreatedAt time.Time `json:"createdAt"`
	Data      []byte    `json:"data"`
}

// RecordAction is the state of the action asked by entry Entry.
type RecordAction struct {
	UID        string      `json:"uid,omitempty"`
	Entry      int         `json:"entry"`
	State      ActionState `json:"state"`
	AckedAt    *time.Time  `json:"ackedAt,omitempty"`
	CheckInSet bool        `json:"checkInSet,omitempty"`
	CheckInAt  *time.Time  `json:"checkInAt,omitempty"`
	ClosedAt   *time.Time  `json:"closedAt,omitempty"`
	UpdatedAt  time.Time   `json:"updatedAt"`
}

// RecordActionEvent says entry Entry records action Action (its asking
// entry's ref) moving to State.
type RecordActionEvent struct {
	Entry  int         `json:"entry"`
	Action int         `json:"action"`
	State  ActionState `json:"state"`
}

// RecordStatusUpdate is the audience and promise of the status entry Entry.
type RecordStatusUpdate struct {
	UID      string     `json:"uid,omitempty"`
	Entry    int        `json:"entry"`
	Audience Audience   `json:"audience"`
	NextAt   *time.Time `json:"nextAt,omitempty"`
}

// RecordWatch is a changed monitoring watch, started by entry StartEntry.
type RecordWatch struct {
	StartEntry int              `json:"startEntry"`
	Minutes    int              `json:"minutes"`
	Criteria   []WatchCriterion `json:"criteria"`
	UpdatedAt  time.Time        `json:"updatedAt"`
}

// RecordSecurity is the security flag and checklist.
type RecordSecurity struct {
	Flagged       bool                  `json:"flagged"`
	BecameAwareAt *time.Time            `json:"becameAwareAt,omitempty"`
	UpdatedAt     time.Time             `json:"updatedAt"`
	Checklist     []RecordChecklistItem `json:"checklist,omitempty"`
}

// RecordChecklistItem is one ticked or unticked checklist item.
type RecordChecklistItem struct {
	Item   string     `json:"item"`
	DoneAt *time.Time `json:"doneAt,omitempty"`
	DoneBy string     `json:"doneBy,omitempty"`
}

// RecordPage is one person paged.
type RecordPage struct {
	UID        string     `json:"uid,omitempty"`
	Person     string     `json:"person"`
	Level      int        `json:"level"`
	State      PageState  `json:"state"`
	PagedAt    time.Time  `json:"pagedAt"`
	AnsweredAt *time.Time `json:"answeredAt,omitempty"`
}

// RecordReminder is what happened to one reminder instance.
type RecordReminder struct {
	Key          string     `json:"key"`
	FiredAt      *time.Time `json:"firedAt,omitempty"`
	AckedAt      *time.Time `json:"ackedAt,omitempty"`
	SnoozedUntil *time.Time `json:"snoozedUntil,omitempty"`
	By           string     `json:"by,omitempty"`
}

// Attachment describes an evidence entry's stored file (the bytes are read
// separately, so listing a timeline never loads them).
type Attachment struct {
	ID        int64     `json:"id"`
	EntryID   int64     `json:"entryId"`
	Name      string    `json:"name"`
	MIME      string    `json:"mime"`
	Size      int64     `json:"size"`
	SHA256    string    `json:"sha256"`
	Width     int       `json:"width"`  // images only
	Height    int       `json:"height"` // images only
	CreatedAt time.Time `json:"createdAt" ts_type:"string"`
}

// MaxAttachmentBytes is the largest file accepted as evidence (10 MB); see limits.MaxAttachmentBytes.
const MaxAttachmentBytes = limits.MaxAttachmentBytes

// AttachmentCreate is a file pasted or dropped into the entry line.
type AttachmentCreate struct {
	IncidentID int64
	Name       string
	Data       []byte
	// Caption is the entry's text; empty gives "Screenshot name.png" or "File name.log".
	Caption    string
	Internal   bool
	OccurredAt time.Time // zero: the store's now
	Author     string
	AuthorRole Role
}

// ImportedEntry is one chat message chosen to become a timeline entry.
type ImportedEntry struct {
	OccurredAt time.Time
	Kind       Kind
	Text       string
	Author     string
	Key        bool
	Internal   bool
	Owner      string // action owner, when Kind is action
	Source     string // "zoom", "zoom-recording", "slack"
	SourceKey  string // stable id of the message in its source; required
}

// ImportResult says what an import changed.
type ImportResult struct {
	IncidentID int64 `json:"incidentId"`
	Added      int   `json:"added"`
	Skipped    int   `json:"skipped"` // already imported before
}

// Report is everything an export of one incident shows, read in one
// transaction: the derived incident and state, every entry (hidden ones
// included, marked by DeletedAt) with revisions and attachments, and the
// raw Record for the lossless JSON format.
type Report struct {
	Incident    *Incident
	Entries     []*Entry             // all entries, time order
	Revisions   map[int64][]Revision // by entry id, oldest first
	Attachments map[int64]Attachment // by entry id
	Roles       []RoleAssignment
	Actions     []Action
	Updates     []StatusUpdate
	Pages       []Page
	Security    Security
	Watches     []WatchRecord
	Record      *Record
	// AttachmentData returns an attachment's bytes (inlined in HTML, written
	// beside Markdown). Valid only while the store is open.
	AttachmentData func(ctx context.Context, id int64) ([]byte, error) `json:"-"`
}

// RecordService moves incidents in and out of the store.
type RecordService interface {
	// Report reads one incident for export.
	Report(ctx context.Context, incidentID int64) (*Report, error)
	// ImportRecord creates a new incident from a record, all in one
	// transaction. An incident with the record's UID already here is a
	// conflict (EEXISTS-style ECONFLICT naming it), never a duplicate.
	ImportRecord(ctx context.Context, rec *Record) (*Incident, error)
	// ImportEntries adds chat messages to an incident in one transaction;
	// ones whose SourceKey is already there are skipped and counted.
	ImportEntries(ctx context.Context, incidentID int64, entries []ImportedEntry) (ImportResult, error)
	// AddAttachment stores a file and its evidence entry in one transaction.
	AddAttachment(ctx context.Context, in AttachmentCreate) (*Entry, error)
	AttachmentData(ctx context.Context, id int64) (Attachment, []byte, error)
}
