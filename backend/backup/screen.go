package backup

import (
	"context"
	"log"
	"sync"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// Screen holds the recovery screen's rules for a database that failed its
// start check (CheckStart) and was left unopened: what it offers, what
// recovering from the log would get back, and what each remedy does and
// says once Bridgelog starts again. The window only shows it and relaunches.
// A database that opened normally has no problem and no remedy.
type Screen struct {
	// Path is the database file; Health is what CheckStart found.
	Path   string
	Health sqlite.Health
	// Backups are the database's backups (a Service with no DB open).
	Backups *Service
	Clock   backend.Clock

	// mu lets one remedy run at a time, and guards previewed.
	mu sync.Mutex
	// previewed is what recovering from the log would get back, once known.
	previewed *LogPreview
}

// Problem is what the recovery screen shows.
type Problem struct {
	// Message says what is wrong with the file and what to do.
	Message string
	Status  sqlite.HealthStatus
	Path    string
	// BackupDir is the backup folder; Backups its backups, newest first, each checked.
	BackupDir string
	Backups   []Backup
	// Log is what recovering from the log would get back, when that is
	// offered for the problem; nil otherwise.
	Log *LogPreview
	// Offers is what the screen offers. Recovering from the log is offered
	// only when its preview worked: one that failed would fail again.
	Offers Remedies
}

// LogPreview is what the intact part of a write-ahead log gives back.
type LogPreview struct {
	// Commits is how many saved changes (transactions) the intact part holds.
	Commits int
	// LostCommits is how many saved changes, at least, lie after the damage.
	LostCommits int
	// Incidents and Entries are what the database would hold once recovered:
	// the file's own rows and the intact part's together.
	Incidents int
	Entries   int
	// Problem says why recovering cannot be done; empty when it can.
	Problem string
}

// Problem returns what is wrong with the database, or nil when it opened.
// For a damaged log it rebuilds the database from the log's intact part in a
// private temporary folder (once) to say what recovering gets back. A backup
// folder that cannot be listed shows no backups rather than no screen.
func (s *Screen) Problem(ctx context.Context) *Problem {
	if s.Health.OK() {
		return nil
	}
	list, err := s.Backups.List(ctx)
	if err != nil {
		log.Printf("recovery: list backups: %v", err)
	}
	if list == nil {
		list = []Backup{}
	}
	p := &Problem{Message: s.Health.Message, Status: s.Health.Status, Path: s.Path,
		BackupDir: s.Backups.Dir, Backups: list, Offers: RemediesFor(s.Health.Status)}
	if p.Offers.Recover {
		p.Log = s.preview(ctx)
		p.Offers.Recover = p.Log.Problem == ""
	}
	return p
}

// preview says what recovering from the log gets back, working it out once.
func (s *Screen) preview(ctx context.Context) *LogPreview {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.previewed == nil {
		rec, err := sqlite.PreviewWAL(ctx, s.Path)
		s.previewed = logPreview(rec, err)
	}
	l := *s.previewed
	return &l
}

// logPreview is what a WAL preview says, its error as a message a person reads.
func logPreview(rec sqlite.WALRecovery, err error) *LogPreview {
	l := &LogPreview{Commits: rec.Log.Commits, LostCommits: rec.Log.LostCommits,
		Incidents: rec.Incidents, Entries: rec.Entries}
	if err != nil {
		log.Printf("recovery: preview: %v", err)
		l.Problem = backend.ErrorMessage(err)
	}
	return l
}

// RestoreLatest restores the newest backup that passes its check (Restore).
func (s *Screen) RestoreLatest(ctx context.Context) (notice string, err error) {
	if err := CheckRemedy(s.Health, RemedyRestore); err != nil {
		return "", err
	}
	b, err := s.Backups.LatestRestorable(ctx)
	if err != nil {
		return "", err
	}
	return s.Restore(ctx, b.Path)
}

// Restore replaces the damaged file with the backup at path, once that
// backup passes its check (the damaged file is kept in the backup folder
// first), and returns the notice for the next start.
func (s *Screen) Restore(ctx context.Context, path string) (notice string, err error) {
	if err := CheckRemedy(s.Health, RemedyRestore); err != nil {
		return "", err
	}
	if err := s.Backups.CheckRestorable(path); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	before, err := s.Backups.Restore(ctx, path, s.Path)
	if err != nil {
		return "", err
	}
	return RestoredNotice(path, before), nil
}

// MoveAside renames the damaged file (and its side files) to
// <file>.damaged-<time>, deleting nothing, for a new, empty database to take
// its place. It returns the new name and the notice for the next start.
func (s *Screen) MoveAside() (to, notice string, err error) {
	if err := CheckRemedy(s.Health, RemedyMoveAside); err != nil {
		return "", "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	to, err = MoveAside(s.Path, s.Clock.Now())
	if err != nil {
		return "", "", err
	}
	return to, MovedAsideNotice(to), nil
}

// MovedAsideNotice is what Bridgelog says when it starts on a new database
// after the damaged one was moved aside to to.
func MovedAsideNotice(to string) string {
	return "The damaged database was moved aside to " + to + "; this is a new, empty one."
}

// RecoverFromLog rebuilds the database from the file and the intact part of
// its damaged write-ahead log (Service.RecoverFromLog). It returns the name
// the damaged files were moved aside to and the notice for the next start.
func (s *Screen) RecoverFromLog(ctx context.Context) (movedTo, notice string, err error) {
	if err := CheckRemedy(s.Health, RemedyRecover); err != nil {
		return "", "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, err := s.Backups.RecoverFromLog(ctx, s.Path)
	if err != nil {
		return "", "", err
	}
	return rec.MovedTo, rec.Notice(), nil
}

// StartEmpty starts on the database as it is (missing, empty, or without
// incidents) rather than restore a backup: the choice is recorded beside the
// backups, which stay as they are (Service.StartEmpty). It returns the
// notice for the next start.
func (s *Screen) StartEmpty(ctx context.Context) (notice string, err error) {
	if err := CheckRemedy(s.Health, RemedyStartEmpty); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.Backups.StartEmpty(ctx); err != nil {
		return "", err
	}
	return StartedEmptyNotice(s.Backups.Dir), nil
}

// StartedEmptyNotice is what Bridgelog says when it starts on an empty
// database, as chosen, beside the backups in dir.
func StartedEmptyNotice(dir string) string {
	return "Started with an empty database, as you chose. The backups in " + dir +
		" are kept: restore one from Settings (Ctrl+,) at any time."
}

// CheckAgain says whether starting again, which checks the database afresh,
// is a remedy for the problem: one fixed outside Bridgelog meanwhile
// (permissions, a mount).
func (s *Screen) CheckAgain() error {
	return CheckRemedy(s.Health, RemedyRetry)
}

// NotRestoredNotice is what Bridgelog says when it starts again after a
// restore asked for from Settings failed once the database had closed: the
// database is unchanged.
func NotRestoredNotice(err error) string {
	return "The backup was not restored: " + backend.ErrorMessage(err)
}

// RestoreAfterClose restores the backup at path over the closed database at
// dbPath, as asked from Settings before the window closed, and returns the
// notice for the next start: what was restored, or why it was not (the
// database is then unchanged). It never fails: Bridgelog starts again either
// way, and says what happened.
func (s *Service) RestoreAfterClose(ctx context.Context, path, dbPath string) (notice string) {
	before, err := s.Restore(ctx, path, dbPath)
	if err != nil {
		log.Printf("restore %s: %v", path, err)
		return NotRestoredNotice(err)
	}
	return RestoredNotice(path, before)
}
