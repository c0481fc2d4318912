package backup

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
)

// What a backup holds is counted as rows of two tables of the schema
// (backend/sqlite/migration): incidents, and entries, the timeline. Every
// entry row counts, hidden ones too: the app never deletes an entry (hiding
// one sets deleted_at) nor an incident, so in normal use neither count ever
// falls from one backup to the next, and a fall means content was lost or
// replaced. Retention relies on that (see Keep).
const countQuery = `SELECT (SELECT count(*) FROM entries), (SELECT count(*) FROM incidents)`

// countFile counts the entries and incidents in the database file at path.
// It opens the file read-only and immutable, so SQLite takes no lock and
// writes nothing beside it: the file must be a finished copy nobody writes,
// with no write-ahead log of its own (a copy made by VACUUM INTO has none).
func countFile(ctx context.Context, path string) (entries, incidents int, err error) {
	db, err := sql.Open("sqlite", readOnlyDSN(path))
	if err != nil {
		return 0, 0, fmt.Errorf("count %s: %w", filepath.Base(path), err)
	}
	defer db.Close()
	if err := db.QueryRowContext(ctx, countQuery).Scan(&entries, &incidents); err != nil {
		return 0, 0, fmt.Errorf("count %s: %w", filepath.Base(path), err)
	}
	return entries, incidents, db.Close()
}

// readOnlyDSN is the SQLite URI opening path read-only and immutable, spelled
// as backend/sqlite spells its file URIs (a Windows drive as file:/C:/...).
func readOnlyDSN(path string) string {
	p := filepath.ToSlash(path)
	if filepath.VolumeName(path) != "" && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return "file:" + (&url.URL{Path: p}).EscapedPath() + "?mode=ro&immutable=1"
}

// countCache remembers what countFile found for backups whose names carry no
// counts, so each is opened once per run rather than at every prune. A backup
// is never rewritten once named, so its path and size identify its contents.
type countCache struct {
	mu   sync.Mutex
	seen map[countKey]counted
}

type countKey struct {
	path string
	size int64
}

type counted struct {
	ok                 bool
	entries, incidents int
}

// fill sets Entries, Incidents and Counted on the backups in list whose names
// carry no counts, reading each file once. A file that cannot be read stays
// uncounted (Keep then leaves it out of its comparisons), as does a copy with
// a write-ahead log beside it: a damaged file kept byte for byte, which an
// immutable open would misread and which is kept for its reason anyway.
func (c *countCache) fill(ctx context.Context, list []Backup) error {
	for i := range list {
		b := &list[i]
		if b.Counted || nonEmpty(b.Path+"-wal") {
			continue
		}
		key := countKey{b.Path, b.Size}
		c.mu.Lock()
		got, found := c.seen[key]
		c.mu.Unlock()
		if !found {
			e, n, err := countFile(ctx, b.Path)
			if err := ctx.Err(); err != nil {
				return err // not the file's fault: try again next time
			}
			got = counted{ok: err == nil, entries: e, incidents: n}
			c.mu.Lock()
			if c.seen == nil {
				c.seen = map[countKey]counted{}
			}
			c.seen[key] = got
			c.mu.Unlock()
		}
		if got.ok {
			b.Counted, b.Entries, b.Incidents = true, got.entries, got.incidents
		}
	}
	return nil
}

// forget drops what was remembered about the backup at path, once deleted.
func (c *countCache) forget(path string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.seen {
		if k.path == path {
			delete(c.seen, k)
		}
	}
}
