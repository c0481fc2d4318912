package backup

import (
	"context"
	"sync"
)

// Unresolver lists the incidents not resolved; sqlite.CallService is one.
type Unresolver interface {
	// UnresolvedIncidents returns the ids of the incidents whose latest
	// visible phase entry is not "resolved", or that have none.
	UnresolvedIncidents(ctx context.Context) ([]int64, error)
}

// UnresolvedIncidents returns the ids of the incidents not resolved: those
// whose latest visible phase entry is not "resolved", or that have none. The
// backups follow them: a periodic backup runs while there is one, and one
// leaving the set is a resolution, which gets a backup of its own. Clocks
// that outlive a resolution (the review clock, the GDPR clock) do not count.
func UnresolvedIncidents(ctx context.Context, calls Unresolver) ([]int64, error) {
	return calls.UnresolvedIncidents(ctx)
}

// ResolvedWatch notices an incident becoming resolved, whichever way it
// happened: a `phase: resolved` line, the header dialog, an edit or an undo
// of a phase entry. After each change it compares the unresolved incidents
// with those it saw before; one that left the set was resolved. A new
// incident, or a change to one resolved already, is not a resolution.
type ResolvedWatch struct {
	// Unresolved lists the incidents not resolved (UnresolvedIncidents).
	Unresolved func(context.Context) ([]int64, error)
	// Resolved is called once per change that resolved an incident
	// (Loop.Request(ReasonResolved) in the app). It must not block.
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

// Changed is the app's change hook. It reads the whole set again, one query,
// rather than the incident changed. A failed read keeps what was seen before,
// so the next change still notices the resolution.
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
