package backup

import "time"

// OnStep replaces what Restore and Create call after each of their steps.
func OnStep(f func(step string)) { stepDone = f }

// Name is what a backup's file name says.
type Name struct {
	Time               time.Time
	Reason             string
	Seq                int
	Counted            bool
	Entries, Incidents int
}

// ParseName reads a backup's file name.
func ParseName(file string) (Name, bool) {
	n, ok := parseName(file)
	return Name{n.time, n.reason, n.seq, n.counted, n.entries, n.incidents}, ok
}

// String is the file name n gives a backup.
func (n Name) String() string {
	return name{n.Time, n.Reason, n.Seq, n.Counted, n.Entries, n.Incidents}.String()
}
