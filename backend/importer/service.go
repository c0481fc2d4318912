package importer

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"bridgelog/backend"
)

// Size limits of the files read. A chat log is text a person could read;
// an incident record carries its screenshots (up to 10 MB each), in base64.
const (
	MaxImportFileBytes = DefaultMaxBytes
	MaxRecordBytes     = 512 << 20
)

// Service brings chat logs and incident records in, for the window and the
// command line. Preview parses a file for the person to pick messages;
// Import parses it again and adds the picked ones, so nothing is held
// between the two calls.
type Service struct {
	Records   backend.RecordService
	Incidents backend.IncidentService
	// Keys says which messages an incident already holds (the preview's
	// "already imported"); nil marks none.
	Keys SourceKeys
	// MaxMessages is the most messages one import takes (the store's limit);
	// 0 is no limit.
	MaxMessages int
	// Clock says when now is, for messages dated after it; nil is the
	// system clock.
	Clock backend.Clock
	// Location is the scribe's zone, for a request that names none: a Zoom
	// saved chat is placed on the declaration's day there, and the preview
	// quotes times in it. Nil is time.Local.
	Location *time.Location
}

// SourceKeys finds the chat messages an incident already holds.
type SourceKeys interface {
	ExistingSourceKeys(ctx context.Context, incidentID int64, keys []string) (map[string]bool, error)
}

// Request names the file and what the file itself does not say.
type Request struct {
	IncidentID int64  `json:"incidentId"`
	Path       string `json:"path"` // a file, a Slack export folder, or a .zip
	// Day is the date of a Zoom saved chat, YYYY-MM-DD; "" is the date in
	// the file's folder name, else the incident's declared day in Zone.
	Day string `json:"day"`
	// RecordingStart is when a Zoom cloud recording started, as a wall
	// clock time in Zone: "2026-11-21T14:00" or "2026-11-21T14:00:05".
	RecordingStart string `json:"recordingStart"`
	Zone           string `json:"zone"`    // IANA name; "" is the scribe's zone
	Channel        string `json:"channel"` // Slack: the channel, when the export has several
	// From chooses messages by time: "all" (or ""), "declared" for those from
	// the declaration on, "detected" for those from the detection on.
	From string `json:"from"`
}

// PreviewMessage is one message as the import preview lists it.
type PreviewMessage struct {
	Index    int    `json:"index"` // what Import takes
	Line     int    `json:"line"`
	At       string `json:"at"`     // RFC 3339 UTC; "" while the day or start is unknown
	Offset   string `json:"offset"` // the time as the file gives it: "14:02:11", or elapsed "0:12:05"
	Author   string `json:"author"`
	Text     string `json:"text"`
	Kind     string `json:"kind"`
	Key      bool   `json:"key"`
	Selected bool   `json:"selected"` // picked by default
	Pinned   bool   `json:"pinned"`
	Starred  bool   `json:"starred"`
	Reply    string `json:"reply"` // the start of the message answered
	Reaction bool   `json:"reaction"`
	Private  bool   `json:"private"`
	// Duplicate: the incident already holds this message; importing it adds nothing.
	Duplicate bool `json:"duplicate"`
	// When flags a time worth a look: "before the declaration", "before the
	// detection", "after now", "over a day from the incident"; "" if none.
	When string `json:"when"`
	// Outside: the request's From leaves this message out; Import refuses it.
	Outside bool `json:"outside"`
}

// Preview is a parsed file. For a Bridgelog incident record (Format
// "bridgelog") Messages is empty: it imports with ImportRecord.
type Preview struct {
	Format string `json:"format"`
	Source string `json:"source"`
	// NeedsStart: a cloud recording's chat whose start is unknown; give
	// RecordingStart. NeedsDay: a Zoom saved chat that does not carry its
	// date; the times were placed on Day, which the person should confirm.
	NeedsStart bool             `json:"needsStart"`
	NeedsDay   bool             `json:"needsDay"`
	Channels   []string         `json:"channels"`
	Messages   []PreviewMessage `json:"messages"`
	// Day and RecordingStart are what the times were placed on, in the
	// request's own formats, to prefill the fields; "" when not used.
	Day            string `json:"day"`
	RecordingStart string `json:"recordingStart"`
	// DayNote says which day a Zoom saved chat's times were placed on and
	// why (the incident's day, the folder's name, the day given); "" for
	// other files.
	DayNote string `json:"dayNote"`
	// Timing is where the messages fall against the incident; null while
	// their times are unknown, and for a record.
	Timing *Timing `json:"timing"`
}

// Preview parses the file and marks the messages the incident already holds.
func (x *Service) Preview(ctx context.Context, req Request) (Preview, error) {
	p, err := x.parse(ctx, req)
	if err != nil {
		return Preview{}, err
	}
	res := p.res
	out := Preview{Format: string(res.Format), Source: res.Source, NeedsStart: res.NeedsStart,
		NeedsDay: p.needsDay, Channels: p.channels, Messages: make([]PreviewMessage, 0, len(res.Messages))}
	if out.Channels == nil {
		out.Channels = []string{}
	}
	switch res.Format {
	case FormatZoomChat:
		if !res.Start.IsZero() {
			out.Day = res.Start.In(p.zone).Format(time.DateOnly)
		}
	case FormatZoomRecording:
		if !res.Start.IsZero() {
			out.RecordingStart = res.Start.In(p.zone).Format("2006-01-02T15:04:05")
		}
	}
	keys := make([]string, 0, len(res.Messages))
	for _, m := range res.Messages {
		keys = append(keys, m.SourceKey)
	}
	seen := map[string]bool{}
	if x.Keys != nil && len(keys) > 0 && req.IncidentID > 0 {
		if seen, err = x.Keys.ExistingSourceKeys(ctx, req.IncidentID, keys); err != nil {
			return Preview{}, err
		}
	}
	out.DayNote = dayNote(res, p.needsDay, p.zone)
	var flags []TimeFlag
	if p.inc != nil && len(res.Messages) > 0 && !res.NeedsStart {
		timing, f := CheckTimes(res.Messages, p.inc, x.now(), p.zone, p.from)
		out.Timing, flags = &timing, f
	}
	for i, m := range res.Messages {
		pm := previewMessage(i, m, seen[m.SourceKey], res.Format != FormatSlack)
		if flags != nil {
			pm.When, pm.Outside = flags[i].Note, flags[i].Outside
			pm.Selected = pm.Selected && !pm.Outside
		}
		out.Messages = append(out.Messages, pm)
	}
	return out, nil
}

func (x *Service) now() time.Time {
	if x.Clock == nil {
		return backend.SystemClock{}.Now()
	}
	return x.Clock.Now()
}

// Import parses the file again and adds the messages at indexes (as the
// preview numbered them) to the incident, in one transaction. Messages
// imported before are skipped and counted.
func (x *Service) Import(ctx context.Context, req Request, indexes []int) (backend.ImportResult, error) {
	p, err := x.parse(ctx, req)
	if err != nil {
		return backend.ImportResult{}, err
	}
	res := p.res
	switch {
	case res.Format == FormatBridgelog:
		return backend.ImportResult{}, backend.Errorf(backend.EINVALID,
			"%s is a Bridgelog incident record: import it as an incident of its own", filepath.Base(req.Path))
	case res.NeedsStart:
		return backend.ImportResult{}, backend.Errorf(backend.EINVALID,
			"The chat's times count from the start of the recording: give the time the recording started")
	case len(indexes) == 0:
		return backend.ImportResult{}, backend.Errorf(backend.EINVALID, "Choose at least one message to import")
	}
	var flags []TimeFlag
	if p.inc != nil {
		_, flags = CheckTimes(res.Messages, p.inc, x.now(), p.zone, p.from)
	}
	picked := make([]bool, len(res.Messages))
	list := make([]backend.ImportedEntry, 0, len(indexes))
	for _, i := range indexes {
		if i < 0 || i >= len(res.Messages) {
			return backend.ImportResult{}, backend.Errorf(backend.EINVALID,
				"Message %d is not in the file (it has %d): preview the file again", i, len(res.Messages))
		}
		if picked[i] {
			continue
		}
		picked[i] = true
		m := res.Messages[i]
		if m.At.IsZero() {
			return backend.ImportResult{}, backend.Errorf(backend.EINVALID,
				"The message on line %d has no date: give the day of the chat", m.Line)
		}
		if flags != nil && flags[i].Outside {
			return backend.ImportResult{}, backend.Errorf(backend.EINVALID,
				"The message on line %d (%s) is from %s, and the import takes messages from the %s on: import all messages to include it",
				m.Line, m.At.In(p.zone).Format("15:04"), flags[i].Note, map[From]string{FromDeclared: "declaration", FromDetected: "detection"}[p.from])
		}
		list = append(list, m.Entry(res.Format.SourceName()))
	}
	return x.Records.ImportEntries(ctx, req.IncidentID, list)
}

// ImportRecord adds a Bridgelog JSON incident record as a new incident.
func (x *Service) ImportRecord(ctx context.Context, path string) (*backend.Incident, error) {
	path = strings.TrimSpace(path)
	if path == "" {
		return nil, backend.Errorf(backend.EINVALID, "Choose the incident record file (.json) to import")
	}
	data, err := readImportFile(path, MaxRecordBytes)
	if err != nil {
		return nil, err
	}
	rec, err := ParseRecord(path, data)
	if err != nil {
		return nil, err
	}
	return x.Records.ImportRecord(ctx, rec)
}

// parsed is a file read under one request.
type parsed struct {
	res      *Result
	zone     *time.Location
	needsDay bool
	channels []string
	// inc is the incident the chat goes into (nil for a record); from is
	// the request's choice of messages by time.
	inc  *backend.Incident
	from From
}

// parse reads the file the request names. A Zoom saved chat with no date in
// its folder name is placed on the incident's declared day unless the
// request gives one.
func (x *Service) parse(ctx context.Context, req Request) (*parsed, error) {
	path := strings.TrimSpace(req.Path)
	if path == "" {
		return nil, backend.Errorf(backend.EINVALID, "Choose the file to import")
	}
	zone, err := backend.ParseZone(req.Zone)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(req.Zone) == "" && x.Location != nil {
		zone = x.Location
	}
	from, err := ParseFrom(req.From)
	if err != nil {
		return nil, err
	}
	// A file may hold as many messages as one import takes.
	opts := Options{Zone: zone, Channel: strings.TrimSpace(req.Channel), MaxMessages: x.MaxMessages}
	if opts.Day, err = parseDay(req.Day, zone); err != nil {
		return nil, err
	}
	if opts.RecordingStart, err = parseWallClock("recording start", req.RecordingStart, zone); err != nil {
		return nil, err
	}
	st, err := statImport(path)
	if err != nil {
		return nil, err
	}
	p := &parsed{zone: zone, from: from}
	// A record becomes an incident of its own; chat messages go into one.
	noIncident := backend.Errorf(backend.EINVALID, "Choose the incident to import the chat into")
	if st.IsDir() {
		if req.IncidentID <= 0 {
			return nil, noIncident
		}
		if p.inc, err = x.incident(ctx, req.IncidentID, from); err != nil {
			return nil, err
		}
		chans, err := SlackDirChannels(path, opts)
		if err != nil {
			return nil, err
		}
		if p.channels = channelNames(chans); len(chans) > 1 && opts.Channel == "" {
			p.res = &Result{Format: FormatSlack, Source: "Slack export " + filepath.Base(path)}
			return p, nil
		}
		p.res, err = ParseSlackDir(path, opts)
		return p, err
	}
	// Both limits are checked before anything is read: a chat log is text a
	// person could read, only a record (with its screenshots) may be larger.
	limit := MaxImportFileBytes
	if st.Size() > int64(limit) && startsWithBrace(path) {
		limit = MaxRecordBytes // perhaps a record with screenshots
	}
	if st.Size() > int64(limit) {
		return nil, backend.Errorf(backend.ETOOLARGE,
			"%s is larger than %d MiB, more than any chat log or incident record: choose another file", filepath.Base(path), limit>>20)
	}
	format, err := DetectFile(path, opts)
	if err != nil {
		return nil, err
	}
	if format != FormatBridgelog && req.IncidentID <= 0 {
		return nil, noIncident
	}
	if format != FormatBridgelog {
		if p.inc, err = x.incident(ctx, req.IncidentID, from); err != nil {
			return nil, err
		}
	}
	switch {
	case format == FormatBridgelog:
		// Read whole by ImportRecord; a record with screenshots may be
		// larger than any chat.
		p.res = &Result{Format: format, Source: "Bridgelog record " + filepath.Base(path)}
		return p, nil
	case st.Size() > MaxImportFileBytes:
		return nil, backend.Errorf(backend.ETOOLARGE,
			"%s is larger than %d MiB, more than any chat log: choose the chat file itself", filepath.Base(path), MaxImportFileBytes>>20)
	case format == FormatSlack:
		data, err := readImportFile(path, MaxImportFileBytes)
		if err != nil {
			return nil, err
		}
		if bytes.HasPrefix(data, []byte("PK")) {
			chans, err := SlackChannels(path, data, opts)
			if err != nil {
				return nil, err
			}
			if p.channels = channelNames(chans); len(chans) > 1 && opts.Channel == "" {
				p.res = &Result{Format: format, Source: "Slack export " + filepath.Base(path)}
				return p, nil
			}
		}
		if p.res, err = Parse(path, data, opts); err != nil {
			return nil, err
		}
		return p, nil
	}
	// A Zoom chat is read a line at a time. A saved chat whose date neither
	// the request nor its folder name gives is placed on the incident's
	// declared day, for the person to confirm.
	if format == FormatZoomChat && opts.Day.IsZero() {
		d := p.inc.DeclaredAt.In(zone)
		opts.GuessDay = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, zone)
	}
	if p.res, err = ParseFile(path, opts); err != nil {
		return nil, err
	}
	p.needsDay = p.res.NeedsDay
	return p, nil
}

// incident finds the incident a chat goes into; importing from its
// detection on needs it to have a detection time.
func (x *Service) incident(ctx context.Context, id int64, from From) (*backend.Incident, error) {
	inc, err := x.Incidents.FindIncident(ctx, id)
	if err != nil {
		return nil, err
	}
	if from == FromDetected && inc.DetectedAt.IsZero() {
		return nil, backend.Errorf(backend.EINVALID,
			"The incident has no detection time: import from the declaration on, or set when it was detected (Ctrl+I, or a line \"@14:05 detected:\")")
	}
	return inc, nil
}

func channelNames(chans []SlackChannel) []string {
	names := make([]string, 0, len(chans))
	for _, c := range chans {
		names = append(names, c.Name)
	}
	return names
}

// parseDay reads a YYYY-MM-DD date as midnight in zone; "" is the zero time.
func parseDay(s string, zone *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(time.DateOnly, s, zone)
	if err != nil {
		return time.Time{}, backend.Errorf(backend.EINVALID, "The day %q is not a date: write it like 2026-11-21", s)
	}
	return t, nil
}

// parseWallClock reads "2026-11-21T14:00[:05]" as a wall clock time in zone.
func parseWallClock(field, s string, zone *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, zone); err == nil {
			return t, nil
		}
	}
	return time.Time{}, backend.Errorf(backend.EINVALID,
		"The %s %q is not a date and time: write it like 2026-11-21T14:00 or 2026-11-21T14:00:05", field, s)
}

// previewMessage shows message i; clock says the file gives times as a clock
// (Zoom) rather than as timestamps (Slack).
func previewMessage(i int, m Message, duplicate, clock bool) PreviewMessage {
	p := PreviewMessage{
		Index: i, Line: m.Line, Author: m.Author, Text: m.Text, Kind: string(m.Kind), Key: m.Key,
		Selected: m.Selected, Pinned: m.Pinned, Starred: m.Starred, Reply: m.ReplyTo,
		Reaction: m.Reaction, Private: m.Private, Duplicate: duplicate,
	}
	if !m.At.IsZero() {
		p.At = m.At.UTC().Format(time.RFC3339)
	}
	if clock {
		d := m.Offset.Round(time.Second)
		p.Offset = fmt.Sprintf("%d:%02d:%02d", int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60)
	}
	return p
}
