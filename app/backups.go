package app

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/sqlite"
)

// QuitTimeout bounds the backup made as the window closes: a slow disk must
// not keep a closing app on screen for long.
const QuitTimeout = 30 * time.Second

// Backups is the bound API behind Settings → Backups: the copies of the open
// database, a backup on request, and a restore, which needs the database
// closed and so happens after the window has closed (see Relaunch).
type Backups struct {
	Service *backup.Service
	// Relaunch records a restore for after the window has closed.
	Relaunch *Relaunch
	// CloseWindow closes the window (App.Quit); nil in tests.
	CloseWindow func()
}

// List returns every backup, newest first, each checked.
func (b *Backups) List() ([]backup.Backup, error) {
	list, err := b.Service.List(context.Background())
	if list == nil {
		list = []backup.Backup{} // JSON [] rather than null
	}
	return list, err
}

// Create makes a backup now and thins out old ones. The new backup is kept
// whatever happens to the thinning.
func (b *Backups) Create() (backup.Backup, error) {
	ctx := context.Background()
	made, err := b.Service.Create(ctx, backup.ReasonManual)
	if err != nil {
		return backup.Backup{}, err
	}
	_, _ = b.Service.Prune(ctx) // retried by the next backup; the new one is never pruned
	return made, nil
}

// Restore checks the backup at path, then closes the window; once the
// database is closed, main restores it (keeping the current file as a
// before-restore backup) and starts Bridgelog again.
func (b *Backups) Restore(path string) error {
	if err := checkBackup(b.Service.Dir, path); err != nil {
		return err
	}
	b.Relaunch.restoreAfterQuit(path)
	if b.CloseWindow != nil {
		b.CloseWindow()
	}
	return nil
}

// checkBackup refuses a path that is not a healthy backup in dir, before
// anything is closed: the person sees why, and the app keeps running.
func checkBackup(dir, path string) error {
	if path == "" || filepath.Dir(filepath.Clean(path)) != filepath.Clean(dir) {
		return backend.Errorf(backend.EINVALID, "%s is not one of the backups in %s: choose one from the list", path, dir)
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return backend.Errorf(backend.ENOTFOUND, "The backup %s is no longer there: choose another one", filepath.Base(path))
	}
	if h := sqlite.CheckFile(path); !h.OK() {
		return backend.Errorf(backend.EINVALID, "The backup %s cannot be restored (%s: %s): choose another one",
			filepath.Base(path), h.Status, h.Detail)
	}
	return nil
}

// QuitBackup returns the closer that backs the database up as the app quits,
// unless nothing was written since the last backup this run made, or the
// window closed for a restore (which keeps the current file aside itself).
// It runs after the backup loop has stopped and before the database closes.
func QuitBackup(s *backup.Service, r *Relaunch) func() error {
	return func() error {
		if r.restoring() != "" || !s.Changed() {
			return nil
		}
		ctx, cancel := context.WithTimeout(context.Background(), QuitTimeout)
		defer cancel()
		if _, err := s.Create(ctx, backup.ReasonQuit); err != nil {
			return err
		}
		_, err := s.Prune(ctx)
		return err
	}
}

// Unresolved lists the incidents not resolved, through
// CallService.LiveIncidents: "resolved at or after" a time no entry can
// carry counts no resolved incident as live, whatever its clock said.
func Unresolved(calls backend.CallService) func(context.Context) ([]int64, error) {
	endOfTime := time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	return func(ctx context.Context) ([]int64, error) { return calls.LiveIncidents(ctx, endOfTime) }
}

// ResolvedWatch notices an incident becoming resolved, whichever way it
// happened: a `phase: resolved` line, the header dialog, an edit or an undo
// of a phase entry. After each change it compares the unresolved incidents
// with those it saw before; one that left the set was resolved.
type ResolvedWatch struct {
	// Unresolved lists the incidents not resolved (see Unresolved).
	Unresolved func(context.Context) ([]int64, error)
	// Resolved is called once per change that resolved an incident
	// (Loop.Request(backup.ReasonResolved) in the app). It must not block.
	Resolved func()

	mu     sync.Mutex
	open   map[int64]bool
	primed bool
}

// Prime reads the unresolved incidents once, before the first change.
func (w *ResolvedWatch) Prime(ctx context.Context) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	_, err := w.refresh(ctx)
	return err
}

// Changed is the app's change hook. A failed read keeps what was seen
// before, so the next change still notices the resolution.
func (w *ResolvedWatch) Changed(int64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	wasPrimed := w.primed
	resolved, err := w.refresh(context.Background())
	if err == nil && wasPrimed && resolved && w.Resolved != nil {
		w.Resolved()
	}
}

// refresh reads the unresolved incidents and reports whether one seen
// before is no longer among them.
func (w *ResolvedWatch) refresh(ctx context.Context) (resolved bool, err error) {
	ids, err := w.Unresolved(ctx)
	if err != nil {
		return false, err
	}
	open := make(map[int64]bool, len(ids))
	for _, id := range ids {
		open[id] = true
	}
	for id := range w.open {
		if !open[id] {
			resolved = true
		}
	}
	w.open, w.primed = open, true
	return resolved, nil
}
