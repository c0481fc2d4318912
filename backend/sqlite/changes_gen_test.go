package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// writer makes random commands through the real services on one database,
// at random times of its own fake clock, as a scribe and an IC would.
type writer struct {
	tb testing.TB
	r  *rand.Rand
	// ticks, when set, draws how far the clock moves: two writers given
	// sources with the same seed move in step, and write at the same times.
	ticks     *rand.Rand
	db        *sqlite.DB
	clock     *backend.FixedClock
	name      string // who writes, as authors and owners say
	entries   *sqlite.EntryService
	calls     *sqlite.CallService
	incidents *sqlite.IncidentService
	records   *sqlite.RecordService
	// times are the clock times commands ran at, for backdated entries that
	// tie with others.
	times []time.Time
	// commands counts commands run, refused ones included.
	commands int
}

// newWriter opens a database at clock time start whose device id is
// device, so a run replays from its seed.
func newWriter(tb testing.TB, r *rand.Rand, name, device string, start time.Time) *writer {
	tb.Helper()
	clock := &backend.FixedClock{T: start}
	db := MustOpenDBAt(tb, tb.TempDir()+"/"+name+".db", clock)
	if _, err := sqlite.SQLDB(db).Exec(`UPDATE change_context SET device = ?`, device); err != nil {
		tb.Fatal(err)
	}
	return &writer{tb: tb, r: r, db: db, clock: clock, name: name, entries: sqlite.NewEntryService(db),
		calls: sqlite.NewCallService(db), incidents: sqlite.NewIncidentService(db), records: sqlite.NewRecordService(db)}
}

// tick moves the clock on: often not at all or by a millisecond, so
// changes and entries share times, sometimes by minutes.
func (w *writer) tick() {
	steps := []time.Duration{0, 0, time.Millisecond, time.Millisecond, 7 * time.Millisecond, time.Second, time.Minute, 5 * time.Minute}
	r := w.r
	if w.ticks != nil {
		r = w.ticks
	}
	w.clock.Advance(steps[r.IntN(len(steps))])
	w.times = append(w.times, w.clock.T)
}

// when is a time for an entry: now, a time another command ran at, or a
// few minutes back.
func (w *writer) when() time.Time {
	switch w.r.IntN(4) {
	case 0:
		return w.times[w.r.IntN(len(w.times))]
	case 1:
		return w.clock.T.Add(-time.Duration(w.r.IntN(30)) * time.Minute)
	}
	return w.clock.T
}

var lines = []string{
	"checking the edge logs", "tl: checkout errors start", "d: roll back to v41", "a: @sam restart the queue 10m",
	"a: @lena drain eu-west", "a: @jo check the queue depth 5m", "m: fail over to eu-west", "m: done: failover worked",
	"m: roll back v42", "m: failed: rollback made it worse", "? cache stampede after deploy", "! EU customers cannot pay",
	"! none now", "sev1 payments down", "sev3 contained", "ic: Priya", "ic: Sam", "scribe: Jo", "cl: Lena",
	"phase: identified", "phase: mitigating", "phase: monitoring", "phase: resolved", "status: EU payments failing",
	"int: vendor says 4h", "ev: 502 rate 38% on the queue", "cf: no alert on queue depth", "todo: @sam alert on queue depth",
}

func (w *writer) line() string {
	l := lines[w.r.IntN(len(lines))]
	if w.r.IntN(3) == 0 {
		l += fmt.Sprintf(" (%s %d)", w.name, w.r.IntN(100))
	}
	return l
}

// ids returns the first column of a query on the read pool.
func (w *writer) ids(q string, args ...any) []int64 {
	w.tb.Helper()
	rows, err := sqlite.ReadDB(w.db).Query(q, args...)
	if err != nil {
		w.tb.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			w.tb.Fatal(err)
		}
		out = append(out, id)
	}
	return out
}

func (w *writer) pick(ids []int64) (int64, bool) {
	if len(ids) == 0 {
		return 0, false
	}
	return ids[w.r.IntN(len(ids))], true
}

// incident returns the local id of the incident with uid.
func (w *writer) incident(uid string) int64 {
	w.tb.Helper()
	var id int64
	if err := sqlite.ReadDB(w.db).QueryRow(`SELECT id FROM incidents WHERE uid = ?`, uid).Scan(&id); err != nil {
		w.tb.Fatalf("incident %s on %s: %v", uid, w.name, err)
	}
	return id
}

// create starts an incident and returns its ULID.
func (w *writer) create() string {
	w.tick()
	sevs := []backend.Severity{backend.SEV1, backend.SEV2, backend.SEV3}
	inc, err := w.incidents.CreateIncident(context.Background(), backend.IncidentCreate{
		Title: "Checkout errors " + w.name, Severity: sevs[w.r.IntN(len(sevs))], Author: w.name})
	if err != nil {
		w.tb.Fatal(err)
	}
	return inc.UID
}

// run makes n random commands on the incident with uid.
func (w *writer) run(uid string, n int) {
	for range n {
		w.command(w.incident(uid))
	}
}

// command makes one random command. A command the services refuse (an
// action already done, a page already answered) is fine: a person would
// have seen the refusal. Any other error fails the test.
func (w *writer) command(inc int64) {
	w.tb.Helper()
	w.tick()
	w.commands++
	ctx := context.Background()
	by := w.name
	entry := func(hidden bool) (int64, bool) {
		return w.pick(w.ids(`SELECT id FROM entries WHERE incident_id = ? AND (deleted_at IS NOT NULL) = ?`, inc, hidden))
	}
	var err error
	switch k := w.r.IntN(100); {
	case k < 30:
		_, err = w.entries.CreateEntry(ctx, backend.EntryCreate{IncidentID: inc, Line: backend.Parse(w.line()),
			OccurredAt: w.when(), Author: by, AuthorRole: backend.RoleScribe})
	case k < 38:
		if id, ok := entry(false); ok {
			at := time.Time{}
			if w.r.IntN(2) == 0 {
				at = w.when()
			}
			_, err = w.entries.UpdateEntry(ctx, id, backend.Parse(w.line()), at)
		}
	case k < 43:
		if id, ok := entry(false); ok {
			err = w.entries.DeleteEntry(ctx, id)
		}
	case k < 46:
		if id, ok := entry(true); ok {
			_, err = w.entries.RestoreEntry(ctx, id)
		}
	case k < 52:
		upd := backend.IncidentUpdate{Author: by}
		switch w.r.IntN(6) {
		case 0:
			title := fmt.Sprintf("Checkout errors in EU (%s %d)", w.name, w.r.IntN(100))
			upd.Title = &title
		case 1:
			sev := []backend.Severity{backend.SEV1, backend.SEV2, backend.SEV3, backend.SEV4}[w.r.IntN(4)]
			upd.Severity = &sev
		case 2:
			impact := fmt.Sprintf("EU customers cannot pay (%s %d)", w.name, w.r.IntN(10))
			upd.Impact = &impact
		case 3:
			phase := []backend.Phase{backend.PhaseIdentified, backend.PhaseMitigating, backend.PhaseMonitoring, backend.PhaseResolved}[w.r.IntN(4)]
			upd.Phase = &phase
		case 4:
			declared := w.clock.T.Add(-time.Duration(w.r.IntN(90)) * time.Minute)
			upd.DeclaredAt = &declared
		case 5:
			detected := w.clock.T.Add(-time.Duration(60+w.r.IntN(60)) * time.Minute)
			upd.DetectedAt = &detected
		}
		_, err = w.incidents.UpdateIncident(ctx, inc, upd)
	case k < 60:
		if id, ok := w.pick(w.ids(`SELECT id FROM actions WHERE incident_id = ?`, inc)); ok {
			if w.r.IntN(4) == 0 {
				_, err = w.calls.SetActionCheckIn(ctx, id, w.clock.T.Add(time.Duration(w.r.IntN(30))*time.Minute), by)
			} else {
				states := []backend.ActionState{backend.ActionAcknowledged, backend.ActionDone, backend.ActionAbandoned}
				_, err = w.calls.SetActionState(ctx, id, states[w.r.IntN(len(states))], by)
			}
		}
	case k < 66:
		aud := []backend.Audience{backend.AudienceInternal, backend.AudienceExternal}[w.r.IntN(2)]
		next := time.Time{}
		if w.r.IntN(2) == 0 {
			next = w.clock.T.Add(time.Duration(10+w.r.IntN(30)) * time.Minute)
		}
		_, err = w.calls.RecordStatus(ctx, inc, fmt.Sprintf("EU payments failing, update %d", w.r.IntN(100)), aud, next, by)
	case k < 71:
		if id, ok := w.pick(w.ids(`SELECT id FROM entries WHERE incident_id = ? AND kind = 'phase' AND phase = 'monitoring'`, inc)); ok {
			crit := []backend.WatchCriterion{{Text: "error rate under 1%"}, {Text: "queue drained", Done: w.r.IntN(2) == 0, DoneAt: w.clock.T, DoneBy: by}}
			note := ""
			if w.r.IntN(2) == 0 {
				note = "Watch extended"
			}
			err = w.calls.SaveWatch(ctx, inc, backend.WatchRecord{StartEntryID: id, Minutes: 15 + w.r.IntN(4)*15, Criteria: crit[:1+w.r.IntN(2)]}, note, by)
		}
	case k < 77:
		if id, ok := w.pick(w.ids(`SELECT id FROM pages WHERE incident_id = ? AND state = 'paged'`, inc)); ok && w.r.IntN(2) == 0 {
			_, err = w.calls.AnswerPage(ctx, id, []backend.PageState{backend.PageJoined, backend.PageNoAnswer}[w.r.IntN(2)], by)
		} else {
			_, err = w.calls.Page(ctx, inc, []string{"lena", "omar", "kai"}[w.r.IntN(3)], 1+w.r.IntN(2), by)
		}
	case k < 83:
		switch w.r.IntN(3) {
		case 0:
			_, err = w.calls.SetSecurity(ctx, inc, w.r.IntN(3) != 0, time.Time{}, false, "", by)
		case 1:
			_, err = w.calls.SetSecurity(ctx, inc, true, w.clock.T.Add(-time.Duration(w.r.IntN(60))*time.Minute), true, "found the first alert", by)
		default:
			item := backend.SecurityChecklist[w.r.IntN(len(backend.SecurityChecklist))].Key
			_, err = w.calls.TickSecurity(ctx, inc, item, w.r.IntN(3) != 0, by)
		}
	case k < 90:
		key := []string{"status:next", "checkin:1", "review"}[w.r.IntN(3)]
		switch w.r.IntN(3) {
		case 0:
			err = w.calls.MarkFired(ctx, inc, key, w.clock.T)
		case 1:
			err = w.calls.AckReminder(ctx, inc, key, by)
		default:
			err = w.calls.SnoozeReminder(ctx, inc, key, w.clock.T.Add(5*time.Minute), by)
		}
	case k < 95:
		// Each writer imports its own chat: two laptops importing the
		// same message would both make it, which sharing does not merge.
		n := w.r.IntN(1000)
		_, err = w.records.ImportEntries(ctx, inc, []backend.ImportedEntry{{OccurredAt: w.when(), Kind: backend.KindNote,
			Text: fmt.Sprintf("from the chat %d", n), Author: "kai", Source: "zoom", SourceKey: fmt.Sprintf("zoom:%s:%d", w.name, n)}})
	default:
		_, err = w.records.AddAttachment(ctx, backend.AttachmentCreate{IncidentID: inc, Name: "edge.log",
			Data: []byte(strings.Repeat("502 at 14:02\n", 1+w.r.IntN(3))), OccurredAt: w.when(), Author: by})
	}
	switch backend.ErrorCode(err) {
	case "", backend.EINVALID, backend.ECONFLICT, backend.ENOTFOUND, backend.ETOOLARGE:
	default:
		w.tb.Fatalf("%s, command %d: %v", w.name, w.commands, err)
	}
}
