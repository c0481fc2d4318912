package cadence_test

import (
	"testing"
	"testing/synctest"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/cadence"
)

func TestLoop_Scaled(t *testing.T) {
	t.Run("ScaledClockSleepsShorter", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			clock := backend.NewScaledClock(60)
			h, _, _ := startLoop(t, clock, time.Hour)
			// The first update is due 5 clock minutes after declaring: 5 real seconds at 60x.
			sleep(5*time.Second - 100*time.Millisecond)
			if got := h.sent(cadence.KindStatus); len(got) != 0 {
				t.Fatalf("got %+v before 5 real seconds, want nothing", got)
			}
			sleep(200 * time.Millisecond)
			if got := h.sent(cadence.KindStatus); len(got) != 1 {
				t.Fatalf("got %d status reminders after 5 real seconds, want 1", len(got))
			}
		})
	})
	t.Run("SetPolicyReplans", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			h, l, start := startLoop(t, backend.SystemClock{}, time.Hour)
			sleep(time.Minute)
			p := cadence.DefaultPolicy(time.UTC)
			r := p.Rhythms[backend.SEV4]
			r.FirstStatus = 2 * time.Minute
			p.Rhythms[backend.SEV4] = r
			l.SetPolicy(p)
			synctest.Wait()
			got := h.sent(cadence.KindStatus)
			if len(got) != 0 {
				t.Fatalf("got %+v at +1m, want nothing yet", got)
			}
			sleep(time.Minute)
			got = h.sent(cadence.KindStatus)
			if want := start.Add(2 * time.Minute); len(got) != 1 || !got[0].at.Equal(want) {
				t.Errorf("got %+v, want one status reminder at %v under the new policy", got, want)
			}
		})
	})
}
