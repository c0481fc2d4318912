package backend

import "time"

// Clock is the only source of "now" in Bridgelog. Everything that stamps a time
// takes a Clock so tests can pin and advance time.
type Clock interface {
	Now() time.Time
}

// SystemClock reads the wall clock.
type SystemClock struct{}

// Now returns the current wall-clock time.
func (SystemClock) Now() time.Time { return time.Now() }

// FixedClock is a clock that only moves when told to; tests use it.
type FixedClock struct{ T time.Time }

// Now returns the clock's current time.
func (c *FixedClock) Now() time.Time { return c.T }

// Advance moves the clock forward by d.
func (c *FixedClock) Advance(d time.Duration) { c.T = c.T.Add(d) }
