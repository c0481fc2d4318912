package backup

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Retention by age: the newest KeepNewest backups, plus the newest of each
// calendar day (in now's time zone) for the last KeepDays days. A day of
// periodic copies during a long call thus shrinks to one once it is over, and
// a month of history stays within reach of a review. Keep adds the copies
// that age alone must never remove.
const (
	KeepNewest = 20
	KeepDays   = 30
)

// Keep splits backups into those the retention rule keeps and those it drops,
// each newest first. A backup is kept when any of these holds:
//
//  1. It is among the KeepNewest newest.
//  2. It is the newest of its calendar day, in now's time zone, for the last
//     KeepDays days (today included).
//  3. It was taken before a restore or a recovery (ReasonBeforeRestore,
//     ReasonBeforeRecovery), however old: it may be the only copy of what
//     they replaced. Only a person deletes it.
//  4. It borders a drop in content. Take the counted backups (Counted: their
//     entries and incidents are known) from newest to oldest. Between two
//     neighbours in that order, the newer N and the older O, lies a drop when
//     N holds fewer entries than O, or fewer incidents. Then O, the last copy
//     before the drop, is kept, and so is N, the first copy after it. Only
//     a person deletes them.
//  5. It is the newest counted backup: the newest copy known to be readable,
//     whatever became of the copies after it.
//
// Why rule 4: the app never deletes an entry or an incident (a deleted entry
// is only hidden), so in normal use the counts never fall and rule 4 keeps
// nothing more. They fall when the database lost content or was replaced: a
// damaged write-ahead log that left an emptier database, a restore of an older
// backup, a file swapped by hand. The copies after such a drop may be copies
// of the damage, and would otherwise push out, within KeepNewest backups, the
// last copy that still held the notes. N is kept along with O so that the two
// stay neighbours for every later prune: were N pruned, O would border a later
// copy that grew past O's counts with other notes, and the drop would no
// longer show. Each drop thus keeps two copies for good.
//
// In particular, a backup that holds more entries (or more incidents) than
// every newer backup is kept: it is O for the drop to its newer neighbour.
// Backups whose counts are unknown are left out of the comparison, and kept
// or dropped by rules 1 to 3.
func Keep(list []Backup, now time.Time) (keep, drop []Backup) {
	sorted := slices.Clone(list)
	sortNewestFirst(sorted)
	borders := dropBorders(sorted)
	today := day(now, now.Location())
	first := today.AddDate(0, 0, -(KeepDays - 1))
	days := map[time.Time]bool{}
	for i, b := range sorted {
		d := day(b.Time, now.Location())
		inWindow := !d.Before(first) && !d.After(today)
		switch {
		case i < KeepNewest:
		case inWindow && !days[d]:
		case b.Reason == ReasonBeforeRestore || b.Reason == ReasonBeforeRecovery:
		case borders[i]:
		default:
			drop = append(drop, b)
			continue
		}
		keep = append(keep, b)
		if inWindow {
			days[d] = true // later (older) backups of this day are not its newest
		}
	}
	return keep, drop
}

// dropBorders marks, in backups sorted newest first, those rules 4 and 5 of
// Keep keep: both sides of each drop in counts, and the newest counted one.
func dropBorders(sorted []Backup) []bool {
	borders := make([]bool, len(sorted))
	newer := -1 // the nearest newer counted backup
	for i, b := range sorted {
		if !b.Counted {
			continue
		}
		if newer < 0 {
			borders[i] = true
		} else if n := sorted[newer]; n.Entries < b.Entries || n.Incidents < b.Incidents {
			borders[i], borders[newer] = true, true
		}
		newer = i
	}
	return borders
}

// day is the midnight starting t's calendar day in loc.
func day(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// Prune deletes the backups Keep drops, and any copy a crash left unfinished.
// It returns what it deleted. Counts come from the backups' names, which
// recorded them when each was made and checked; a backup whose name has none
// (made by an earlier version) is opened read-only once per run to count it.
// Files in Dir that are not backups are never touched.
func (s *Service) Prune(ctx context.Context) ([]Backup, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	list, err := s.scan()
	if err != nil {
		return nil, err
	}
	if err := s.counts.fill(ctx, list); err != nil {
		return nil, err
	}
	_, drop := Keep(list, s.Clock.Now())
	var deleted []Backup
	var errs []error
	for _, b := range drop {
		if err := ctx.Err(); err != nil {
			return deleted, err
		}
		if err := removeFile(b.Path); err != nil {
			errs = append(errs, err)
			continue
		}
		s.counts.forget(b.Path)
		deleted = append(deleted, b)
	}
	// The lock is held, so no copy of this Service is in progress; with one
	// Service per folder, any partial file is a crash's leftover.
	if _, err := s.removeLeftovers(); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return deleted, fmt.Errorf("prune backups: %w", err)
	}
	return deleted, nil
}
