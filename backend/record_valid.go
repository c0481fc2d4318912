package backend

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"bridgelog/backend/limits"
)

// The rules a record must keep to be imported: what a file read from disk
// and a record handed to the store are both held to, with one wording, so
// a bad record is refused the same way whichever door it comes in by.

// maxRecordUID is the longest incident id a record may carry; Bridgelog
// writes 32 hex digits.
const maxRecordUID = 100

// recordDamaged is the error for a record that breaks its own rules.
func recordDamaged(format string, args ...any) error {
	return Errorf(EINVALID,
		"This incident record is damaged ("+format+"): nothing was imported. Export it again from the Bridgelog it came from", args...)
}

// CheckRecordFormat refuses what is not a record this Bridgelog reads:
// another format, a version no Bridgelog writes, or a newer one. subject
// names the file in the message ("incident.json", "This file").
func CheckRecordFormat(subject, format string, version int) error {
	switch {
	case format != RecordFormat:
		return Errorf(EINVALID, "%s is not a Bridgelog incident record (its format is %q): choose a .json file Bridgelog exported", subject, format)
	case version > RecordVersion:
		return Errorf(EINVALID, "%s was written by a newer Bridgelog (record version %d; this one reads version %d): update Bridgelog to import it",
			subject, version, RecordVersion)
	case version != RecordVersion:
		return Errorf(EINVALID, "%s has no valid record version (it says %d): the file is damaged; export the incident again", subject, version)
	}
	return nil
}

// Validate refuses a record that cannot be imported faithfully: another
// format or version, an incident without its id, title or times, rows
// that refer to entries the record does not hold, unknown kinds and
// states, values no Bridgelog stores, ids that are not ULIDs or repeat,
// and attachments whose bytes do not match their checksum.
func (r *Record) Validate() error {
	if r == nil {
		return CheckRecordFormat("This file", "", 0)
	}
	if err := CheckRecordFormat("This file", r.Format, r.Version); err != nil {
		return err
	}
	if err := r.Incident.Validate(); err != nil {
		return err
	}
	if err := r.validateIDs(); err != nil {
		return err
	}
	n := len(r.Entries)
	sourceKeys := map[string]int{}
	for i, e := range r.Entries {
		if e.Ref != i+1 {
			return recordDamaged("entry %d has ref %d; refs number the entries 1, 2, 3... in order", i+1, e.Ref)
		}
		if err := e.Validate(n); err != nil {
			return err
		}
		if e.SourceKey != "" {
			if first, ok := sourceKeys[e.SourceKey]; ok {
				return recordDamaged("entries %d and %d are the same imported message %q", first, e.Ref, e.SourceKey)
			}
			sourceKeys[e.SourceKey] = e.Ref
		}
	}
	return r.validateRows()
}

// validateRows checks the rows that hang off entries, and the call's own.
func (r *Record) validateRows() error {
	n := len(r.Entries)
	// once checks that a row names an entry of the record, and that no other
	// row of its kind names the same one.
	once := func(a, what string) func(ref int) error {
		used := map[int]bool{}
		return func(ref int) error {
			switch {
			case ref < 1 || ref > n:
				return recordDamaged("%s %s names entry %d, but the record has entries 1 to %d", a, what, ref, n)
			case used[ref]:
				return recordDamaged("entry %d has two %ss", ref, what)
			}
			used[ref] = true
			return nil
		}
	}
	action, actions := once("an", "action"), map[int]bool{}
	for _, a := range r.Actions {
		if err := action(a.Entry); err != nil {
			return err
		}
		if err := a.Validate(); err != nil {
			return err
		}
		actions[a.Entry] = true
	}
	event := once("an", "action event")
	for _, ev := range r.ActionEvents {
		if err := event(ev.Entry); err != nil {
			return err
		}
		if !actions[ev.Action] {
			return recordDamaged("entry %d records a change of an action the record does not hold (entry %d)", ev.Entry, ev.Action)
		}
		if err := ev.Validate(); err != nil {
			return err
		}
	}
	update := once("a", "status update")
	for _, u := range r.StatusUpdates {
		if err := update(u.Entry); err != nil {
			return err
		}
		if err := u.Validate(); err != nil {
			return err
		}
	}
	watch := once("a", "watch")
	for _, w := range r.Watches {
		if err := watch(w.StartEntry); err != nil {
			return err
		}
		if err := w.Validate(); err != nil {
			return err
		}
	}
	return r.validateCall()
}

// validateCall checks the rows of the call itself: the security record, the
// pages and the reminders.
func (r *Record) validateCall() error {
	if err := r.Security.Validate(); err != nil {
		return err
	}
	for _, p := range r.Pages {
		if err := p.Validate(); err != nil {
			return err
		}
	}
	keys := map[string]bool{}
	for _, m := range r.Reminders {
		if err := m.Validate(); err != nil {
			return err
		}
		if keys[m.Key] {
			return recordDamaged("reminder %q is named twice", m.Key)
		}
		keys[m.Key] = true
	}
	return nil
}

// validateIDs refuses a record whose rows carry an id that is not a ULID, or
// the same id twice: two rows of one incident are never the same row.
func (r *Record) validateIDs() error {
	seen := map[string]string{}
	check := func(uid, what string) error {
		if uid == "" {
			return nil
		}
		if !ValidID(uid) {
			return recordDamaged("%s has the id %q, which is not a ULID", what, uid)
		}
		if first, ok := seen[uid]; ok {
			return recordDamaged("%s and %s have the same id %s", first, what, uid)
		}
		seen[uid] = what
		return nil
	}
	for _, e := range r.Entries {
		if err := check(e.UID, fmt.Sprintf("entry %d", e.Ref)); err != nil {
			return err
		}
		for i, v := range e.Revisions {
			if err := check(v.UID, fmt.Sprintf("revision %d of entry %d", i+1, e.Ref)); err != nil {
				return err
			}
		}
	}
	for _, a := range r.Actions {
		if err := check(a.UID, fmt.Sprintf("the action of entry %d", a.Entry)); err != nil {
			return err
		}
	}
	for _, u := range r.StatusUpdates {
		if err := check(u.UID, fmt.Sprintf("the status update of entry %d", u.Entry)); err != nil {
			return err
		}
	}
	for i, p := range r.Pages {
		if err := check(p.UID, fmt.Sprintf("page %d", i+1)); err != nil {
			return err
		}
	}
	return nil
}

// Validate refuses an incident header without a title or the times every
// stored incident has, or with an id too long to be one. A header with no
// id is valid: the store imports it as a copy under a new id.
func (i RecordIncident) Validate() error {
	title := strings.Join(strings.Fields(CleanText(i.Title)), " ")
	switch {
	case len(i.UID) > maxRecordUID:
		return recordDamaged("the incident id is %d characters long", len(i.UID))
	case title == "":
		return recordDamaged("the incident has no title")
	case utf8.RuneCountInString(title) > limits.MaxTitleChars:
		return recordDamaged("the title is %d characters; a title has at most %d", utf8.RuneCountInString(title), limits.MaxTitleChars)
	case i.DeclaredAt.IsZero() || i.CreatedAt.IsZero() || i.UpdatedAt.IsZero():
		return recordDamaged("the incident has no declaration, creation or change time")
	}
	return nil
}

// Validate checks one entry of a record of n entries against what the store
// would have stored: a state entry with a bad value would bend the derived
// severity, phase or roles.
func (e RecordEntry) Validate(n int) error {
	switch {
	case !slices.Contains(Kinds, e.Kind):
		return recordDamaged("entry %d has the unknown kind %q", e.Ref, e.Kind)
	case e.OccurredAt.IsZero() || e.RecordedAt.IsZero():
		return recordDamaged("entry %d has no time", e.Ref)
	case max(len(e.Text), len(e.Raw)) > MaxEntryBytes:
		return recordDamaged("entry %d is %d KiB; an entry holds at most %d KiB", e.Ref, max(len(e.Text), len(e.Raw))/1024, MaxEntryBytes/1024)
	case e.Severity != "" && !e.Severity.Valid(), e.Kind == KindSeverity && !e.Severity.Valid():
		return recordDamaged("entry %d has the unknown severity %q", e.Ref, e.Severity)
	case e.Phase != "" && !e.Phase.Valid(), e.Kind == KindPhase && !e.Phase.Valid():
		return recordDamaged("entry %d has the unknown phase %q", e.Ref, e.Phase)
	case e.Role != "" && !knownRole(e.Role), e.Kind == KindRole && (!knownRole(e.Role) || e.Person == ""):
		return recordDamaged("entry %d gives role %q to %q", e.Ref, e.Role, e.Person)
	case e.CheckIn < 0:
		return recordDamaged("entry %d has a check-in of %d minutes", e.Ref, e.CheckIn)
	case e.Overrode != 0 && (e.Overrode < 1 || e.Overrode > n || e.Overrode == e.Ref):
		return recordDamaged("entry %d overrode entry %d, which is not in the record", e.Ref, e.Overrode)
	case len(e.SourceKey) > 500 || len(e.Source) > 100:
		return recordDamaged("entry %d has a source or source key too long to be real", e.Ref)
	}
	for _, v := range e.Revisions {
		if err := v.Validate(e.Ref); err != nil {
			return err
		}
	}
	if e.Attachment != nil {
		return e.Attachment.Validate(e.Ref)
	}
	return nil
}

// knownRole reports whether r is one of the incident roles.
func knownRole(r Role) bool {
	return slices.Contains([]Role{RoleIC, RoleScribe, RoleCommsLead, RoleTechLead}, r)
}

// Validate checks an earlier version of entry ref.
func (v RecordRevision) Validate(ref int) error {
	switch {
	case !slices.Contains(Kinds, v.Kind):
		return recordDamaged("a revision of entry %d has the unknown kind %q", ref, v.Kind)
	case v.OccurredAt.IsZero() || v.RevisedAt.IsZero():
		return recordDamaged("a revision of entry %d has no time", ref)
	case max(len(v.Text), len(v.Raw)) > MaxEntryBytes:
		return recordDamaged("a revision of entry %d is over %d KiB", ref, MaxEntryBytes/1024)
	}
	return nil
}

// Validate checks the file of entry ref against its own size and checksum.
// What the bytes hold (an image of the size it says, or text) is the
// store's to judge, by the rules it applies to a file pasted in.
func (a *RecordAttachment) Validate(ref int) error {
	sum := sha256.Sum256(a.Data)
	switch {
	case a.CreatedAt.IsZero():
		return recordDamaged("the attachment of entry %d has no time", ref)
	case len(a.Data) > MaxAttachmentBytes:
		return recordDamaged("the attachment of entry %d (%q) is larger than an attachment can be", ref, a.Name)
	case int64(len(a.Data)) != a.Size:
		return recordDamaged("the attachment of entry %d (%q) is %d bytes, not the %d it should be", ref, a.Name, len(a.Data), a.Size)
	case hex.EncodeToString(sum[:]) != a.SHA256:
		return recordDamaged("the attachment of entry %d (%q) does not match its checksum", ref, a.Name)
	}
	return nil
}

// Validate checks an action's state and change time.
func (a RecordAction) Validate() error {
	switch {
	case !slices.Contains([]ActionState{ActionAsked, ActionAcknowledged, ActionDone, ActionAbandoned}, a.State):
		return recordDamaged("the action of entry %d is %q", a.Entry, a.State)
	case a.UpdatedAt.IsZero():
		return recordDamaged("the action of entry %d has no change time", a.Entry)
	}
	return nil
}

// Validate checks the state an action event moves its action to.
func (ev RecordActionEvent) Validate() error {
	if !slices.Contains([]string{"asked", "acknowledged", "done", "abandoned", "checkin"}, string(ev.State)) {
		return recordDamaged("entry %d records an action becoming %q", ev.Entry, ev.State)
	}
	return nil
}

// Validate checks a status update's audience.
func (u RecordStatusUpdate) Validate() error {
	if !u.Audience.Valid() {
		return recordDamaged("the status update of entry %d is for the unknown audience %q", u.Entry, u.Audience)
	}
	return nil
}

// Validate checks a watch's length and change time.
func (w RecordWatch) Validate() error {
	if w.Minutes < 0 || w.UpdatedAt.IsZero() {
		return recordDamaged("the watch of entry %d lasts %d minutes or has no change time", w.StartEntry, w.Minutes)
	}
	return nil
}

// Validate checks the security flag and checklist; nil (none) is valid.
func (s *RecordSecurity) Validate() error {
	if s == nil {
		return nil
	}
	if s.UpdatedAt.IsZero() && (s.Flagged || s.BecameAwareAt != nil) {
		return recordDamaged("the security flag has no change time")
	}
	items := map[string]bool{}
	for _, c := range s.Checklist {
		if c.Item == "" || len(c.Item) > 200 || items[c.Item] {
			return recordDamaged("the security checklist names item %q twice or not at all", c.Item)
		}
		items[c.Item] = true
	}
	return nil
}

// Validate checks that a page names a person, a level, a state and a time.
func (p RecordPage) Validate() error {
	if p.Person == "" || p.Level < 1 || p.PagedAt.IsZero() ||
		!slices.Contains([]PageState{PagePaged, PageJoined, PageNoAnswer}, p.State) {
		return recordDamaged("a page of %q (level %d, %q) is incomplete", p.Person, p.Level, p.State)
	}
	return nil
}

// Validate checks that a reminder is named.
func (m RecordReminder) Validate() error {
	if m.Key == "" || len(m.Key) > 200 {
		return recordDamaged("a reminder has the name %q, empty or too long to be real", m.Key)
	}
	return nil
}
