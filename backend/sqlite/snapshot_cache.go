package sqlite

import (
	"context"
	"sync"

	"bridgelog/backend"
)

// maxCachedSnapshots bounds the cache: the open incident, plus the few others
// whose clocks the reminder loop still runs.
const maxCachedSnapshots = 16

// snapshotCache keeps the last snapshot read for each incident with the write
// count it was read at. One change makes the reminder loop and four UI cards
// ask for the same snapshot; at 10,000 entries a read costs tens of
// milliseconds, so it is read once per change instead of five times.
// Snapshots are shared: their readers in package clocks only read them.
type snapshotCache struct {
	mu   sync.Mutex
	byID map[int64]cachedSnapshot
}

type cachedSnapshot struct {
	writes uint64
	snap   *backend.Snapshot
}

// get returns the incident's snapshot if no write has committed since it was read.
func (c *snapshotCache) get(incidentID int64, writes uint64) *backend.Snapshot {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.byID[incidentID]; ok && s.writes == writes {
		return s.snap
	}
	return nil
}

// put keeps snap as read at writes, dropping entries a later write made stale.
func (c *snapshotCache) put(incidentID int64, writes uint64, snap *backend.Snapshot) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byID == nil {
		c.byID = map[int64]cachedSnapshot{}
	}
	for id, s := range c.byID {
		if s.writes != writes || len(c.byID) >= maxCachedSnapshots {
			delete(c.byID, id)
		}
	}
	c.byID[incidentID] = cachedSnapshot{writes: writes, snap: snap}
}

// Snapshot reads everything the clocks need about one incident in one read
// transaction, so its parts agree with each other. The result is shared with
// other callers until the next write: do not change it.
func (s *CallService) Snapshot(ctx context.Context, incidentID int64) (*backend.Snapshot, error) {
	// The count is read before the transaction starts: a write that ends in
	// between makes this read newer than its tag, never older.
	writes := s.db.writes.Load()
	if snap := s.cache.get(incidentID, writes); snap != nil {
		return snap, nil
	}
	snap, err := s.readSnapshot(ctx, incidentID)
	if err != nil {
		return nil, err
	}
	s.cache.put(incidentID, writes, snap)
	return snap, nil
}
