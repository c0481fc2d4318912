package backup

import "context"

// CreateAndPrune makes a backup with reason (Create), then thins out old ones
// (Prune), and returns the new backup. Only a failure to make it is an error:
// Prune never removes the newest backups, so the new one is kept whatever
// happens to the thinning, and a prune that fails is tried again after the
// next backup. A person who asked for a copy is thus never told it failed
// because an old one could not be deleted.
func (s *Service) CreateAndPrune(ctx context.Context, reason string) (Backup, error) {
	made, err := s.Create(ctx, reason)
	if err != nil {
		return Backup{}, err
	}
	_, _ = s.Prune(ctx)
	return made, nil
}

// BackupOnQuit makes the backup taken as the app quits, then prunes, unless
// nothing was written to the database since the last backup this Service
// made began (see Changed): a window opened to read a timeline and closed
// again then adds no copy, and no older copy is pushed out by it. It returns
// the zero Backup when it made none. Run it after the backup loop has stopped
// and before the database closes. An error from pruning is returned with the
// backup it made, for the app to log: nothing else will report it as the app
// closes.
func (s *Service) BackupOnQuit(ctx context.Context) (Backup, error) {
	if !s.Changed() {
		return Backup{}, nil
	}
	made, err := s.Create(ctx, ReasonQuit)
	if err != nil {
		return Backup{}, err
	}
	_, err = s.Prune(ctx)
	return made, err
}
