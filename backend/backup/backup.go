// Package backup keeps copies of Bridgelog's database file. The database is
// the only record of an outage, so a copy is made when an incident is
// resolved, when the app quits and every few minutes of a live call; each
// copy is checked before it counts, old copies are thinned out by a fixed
// rule, and restoring one first keeps the current file aside.
package backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// Why a backup was made; the reason is part of its file name.
const (
	ReasonResolved      = "resolved"       // an incident was resolved
	ReasonQuit          = "quit"           // the app is closing
	ReasonPeriodic      = "periodic"       // the loop, during a live incident
	ReasonBeforeRestore = "before-restore" // the file a restore replaced
	ReasonManual        = "manual"         // a person asked for one
)

var reasons = []string{ReasonResolved, ReasonQuit, ReasonPeriodic, ReasonBeforeRestore, ReasonManual}

// Backup is one copy of the database in the backup folder.
type Backup struct {
	Path string `json:"path"`
	// Time is when the copy was made, to the second, from its file name.
	Time      time.Time `json:"time" ts_type:"string"`
	Incidents int       `json:"incidents"`
	Size      int64     `json:"size"`
	Reason    string    `json:"reason"`
	// Problem is empty for a copy that passes SQLite's quick_check; otherwise
	// it says what is wrong. Damaged copies are listed, never hidden, so a
	// person sees that the newest backup cannot be restored.
	Problem string `json:"problem,omitempty"`
}

// Service makes, lists, thins out and restores the backups of one database.
// Use one Service per folder: it serialises its own work, not other
// processes' (the app's instance lock already keeps a database to one process).
type Service struct {
	// Dir is the backup folder (sqlite.BackupDir of the database by default).
	Dir string
	// Clock names the backups and decides which are old.
	Clock backend.Clock

	db *sqlite.DB
	mu sync.Mutex
	// seen is the live file's state when the last backup began, so the loop
	// can skip a periodic copy of a database nothing has written to since.
	seen fingerprint
}

// New returns a Service copying db into dir. db may be nil for a Service that
// only lists and restores: the recovery path when the live file failed
// sqlite.CheckFile and was never opened.
func New(db *sqlite.DB, dir string, clock backend.Clock) *Service {
	if clock == nil {
		clock = backend.SystemClock{}
	}
	return &Service{Dir: dir, Clock: clock, db: db}
}

// Create copies the open database while the app keeps writing (VACUUM INTO
// reads one snapshot; WAL lets writers carry on), checks the copy with
// quick_check, and only then gives it its name, so a file with a backup name
// is always a checked, complete copy. A crash midway leaves at most a
// temporary file, which Prune removes.
func (s *Service) Create(ctx context.Context, reason string) (Backup, error) {
	if !slices.Contains(reasons, reason) {
		return Backup{}, backend.Errorf(backend.EINVALID, "Unknown backup reason %q", reason)
	} else if s.db == nil {
		return Backup{}, backend.Errorf(backend.EINTERNAL, "No database is open to back up")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.makeDir(); err != nil {
		return Backup{}, err
	}
	seen := stat(s.db.Path) // before the copy: a write during it counts as a change
	tmp, err := s.tempFile()
	if err != nil {
		return Backup{}, err
	}
	defer removeFile(tmp) // a no-op once renamed

	if err := s.db.BackupTo(ctx, tmp); err != nil {
		if sqlite.IsFull(err) {
			return Backup{}, backend.Errorf(backend.EINTERNAL,
				"The disk is full, so no backup was made (the database itself is unchanged): free some space on the disk that holds %s", s.Dir)
		}
		return Backup{}, fmt.Errorf("back up the database: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		return Backup{}, err
	}
	h := sqlite.CheckFile(tmp)
	if !h.OK() {
		return Backup{}, backend.Errorf(backend.EINTERNAL,
			"The backup copy failed its check (%s) and was discarded. The database was not changed, but this can mean the disk is failing: "+
				"copy %s to another disk",
			h.Detail, s.db.Path)
	}
	b, err := s.publish(tmp, reason, h.Incidents)
	if err != nil {
		return Backup{}, err
	}
	s.seen = seen
	return b, nil
}

// publish renames a checked copy to its backup name and makes that durable.
func (s *Service) publish(tmp, reason string, incidents int) (Backup, error) {
	t := s.Clock.Now().UTC().Truncate(time.Second)
	return s.publishAs(tmp, s.freeName(t, reason), t, reason, incidents)
}

func (s *Service) publishAs(tmp, path string, t time.Time, reason string, incidents int) (Backup, error) {
	if err := os.Rename(tmp, path); err != nil {
		return Backup{}, fmt.Errorf("name backup: %w", err)
	}
	if err := syncDir(s.Dir); err != nil {
		return Backup{}, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return Backup{}, fmt.Errorf("backup %s: %w", path, err)
	}
	return Backup{Path: path, Time: t, Incidents: incidents, Size: fi.Size(), Reason: reason}, nil
}

// freeName is the backup name for t and reason: a later backup in the same
// second, whatever its reason, gets the next sequence number, so names order
// backups the way they were made.
func (s *Service) freeName(t time.Time, reason string) string {
	seq := 1
	entries, _ := os.ReadDir(s.Dir)
	for _, e := range entries {
		if n, ok := parseName(e.Name()); ok && n.time.Equal(t) {
			seq = max(seq, n.seq+1)
		}
	}
	for ; ; seq++ { // a file that is not a backup may hold the name
		path := filepath.Join(s.Dir, fileName(t, reason, seq))
		if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
			return path
		}
	}
}

// List returns every backup in Dir, newest first, each opened read-only to
// count its incidents and run quick_check. A damaged copy is listed with its
// Problem; files that are not backups are left out (and never deleted).
func (s *Service) List(ctx context.Context) ([]Backup, error) {
	list, err := s.scan()
	if err != nil {
		return nil, err
	}
	for i := range list {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		h := sqlite.CheckFile(list[i].Path)
		list[i].Incidents = h.Incidents
		if !h.OK() {
			list[i].Problem = fmt.Sprintf("%s: %s", h.Status, h.Detail)
		}
	}
	return list, nil
}

// scan reads the backups' names and sizes, newest first, opening none.
func (s *Service) scan() ([]Backup, error) {
	entries, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("read backup folder: %w", err)
	}
	var list []Backup
	for _, e := range entries {
		n, ok := parseName(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		list = append(list, Backup{Path: filepath.Join(s.Dir, e.Name()), Time: n.time, Reason: n.reason, Size: fi.Size()})
	}
	sortNewestFirst(list)
	return list, nil
}

// makeDir creates Dir readable by the user alone: backups hold the same notes
// as the database.
func (s *Service) makeDir() error {
	if s.Dir == "" {
		return backend.Errorf(backend.EINVALID, "No backup folder was given")
	}
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return fmt.Errorf("create backup folder: %w", err)
	}
	if err := os.Chmod(s.Dir, 0o700); err != nil {
		return fmt.Errorf("restrict backup folder: %w", err)
	}
	return nil
}

// tempFile creates an empty file in Dir with mode 0600 for a copy to fill;
// SQLite keeps the mode of a file it writes into.
func (s *Service) tempFile() (string, error) {
	f, err := os.CreateTemp(s.Dir, tempPrefix+"*.db")
	if err != nil {
		return "", fmt.Errorf("create backup file: %w", err)
	}
	name := f.Name()
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		os.Remove(name)
		return "", fmt.Errorf("restrict backup file: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(name)
		return "", fmt.Errorf("create backup file: %w", err)
	}
	return name, nil
}
