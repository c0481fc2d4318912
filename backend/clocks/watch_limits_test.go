package clocks_test

import (
	"context"
	"strings"
	"testing"

	"bridgelog/backend"
)

// Criteria a watch cannot show are refused before the incident moves to
// monitoring: a refused start changes nothing.
func TestStartWatch_Limits(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		criteria []string
	}{
		{"ErrTooMany", strings.Fields(strings.Repeat("check ", 21))},
		{"ErrTooLong", []string{strings.Repeat("x", 301)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := mustService(t)
			_, err := f.svc.StartWatch(ctx, f.inc.ID, 30, tc.criteria)
			if got := backend.ErrorCode(err); got != backend.EINVALID {
				t.Fatalf("got %v (code %q), want invalid", err, got)
			}
			inc, err := f.svc.Incidents.FindIncident(ctx, f.inc.ID)
			if err != nil || inc.Phase != backend.PhaseInvestigating || len(f.changed) != 0 {
				t.Errorf("got phase %q, %v, changes %v; want still investigating and nothing changed", inc.Phase, err, f.changed)
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		f := mustService(t)
		list := strings.Fields(strings.Repeat("check ", 20))
		list[0] = strings.Repeat("y", 300)
		w, err := f.svc.StartWatch(ctx, f.inc.ID, 30, list)
		if err != nil || len(w.Criteria) != 20 {
			t.Fatalf("got %v, %v; want a watch with 20 criteria", w, err)
		}
	})
}
