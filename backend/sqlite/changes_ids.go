package sqlite

import (
	"crypto/sha256"
	"time"

	"bridgelog/backend"

	"github.com/oklog/ulid/v2"
)

// actionUID is the ULID of the action an action entry asks for, made from
// the entry's own: its time part, and the rest from a hash of it. Two
// laptops that turn the same entry into an action before hearing of each
// other make the same action, one row whose latest change wins, rather than
// two actions for one entry, which the actions table cannot hold. An entry
// without a ULID (none is made any more) gets a new one made at t.
func actionUID(entryUID string, t time.Time) string {
	entry, err := ulid.ParseStrict(entryUID)
	if err != nil {
		return backend.NewID(t)
	}
	sum := sha256.Sum256([]byte("action of " + entryUID))
	var id ulid.ULID
	copy(id[:6], entry[:6])
	copy(id[6:], sum[:10])
	return id.String()
}
