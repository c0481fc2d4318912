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
// and returns the notice for the next start (backup.Service.RestoreAfterClose).
func RestoreNow(ctx context.Context, svc *backup.Service, path, dbPath string) string {
	return svc.RestoreAfterClose(ctx, path, dbPath)
}

// Recovery is the bound API of the recovery screen, shown instead of the app
// when the database failed sqlite.CheckFile at start and was left unopened.
// In a normal start it is bound too, and Problem returns nil. The rules are
// backup.Screen's; this shows them and starts Bridgelog again.
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

	once sync.Once
	s    *backup.Screen
}

// RecoveryProblem is what the recovery screen shows (backup.Problem).
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

// LogRecovery is what the intact part of a write-ahead log gives back (backup.LogPreview).
type LogRecovery struct {
	Commits     int    `json:"commits"`
	LostCommits int    `json:"lostCommits"`
	Incidents   int    `json:"incidents"`
	Entries     int    `json:"entries"`
	Problem     string `json:"problem,omitempty"`
}

// screen is the recovery screen's rules over this binding's database.
func (r *Recovery) screen() *backup.Screen {
	r.once.Do(func() {
		r.s = &backup.Screen{Path: r.Path, Health: r.Health, Backups: r.Backups, Clock: r.Clock}
	})
	return r.s
}

// Problem returns what is wrong with the database, or nil when it opened.
func (r *Recovery) Problem() (*RecoveryProblem, error) {
	p := r.screen().Problem(context.Background())
	if p == nil {
		return nil, nil
	}
	o := p.Offers
	out := &RecoveryProblem{Message: p.Message, Status: string(p.Status), Path: p.Path, BackupDir: p.BackupDir, Backups: p.Backups,
		CanRecover: o.Recover, CanRestore: o.Restore, CanMoveAside: o.MoveAside, CanStartEmpty: o.StartEmpty, CanRetry: o.Retry}
	if l := p.Log; l != nil {
		out.Log = &LogRecovery{Commits: l.Commits, LostCommits: l.LostCommits, Incidents: l.Incidents, Entries: l.Entries, Problem: l.Problem}
	}
	return out, nil
}

// Notice returns the message from the run that started this one, "" if
// none. It stays true for the whole run, so every load of the page shows it.
func (r *Recovery) Notice() string { return r.Message }

// RestoreLatest restores the newest backup that passes its check, then
// starts Bridgelog again.
func (r *Recovery) RestoreLatest() error {
	return r.restartAfter(r.screen().RestoreLatest(context.Background()))
}

// Restore replaces the damaged file with the backup at path, then starts
// Bridgelog again. The database is not open, so this happens at once and a
// failure shows here.
func (r *Recovery) Restore(path string) error {
	return r.restartAfter(r.screen().Restore(context.Background(), path))
}

// MoveAside moves the damaged file aside and starts Bridgelog again on a
// new, empty database. It returns the new name.
func (r *Recovery) MoveAside() (string, error) {
	to, notice, err := r.screen().MoveAside()
	return to, r.restartAfter(notice, err)
}

// RecoverFromLog rebuilds the database from the intact part of its damaged
// write-ahead log, then starts Bridgelog again on it. It returns the name
// the damaged files were moved aside to.
func (r *Recovery) RecoverFromLog() (string, error) {
	to, notice, err := r.screen().RecoverFromLog(context.Background())
	return to, r.restartAfter(notice, err)
}

// StartEmpty starts Bridgelog on the database as it is rather than restore a
// backup, as chosen.
func (r *Recovery) StartEmpty() error {
	return r.restartAfter(r.screen().StartEmpty(context.Background()))
}

// CheckAgain starts Bridgelog again, which checks the database afresh.
func (r *Recovery) CheckAgain() error {
	return r.restartAfter("", r.screen().CheckAgain())
}

// Quit closes the window without changing anything.
func (r *Recovery) Quit() {
	if r.CloseWindow != nil {
		r.CloseWindow()
	}
}

// restartAfter starts Bridgelog again with notice, unless err.
func (r *Recovery) restartAfter(notice string, err error) error {
	if err != nil {
		return err
	}
	r.Relaunch.startAgain(notice)
	if r.CloseWindow != nil {
		r.CloseWindow()
	}
	return nil
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
