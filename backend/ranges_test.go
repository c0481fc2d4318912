package backend_test

import (
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/limits"
)

// TestCheckRange runs every range of package limits at and just past its
// bounds: the bounds are accepted, one past them is refused with EINVALID
// and the one message, which states the bounds the check used.
func TestCheckRange(t *testing.T) {
	for _, tt := range []struct {
		name     string
		r        limits.Range
		accepted []int
		refused  map[int]string // value: the whole message
	}{
		{"CheckIn", limits.CheckInMinutes, []int{0, 1, 10, 1440}, map[int]string{
			-1:   "A check-in must be 1 to 1440 minutes (24 h), or 0 for none, not -1.",
			1441: "A check-in must be 1 to 1440 minutes (24 h), or 0 for none, not 1441.",
		}},
		{"NextUpdate", limits.NextUpdateMinutes, []int{0, 1, 20, 1440}, map[int]string{
			-1:   "The next update must be 1 to 1440 minutes (24 h), or 0 for the severity's default, not -1.",
			1441: "The next update must be 1 to 1440 minutes (24 h), or 0 for the severity's default, not 1441.",
		}},
		{"Watch", limits.WatchMinutes, []int{0, 1, 30, 1440}, map[int]string{
			-1:   "The watch length must be 1 to 1440 minutes (24 h), or 0 for the default length, not -1.",
			1441: "The watch length must be 1 to 1440 minutes (24 h), or 0 for the default length, not 1441.",
		}},
		{"WatchExtension", limits.WatchExtensionMinutes, []int{1, 15, 1440}, map[int]string{
			0:    "A watch extension must be 1 to 1440 minutes (24 h), not 0.",
			1441: "A watch extension must be 1 to 1440 minutes (24 h), not 1441.",
		}},
		{"Snooze", limits.SnoozeMinutes, []int{1, 5, 240}, map[int]string{
			0:   "A snooze must be 1 to 240 minutes (4 h), not 0.",
			241: "A snooze must be 1 to 240 minutes (4 h), not 241.",
		}},
		{"ClockSetting", limits.ClockSettingMinutes, []int{0, 1, 1440}, map[int]string{
			-5:   "A clock setting must be 1 to 1440 minutes (24 h), or 0 for the default, not -5.",
			1441: "A clock setting must be 1 to 1440 minutes (24 h), or 0 for the default, not 1441.",
		}},
		{"EscalationLevel", limits.EscalationLevel, []int{0, 1, 20}, map[int]string{
			-1: "The escalation level must be 1 to 20, or 0 for the next level, not -1.",
			21: "The escalation level must be 1 to 20, or 0 for the next level, not 21.",
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.accepted[0] != tt.r.Min || tt.accepted[len(tt.accepted)-1] != tt.r.Max {
				t.Fatalf("the table tries %d to %d, want the range's own bounds %d to %d",
					tt.accepted[0], tt.accepted[len(tt.accepted)-1], tt.r.Min, tt.r.Max)
			}
			for _, n := range tt.accepted {
				if err := backend.CheckRange(tt.r, n); err != nil {
					t.Errorf("CheckRange(%d): got %v, want it accepted", n, err)
				}
			}
			for n, want := range tt.refused {
				err := backend.CheckRange(tt.r, n)
				if got := backend.ErrorCode(err); got != backend.EINVALID {
					t.Errorf("CheckRange(%d): got code %q (%v), want %q", n, got, err, backend.EINVALID)
				}
				if got := backend.ErrorMessage(err); got != want {
					t.Errorf("CheckRange(%d):\n got %q\nwant %q", n, got, want)
				}
			}
		})
	}
}

// TestCheckRange_Wording covers the message's forms on ranges made up for it:
// a 0 that is only an amount, a short span of minutes, and a plain count.
func TestCheckRange_Wording(t *testing.T) {
	for _, tt := range []struct {
		name string
		r    limits.Range
		n    int
		want string
	}{
		{"ZeroIsAnAmount", limits.Range{What: "A delay", Unit: "minutes", Min: 0, Max: 90}, 91, "A delay must be 0 to 90 minutes, not 91."},
		{"NoHoursUnderTwo", limits.Range{What: "A pause", Unit: "minutes", Min: 1, Max: 60}, 61, "A pause must be 1 to 60 minutes, not 61."},
		{"NoHoursOffTheHour", limits.Range{What: "A pause", Unit: "minutes", Min: 1, Max: 150}, 0, "A pause must be 1 to 150 minutes, not 0."},
		{"Count", limits.Range{What: "The level", Min: 1, Max: 3}, 4, "The level must be 1 to 3, not 4."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := backend.ErrorMessage(backend.CheckRange(tt.r, tt.n)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
