package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"bridgelog/backend"
)

// writeMarkdown writes the timeline as GitHub-flavoured Markdown: a header
// describing the whole incident, then one table row per entry in scope.
// Every piece of user text goes through mdText, so nothing typed during a
// call can break the table, become a link or reach a renderer as HTML.
func writeMarkdown(ctx context.Context, w io.Writer, v *View) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b := bufio.NewWriter(w)
	writeMarkdownHeader(b, v)
	writeMarkdownTable(b, v)
	// A failed write is the destination's error; WriteFile says what it
	// means for a file.
	return b.Flush()
}

func writeMarkdownHeader(b *bufio.Writer, v *View) {
	inc := v.Incident
	fmt.Fprintf(b, "# %s\n\n", mdText(inc.Title))
	if inc.Severity != "" {
		fmt.Fprintf(b, "- **Severity:** %s\n", mdText(string(inc.Severity)))
		for _, s := range v.Severities {
			if s.AfterEnd {
				fmt.Fprintf(b, "  - %s from %s, set after resolving\n", s.Severity, v.Stamp(s.From))
				continue
			}
			fmt.Fprintf(b, "  - %s from %s for %s\n", s.Severity, v.Stamp(s.From), severityLasted(s))
		}
	}
	if inc.Phase != "" {
		fmt.Fprintf(b, "- **Phase:** %s\n", mdText(string(inc.Phase)))
		for _, p := range v.Phases {
			fmt.Fprintf(b, "  - %s at %s\n", p.Phase, v.Stamp(p.At))
		}
	}
	for _, t := range []struct {
		label string
		at    time.Time
	}{{"Detected", inc.DetectedAt}, {"Declared", inc.DeclaredAt}, {"Mitigated", inc.MitigatedAt}, {"Resolved", inc.ResolvedAt}} {
		switch {
		case t.at.IsZero():
		case t.label == "Declared":
			fmt.Fprintf(b, "- **%s:** %s\n", t.label, mdText(v.anchorBoth(t.at)))
		default:
			fmt.Fprintf(b, "- **%s:** %s\n", t.label, mdText(v.bothZones(t.at)))
		}
	}
	if impact := v.headerImpact(); impact != "" {
		fmt.Fprintf(b, "- **Impact:** %s\n", mdText(impact))
	}
	if len(v.Roles) > 0 {
		b.WriteString("- **Roles:**\n")
		for _, r := range v.Roles {
			fmt.Fprintf(b, "  - %s\n", mdText(roleShiftText(v, r)))
		}
	}
	if scope := scopeText(v); scope != "" {
		fmt.Fprintf(b, "- **Shown:** %s\n", mdText(scope))
	}
	for _, c := range v.TimeChecks() {
		fmt.Fprintf(b, "- **Check the times:** %s\n", mdText(c))
	}
	if !v.Opts.Now.IsZero() {
		fmt.Fprintf(b, "- **Exported:** %s\n", mdText(v.bothZones(v.Opts.Now)))
	}
	b.WriteString("\n")
}

func writeMarkdownTable(b *bufio.Writer, v *View) {
	local := v.showsLocal()
	b.WriteString("## Timeline\n\n")
	if len(v.Rows) == 0 {
		b.WriteString("No entries in this range.\n")
		return
	}
	if local {
		fmt.Fprintf(b, "| Time (UTC) | Local (%s) | Kind | Entry | By |\n|---|---|---|---|---|\n", mdText(v.ZoneName))
	} else {
		b.WriteString("| Time (UTC) | Kind | Entry | By |\n|---|---|---|---|\n")
	}
	for _, r := range v.Rows {
		b.WriteString("| " + r.UTC + " | ")
		if local {
			b.WriteString(r.Local + " | ")
		}
		b.WriteString(mdText(kindLabel(r.Entry.Kind)) + " | " + mdEntryCell(v, r) + " | " + mdText(r.By) + " |\n")
	}
}

// mdEntryCell is the Entry cell: a star for a key moment, the text, the
// attachment, the other flags, and, with History, the earlier versions.
func mdEntryCell(v *View, r Row) string {
	var b strings.Builder
	if r.Entry.Key {
		b.WriteString("★ ")
	}
	b.WriteString(mdText(entryText(v, r)))
	if r.Attachment != nil {
		b.WriteString(" " + mdAttachment(v, r))
	}
	var flags []string
	for _, f := range r.Flags {
		if f != "key" {
			flags = append(flags, f)
		}
	}
	if len(flags) > 0 {
		b.WriteString(" *(" + mdText(strings.Join(flags, ", ")) + ")*")
	}
	for _, rev := range r.Revisions {
		text := rev.Text
		if v.Opts.External {
			text = redactNames(text)
		}
		b.WriteString(" — was: " + mdText(text) + " *(" + mdText(revisionNote(v, r, rev)) + ")*")
	}
	return b.String()
}

// mdAttachment links an attachment written beside the Markdown file: an
// image shows inline, any other file is a link. Without an assets folder
// (the clipboard) there is nothing to link to, so only the name is shown.
func mdAttachment(v *View, r Row) string {
	a := r.Attachment
	path := v.AssetPath(r)
	if path == "" {
		return "*(file: " + mdText(a.Name) + ")*"
	}
	if strings.HasPrefix(a.MIME, "image/") {
		return "![" + mdText(a.Name) + "](" + urlPath(path) + ")"
	}
	return "[" + mdText(a.Name) + "](" + urlPath(path) + ")"
}

// revisionNote says what an earlier version was and when it changed.
func revisionNote(v *View, r Row, rev backend.Revision) string {
	note := "changed " + v.Stamp(rev.RevisedAt)
	if !rev.OccurredAt.Equal(r.Entry.OccurredAt) {
		note = "at " + v.Stamp(rev.OccurredAt) + ", " + note
	}
	if rev.Kind != r.Entry.Kind {
		note = kindLabel(rev.Kind) + ", " + note
	}
	return note
}

// entryText is what an entry says, with the details its kind keeps apart
// from the text (the new severity, phase, role holder, action owner and
// check-in) put back in words. It is plain text: each format escapes it.
func entryText(v *View, r Row) string {
	e, text := r.Entry, r.Text
	join := func(head string) string {
		if text == "" {
			return head
		}
		return head + " — " + text
	}
	switch e.Kind {
	case backend.KindSeverity:
		if e.Severity != "" && !strings.Contains(text, string(e.Severity)) {
			return join(string(e.Severity))
		}
	case backend.KindPhase:
		if e.Phase != "" {
			return join(string(e.Phase))
		}
	case backend.KindRole:
		// An external row already reads "Incident Commander changed".
		if !v.Opts.External && e.Role != "" {
			return backend.RoleLabel(e.Role) + ": " + text
		}
	case backend.KindAction:
		if !v.Opts.External && e.Owner != "" {
			text = "@" + e.Owner + " " + text
		}
		if e.CheckIn > 0 {
			text += fmt.Sprintf(" (check in after %s)", humanDuration(time.Duration(e.CheckIn)*time.Minute))
		}
	}
	return text
}

// headerImpact is the incident's current impact; an external export names
// no people there either.
func (v *View) headerImpact() string {
	if v.Opts.External {
		return redactNames(v.Incident.Impact)
	}
	return v.Incident.Impact
}

// roleShiftText is "Incident Commander: Priya, 22:10:00 UTC to 23:20:00 UTC";
// an external export leaves the name out.
func roleShiftText(v *View, r RoleShift) string {
	s := r.Label
	if r.Person != "" {
		s += ": " + r.Person + ","
	}
	s += " from " + v.Stamp(r.From)
	if !r.To.IsZero() {
		s += " to " + v.Stamp(r.To)
	}
	return s
}

// scopeText says what the timeline leaves out or adds, so a reader of a
// partial export knows it is partial.
func scopeText(v *View) string {
	var parts []string
	o := v.Opts
	switch {
	case !o.From.IsZero() && !o.To.IsZero():
		parts = append(parts, "entries from "+v.Stamp(o.From)+" to "+v.Stamp(o.To))
	case !o.From.IsZero():
		parts = append(parts, "entries from "+v.Stamp(o.From))
	case !o.To.IsZero():
		parts = append(parts, "entries up to "+v.Stamp(o.To))
	}
	if o.External {
		parts = append(parts, "external version: no internal entries and no names")
	}
	if o.History {
		parts = append(parts, "earlier versions and hidden entries included")
	}
	return strings.Join(parts, "; ")
}

// showsLocal reports whether a local time column adds anything to UTC.
func (v *View) showsLocal() bool {
	return v.Zone != time.UTC && v.ZoneName != "UTC"
}

// bothZones is "2026-11-21 22:10:00 UTC (23:10:00 Europe/Berlin)".
func (v *View) bothZones(t time.Time) string {
	s := v.Stamp(t)
	if v.showsLocal() {
		s += " (" + v.stamp(t, v.Zone) + " " + v.ZoneName + ")"
	}
	return s
}

var kindLabels = map[backend.Kind]string{backend.KindFollowUp: "follow-up"}

// kindLabel names a kind for people; the machine formats keep the code.
func kindLabel(k backend.Kind) string {
	if l, ok := kindLabels[k]; ok {
		return l
	}
	return string(k)
}

// bareURLRe finds http(s) URLs, which GitHub and most renderers link by
// themselves. Escaping inside them would put backslashes into the link, so
// they are kept as typed. The characters that end them here are the ones
// mdText must always escape, and *, which renderers do not agree to keep in
// a link and which could otherwise start emphasis.
var bareURLRe = regexp.MustCompile("https?://[^\\s<>|\\[\\]`\\\\*]+")

// entityRe finds an HTML character reference, which a renderer would decode
// even inside a bare URL.
var entityRe = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});`)

// mdLinkRe finds a named link typed in Markdown, "[runbook](https://...)".
// Its destination is an http(s) URL with no space, no table pipe and no
// bracket, backquote or backslash; one level of balanced parentheses may
// appear in it, as in a wiki page's name.
var mdLinkRe = regexp.MustCompile("\\[([^\\[\\]]+)\\]\\((https?://(?:[^\\s()<>|\\[\\]`\\\\]|\\([^\\s()<>|\\[\\]`\\\\]*\\))+)\\)")

// mdText makes user text inert in a Markdown table cell, list item or
// heading (always within one line):
//   - line breaks become " ⏎ ": a table row cannot hold a line break, and
//     <br> would be raw HTML, which many renderers drop or sanitise;
//   - \ ` * _ ~ [ ] < > & | get a backslash: no emphasis, code span,
//     strikethrough, link, image, autolink, raw HTML, character reference or
//     table cell can start in the text;
//   - a # that opens the text or a closing run of #s is escaped, so a
//     heading keeps it, and so is the colon of any "://" outside an http(s)
//     URL, so no renderer links another scheme;
//   - ( ) ! . - + are left alone: without an unescaped [ they cannot open a
//     link or an image, and escaping them would spoil pasted URLs and
//     the raw file's readability.
//
// Two things typed stay links, since a reader should be able to follow
// them: a bare http(s) URL, kept as typed (see bareURLRe), and a named link
// "[text](https://...)" to an http(s) URL (see mdLinkRe), whose text is
// escaped like any other. No other scheme, javascript: included, can become
// a link, and an image "![alt](https://...)" stays text: an export never
// loads anything from the network.
func mdText(s string) string {
	s = strings.TrimSpace(backend.CleanText(s))
	if s == "" {
		return ""
	}
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ⏎ ")), " ")
	var b strings.Builder
	last := 0
	for _, m := range mdLinkRe.FindAllStringSubmatchIndex(s, -1) {
		label, url := s[m[2]:m[3]], s[m[4]:m[5]]
		if m[0] > 0 && s[m[0]-1] == '!' || strings.TrimSpace(label) == "" || entityRe.MatchString(url) {
			continue
		}
		mdPlainTo(&b, s[last:m[0]], last == 0, false)
		b.WriteString("[")
		mdEscapeTo(&b, label, false, false)
		b.WriteString("](" + url + ")")
		last = m[1]
	}
	mdPlainTo(&b, s[last:], last == 0, true)
	return b.String()
}

// mdPlainTo writes text that holds no named link: bare URLs as typed, the
// rest escaped. first and final say whether s opens or closes the whole text.
func mdPlainTo(b *strings.Builder, s string, first, final bool) {
	last := 0
	for _, m := range bareURLRe.FindAllStringIndex(s, -1) {
		end := m[1]
		if loc := entityRe.FindStringIndex(s[m[0]:end]); loc != nil {
			end = m[0] + loc[0]
		}
		mdEscapeTo(b, s[last:m[0]], first && last == 0, false)
		b.WriteString(s[m[0]:end])
		last = end
	}
	mdEscapeTo(b, s[last:], first && last == 0, final)
}

// mdEscapeTo writes s with Markdown's inline punctuation escaped; first and
// final say whether s opens or closes the whole text.
func mdEscapeTo(b *strings.Builder, s string, first, final bool) {
	trailing := len(s)
	if final {
		trailing = len(strings.TrimRight(s, "#"))
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '~', '[', ']', '<', '>', '&', '|':
			b.WriteByte('\\')
		case '#':
			if (i == 0 && first) || i == trailing {
				b.WriteByte('\\')
			}
		case ':':
			// Bare http(s) URLs never reach here; any other "scheme://"
			// (ftp://, or a URL inside a link's text) must not be linked by
			// a renderer that links more schemes than GitHub does.
			if strings.HasPrefix(s[i:], "://") {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(c)
	}
}

// urlPath percent-encodes a relative path for a Markdown link destination:
// only unreserved characters and slashes stay, so spaces, parentheses and
// ampersands in a chosen file name cannot end or change the link.
func urlPath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
