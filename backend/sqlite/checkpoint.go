package sqlite

import (
	"context"
	"log"
	"sync"
	"time"
)

// DefaultCheckpointAfter is how long writes pause before the WAL is copied
// into the database file. A scribe's burst of lines, or an import, is one
// pause; until it comes, wal_autocheckpoint bounds how much waits in the WAL.
const DefaultCheckpointAfter = 2 * time.Second

// checkpointer copies the WAL into the database once writes go quiet, so that
// between bursts the record lives in the database file itself and not only in
// the log beside it (a damaged or lost WAL file then costs nothing).
//
// It owns one goroutine, started by Open and stopped by Close.
type checkpointer struct {
	db     *DB
	after  time.Duration
	wake   chan struct{}
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func startCheckpointer(db *DB, after time.Duration) *checkpointer {
	ctx, cancel := context.WithCancel(context.Background())
	c := &checkpointer{db: db, after: after, wake: make(chan struct{}, 1), cancel: cancel}
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		c.run(ctx)
	}()
	return c
}

// kick says a write committed. It never blocks: one pending wake is enough.
func (c *checkpointer) kick() {
	if c == nil {
		return
	}
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

func (c *checkpointer) run(ctx context.Context) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	pending := false
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-c.wake:
			// Another write: the quiet period starts again.
			timer.Reset(c.after)
			pending = true
		case <-timer.C:
			if pending {
				pending = false
				if err := c.db.checkpoint(ctx); err != nil && ctx.Err() == nil {
					log.Printf("checkpoint: %v", err)
				}
			}
		}
	}
}

// Close stops the goroutine and waits for it. Safe on nil.
func (c *checkpointer) Close() {
	if c == nil {
		return
	}
	c.cancel()
	c.wg.Wait()
}

// checkpoint copies what the WAL holds into the database, taking the write
// slot so it never competes with a write. PASSIVE never waits for readers:
// frames a reader still needs are copied at the next one.
func (db *DB) checkpoint(ctx context.Context) error {
	release, err := db.acquireWrite(ctx)
	if err != nil {
		return err
	}
	defer release()
	_, err = db.wdb.ExecContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`)
	return err
}

// Checkpoint copies the WAL into the database now.
func (db *DB) Checkpoint(ctx context.Context) error {
	if db.wdb == nil {
		return nil
	}
	return db.checkpoint(ctx)
}
