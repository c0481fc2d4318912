package app

import (
	"context"
	"log"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/sqlite"
)

// Relaunch is what should happen once the window has closed: nothing (the
// app quits), or starting Bridgelog again, after restoring a backup if one
// was chosen while the database was open. main acts on it after wails.Run
// returns, with the database closed and the instance lock still held.
type Relaunch struct {
	mu      sync.Mutex
	again   bool
	restore string
	notice  string
}

// restoreAfterQuit asks for the backup at path to replace the database once
// it is closed, and for Bridgelog to start again on it.
func (r *Relaunch) restoreAfterQuit(path string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.again, r.restore = true, path
}

// startAgain asks for Bridgelog to start again, showing notice once it has.
func (r *Relaunch) startAgain(notice string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.again, r.notice = true, notice
}

func (r *Relaunch) restoring() string {
	if r == nil {
		return ""
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.restore
}

// Pending reports whether Bridgelog should start again, and the backup to
// restore first ("" for none) and the notice to show after.
func (r *Relaunch) Pending() (again bool, restore, notice string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.again, r.restore, r.notice
}

// RestoreNow restores the backup at path over the closed database at dbPath
// and returns the notice for the next start: what was restored, or why it
// was not (the database is then unchanged). It never fails: Bridgelog starts
// again either way, and says what happened.
func RestoreNow(ctx context.Context, svc *backup.Service, path, dbPath string) string {
	before, err := svc.Restore(ctx, path, dbPath)
	if err != nil {
		log.Printf("restore %s: %v", path, err)
		return "The backup was not restored: " + backend.ErrorMessage(err)
	}
	return backup.RestoredNotice(path, before)
}

// Recovery is the bound API of the recovery screen, shown instead of the app
// when the database failed sqlite.CheckFile at start and was left unopened.
// In a normal start it is bound too, and Problem returns nil.
type Recovery struct {
	// Path is the database file; Health is what CheckFile found.
	Path   string
	Health sqlite.Health
	// Backups lists and restores the database's backups (with no DB open).
	Backups  *backup.Service
	Relaunch *Relaunch
	Clock    backend.Clock
	// CloseWindow closes the window (App.Quit); nil in tests.
	CloseWindow func()
	// Message is from the run that started this one: a restore it made or
	// refused as it closed, or where it moved a damaged file.
	Message string

	mu sync.Mutex
	// previewed is what recovering from the log would get back, once known.
	previewed *LogRecovery
}

// RecoveryProblem is what the recovery screen shows.
type RecoveryProblem struct {
	// Message says what is wrong with the file and what to do.
	Message string `json:"message"`
	Status  string `json:"status"`
	Path    string `json:"path"`
	// BackupDir is the backup folder; Backups its backups, newest first, each checked.
	BackupDir string          `json:"backupDir"`
	Backups   []backup.Backup `json:"backups"`
	// Log is what recovering from the write-ahead log would get back, when
	// the problem is the log (or a log without its database); nil otherwise.
	Log *LogRecovery `json:"log,omitempty"`
	// What the screen offers for this problem.
	CanRecover    bool `json:"canRecover"`    // RecoverFromLog
	CanRestore    bool `json:"canRestore"`    // Restore, RestoreLatest
	CanMoveAside  bool `json:"canMoveAside"`  // MoveAside
	CanStartEmpty bool `json:"canStartEmpty"` // StartEmpty
	CanRetry      bool `json:"canRetry"`      // CheckAgain
}

// LogRecovery is what the intact part of a write-ahead log gives back.
type LogRecovery struct {
	// Commits is how many saved changes (transactions) the intact part holds.
	Commits int `json:"commits"`
	// LostCommits is how many saved changes, at least, lie after the damage.
	LostCommits int `json:"lostCommits"`
	// Incidents and Entries are what the database would hold once recovered:
	// the file's own rows and the intact part's together.
	Incidents int `json:"incidents"`
	Entries   int `json:"entries"`
	// Problem says why recovering cannot be done; empty when it can.
	Problem string `json:"problem,omitempty"`
}

// offers sets what the screen offers for the problem (backup.RemediesFor).
func (r *Recovery) offers(p *RecoveryProblem) {
	o := backup.RemediesFor(r.Health.Status)
	p.CanRecover, p.CanRestore, p.CanMoveAside, p.CanStartEmpty, p.CanRetry = o.Recover, o.Restore, o.MoveAside, o.StartEmpty, o.Retry
}

// Problem returns what is wrong with the database, or nil when it opened.
// For a damaged log it rebuilds the database from the log's intact part in a
// private temporary folder (once per run) to say what recovering gets back.
func (r *Recovery) Problem() (*RecoveryProblem, error) {
	if r.Health.OK() {
		return nil, nil
	}
	list, err := r.Backups.List(context.Background())
	if err != nil {
		log.Printf("recovery: list backups: %v", err)
	}
	if list == nil {
		list = []backup.Backup{}
	}
	p := &RecoveryProblem{Message: r.Health.Message, Status: string(r.Health.Status), Path: r.Path,
		BackupDir: r.Backups.Dir, Backups: list}
	r.offers(p)
	if p.CanRecover {
		p.Log = r.preview()
		p.CanRecover = p.Log.Problem == ""
	}
	return p, nil
}

// preview says what recovering from the log gets back, working it out once.
func (r *Recovery) preview() *LogRecovery {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.previewed == nil {
		rec, err := sqlite.PreviewWAL(context.Background(), r.Path)
		r.previewed = logRecovery(rec, err)
	}
	l := *r.previewed
	return &l
}

func logRecovery(rec sqlite.WALRecovery, err error) *LogRecovery {
	l := &LogRecovery{Commits: rec.Log.Commits, LostCommits: rec.Log.LostCommits,
		Incidents: rec.Incidents, Entries: rec.Entries}
	if err != nil {
		log.Printf("recovery: preview: %v", err)
		l.Problem = backend.ErrorMessage(err)
	}
	return l
}

// Notice returns the message from the run that started this one, "" if
// none. It stays true for the whole run, so every load of the page shows it.
func (r *Recovery) Notice() string { return r.Message }

// RestoreLatest restores the newest backup that passes its check.
func (r *Recovery) RestoreLatest() error {
	if err := backup.CheckRemedy(r.Health, backup.RemedyRestore); err != nil {
		return err
	}
	b, err := r.Backups.LatestRestorable(context.Background())
	if err != nil {
		return err
	}
	return r.Restore(b.Path)
}

// Restore replaces the damaged file with the backup at path (the damaged
// file is kept in the backup folder first), then starts Bridgelog again.
// The database is not open, so this happens at once and a failure shows here.
func (r *Recovery) Restore(path string) error {
	if err := backup.CheckRemedy(r.Health, backup.RemedyRestore); err != nil {
		return err
	}
	if err := r.Backups.CheckRestorable(path); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	before, err := r.Backups.Restore(context.Background(), path, r.Path)
	if err != nil {
		return err
	}
	r.restart(backup.RestoredNotice(path, before))
	return nil
}

// MoveAside renames the damaged file (and its side files) to
// <file>.damaged-<time>, deleting nothing, and starts Bridgelog again on a
// new, empty database. It returns the new name.
func (r *Recovery) MoveAside() (string, error) {
	if err := backup.CheckRemedy(r.Health, backup.RemedyMoveAside); err != nil {
		return "", err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	to, err := backup.MoveAside(r.Path, r.Clock.Now())
	if err != nil {
		return "", err
	}
	r.restart("The damaged database was moved aside to " + to + "; this is a new, empty one.")
	return to, nil
}

// RecoverFromLog rebuilds the database from the file and the intact part of
// its damaged write-ahead log (backup.Service.RecoverFromLog), then starts
// Bridgelog again on it. It returns the name the damaged files were moved
// aside to.
func (r *Recovery) RecoverFromLog() (string, error) {
	if err := backup.CheckRemedy(r.Health, backup.RemedyRecover); err != nil {
		return "", err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	rec, err := r.Backups.RecoverFromLog(context.Background(), r.Path)
	if err != nil {
		return "", err
	}
	r.restart(rec.Notice())
	return rec.MovedTo, nil
}

// StartEmpty starts Bridgelog on the database as it is (missing, empty, or
// without incidents) rather than restore a backup: the choice is recorded
// beside the backups, which stay as they are, so the next start does not ask
// again until a newer backup is made.
func (r *Recovery) StartEmpty() error {
	if err := backup.CheckRemedy(r.Health, backup.RemedyStartEmpty); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.Backups.StartEmpty(context.Background()); err != nil {
		return err
	}
	r.restart("Started with an empty database, as you chose. The backups in " + r.Backups.Dir +
		" are kept: restore one from Settings (Ctrl+,) at any time.")
	return nil
}

// CheckAgain starts Bridgelog again, which checks the database afresh: for a
// problem fixed outside Bridgelog meanwhile (permissions, a mount).
func (r *Recovery) CheckAgain() error {
	if err := backup.CheckRemedy(r.Health, backup.RemedyRetry); err != nil {
		return err
	}
	r.restart("")
	return nil
}

// Quit closes the window without changing anything.
func (r *Recovery) Quit() {
	if r.CloseWindow != nil {
		r.CloseWindow()
	}
}

func (r *Recovery) restart(notice string) {
	r.Relaunch.startAgain(notice)
	if r.CloseWindow != nil {
		r.CloseWindow()
	}
}

// Quit closes the window; Shutdown then runs as for any close.
func (a *App) Quit() {
	if ctx := a.runtimeCtx(); ctx != nil {
		runtime.Quit(ctx)
	}
}

// FormatStoreError is the app's ErrorFormatter: FormatError, with a full
// disk (SQLITE_FULL, ENOSPC) turned into a message that says nothing was
// saved and what to do, under its own code. The original error is logged
// first, since the message replaces it.
func FormatStoreError(err error) any {
	if err != nil && sqlite.IsFull(err) {
		log.Printf("disk full: %v", err)
		err = backend.Errorf(backend.EFULL, "%s", backend.ErrorMessage(sqlite.FullDiskError(err)))
	}
	return FormatError(err)
}
