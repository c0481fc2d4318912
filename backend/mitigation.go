package backend

import (
	"cmp"
	"regexp"
	"time"
)

// One mitigating action at a time, so each one's effect can be told apart.
// A mitigation is in progress from its `m:` entry until one of:
//   - a later mitigation entry that reports an outcome: its text starts with
//     done, worked, failed, reverted, abandoned or "did not work"
//     (`m: failed: failover made it worse`);
//   - a phase change to monitoring or resolved (the mitigation held);
//   - a later mitigation entry that starts another one, which then is the one
//     in progress (the UI asked for confirmation, and the new entry records
//     the one it overrode).
// Entries count by when they happened, so a backdated outcome closes the
// mitigation it follows.

var outcomeRe = regexp.MustCompile(`(?i)^(done|worked|failed|reverted|abandoned|did not work)\b`)

// MitigationOutcome reports whether a mitigation entry's text reports the
// outcome of the one in progress rather than starting a new one.
func MitigationOutcome(text string) bool { return outcomeRe.MatchString(text) }

// MitigationInProgress returns the mitigation in progress after the given
// entries (any kinds, any order; hidden ones are skipped), or nil.
func MitigationInProgress(entries []*Entry) *Entry {
	return mitigationInProgress(entries, time.Time{})
}

// MitigationInProgressAt returns the mitigation that was in progress at the
// instant at, judged only by entries that had happened by then, or nil. A new
// entry dated at is written after every stored one, so stored entries of the
// same instant count as before it. The guard against a second mitigation asks
// this with the new entry's own time: a mitigation backdated to before another
// started did not start while that one was in progress.
func MitigationInProgressAt(entries []*Entry, at time.Time) *Entry {
	if at.IsZero() {
		return nil
	}
	return mitigationInProgress(entries, at)
}

// mitigationInProgress folds entries up to at (all of them when at is zero).
func mitigationInProgress(entries []*Entry, at time.Time) *Entry {
	// cur is the latest mitigation started, closer the latest closing event,
	// both ordered by time and then by id (the order written), so entries
	// backdated to the same minute keep the order they were typed in.
	var cur, closer *Entry
	for _, e := range entries {
		if !e.DeletedAt.IsZero() || !at.IsZero() && e.OccurredAt.After(at) {
			continue
		}
		closes := (e.Kind == KindMitigation && MitigationOutcome(e.Text)) ||
			(e.Kind == KindPhase && (e.Phase == PhaseMonitoring || e.Phase == PhaseResolved))
		switch {
		case closes:
			if closer == nil || later(e, closer) {
				closer = e
			}
		case e.Kind == KindMitigation:
			if cur == nil || later(e, cur) {
				cur = e
			}
		}
	}
	if cur == nil || closer != nil && later(closer, cur) {
		return nil
	}
	return cur
}

// later reports whether a happened after b. Ties are broken by ULID, the
// order written, which every database holding the entries agrees on (local
// ids differ between databases); then by id, for entries without one.
func later(a, b *Entry) bool {
	if !a.OccurredAt.Equal(b.OccurredAt) {
		return a.OccurredAt.After(b.OccurredAt)
	}
	return cmp.Or(cmp.Compare(a.UID, b.UID), cmp.Compare(a.ID, b.ID)) > 0
}
