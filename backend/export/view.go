package export

import (
	"cmp"
	"context"
	"slices"
	"time"

	"bridgelog/backend"
)

// View is one incident prepared for export under one set of Options. Every
// format renders a View; none reads the Report directly, so a scope or a
// redaction is applied in one place.
type View struct {
	Opts     Options
	Incident *backend.Incident
	// Zone is the local zone shown beside UTC, and ZoneName its name ("UTC"
	// when none was chosen): the IANA name, or the UTC offset for the
	// computer's own zone, whose name is not known.
	Zone     *time.Location
	ZoneName string
	// MultiDay is true when the incident (first to last entry) or the rows
	// span more than one date in UTC or in the local zone: every time then
	// carries its date (see view_time.go).
	MultiDay bool
	// Rows are the entries in scope, in time order.
	Rows []Row
	// Start and End bound the incident: declared (or detected, if earlier)
	// to resolved, or to the last entry or Now while it is still open.
	Start, End time.Time

	Severities []SeveritySpan
	Phases     []PhaseMark
	Roles      []RoleShift
	Updates    []UpdateMark
	Actions    []backend.Action
	FollowUps  []FollowUp
	Factors    []Row
	Pages      []backend.Page
	Security   backend.Security

	report *backend.Report
}

// Row is one entry as an export shows it.
type Row struct {
	Entry *backend.Entry
	// Text and By are the entry's text and author, with names dropped in an
	// external export.
	Text string
	By   string
	// UTC and Local are the entry's time, with the date when MultiDay (or
	// when it falls outside the incident's one day).
	UTC, Local string
	// Flags name what else is true of the entry: key, internal, edited,
	// hidden, and the chat it was imported from.
	Flags []string
	// Revisions are its earlier versions, when Options.History.
	Revisions  []backend.Revision
	Attachment *backend.Attachment
}

// SeveritySpan is a stretch of time at one severity; To is the end of the
// incident for the last one. To is never before From: a severity set after
// the incident ended lasts no time.
type SeveritySpan struct {
	Severity backend.Severity
	From, To time.Time
	// AfterEnd is true for a severity set after the incident was resolved.
	AfterEnd bool
}

// PhaseMark is the incident entering a phase.
type PhaseMark struct {
	Phase backend.Phase
	At    time.Time
}

// RoleShift is a person holding a role; To is zero while it lasts. Person is
// empty in an external export.
type RoleShift struct {
	Role     backend.Role
	Label    string
	Person   string
	From, To time.Time
}

// UpdateMark is a status update that went out, and whether it kept the
// promise made by the one before it.
type UpdateMark struct {
	Update backend.StatusUpdate
	Text   string
	// Due is the time the previous update promised this one; zero if none.
	Due time.Time
	// Late is how far past Due it went out (0 when on time or no promise).
	Late time.Duration
}

// FollowUp is a corrective action from a todo: entry: "@sam alert on queue
// depth due 2026-12-04" gives Owner "sam" and Due "2026-12-04".
type FollowUp struct {
	Row
	Owner, Due, What string
}

// NewView prepares rep for export under opts. Entries are read in the order
// things happened, whatever order they were typed in: a scribe who starts
// late backdates, and the severity history, phases and rows must follow the
// occurred times.
func NewView(rep *backend.Report, opts Options) *View {
	rep = inTimeOrder(rep)
	v := &View{Opts: opts, Incident: rep.Incident, report: rep,
		Actions: rep.Actions, Pages: rep.Pages, Security: rep.Security}
	v.bounds(rep)
	for _, e := range rep.Entries {
		if !v.inScope(e) {
			continue
		}
		v.Rows = append(v.Rows, v.row(e))
	}
	v.setZone(opts.Zone)
	for i := range v.Rows {
		t := v.Rows[i].Entry.OccurredAt
		v.Rows[i].UTC, v.Rows[i].Local = v.stamp(t, time.UTC), v.stamp(t, v.Zone)
	}
	v.Severities = severitySpans(rep.Entries, v.End, !rep.Incident.ResolvedAt.IsZero())
	v.Phases = phaseMarks(rep.Entries)
	v.Roles = v.roleShifts(rep.Roles)
	v.Updates = v.updateMarks(rep.Updates)
	if opts.External {
		// Customers see no internal details: no delegated actions, no pages,
		// and an impact summary without names. Edit history stays internal.
		v.Actions = nil
		v.Pages = nil
		inc := *rep.Incident
		inc.Impact = redactNames(inc.Impact)
		v.Incident = &inc
	}
	for _, r := range v.Rows {
		switch r.Entry.Kind {
		case backend.KindFollowUp:
			v.FollowUps = append(v.FollowUps, followUp(r))
		case backend.KindFactor:
			v.Factors = append(v.Factors, r)
		}
	}
	return v
}

// inTimeOrder returns rep with its entries in occurred-time order, then
// creation order, and its actions and pages by when they were asked and
// sent. The store already reads entries that way; a report built elsewhere
// (an import, a test) may not, and everything derived here depends on it.
func inTimeOrder(rep *backend.Report) *backend.Report {
	sorted := *rep
	sorted.Entries = slices.Clone(rep.Entries)
	slices.SortStableFunc(sorted.Entries, func(a, b *backend.Entry) int {
		return cmp.Or(a.OccurredAt.Compare(b.OccurredAt), cmp.Compare(a.UID, b.UID), cmp.Compare(a.ID, b.ID))
	})
	sorted.Actions = slices.Clone(rep.Actions)
	slices.SortStableFunc(sorted.Actions, func(a, b backend.Action) int { return a.AskedAt.Compare(b.AskedAt) })
	sorted.Pages = slices.Clone(rep.Pages)
	slices.SortStableFunc(sorted.Pages, func(a, b backend.Page) int { return a.PagedAt.Compare(b.PagedAt) })
	return &sorted
}

// bounds sets Start and End: the whole incident, not only the scope.
func (v *View) bounds(rep *backend.Report) {
	inc := rep.Incident
	v.Start = inc.DeclaredAt
	if !inc.DetectedAt.IsZero() && inc.DetectedAt.Before(v.Start) {
		v.Start = inc.DetectedAt
	}
	v.End = inc.ResolvedAt
	for _, e := range rep.Entries {
		if !e.DeletedAt.IsZero() {
			continue
		}
		if e.OccurredAt.Before(v.Start) {
			v.Start = e.OccurredAt
		}
		if inc.ResolvedAt.IsZero() && e.OccurredAt.After(v.End) {
			v.End = e.OccurredAt
		}
	}
	if inc.ResolvedAt.IsZero() && v.Opts.Now.After(v.End) {
		v.End = v.Opts.Now
	}
	if v.End.Before(v.Start) {
		v.End = v.Start
	}
}

// inScope reports whether an entry belongs in the timeline under the options.
func (v *View) inScope(e *backend.Entry) bool {
	switch {
	case !e.DeletedAt.IsZero() && !v.Opts.History:
		return false
	case e.Internal && v.Opts.External:
		return false
	case !v.Opts.From.IsZero() && e.OccurredAt.Before(v.Opts.From):
		return false
	case !v.Opts.To.IsZero() && e.OccurredAt.After(v.Opts.To):
		return false
	}
	return true
}

func (v *View) row(e *backend.Entry) Row {
	r := Row{Entry: e, Text: e.Text, By: e.Author}
	if v.Zone != nil {
		// NewView stamps its own rows once it knows the zone and the days.
		r.UTC, r.Local = v.stamp(e.OccurredAt, time.UTC), v.stamp(e.OccurredAt, v.Zone)
	}
	if v.Opts.External {
		r.Text, r.By = externalText(e), backend.RoleLabel(e.AuthorRole)
		if e.AuthorRole == "" {
			r.By = ""
		}
	}
	if e.Key {
		r.Flags = append(r.Flags, "key")
	}
	if e.Internal {
		r.Flags = append(r.Flags, "internal")
	}
	if e.Revisions > 0 {
		r.Flags = append(r.Flags, "edited")
	}
	if !e.DeletedAt.IsZero() {
		r.Flags = append(r.Flags, "hidden")
	}
	if e.Source != "" {
		r.Flags = append(r.Flags, "from "+e.Source)
	}
	if v.Opts.History && !v.Opts.External {
		r.Revisions = v.report.Revisions[e.ID]
	}
	if a, ok := v.report.Attachments[e.ID]; ok {
		r.Attachment = &a
	} else if e.Attachment != nil {
		r.Attachment = e.Attachment
	}
	return r
}

// severitySpans reads the severity history from the visible severity
// entries, which are in time order.
func severitySpans(entries []*backend.Entry, end time.Time, resolved bool) []SeveritySpan {
	var spans []SeveritySpan
	for _, e := range entries {
		if e.Kind != backend.KindSeverity || !e.DeletedAt.IsZero() || !e.Severity.Valid() {
			continue
		}
		if n := len(spans); n > 0 {
			if spans[n-1].Severity == e.Severity {
				continue
			}
			// A change set after the resolution does not stretch the
			// severity before it past the end of the incident.
			spans[n-1].To = e.OccurredAt
			if resolved && e.OccurredAt.After(end) {
				spans[n-1].To = maxTime(end, spans[n-1].From)
			}
		}
		spans = append(spans, SeveritySpan{Severity: e.Severity, From: e.OccurredAt, To: maxTime(end, e.OccurredAt),
			AfterEnd: resolved && e.OccurredAt.After(end)})
	}
	return spans
}

// phaseMarks lists every phase change in time order.
func phaseMarks(entries []*backend.Entry) []PhaseMark {
	var marks []PhaseMark
	for _, e := range entries {
		if e.Kind == backend.KindPhase && e.DeletedAt.IsZero() && e.Phase.Valid() {
			if n := len(marks); n > 0 && marks[n-1].Phase == e.Phase {
				continue
			}
			marks = append(marks, PhaseMark{Phase: e.Phase, At: e.OccurredAt})
		}
	}
	return marks
}

func (v *View) roleShifts(roles []backend.RoleAssignment) []RoleShift {
	shifts := make([]RoleShift, 0, len(roles))
	for _, r := range roles {
		s := RoleShift{Role: r.Role, Label: backend.RoleLabel(r.Role), Person: r.Person, From: r.From, To: r.To}
		if v.Opts.External {
			s.Person = ""
		}
		shifts = append(shifts, s)
	}
	slices.SortStableFunc(shifts, func(a, b RoleShift) int { return a.From.Compare(b.From) })
	return shifts
}

// updateMarks pairs each status update with the promise of the one before it
// to the same audience. External exports list only external updates.
func (v *View) updateMarks(updates []backend.StatusUpdate) []UpdateMark {
	sorted := slices.Clone(updates)
	slices.SortStableFunc(sorted, func(a, b backend.StatusUpdate) int { return a.SentAt.Compare(b.SentAt) })
	promised := map[backend.Audience]time.Time{}
	var marks []UpdateMark
	for _, u := range sorted {
		if v.Opts.External && u.Audience != backend.AudienceExternal {
			continue
		}
		m := UpdateMark{Update: u, Text: u.Text, Due: promised[u.Audience]}
		if v.Opts.External {
			m.Text = redactNames(u.Text)
		}
		if !m.Due.IsZero() && u.SentAt.After(m.Due) {
			m.Late = u.SentAt.Sub(m.Due)
		}
		// A next time before this update went out is no promise (a typing
		// slip or a backdated update); counting it would make the next
		// update late by more than the incident lasted.
		promised[u.Audience] = time.Time{}
		if u.NextAt.After(u.SentAt) {
			promised[u.Audience] = u.NextAt
		}
		marks = append(marks, m)
	}
	return marks
}

// AttachmentData returns the bytes of an attachment in the view.
func (v *View) AttachmentData(ctx context.Context, a *backend.Attachment) ([]byte, error) {
	if v.report.AttachmentData == nil {
		return nil, backend.Errorf(backend.EINTERNAL, "The attachment %s cannot be read here", a.Name)
	}
	return v.report.AttachmentData(ctx, a.ID)
}

// KeyRows returns the key moments, decisions, mitigations and phase changes:
// the review's "major steps".
func (v *View) KeyRows() []Row {
	var out []Row
	for _, r := range v.Rows {
		if !r.Entry.DeletedAt.IsZero() {
			continue
		}
		switch {
		case r.Entry.Key, r.Entry.Kind == backend.KindDecision, r.Entry.Kind == backend.KindMitigation,
			r.Entry.Kind == backend.KindPhase, r.Entry.Kind == backend.KindSeverity:
			out = append(out, r)
		}
	}
	return out
}

// sortRows keeps rows in time order, then creation order, for formats that
// merge rows from several places.
func sortRows(rows []Row) {
	slices.SortStableFunc(rows, func(a, b Row) int {
		return cmp.Or(a.Entry.OccurredAt.Compare(b.Entry.OccurredAt), cmp.Compare(a.Entry.UID, b.Entry.UID), cmp.Compare(a.Entry.ID, b.Entry.ID))
	})
}
