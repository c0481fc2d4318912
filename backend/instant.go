package backend

import (
	"strings"
	"time"
)

// ParseInstant reads an instant sent by the window or typed on the command
// line: RFC 3339, with or without seconds and fractions. "" is the zero time.
// It is the one reader of such times, so every field takes the same forms
// and says the same thing when it cannot.
func ParseInstant(field, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, Errorf(EINVALID,
		"The %s time %q is not a date and time: write it like 2026-11-21T14:05:00Z or 2026-11-21T15:05:00+01:00", field, s)
}

// ParseZone reads an IANA time zone name; "" is this computer's zone.
func ParseZone(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	switch strings.ToUpper(name) {
	case "":
		return time.Local, nil
	case "UTC", "Z":
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, Errorf(EINVALID, "Unknown time zone %q: use a name like Europe/Berlin", name)
	}
	return loc, nil
}
