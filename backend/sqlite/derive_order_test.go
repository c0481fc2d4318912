package sqlite_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
	"bridgelog/backend/clocks"
	"bridgelog/backend/sqlite"
	"bridgelog/backend/timeline"
)

// Scribes rarely type in order: they backdate, catch up from notes newest
// first, or write the timeline up the next day. Severity, phase, roles,
// impact, the mitigation in progress and the clocks are folds over entries
// ordered by when they happened, so the same entries typed in any order give
// the same derived state.

// orderSeeds is how many random timelines the property is checked on.
const orderSeeds = 60

// story is one random timeline: lines with time tokens, in occurred-time order.
type story struct {
	declared time.Time
	lines    []string
}

// randomStory makes 5 to 30 entries of the state-changing kinds and notes, at
// distinct seconds of 18 January 2018 (an incident written up years later).
// Times are distinct so that "in time order" names one order; entries of the
// same instant keep the order they were typed in, by design.
func randomStory(r *rand.Rand) story {
	declared := time.Date(2018, 1, 18, 12, 0, 0, 0, time.UTC)
	n := 5 + r.IntN(26)
	offsets := map[int]bool{}
	var at []int
	for len(at) < n {
		s := r.IntN(6 * 3600) // six hours, some before the declaration
		s -= 1800
		if !offsets[s] {
			offsets[s] = true
			at = append(at, s)
		}
	}
	slices.Sort(at)
	people := []string{"Priya", "Lena Ortiz", "@sam", "Jo", "Omar"}
	roles := []string{"ic", "scribe", "cl", "tech"}
	phases := []string{"investigating", "identified", "mitigating", "monitoring", "resolved"}
	var lines []string
	for i, s := range at {
		var body string
		switch r.IntN(8) {
		case 0:
			body = fmt.Sprintf("sev%d update %d", 1+r.IntN(4), i)
		case 1:
			body = "phase: " + phases[r.IntN(len(phases))]
		case 2:
			body = roles[r.IntN(len(roles))] + ": " + people[r.IntN(len(people))]
		case 3:
			body = fmt.Sprintf("! impact as of entry %d", i)
		case 4:
			body = fmt.Sprintf("m: mitigation %d", i)
		case 5:
			body = []string{"m: done: it held", "m: failed: no change", "m: reverted"}[r.IntN(3)]
		case 6:
			body = fmt.Sprintf("note %d: dashboards checked", i)
		default:
			body = fmt.Sprintf("tl: ic: At %02d:%02d UTC the incident coordinator joined", 12+i%6, i%60)
		}
		t := declared.Add(time.Duration(s) * time.Second)
		lines = append(lines, "@"+t.Format("2006-01-02 15:04:05")+"Z "+body)
	}
	return story{declared: declared, lines: lines}
}

// derived is what the dashboard and the clocks show, without entry ids (which
// differ with the typing order).
type derived struct {
	Severity                backend.Severity
	Phase                   backend.Phase
	Impact                  string
	MitigatedAt, ResolvedAt time.Time
	Roles                   []string
	Mitigation              string
	Elapsed                 int64
	ElapsedNote             string
	StartedAt, EndedAt      time.Time
	RoleMinutes             []string
	Watch, Review, CheckIn  bool
	StatusDue               time.Time
	Reminders               []string
	Brief                   string
}

func deriveAll(tb testing.TB, db *sqlite.DB, incidentID int64, now time.Time) derived {
	tb.Helper()
	ctx := context.Background()
	inc := MustFindIncident(tb, db, incidentID)
	roles, err := sqlite.NewIncidentService(db).Roles(ctx, incidentID)
	if err != nil {
		tb.Fatal(err)
	}
	snap, err := sqlite.NewCallService(db).Snapshot(ctx, incidentID)
	if err != nil {
		tb.Fatal(err)
	}
	entries, err := sqlite.NewEntryService(db).ListEntries(ctx, incidentID)
	if err != nil {
		tb.Fatal(err)
	}
	d := derived{Severity: inc.Severity, Phase: inc.Phase, Impact: inc.Impact, MitigatedAt: inc.MitigatedAt, ResolvedAt: inc.ResolvedAt}
	for _, r := range roles {
		d.Roles = append(d.Roles, fmt.Sprintf("%s %s %s-%s", r.Role, r.Person, r.From.Format(time.TimeOnly), r.To.Format(time.TimeOnly)))
	}
	if m := backend.MitigationInProgress(entries); m != nil {
		d.Mitigation = m.Text + " at " + m.OccurredAt.Format(time.TimeOnly)
	}
	p := cadence.DefaultPolicy(time.UTC)
	b := clocks.BuildBoard(snap, p, now, 1, nil)
	d.Elapsed, d.ElapsedNote, d.StartedAt, d.EndedAt = b.Elapsed, b.ElapsedNote, b.StartedAt, b.EndedAt
	for _, rc := range b.Roles {
		d.RoleMinutes = append(d.RoleMinutes, fmt.Sprintf("%s %s %d", rc.Role, rc.Person, rc.Minutes))
	}
	d.Watch, d.Review, d.CheckIn = b.Watch != nil, b.Review != nil, b.CheckIn != nil
	if b.Status != nil {
		d.StatusDue = b.Status.DueAt
	}
	for _, r := range b.Reminders {
		d.Reminders = append(d.Reminders, string(r.Kind)+" "+r.DueAt.Format(time.DateTime))
	}
	// The brief's first line names the incident, which differs on purpose.
	_, d.Brief, _ = strings.Cut(clocks.BuildBrief(snap, p, now, backend.RoleIC).Text, "\n")
	return d
}

func TestDerive_TypingOrderDoesNotMatter(t *testing.T) {
	ctx := context.Background()
	base, seeds := uint64(time.Now().UnixNano()), uint64(orderSeeds)
	if testing.Short() {
		seeds = 10
	}
	t.Logf("seeds %d to %d", base, base+seeds-1)
	for i := range seeds {
		seed := base + i
		t.Run(fmt.Sprintf("Seed%d", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
			st := randomStory(r)
			db, clock := MustOpenDB(t)
			svc := &timeline.Service{Incidents: sqlite.NewIncidentService(db), Entries: sqlite.NewEntryService(db),
				Clock: clock, Location: time.UTC}
			open := func(title string) int64 {
				inc, err := sqlite.NewIncidentService(db).CreateIncident(ctx, backend.IncidentCreate{
					Title: title, Severity: backend.SEV3, DeclaredAt: st.declared, Author: "Sam"})
				if err != nil {
					t.Fatal(err)
				}
				return inc.ID
			}
			inOrder, shuffled := open("typed in time order"), open("typed in a random order")
			typed := slices.Clone(st.lines)
			r.Shuffle(len(typed), func(i, j int) { typed[i], typed[j] = typed[j], typed[i] })
			for _, c := range []struct {
				id    int64
				lines []string
			}{{inOrder, st.lines}, {shuffled, typed}} {
				for _, l := range c.lines {
					if _, err := svc.Add(ctx, c.id, l, time.Time{}, "Sam"); err != nil {
						t.Fatalf("seed %d: add %q: %v", seed, l, err)
					}
				}
			}
			// Read the clocks while the incident runs and long after.
			for _, now := range []time.Time{st.declared.Add(7 * time.Hour), clock.Now()} {
				got, want := deriveAll(t, db, shuffled, now), deriveAll(t, db, inOrder, now)
				if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
					t.Errorf("seed %d, now %v: typed as\n%q\ngot  %+v\nwant %+v (as typed in time order:\n%q)",
						seed, now, typed, got, want, st.lines)
				}
			}
		})
	}
}
