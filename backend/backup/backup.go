// Package backup keeps copies of Bridgelog's database file. The database is
// the only record of an outage, so a copy is made when an incident is
// resolved, when the app quits and every few minutes of a live call; each
// copy is checked and counted before it counts, old copies are thinned out by
// a rule that never lets newer, emptier copies push out the last one holding
// more, and restoring or recovering first keeps the current file aside.
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
	// ReasonBeforeRecovery marks the file and write-ahead log a recovery was
	// about to rewrite, kept byte for byte (see KeepBeforeRecovery).
	ReasonBeforeRecovery = "before-recovery"
)

var reasons = []string{ReasonResolved, ReasonQuit, ReasonPeriodic, ReasonBeforeRestore, ReasonManual, ReasonBeforeRecovery}

// Backup is one copy of the database in the backup folder.
type Backup struct {
	Path string `json:"path"`
	// Time is when the copy was made, to the second, from its file name.
	Time time.Time `json:"time" ts_type:"string"`
	// Incidents and Entries are how many incidents and timeline entries the
	// copy holds (see countQuery), recorded in its name when it was made.
	Incidents int `json:"incidents"`
	Entries   int `json:"entries"`
	// Counted is false when the counts are not known: a copy whose name
	// carries none and whose file could not be read, or one kept byte for
	// byte with its write-ahead log. Retention compares counted copies only.
	Counted bool   `json:"-"`
	Size    int64  `json:"size"`
	Reason  string `json:"reason"`
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
	// counts holds what backups without counts in their names were found
	// to hold, so retention opens each of them once per run.
	counts countCache
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
// quick_check, counts what it holds, and only then gives it its name (which
// records the counts), so a file with a backup name is always a checked,
// complete copy. A crash midway leaves at most a temporary file, which
// CleanLeftovers (at start) or the next Prune removes.
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
	stepDone("backup written")
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
	b, err := describe(ctx, tmp, reason, h)
	if err != nil {
		return Backup{}, err
	}
	if b, err = s.publish(tmp, b); err != nil {
		return Backup{}, err
	}
	s.seen = seen
	return b, nil
}

// describe describes a copy that passed its check h: its reason and what it
// holds. A copy that cannot be counted is still published, without counts
// (retention tries to read them again later): a backup matters more than its
// count.
func describe(ctx context.Context, path, reason string, h sqlite.Health) (Backup, error) {
	b := Backup{Reason: reason, Incidents: h.Incidents}
	entries, incidents, err := countFile(ctx, path)
	if ctx.Err() != nil {
		return Backup{}, ctx.Err()
	} else if err == nil {
		b.Entries, b.Incidents, b.Counted = entries, incidents, true
	}
	return b, nil
}

// publish renames a checked copy to the backup name b's reason and counts
// give it now, and makes that durable. It returns b with its path, time and
// size.
func (s *Service) publish(tmp string, b Backup) (Backup, error) {
	b.Time = s.Clock.Now().UTC().Truncate(time.Second)
	b.Path = s.freeName(b)
	return s.place(tmp, b)
}

// place renames tmp to b.Path and makes that durable.
func (s *Service) place(tmp string, b Backup) (Backup, error) {
	if err := os.Rename(tmp, b.Path); err != nil {
		return Backup{}, fmt.Errorf("name backup: %w", err)
	}
	if err := syncDir(s.Dir); err != nil {
		return Backup{}, err
	}
	fi, err := os.Stat(b.Path)
	if err != nil {
		return Backup{}, fmt.Errorf("backup %s: %w", b.Path, err)
	}
	b.Size = fi.Size()
	return b, nil
}

// freeName is the path of the backup name for b (its time, reason and
// counts): a later backup in the same second, whatever its reason, gets the
// next sequence number, so names order backups the way they were made.
func (s *Service) freeName(b Backup) string {
	seq := 1
	entries, _ := os.ReadDir(s.Dir)
	for _, e := range entries {
		if n, ok := parseName(e.Name()); ok && n.time.Equal(b.Time) {
			seq = max(seq, n.seq+1)
		}
	}
	for ; ; seq++ { // a file that is not a backup may hold the name
		path := filepath.Join(s.Dir, nameOf(b, seq).String())
		if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
			return path
		}
	}
}

// List returns every backup in Dir, newest first, each opened read-only to
// run quick_check. A damaged copy is listed with its Problem; files that are
// not backups are left out (and never deleted). Counts come from the names,
// which recorded them when each copy was checked; a name without counts has
// them read from the file.
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
		if !list[i].Counted {
			list[i].Incidents = h.Incidents
		}
		if !h.OK() {
			list[i].Problem = fmt.Sprintf("%s: %s", h.Status, h.Detail)
		}
	}
	if err := s.counts.fill(ctx, list); err != nil {
		return nil, err
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
		list = append(list, Backup{Path: filepath.Join(s.Dir, e.Name()), Time: n.time, Reason: n.reason, Size: fi.Size(),
			Counted: n.counted, Entries: n.entries, Incidents: n.incidents})
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
