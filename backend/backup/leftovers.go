package backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// CleanLeftovers removes what a backup killed midway left in the backup
// folder: its unfinished copy (a file named with tempPrefix, often tens of
// megabytes, and any -wal or -journal beside it). It returns the paths it
// removed. Call it as the app starts, before the backup loop: with the
// instance lock held, no other process backs this database up, and this
// Service's own backups wait for it. Prune also does this, but only once the
// next backup has been made.
//
// It touches only regular files directly in Dir whose names start with
// tempPrefix: never a backup, a folder, another file, or anything outside Dir.
func (s *Service) CleanLeftovers(ctx context.Context) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.removeLeftovers()
}

// removeLeftovers does CleanLeftovers' work; the caller holds s.mu.
func (s *Service) removeLeftovers() ([]string, error) {
	if s.Dir == "" {
		return nil, nil
	}
	entries, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("read backup folder: %w", err)
	}
	var removed []string
	var errs []error
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), tempPrefix) || !e.Type().IsRegular() {
			continue
		}
		path := filepath.Join(s.Dir, e.Name())
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("remove an unfinished backup: %w", err))
			continue
		}
		removed = append(removed, path)
	}
	if len(removed) > 0 {
		if err := syncDir(s.Dir); err != nil {
			errs = append(errs, err)
		}
	}
	return removed, errors.Join(errs...)
}
