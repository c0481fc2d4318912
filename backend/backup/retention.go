package backup

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Retention: the newest KeepNewest backups, plus the newest of each calendar
// day (in now's time zone) for the last KeepDays days. A day of periodic
// copies during a long call thus shrinks to one once it is over, and a month
// of history stays within reach of a review.
const (
	KeepNewest = 20
	KeepDays   = 30
)

// Keep splits backups into those the retention rule keeps and those it drops,
// each newest first. Besides the rule, a before-restore copy is kept for
// KeepDays days whatever else was made since: it may be the only copy of the
// notes a restore replaced.
func Keep(list []Backup, now time.Time) (keep, drop []Backup) {
	sorted := slices.Clone(list)
	sortNewestFirst(sorted)
	today := day(now, now.Location())
	first := today.AddDate(0, 0, -(KeepDays - 1))
	days := map[time.Time]bool{}
	for i, b := range sorted {
		d := day(b.Time, now.Location())
		inWindow := !d.Before(first) && !d.After(today)
		switch {
		case i < KeepNewest:
		case inWindow && !days[d]:
		case b.Reason == ReasonBeforeRestore && inWindow:
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

// day is the midnight starting t's calendar day in loc.
func day(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// Prune deletes the backups Keep drops, judged by their names alone (each was
// checked when made), and any copy a crash left unfinished. It returns what it
// deleted. Files in Dir that are not backups are never touched.
func (s *Service) Prune(ctx context.Context) ([]Backup, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	list, err := s.scan()
	if err != nil {
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
		deleted = append(deleted, b)
	}
	// The lock is held, so no copy of this Service is in progress; with one
	// Service per folder, any partial file is a crash's leftover.
	entries, _ := os.ReadDir(s.Dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tempPrefix) {
			if err := os.Remove(filepath.Join(s.Dir, e.Name())); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return deleted, fmt.Errorf("prune backups: %w", err)
	}
	return deleted, nil
}
