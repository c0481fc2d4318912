package backend

import (
	"crypto/rand"
	"sync"
	"time"

	"github.com/oklog/ulid/v2"
)

// Every incident, entry, revision, action, page and status update carries a
// ULID besides its local row number: 26 characters, unique across every
// laptop, sorting by the time it was made. Rows keep their integer keys for
// joins; the ULID is what travels in an exported record and what another
// laptop will name a row by when incidents are shared.

var (
	idMu sync.Mutex
	// idEntropy is monotonic: two ids made in the same millisecond still
	// sort in the order they were made.
	idEntropy = ulid.Monotonic(rand.Reader, 0)
)

// NewID returns a new ULID for a row made at t (the injected clock's now).
func NewID(t time.Time) string {
	idMu.Lock()
	defer idMu.Unlock()
	return ulid.MustNew(ulid.Timestamp(t), idEntropy).String()
}

// ValidID reports whether s is a ULID, as an imported record must carry.
func ValidID(s string) bool {
	_, err := ulid.ParseStrict(s)
	return err == nil
}
