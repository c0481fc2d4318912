package backup

import (
	"cmp"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A backup's file name carries when it was made, what it holds and why, in a
// form that sorts by time in a file manager:
//
//	bridgelog-20261122T181500Z-1204e-3i-resolved.db
//	bridgelog-20261122T181500Z-1204e-3i-quit-2.db   (a second backup in that second)
//
// "1204e-3i" is 1,204 timeline entries in 3 incidents, counted when the copy
// was made and checked. Recording the counts in the name, rather than in a
// file beside it, makes them appear in the same rename that publishes the
// copy, so they can never disagree with it or go missing on their own, and
// retention reads them with the folder listing instead of opening every
// backup. Names without counts (from earlier versions, or a damaged file kept
// byte for byte) still parse; their contents are read from the file instead.
const (
	namePrefix  = "bridgelog-"
	nameSuffix  = ".db"
	stampLayout = "20060102T150405Z"
	// tempPrefix marks a copy not yet checked; it never parses as a backup.
	tempPrefix = ".bridgelog-partial-"
)

// name is what a backup's file name says.
type name struct {
	time   time.Time
	reason string
	seq    int // 1 for the first backup in a second
	// counted is true when the name carries the counts below.
	counted            bool
	entries, incidents int
}

func (n name) String() string {
	s := namePrefix + n.time.UTC().Format(stampLayout) + "-"
	if n.counted {
		s += strconv.Itoa(n.entries) + "e-" + strconv.Itoa(n.incidents) + "i-"
	}
	s += n.reason
	if n.seq > 1 {
		s += "-" + strconv.Itoa(n.seq)
	}
	return s + nameSuffix
}

// nameOf is the name a backup's fields give it, with sequence seq.
func nameOf(b Backup, seq int) name {
	return name{time: b.Time, reason: b.Reason, seq: seq, counted: b.Counted, entries: b.Entries, incidents: b.Incidents}
}

// parseName reads a backup's file name; ok is false for any other file.
func parseName(file string) (n name, ok bool) {
	rest, found := strings.CutPrefix(file, namePrefix)
	if !found {
		return n, false
	}
	if rest, found = strings.CutSuffix(rest, nameSuffix); !found || len(rest) < len(stampLayout)+2 {
		return n, false
	}
	t, err := time.Parse(stampLayout, rest[:len(stampLayout)])
	if err != nil || rest[len(stampLayout)] != '-' {
		return n, false
	}
	n.time, n.seq = t, 1
	reason := rest[len(stampLayout)+1:]
	// No reason starts with a digit, so a leading digit means counts.
	if reason != "" && reason[0] >= '0' && reason[0] <= '9' {
		parts := strings.SplitN(reason, "-", 3)
		if len(parts) < 3 {
			return n, false
		}
		e, okE := parseCount(parts[0], 'e')
		i, okI := parseCount(parts[1], 'i')
		if !okE || !okI {
			return n, false
		}
		n.counted, n.entries, n.incidents, reason = true, e, i, parts[2]
	}
	if i := strings.LastIndexByte(reason, '-'); i > 0 {
		if seq, err := strconv.Atoi(reason[i+1:]); err == nil && seq > 1 && reason[i+1] != '0' {
			n.seq, reason = seq, reason[:i]
		}
	}
	for _, r := range reasons {
		if r == reason {
			n.reason = r
			return n, true
		}
	}
	return n, false
}

// parseCount reads "1204e" (with unit 'e'): digits written the way strconv.Itoa
// writes them, so each count has one spelling and a name one meaning.
func parseCount(s string, unit byte) (int, bool) {
	digits, found := strings.CutSuffix(s, string(unit))
	if !found || digits == "" {
		return 0, false
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 0 || strconv.Itoa(n) != digits {
		return 0, false
	}
	return n, true
}

// sortNewestFirst orders backups by time, then by sequence within a second.
func sortNewestFirst(list []Backup) {
	slices.SortStableFunc(list, func(a, b Backup) int {
		if c := b.Time.Compare(a.Time); c != 0 {
			return c
		}
		return cmp.Compare(seqOf(b), seqOf(a))
	})
}

// seqOf is a backup's sequence within its second, from its file name.
func seqOf(b Backup) int {
	if n, ok := parseName(filepath.Base(b.Path)); ok {
		return n.seq
	}
	return 0
}
