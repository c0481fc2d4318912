//go:build windows

package instance

// Windows has no IANA time zone database for Go to read, so exports with
// --zone Europe/Berlin (and the window's zone choices) would fail there; the
// binary carries its own copy (about 450 KB).
import _ "time/tzdata"
