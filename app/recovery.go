package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

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
	b, err := restore(ctx, svc, path, dbPath)
	if err != nil {
		log.Printf("restore %s: %v", path, err)
		return "The backup was not restored: " + backend.ErrorMessage(err)
	}
	return b
}

// restore restores a backup and says so in a sentence.
func restore(ctx context.Context, svc *backup.Service, path, dbPath string) (string, error) {
	when := backupTime(path)
	before, err := svc.Restore(ctx, path, dbPath)
	if err != nil {
		return "", err
	}
	msg := "Restored the backup from " + when + "."
	if before.Path != "" {
		msg += " The database it replaced is kept as the backup " + filepath.Base(before.Path) + "."
	}
	return msg, nil
}

// backupTime is when the backup at path was made, in local time, read from
// its name (bridgelog-20261122T181500Z-resolved.db); its name if it has none.
func backupTime(path string) string {
	name := filepath.Base(path)
	const layout = "20060102T150405Z"
	if stamp, ok := strings.CutPrefix(name, "bridgelog-"); ok && len(stamp) >= len(layout) {
		if t, err := time.Parse(layout, stamp[:len(layout)]); err == nil {
			return t.In(time.Local).Format("Mon 2 Jan 15:04")
		}
	}
	return name
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

// offers is what can be done about each kind of problem. A log problem can be
// recovered from; a file that looks new beside backups with incidents can be
// restored or started empty on purpose; a location that cannot hold a
// database can only be fixed outside Bridgelog, then checked again.
func (r *Recovery) offers(p *RecoveryProblem) {
	switch r.Health.Status {
	case sqlite.HealthWALDamaged, sqlite.HealthWALOnly:
		p.CanRecover, p.CanRestore, p.CanMoveAside = true, true, true
	case sqlite.HealthMissing, sqlite.HealthEmpty, sqlite.HealthReplaced:
		p.CanRestore, p.CanStartEmpty = true, true
	case sqlite.HealthUnusable:
		p.CanRetry = true
	case sqlite.HealthUnreadable:
		p.CanRestore, p.CanMoveAside, p.CanRetry = true, true, true
	default:
		p.CanRestore, p.CanMoveAside = true, true
	}
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
	if err := r.offered(func(p *RecoveryProblem) bool { return p.CanRestore }); err != nil {
		return err
	}
	list, err := r.Backups.List(context.Background())
	if err != nil {
		return err
	}
	for _, b := range list {
		if b.Problem == "" {
			return r.Restore(b.Path)
		}
	}
	return backend.Errorf(backend.ENOTFOUND,
		"No backup in %s can be restored: move the damaged file aside to start fresh", r.Backups.Dir)
}

// Restore replaces the damaged file with the backup at path (the damaged
// file is kept in the backup folder first), then starts Bridgelog again.
// The database is not open, so this happens at once and a failure shows here.
func (r *Recovery) Restore(path string) error {
	if err := r.offered(func(p *RecoveryProblem) bool { return p.CanRestore }); err != nil {
		return err
	}
	if err := checkBackup(r.Backups.Dir, path); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	notice, err := restore(context.Background(), r.Backups, path, r.Path)
	if err != nil {
		return err
	}
	r.restart(notice)
	return nil
}

// MoveAside renames the damaged file (and any journal beside it) to
// <file>.damaged-<time>, deleting nothing, and starts Bridgelog again on a
// new, empty database. It returns the new name.
func (r *Recovery) MoveAside() (string, error) {
	if err := r.offered(func(p *RecoveryProblem) bool { return p.CanMoveAside }); err != nil {
		return "", err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	to, err := MoveAside(r.Path, r.Clock.Now())
	if err != nil {
		return "", err
	}
	r.restart("The damaged database was moved aside to " + to + "; this is a new, empty one.")
	return to, nil
}

// RecoverFromLog rebuilds the database from the file and the intact part of
// its damaged write-ahead log, then starts Bridgelog again on it. In order,
// so that every step can fail or be cut short with nothing lost:
//  1. the file and its log are copied byte for byte into the backup folder
//     (a before-recovery backup); if that fails, nothing else happens;
//  2. the database is rebuilt beside the file from copies of the file and of
//     the log cut after its last valid commit, through SQLite, and checked;
//  3. the damaged file, log and index are moved aside together, unchanged;
//  4. the rebuilt file is renamed into place.
//
// It returns the name the damaged files were moved aside to.
func (r *Recovery) RecoverFromLog() (string, error) {
	if err := r.offered(func(p *RecoveryProblem) bool { return p.CanRecover }); err != nil {
		return "", err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	ctx := context.Background()
	kept, err := r.Backups.KeepBeforeRecovery(ctx, r.Path)
	if err != nil {
		return "", err
	}
	now := r.Clock.Now()
	rebuilt := r.Path + ".recovered-" + now.UTC().Format("20060102T150405Z")
	rec, err := sqlite.RecoverWAL(ctx, r.Path, rebuilt)
	if err != nil {
		return "", err
	}
	to, err := MoveAside(r.Path, now)
	if err != nil {
		os.Remove(rebuilt)
		return "", err
	}
	if err := os.Rename(rebuilt, r.Path); err != nil {
		return "", backend.Errorf(backend.EINTERNAL,
			"The database was rebuilt, but Bridgelog could not put it in place (%v). Nothing was deleted: "+
				"rename %s to %s yourself, then start Bridgelog again", errors.Unwrap(err), rebuilt, r.Path)
	}
	syncFolder(filepath.Dir(r.Path))
	notice := fmt.Sprintf("Recovered %s and %s from the database file and the intact part of its write-ahead log (%s). "+
		"The damaged files were moved aside to %s (with its -wal and -shm files)", count(rec.Incidents, "incident"),
		count(rec.Entries, "timeline entry"), count(rec.Log.Commits, "saved change"), to)
	if kept.Path != "" {
		notice += ", and a copy is kept as the backup " + filepath.Base(kept.Path)
	}
	r.restart(notice + ".")
	return to, nil
}

// StartEmpty starts Bridgelog on the database as it is (missing, empty, or
// without incidents) rather than restore a backup: the choice is recorded
// beside the backups, which stay as they are, so the next start does not ask
// again until a newer backup is made.
func (r *Recovery) StartEmpty() error {
	if err := r.offered(func(p *RecoveryProblem) bool { return p.CanStartEmpty }); err != nil {
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
	if err := r.offered(func(p *RecoveryProblem) bool { return p.CanRetry }); err != nil {
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

// offered refuses an action the screen does not offer for this problem.
func (r *Recovery) offered(can func(*RecoveryProblem) bool) error {
	if r.Health.OK() {
		return backend.Errorf(backend.ECONFLICT,
			"The database opened normally, so there is nothing to recover: restore a backup from Settings (Ctrl+,) instead")
	}
	p := &RecoveryProblem{}
	r.offers(p)
	if !can(p) {
		return backend.Errorf(backend.ECONFLICT, "That cannot be done about this problem: %s", r.Health.Message)
	}
	return nil
}

// count says n of a noun in words.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func (r *Recovery) restart(notice string) {
	r.Relaunch.startAgain(notice)
	if r.CloseWindow != nil {
		r.CloseWindow()
	}
}

// MoveAside renames the database at path to <path>.damaged-<now, UTC>, its
// side files with it so each stays beside the file it belongs to. The side
// files go first: a WAL left at path would be replayed into the next,
// new database there and damage it. Nothing is deleted.
func MoveAside(path string, now time.Time) (string, error) {
	stamp := now.UTC().Format("20060102T150405Z")
	to := path + ".damaged-" + stamp
	for n := 2; exists(to) || exists(to+"-wal"); n++ {
		to = fmt.Sprintf("%s.damaged-%s-%d", path, stamp, n)
	}
	for _, suffix := range []string{"-wal", "-journal", "-shm", ""} {
		err := os.Rename(path+suffix, to+suffix)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", backend.Errorf(backend.EINTERNAL,
				"Bridgelog could not move %s aside (%v). Nothing was deleted: move or rename the file yourself, then start Bridgelog again",
				path+suffix, errors.Unwrap(err))
		}
	}
	syncFolder(filepath.Dir(path)) // make the renames durable
	return to, nil
}

// syncFolder makes renames in dir durable, where the system allows it.
func syncFolder(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
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
