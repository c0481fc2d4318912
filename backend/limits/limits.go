// Package limits holds every limit Bridgelog puts on what a person types,
// pastes or picks: sizes, lengths and ranges. It is the one source of these
// numbers. Go enforces them (package backend and the store refer to them
// here), and the frontend reads them from frontend/src/lib/generated/limits.ts,
// which `go generate ./backend/limits` writes from this file, doc comments
// included, so the two cannot disagree. A test and build/test.sh fail when the
// committed TypeScript differs from what this file generates.
//
// The package imports nothing, so that package backend can import it, and so
// the generator can evaluate it from source alone. Every exported constant and
// variable here becomes a TypeScript export of the same name in lowerCamelCase.
//
// The sizes are untyped constants: Go compares them with int lengths and with
// int64 file sizes alike.
package limits

//go:generate go run ../../build/genlimits -src . -out ../../frontend/src/lib/generated/limits.ts

// MaxEntryBytes is the largest entry text accepted, in UTF-8 bytes (64 KiB).
// An entry is one line of a timeline read at a glance during the call: 64 KiB
// holds a pasted stack trace or a page of notes while every row, the search
// index and every export stay light. Anything longer is attached as a log
// file instead (MaxAttachmentBytes).
const MaxEntryBytes = 64 * 1024

// MaxDraftBytes bounds the line being typed that is saved as a draft, in UTF-8
// bytes. It is well above MaxEntryBytes on purpose: a draft exists so nothing
// typed or pasted is lost, and refusing to save an oversized paste would lose
// it; the entry limit applies when the line is submitted.
const MaxDraftBytes = 16 * MaxEntryBytes

// MaxAttachmentBytes is the largest file accepted as evidence, in bytes
// (10 MB, decimal, as file managers show sizes). It holds a full-screen
// screenshot or a long excerpt of a log, and keeps the database, its backups
// and the exports of a call small enough to copy and send.
const MaxAttachmentBytes = 10 * 1000 * 1000

// MaxTitleChars is the longest incident title accepted, in characters
// (Unicode code points): a title has to fit in a chat message, an export
// heading and the window's title bar. A browser's maxlength counts UTF-16 code
// units, so a field limited to this many is never more lenient than Go.
const MaxTitleChars = 200

// MaxNameChars is the longest person's name accepted, in characters: the
// person paged, the incoming role holder at a handoff, the scribe's own name
// in the settings and each name on the escalation path.
const MaxNameChars = 100

// Range is a whole number a person may choose, both bounds included. What
// names the number as the subject of a message; Unit follows the bounds in a
// message ("minutes", or empty for a plain count); Zero says what 0 means
// where Min is 0 and 0 is a choice rather than an amount ("none", "the
// default"). The values below are read as constants: nothing changes them.
type Range struct {
	What string
	Unit string
	Min  int
	Max  int
	Zero string
}

// CheckInMinutes is when an action's owner reports back, in minutes from now,
// with 0 for no check-in. A day at most: on a live call a check-in is minutes
// away, and anything later is a follow-up, not a check-in.
var CheckInMinutes = Range{What: "A check-in", Unit: "minutes", Min: 0, Max: 24 * 60, Zero: "none"}

// NextUpdateMinutes is when the next stakeholder update is due after one is
// recorded, in minutes, with 0 for the severity's usual interval. A day at
// most: updates less often than daily are no rhythm a reminder can keep.
var NextUpdateMinutes = Range{What: "The next update", Unit: "minutes", Min: 0, Max: 24 * 60, Zero: "the severity's default"}

// WatchMinutes is how long the post-mitigation monitoring watch lasts, with 0
// for the default length. A day at most: a longer watch is a follow-up.
var WatchMinutes = Range{What: "The watch length", Unit: "minutes", Min: 0, Max: 24 * 60, Zero: "the default length"}

// WatchExtensionMinutes is how much longer a running watch lasts when it is
// extended: at least a minute, at most a day at a time.
var WatchExtensionMinutes = Range{What: "A watch extension", Unit: "minutes", Min: 1, Max: 24 * 60}

// SnoozeMinutes is how long a snoozed reminder stays hidden: at least a
// minute, at most four hours, since a reminder hidden longer than that is one
// ignored; acknowledge it instead.
var SnoozeMinutes = Range{What: "A snooze", Unit: "minutes", Min: 1, Max: 4 * 60}

// ClockSettingMinutes bounds each reminder setting (update rhythms, check-in
// and acknowledgement waits, fatigue prompts, the watch), in minutes, with 0
// for the built-in default. A day at most, as for every clock of a call.
var ClockSettingMinutes = Range{What: "A clock setting", Unit: "minutes", Min: 0, Max: 24 * 60, Zero: "the default"}

// EscalationLevel is a paged person's place on the escalation path, 1 being
// the primary, with 0 for the next level after those already paged. Twenty
// levels is more than any escalation path has.
var EscalationLevel = Range{What: "The escalation level", Min: 0, Max: 20, Zero: "the next level"}

// TimelineWindow is the most entries the timeline asks the store for at once.
// The window shows a stretch of an incident around what is on screen, never
// every entry: an incident of 200,000 entries then costs the window what one
// of 500 does. 500 rows are several screens either side of the viewport, so
// scrolling reaches the window's edge seldom, and one read stays a few
// milliseconds on a slow disk.
const TimelineWindow = 500
