package export

import (
	"io"
	"regexp"
	"strings"
	"time"

	"bridgelog/backend"
)

// writeChat writes text to paste or post into Slack or Teams: one status
// update when Opts.Status names one, else the timeline, a line per entry.
// It is plain text with Slack's *bold* and _italic_ for the few labels;
// nothing is cut, since the record must stay whole (Slack splits or folds
// very long messages by itself).
func writeChat(w io.Writer, v *View) error {
	var b strings.Builder
	if v.Opts.Status != 0 {
		if err := chatStatus(&b, v); err != nil {
			return err
		}
	} else {
		chatTimeline(&b, v)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// chatStatus writes one status update as a message:
//
//	*Status update — EU logins failing (SEV1)*
//	SEV1: rollback under way, next update 23:30
//	_Sent 23:05 UTC (00:05 CET) · next update by 23:30 UTC (00:30 CET)_
func chatStatus(b *strings.Builder, v *View) error {
	u, err := v.chatUpdate()
	if err != nil {
		return err
	}
	b.WriteString("*Status update — " + slackText(v.Incident.Title))
	if sev := v.severityAt(u.SentAt); sev != "" {
		b.WriteString(" (" + string(sev) + ")")
	}
	b.WriteString("*\n")
	chatLines(b, slackText(u.Text), "")
	b.WriteString("_Sent " + v.chatTime(u.SentAt))
	if !u.NextAt.IsZero() {
		b.WriteString(" · next update by " + v.chatTime(u.NextAt))
	}
	b.WriteString("_\n")
	return nil
}

// chatUpdate finds the status update Opts.Status names, with its text as
// this export may show it.
func (v *View) chatUpdate() (backend.StatusUpdate, error) {
	id := v.Opts.Status
	for _, m := range v.Updates {
		if m.Update.EntryID == id {
			u := m.Update
			u.Text = m.Text
			return u, nil
		}
	}
	for _, u := range v.report.Updates {
		if u.EntryID == id {
			return u, backend.Errorf(backend.EINVALID,
				"That status update went to internal stakeholders: turn off the external version to copy it")
		}
	}
	// A typed status: line is a status update with no audience or promise.
	for _, e := range v.report.Entries {
		if e.ID != id || e.Kind != backend.KindStatus || !e.DeletedAt.IsZero() {
			continue
		}
		if e.Internal && v.Opts.External {
			return backend.StatusUpdate{}, backend.Errorf(backend.EINVALID,
				"That status update is internal only: turn off the external version to copy it")
		}
		return backend.StatusUpdate{EntryID: e.ID, SentAt: e.OccurredAt, Text: v.row(e).Text}, nil
	}
	return backend.StatusUpdate{}, backend.Errorf(backend.ENOTFOUND,
		"There is no status update %d in this incident: choose one from the list of updates sent", id)
}

// severityAt is the incident's severity at t, from its severity history.
func (v *View) severityAt(t time.Time) backend.Severity {
	sev := v.Incident.Severity
	for i, s := range v.Severities {
		if i == 0 || !s.From.After(t) {
			sev = s.Severity
		}
	}
	return sev
}

// chatTimeline writes a header and one line per entry:
//
//	22:40 UTC (23:40 CET)  [decision] ★ roll back to v40 — Sam
func chatTimeline(b *strings.Builder, v *View) {
	inc := v.Incident
	b.WriteString("*Timeline — " + slackText(inc.Title) + "*\n")
	var facts []string
	if inc.Severity != "" {
		facts = append(facts, string(inc.Severity))
	}
	if inc.Phase != "" {
		facts = append(facts, string(inc.Phase))
	}
	facts = append(facts, "declared "+v.chatAnchor(inc.DeclaredAt))
	if !inc.ResolvedAt.IsZero() {
		facts = append(facts, "resolved "+v.chatTime(inc.ResolvedAt))
	}
	if scope := scopeText(v); scope != "" {
		facts = append(facts, scope)
	}
	b.WriteString("_" + slackText(strings.Join(facts, " · ")) + "_\n")
	if len(v.Rows) == 0 {
		b.WriteString("No entries in this range.\n")
		return
	}
	for _, r := range v.Rows {
		head := v.chatTime(r.Entry.OccurredAt) + "  [" + slackText(kindLabel(r.Entry.Kind)) + "] "
		if r.Entry.Key {
			head += "★ "
		}
		text := slackText(entryText(v, r))
		if r.Attachment != nil {
			text += " (file: " + slackText(r.Attachment.Name) + ")"
		}
		if r.By != "" {
			text += " — " + slackText(r.By)
		}
		var flags []string
		for _, f := range r.Flags {
			if f != "key" {
				flags = append(flags, f)
			}
		}
		if len(flags) > 0 {
			text += " _(" + slackText(strings.Join(flags, ", ")) + ")_"
		}
		chatLines(b, text, head)
	}
}

// chatLines writes text after head; the lines after its first are indented
// so a multi-line entry still reads as one.
func chatLines(b *strings.Builder, text, head string) {
	lines := strings.Split(text, "\n")
	b.WriteString(head + lines[0] + "\n")
	for _, l := range lines[1:] {
		b.WriteString("    " + l + "\n")
	}
}

// chatTime is "22:10 UTC (23:10 CET)", with the date when the time must
// carry one (see View.dated), and the local date too when it differs from
// UTC's or UTC's is not shown.
func (v *View) chatTime(t time.Time) string {
	u := t.UTC()
	layout := func(dated bool) string {
		if dated {
			return "2006-01-02 15:04"
		}
		return "15:04"
	}
	utcDated := v.dated(t, time.UTC)
	s := u.Format(layout(utcDated)) + " UTC"
	if v.showsLocal() {
		l := t.In(v.Zone)
		localDated := v.dated(t, v.Zone) && (!utcDated || l.Format(time.DateOnly) != u.Format(time.DateOnly))
		s += " (" + l.Format(layout(localDated)+" MST") + ")"
	}
	return s
}

// chatAnchor is the declaration with its date, in UTC and the local zone:
// it anchors the day of undated rows.
func (v *View) chatAnchor(t time.Time) string {
	u, l := t.UTC(), t.In(v.Zone)
	s := u.Format("2006-01-02 15:04") + " UTC"
	if v.showsLocal() {
		layout := "15:04 MST" // the same day: said once
		if l.Format(time.DateOnly) != u.Format(time.DateOnly) {
			layout = "2006-01-02 15:04 MST"
		}
		s += " (" + l.Format(layout) + ")"
	}
	return s
}

var (
	// broadcastRe finds mentions that would notify a whole channel or team.
	broadcastRe = regexp.MustCompile(`(?i)@(channel|here|everyone)\b`)
)

// slackText makes user text safe to paste into Slack's or Teams' message box.
// The box takes pasted text literally, so <, > and & stay as typed (entities
// would show as "&amp;"): a pasted "<!channel>" is text, not a mention. What
// the box does act on is a typed @channel, @here or @everyone, so those get a
// word joiner (U+2060, invisible) after the @ and never ping a whole channel.
func slackText(s string) string {
	return broadcastRe.ReplaceAllString(backend.CleanText(s), "@\u2060$1")
}
