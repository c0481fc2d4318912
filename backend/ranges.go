package backend

import (
	"fmt"

	"bridgelog/backend/limits"
)

// CheckRange refuses n outside r with EINVALID and one message for every
// range, naming what is out of range, its bounds and what 0 means where 0 is
// a choice: "A check-in must be 1 to 1440 minutes (24 h), or 0 for none, not
// 2000." Bindings call it rather than writing their own bounds and words, so
// a message cannot say one range while the check allows another.
func CheckRange(r limits.Range, n int) error {
	if n >= r.Min && n <= r.Max {
		return nil
	}
	return Errorf(EINVALID, "%s must be %s, not %d.", r.What, describeRange(r), n)
}

// describeRange writes r's bounds for a person: 0 stated apart when it
// means something other than an amount, and a long span of minutes in hours
// as well.
func describeRange(r limits.Range) string {
	lo, zero := r.Min, ""
	if r.Min == 0 && r.Zero != "" && r.Max > 0 {
		lo, zero = 1, ", or 0 for "+r.Zero
	}
	s := fmt.Sprintf("%d to %d", lo, r.Max)
	if r.Unit != "" {
		s += " " + r.Unit
	}
	if r.Unit == "minutes" && r.Max >= 120 && r.Max%60 == 0 {
		s += fmt.Sprintf(" (%d h)", r.Max/60)
	}
	return s + zero
}
