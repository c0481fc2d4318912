// Package importer reads chat logs (Zoom saved chats, Zoom cloud-recording
// chats, Slack exports) and Bridgelog's own incident records into plain
// values. It only parses: nothing here touches the store, so a bad file can
// never leave half an import behind.
package importer

import (
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"bridgelog/backend"
)

// Format names a kind of file the importer reads.
type Format string

const (
	FormatZoomChat      Format = "zoom-chat"      // meeting_saved_chat.txt: wall-clock times of day
	FormatZoomRecording Format = "zoom-recording" // a cloud recording's chat: times elapsed since the recording started
	FormatSlack         Format = "slack"          // a Slack export: folder, .zip, or one day file
	FormatBridgelog     Format = "bridgelog"      // Bridgelog's JSON incident record
)

// Size limits. A chat log is text a person could read; anything past these is
// a wrong file or a hostile one, and must not exhaust memory.
const (
	DefaultMaxBytes      = 64 << 20  // one input file, or one file inside a zip
	DefaultMaxTotalBytes = 256 << 20 // everything read out of one zip or export folder
	DefaultMaxFiles      = 10000     // entries in one zip
	// DefaultMaxRecordBytes is larger: a Bridgelog record carries its
	// attachments (up to 10 MB each) as base64.
	DefaultMaxRecordBytes = 512 << 20
	// DefaultMaxMessages bounds the messages read from one chat file: a
	// day-long call's chat holds a few thousand, and the store takes at most
	// this many in one import. Counting while reading stops a larger file
	// before it fills memory with messages that could not be imported.
	DefaultMaxMessages = 100_000
	// MaxRecordEntries bounds a record's entries: more than two day-long
	// chats at their import limit. A million small entries fit in 150 MB
	// yet take gigabytes to decode and minutes of writing, with every other
	// change to the database waiting.
	MaxRecordEntries = 250_000
)

// Options says what the files themselves do not.
type Options struct {
	// Zone is the zone of a Zoom saved chat's wall-clock times; nil is time.Local.
	Zone *time.Location
	// Day is the date of a Zoom saved chat, whose lines carry only HH:MM:SS.
	// Only its year, month and day count. Zero: taken from a Zoom folder name
	// in the file's path ("2026-11-21 14.02.11 Bridge"), else GuessDay.
	Day time.Time
	// GuessDay is the date a saved chat is placed on when neither Day nor
	// the path gives one (the incident's day, say): the messages get times,
	// and Result.NeedsDay still says the date was a guess to confirm. Zero
	// leaves the times undated. Only its year, month and day count.
	GuessDay time.Time
	// RecordingStart is when a Zoom cloud recording started; its chat's times
	// are offsets from it. Zero: taken from a Zoom cloud file name
	// ("GMT20261121-140211_Recording.txt"), else Result.NeedsStart.
	RecordingStart time.Time
	// Channel picks the channel of a Slack export holding several (its
	// folder name, with or without "#", or its id). A single Slack day file
	// needs it too, since the file does not name its channel.
	Channel string
	// MaxBytes caps the input file and each file unpacked from a zip or read
	// from an export folder; 0 is DefaultMaxBytes.
	MaxBytes int64
	// MaxTotalBytes caps the total read from one zip or export folder; 0 is
	// DefaultMaxTotalBytes.
	MaxTotalBytes int64
	// MaxFiles caps the entries of a zip; 0 is DefaultMaxFiles.
	MaxFiles int
	// MaxRecordBytes caps a Bridgelog record; 0 is DefaultMaxRecordBytes.
	MaxRecordBytes int64
	// MaxMessages caps the messages of one chat file or channel; 0 is
	// DefaultMaxMessages.
	MaxMessages int
}

func (o Options) zone() *time.Location {
	if o.Zone == nil {
		return time.Local
	}
	return o.Zone
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

func (o Options) maxTotalBytes() int64 {
	if o.MaxTotalBytes <= 0 {
		return DefaultMaxTotalBytes
	}
	return o.MaxTotalBytes
}

func (o Options) maxRecordBytes() int64 {
	if o.MaxRecordBytes <= 0 {
		return DefaultMaxRecordBytes
	}
	return o.MaxRecordBytes
}

func (o Options) maxMessages() int {
	if o.MaxMessages <= 0 {
		return DefaultMaxMessages
	}
	return o.MaxMessages
}

func (o Options) maxFiles() int {
	if o.MaxFiles <= 0 {
		return DefaultMaxFiles
	}
	return o.MaxFiles
}

// Message is one chat message, as a preview shows it and an import stores it.
// Its flags sit together at the end: a large chat holds many messages, and
// padding between fields would add a fifth to each.
type Message struct {
	// Line is where the message starts: its 1-based line in the file, or for
	// Slack its 1-based position in its day file.
	Line int
	// At is when it was sent, in UTC; zero while Result.NeedsStart, or while
	// Result.NeedsDay and no Options.GuessDay was given.
	At time.Time
	// Offset is the time the file itself gives: for a Zoom saved chat the time
	// of day (plus 24h per midnight crossed), for a cloud recording the time
	// since the recording started, for Slack zero.
	Offset time.Duration
	Author string
	// Text is the body, lines joined with "\n", cleaned for storage. For a
	// reply it is the answer only; the quoted message is in ReplyTo.
	Text string
	// To is "Everyone" or the person a direct message went to.
	To string
	// ReplyTo is the quoted start of the message answered (Zoom), or of the
	// thread's first message (Slack).
	ReplyTo   string
	Reactions []Reaction // Slack's reactions on this message
	Thread    string     // Slack thread ts
	// Kind is the entry kind the text suggests (a grammar prefix such as
	// "todo:" or "d:", or a bare "TODO"); KindNote otherwise.
	Kind  backend.Kind
	Owner string // the action owner, for "a: @sam ..."
	// SourceKey identifies the message in its source so that importing the
	// same file twice adds nothing: "slack:<channel>:<ts>", or for Zoom
	// "zoom:" and a hash of the format, the time as written, author, text and
	// the message's index among identical ones.
	SourceKey string
	Private   bool // a direct message
	// Reaction marks "Reacted to ... with 👍" and "Removed a 👏 reaction":
	// chat noise that is not a message of its own.
	Reaction bool
	Pinned   bool
	Starred  bool
	Key      bool // "tl:" or "TL": a key moment
	// Selected is the default pick in the import preview: pinned, starred,
	// or starting with TODO or TL. Never a reaction.
	Selected bool
}

// Reaction is one emoji reaction on a Slack message.
type Reaction struct {
	Name  string
	Count int
}

// Result is a parsed file.
type Result struct {
	Format Format
	// Source describes the file for people: "Zoom chat meeting_saved_chat.txt",
	// "Slack #incident-42".
	Source   string
	Messages []Message
	// NeedsDay: a Zoom saved chat whose date is unknown; Offset holds each
	// message's time of day, and At is zero unless Options.GuessDay placed
	// them. Parse again with Options.Day.
	NeedsDay bool
	// NeedsStart: a cloud recording's chat whose start is unknown; Offset
	// holds each message's elapsed time and At is zero. Parse again with
	// Options.RecordingStart.
	NeedsStart bool
	// Start is the date (midnight in the zone) or the recording start the
	// times were placed on; StartFromName says it was read from the file's
	// path rather than given, so the preview can ask to confirm it.
	Start         time.Time
	StartFromName bool
	// Duplicates counts messages dropped because the file holds a second
	// save of the same chat (Zoom appends each "Save chat" to one file).
	Duplicates int
	// Record is set for FormatBridgelog instead of Messages.
	Record *backend.Record
}

// Entry turns a chosen message into the store's input. source is the
// entry's Source ("zoom", "zoom-recording", "slack"). The text keeps any
// grammar prefix as written in the chat, so an edit of the entry re-parses to
// the same kind; a direct message becomes internal.
func (m Message) Entry(source string) backend.ImportedEntry {
	return backend.ImportedEntry{
		OccurredAt: m.At,
		Kind:       m.Kind,
		Text:       truncate(m.Text, backend.MaxEntryBytes),
		Author:     m.Author,
		Key:        m.Key,
		Internal:   m.Private,
		Owner:      m.Owner,
		Source:     source,
		SourceKey:  m.SourceKey,
	}
}

// SourceName is the ImportedEntry.Source for a format.
func (f Format) SourceName() string {
	if f == FormatZoomChat {
		return "zoom"
	}
	return string(f)
}

// truncate cuts s to at most max bytes on a rune boundary, marking the cut,
// so a very long chat message still imports rather than failing the batch.
func truncate(s string, max int) string {
	if len(s) <= max {
		return s
	}
	const mark = " […]"
	cut := max - len(mark)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + mark
}

// baseName is how error messages and the preview's source name a file:
// people know it by its name, not by the folder it sits in. A name may hold
// any bytes but "/", so it is cleaned to one line of text.
func baseName(name string) string {
	if name == "" {
		return "the file"
	}
	b := filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	if b == "." || b == "/" {
		b = name
	}
	return strings.NewReplacer("\n", " ", "\t", " ").Replace(backend.CleanText(b))
}

// quote shows a line in an error message: short, and printable.
func quote(s string) string {
	s = strings.TrimSpace(backend.CleanText(s))
	s = strings.ReplaceAll(s, "\t", " ")
	if utf8.RuneCountInString(s) > 60 {
		r := []rune(s)
		s = string(r[:60]) + "…"
	}
	return `"` + s + `"`
}

// supported ends every "cannot read this" message with what can be read.
const supported = "choose the chat file Zoom saved (meeting_saved_chat.txt), the chat file of a Zoom cloud recording, a Slack export (its folder or .zip), or a Bridgelog incident record (.json)"

// errorf builds a domain error whose message is safe to show: a file name
// or a library error may carry bytes that are not text.
func errorf(code, format string, args ...any) *backend.Error {
	e := backend.Errorf(code, format, args...)
	e.Message = backend.CleanText(e.Message)
	return e
}
