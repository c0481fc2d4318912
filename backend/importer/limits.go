package importer

import (
	"strconv"

	"bridgelog/backend"
)

// tooManyMessages refuses a chat past the message limit, saying where to
// split it.
func tooManyMessages(name string, limit, line int) error {
	return errorf(backend.ETOOLARGE,
		"%s holds more than %s messages, and Bridgelog imports up to %s from one file (message %s starts on line %s): split the file into parts of fewer messages, cutting before a line that starts with a time, and import each part",
		baseName(name), thousands(limit), thousands(limit), thousands(limit+1), thousands(line))
}

// tooManySlackMessages refuses a channel past the message limit. A day
// file is read whole, so the count is checked after each.
func tooManySlackMessages(name, channel string, limit int) error {
	return errorf(backend.ETOOLARGE,
		"#%s in %s holds more than %s messages, and Bridgelog imports up to %s at a time: export shorter date ranges from Slack and import each one",
		baseName(channel), baseName(name), thousands(limit), thousands(limit))
}

// thousands writes n with commas: 100,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
