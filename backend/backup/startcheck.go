package backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"bridgelog/backend/sqlite"
)

// startedEmptyFile, in the backup folder, records that a person chose to
// start with an empty database rather than restore the newest backup it
// names. It is not a backup: listing, pruning and cleaning leave it alone.
const startedEmptyFile = ".bridgelog-started-empty"

// CheckStart is the check to run before opening the database at dbPath, with
// the instance lock held: the location must be usable (sqlite.CheckLocation),
// the file must pass sqlite.CheckFile (its write-ahead log included), and a
// database that is missing, empty, or holds no incident is not taken for a
// new one while the newest good backup beside it holds incidents: the file
// may have been deleted, truncated or replaced, and starting fresh there
// would bury the backups' notes under a new timeline. Such a start gets
// HealthMissing, HealthEmpty or HealthReplaced, whose message offers that
// backup, until the person restores it or starts empty on purpose
// (StartEmpty).
func CheckStart(ctx context.Context, dbPath string) sqlite.Health {
	if h := sqlite.CheckLocation(dbPath); !h.OK() {
		return h
	}
	h := sqlite.CheckFile(dbPath)
	if !h.OK() || h.Incidents > 0 {
		return h
	}
	status := sqlite.HealthReplaced
	if fi, err := os.Stat(dbPath); errors.Is(err, fs.ErrNotExist) {
		status = sqlite.HealthMissing
	} else if err == nil && fi.Size() == 0 {
		status = sqlite.HealthEmpty
	}
	s := New(nil, sqlite.BackupDir(dbPath), nil)
	newest, ok := s.newestGood(ctx)
	if !ok || newest.Incidents == 0 || s.startedEmptyOver(newest) {
		return h
	}
	return emptyStart(dbPath, s.Dir, status, newest)
}

// StartEmpty records that the person chose to start with the database as it
// is (missing, empty, or without incidents) rather than restore the newest
// good backup, so CheckStart lets it open until a newer backup is made. The
// backups themselves are not touched.
func (s *Service) StartEmpty(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	newest, ok := s.newestGood(ctx)
	if !ok {
		return nil // nothing to decline: CheckStart passes already
	}
	tmp := filepath.Join(s.Dir, startedEmptyFile+".tmp")
	if err := os.WriteFile(tmp, []byte(filepath.Base(newest.Path)+"\n"), 0o600); err != nil {
		return fmt.Errorf("record the choice to start empty: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(s.Dir, startedEmptyFile)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("record the choice to start empty: %w", err)
	}
	return syncDir(s.Dir)
}

// startedEmptyOver reports whether the person chose to start empty when b was
// the newest good backup.
func (s *Service) startedEmptyOver(b Backup) bool {
	got, err := os.ReadFile(filepath.Join(s.Dir, startedEmptyFile))
	return err == nil && strings.TrimSpace(string(got)) == filepath.Base(b.Path)
}

// newestGood is LatestRestorable, with ok false when there is none or the
// folder cannot be read: the start check then has no backup to offer.
func (s *Service) newestGood(ctx context.Context) (b Backup, ok bool) {
	b, err := s.LatestRestorable(ctx)
	return b, err == nil
}

// emptyStart describes a database that looks new while its newest good
// backup holds incidents.
func emptyStart(dbPath, dir string, status sqlite.HealthStatus, newest Backup) sqlite.Health {
	what := map[sqlite.HealthStatus]string{
		sqlite.HealthMissing:  fmt.Sprintf("There is no database file at %s", dbPath),
		sqlite.HealthEmpty:    fmt.Sprintf("The database file at %s is empty", dbPath),
		sqlite.HealthReplaced: fmt.Sprintf("The database at %s holds no incidents", dbPath),
	}[status]
	held := plural(newest.Incidents, "incident")
	if newest.Counted && newest.Entries > 0 {
		held += " and " + plural(newest.Entries, "timeline entry")
	}
	when := newest.Time.In(time.Local).Format("Mon 2 Jan 2006 15:04")
	return sqlite.Health{Status: status, Incidents: 0,
		Detail: fmt.Sprintf("the newest good backup, %s, holds %s", filepath.Base(newest.Path), held),
		Message: fmt.Sprintf("%s, but its backups in %s hold incidents: the newest good one, from %s, holds %s. "+
			"Nothing has been opened or changed. If the database was moved, deleted or replaced by mistake, restore that backup. "+
			"If you meant to start over, start with an empty database: the backups stay where they are.",
			what, dir, when, held)}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
