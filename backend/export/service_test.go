package export_test

import (
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/export"
)

func TestRequest_Options(t *testing.T) {
	now := time.Date(2026, 11, 21, 14, 0, 0, 0, time.UTC)
	t.Run("OK", func(t *testing.T) {
		o, err := export.Request{IncidentID: 1, Format: "MD", From: "2026-11-21T14:05:00Z", To: "2026-11-21T16:00:00+01:00",
			Zone: "Europe/Berlin", External: true}.Options(now)
		if err != nil {
			t.Fatal(err)
		}
		if o.Format != export.FormatMarkdown || !o.External || o.Zone == nil || o.Zone.String() != "Europe/Berlin" || !o.Now.Equal(now) {
			t.Errorf("got %+v, want md, external, Europe/Berlin, now", o)
		}
		if want := time.Date(2026, 11, 21, 15, 0, 0, 0, time.UTC); !o.To.Equal(want) {
			t.Errorf("got to %v, want %v", o.To, want)
		}
	})
	t.Run("Zones", func(t *testing.T) {
		for zone, want := range map[string]*time.Location{"": time.Local, "UTC": nil, "utc": nil} {
			o, err := export.Request{IncidentID: 1, Format: "md", Zone: zone}.Options(now)
			if err != nil {
				t.Fatal(err)
			}
			if o.Zone != want {
				t.Errorf("zone %q: got %v, want %v", zone, o.Zone, want)
			}
		}
	})
	for _, tc := range []struct {
		name, field string
		req         export.Request
	}{
		{"ErrFrom", "from", export.Request{IncidentID: 1, Format: "md", From: "21/11/2026"}},
		{"ErrTo", "to", export.Request{IncidentID: 1, Format: "md", To: "later"}},
		{"ErrZone", "Mars/Olympus", export.Request{IncidentID: 1, Format: "md", Zone: "Mars/Olympus"}},
		{"ErrRange", "swap", export.Request{IncidentID: 1, Format: "md", From: "2026-11-21T15:00:00Z", To: "2026-11-21T14:00:00Z"}},
		{"ErrIncident", "incident", export.Request{Format: "md"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.req.Options(now)
			if backend.ErrorCode(err) != backend.EINVALID {
				t.Fatalf("error %v, want %s", err, backend.EINVALID)
			}
			if msg := backend.ErrorMessage(err); !strings.Contains(msg, tc.field) {
				t.Errorf("got %q, want it to mention %q", msg, tc.field)
			}
		})
	}
}

func TestFileName(t *testing.T) {
	for title, want := range map[string]string{
		"EU logins failing":                 "2026-11-21-eu-logins-failing.md",
		"  Checkout: 502s / \"payments\"  ": "2026-11-21-checkout-502s-payments.md",
		"Störung im Zahlungsverkehr":        "2026-11-21-störung-im-zahlungsverkehr.md",
		"!!!":                               "2026-11-21-incident.md",
	} {
		inc := &backend.Incident{Title: title, DeclaredAt: time.Date(2026, 11, 21, 23, 30, 0, 0, time.FixedZone("", -3600))}
		// 23:30 at UTC-1 is the 22nd in UTC: the name uses the UTC date.
		want = strings.Replace(want, "2026-11-21", "2026-11-22", 1)
		if got := export.FileName(inc, export.FormatMarkdown); got != want {
			t.Errorf("title %q: got %q, want %q", title, got, want)
		}
	}
}
