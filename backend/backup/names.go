package backup

import (
	"cmp"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A backup's file name carries when and why it was made, in a form that sorts
// by time in a file manager: bridgelog-20261122T181500Z-resolved.db, and
// bridgelog-20261122T181500Z-quit-2.db for a second backup in that second.
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
}

func fileName(t time.Time, reason string, seq int) string {
	s := namePrefix + t.UTC().Format(stampLayout) + "-" + reason
	if seq > 1 {
		s += "-" + strconv.Itoa(seq)
	}
	return s + nameSuffix
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
