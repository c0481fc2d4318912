package sqlite

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"bridgelog/backend"
)

// hlc is the database's hybrid logical clock: the wall clock in
// milliseconds, and a counter for writes within the same millisecond or
// while the wall clock stands behind the last time given (a clock set back).
// Its times never go backwards, so the change log sorts by them. Only the
// write transaction, one at a time, reads and moves it.
type hlc struct {
	ms, n int64
}

// next moves the clock to now and returns its new time, "ms.counter",
// fixed-width so text order is time order.
func (c *hlc) next(now time.Time) string {
	if ms := now.UnixMilli(); ms > c.ms {
		c.ms, c.n = ms, 0
	} else {
		c.n++
	}
	return c.String()
}

// String is the clock's last time, "ms.counter".
func (c hlc) String() string {
	return fmt.Sprintf("%013d.%06d", c.ms, c.n)
}

// receive moves the clock past a time another database's clock gave (the
// HLC receive rule): whatever this database writes next is ordered after
// every change it has seen, even when its wall clock is behind the other's.
func (c *hlc) receive(s string) {
	var r hlc
	r.set(s)
	if r.ms > c.ms || (r.ms == c.ms && r.n > c.n) {
		*c = r
	}
}

// validHLC reports whether s is a time as next writes it: 13 digits of
// milliseconds, a dot, 6 digits of counter. Only that form sorts as text in
// time order, which the log's queries rely on.
func validHLC(s string) bool {
	if len(s) != 20 || s[13] != '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i != 13 && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

// set reads a time next gave back, as kept in change_context.
func (c *hlc) set(s string) {
	ms, n, ok := strings.Cut(s, ".")
	if !ok {
		return
	}
	c.ms, _ = strconv.ParseInt(ms, 10, 64)
	c.n, _ = strconv.ParseInt(n, 10, 64)
}

// stampChange tells the change log's triggers who and when this write
// transaction is: the author from ctx (backend.WithAuthor), and the next
// time of the clock.
func (db *DB) stampChange(ctx context.Context, tx *stampedTx) error {
	if db.clock.ms == 0 {
		var last string
		if err := tx.QueryRowContext(ctx, `SELECT hlc FROM change_context`).Scan(&last); err != nil {
			return fmt.Errorf("read the change clock: %w", err)
		}
		db.clock.set(last)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE change_context SET hlc = ?, author = ?`,
		db.clock.next(tx.now), backend.AuthorFrom(ctx)); err != nil {
		return fmt.Errorf("stamp the change: %w", err)
	}
	return nil
}
