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

// Scaler is a clock that does not run at wall-clock speed. Code that sleeps
// until a clock time (the reminder loop) converts the wait with RealDuration.
type Scaler interface {
	// RealDuration is how long d on this clock takes in real time.
	RealDuration(d time.Duration) time.Duration
}

// RealDuration converts a duration on clock c to real time: unchanged unless
// c is a Scaler.
func RealDuration(c Clock, d time.Duration) time.Duration {
	if s, ok := c.(Scaler); ok {
		return s.RealDuration(d)
	}
	return d
}

// ScaledClock runs Scale times faster than the wall clock from the moment it
// is made. It exists for tests and demos only (BRIDGELOG_TIME_SCALE): a
// simulated two-hour call takes two minutes at 60. Times it returns are in
// the future of the wall clock, and stored as such.
type ScaledClock struct {
	Scale float64
	start time.Time // wall time at creation, with its monotonic reading
}

// NewScaledClock returns a clock running scale times faster than real time
// from now; a scale below 1 is taken as 1.
func NewScaledClock(scale float64) *ScaledClock {
	return &ScaledClock{Scale: max(scale, 1), start: time.Now()}
}

// Now returns the scaled time: start + (real time since start) * Scale.
func (c *ScaledClock) Now() time.Time {
	elapsed := time.Since(c.start) // monotonic: immune to wall-clock jumps
	return c.start.Add(time.Duration(float64(elapsed) * c.Scale)).Round(0)
}

// RealDuration divides d by the scale.
func (c *ScaledClock) RealDuration(d time.Duration) time.Duration {
	return time.Duration(float64(d) / c.Scale)
}
