package app

import (
	"context"
	"time"

	"bridgelog/backend/backup"
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

// Create makes a backup now and thins out old ones.
func (b *Backups) Create() (backup.Backup, error) {
	return b.Service.CreateAndPrune(context.Background(), backup.ReasonManual)
}

// Restore checks the backup at path, then closes the window; once the
// database is closed, main restores it (keeping the current file as a
// before-restore backup) and starts Bridgelog again. A refused backup leaves
// the window open.
func (b *Backups) Restore(path string) error {
	if err := b.Service.CheckRestorable(path); err != nil {
		return err
	}
	b.Relaunch.restoreAfterQuit(path)
	if b.CloseWindow != nil {
		b.CloseWindow()
	}
	return nil
}

// QuitBackup returns the closer that backs the database up as the app quits
// (Service.BackupOnQuit), unless the window closed for a restore, which keeps
// the current file aside itself. It runs after the backup loop has stopped
// and before the database closes.
func QuitBackup(s *backup.Service, r *Relaunch) func() error {
	return func() error {
		if r.restoring() != "" {
			return nil
		}
		ctx, cancel := context.WithTimeout(context.Background(), QuitTimeout)
		defer cancel()
		_, err := s.BackupOnQuit(ctx)
		return err
	}
}

// Unresolved lists the incidents not resolved (backup.UnresolvedIncidents),
// in the form the backup loop and ResolvedWatch take.
func Unresolved(calls backup.Unresolver) func(context.Context) ([]int64, error) {
	return func(ctx context.Context) ([]int64, error) { return backup.UnresolvedIncidents(ctx, calls) }
}

// ResolvedWatch asks for a backup when an incident is resolved; the rule is
// backup.ResolvedWatch's.
type ResolvedWatch = backup.ResolvedWatch
