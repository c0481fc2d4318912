package importer

import (
	"regexp"
	"strings"
	"time"
)

var (
	// Zoom saves a meeting's local files in "<YYYY-MM-DD HH.MM.SS> <topic>",
	// named by the meeting's local start.
	localFolderRe = regexp.MustCompile(`(\d{4}-\d{2}-\d{2}) (\d{2})\.(\d{2})\.(\d{2})`)
	// Zoom names cloud recording files "GMT<YYYYMMDD>-<HHMMSS>_...", the
	// recording's start in UTC.
	cloudNameRe = regexp.MustCompile(`GMT(\d{8})-(\d{6})`)
)

// startFor returns the date (as midnight in the chat's zone) or the recording
// start to place a chat's times on, and whether it came from the file's path.
// firstClock is the first message's time as written, to tell a meeting that
// started before midnight from its chat that began after.
func startFor(name string, opt Options, recording bool, firstClock time.Duration) (time.Time, bool) {
	name = strings.ReplaceAll(name, "\\", "/")
	if recording {
		if !opt.RecordingStart.IsZero() {
			return opt.RecordingStart, false
		}
		if m := cloudNameRe.FindStringSubmatch(baseName(name)); m != nil {
			if t, err := time.Parse("20060102150405", m[1]+m[2]); err == nil {
				return t, true
			}
		}
		return time.Time{}, false
	}
	zone := opt.zone()
	if !opt.Day.IsZero() {
		y, m, d := opt.Day.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, zone), false
	}
	m := localFolderRe.FindAllStringSubmatch(name, -1)
	if m == nil {
		return time.Time{}, false
	}
	last := m[len(m)-1]
	day, err := time.ParseInLocation("2006-01-02", last[1], zone)
	if err != nil {
		return time.Time{}, false
	}
	started := clockOffset(last[2], last[3], last[4])
	// A chat line earlier than the meeting's start (beyond clock drift) was
	// written after midnight.
	if firstClock >= 0 && firstClock+10*time.Minute < started {
		day = day.AddDate(0, 0, 1)
	}
	return day, true
}
