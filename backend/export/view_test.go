package export_test

import (
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/export"
)

func TestNewView(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("OK", func(t *testing.T) {
		v := export.NewView(fixtureReport(), export.Options{Format: export.FormatMarkdown, Zone: berlin, Now: fixedNow})
		if got, want := len(v.Rows), len(fixtureReport().Entries)-1; got != want {
			t.Fatalf("got %d rows, want %d (all but the hidden one)", got, want)
		}
		if !v.MultiDay {
			t.Fatal("got MultiDay false for an incident crossing midnight")
		}
		if got, want := v.Rows[0].Local, "2026-11-21 23:10:00"; got != want {
			t.Fatalf("got local %q, want %q", got, want)
		}
		var sevs []backend.Severity
		for _, s := range v.Severities {
			sevs = append(sevs, s.Severity)
		}
		if got, want := len(sevs), 3; got != want || sevs[1] != backend.SEV1 {
			t.Fatalf("got severities %v, want SEV2 SEV1 SEV2", sevs)
		}
		if got, want := v.Updates[1].Late, 10*time.Minute; got != want {
			t.Fatalf("got second update late by %v, want %v", got, want)
		}
		if got, want := len(v.FollowUps), 2; got != want {
			t.Fatalf("got %d follow-ups, want %d", got, want)
		}
		if f := v.FollowUps[0]; f.Owner != "jon" || f.Due != "2026-12-04" || f.What != "alert on session cache hit rate" {
			t.Fatalf("got follow-up %+v", f)
		}
		d := v.Durations()
		if got, want := d.ToDiscover, (export.Figure{Known: true, D: 8 * time.Minute}); got != want {
			t.Fatalf("got time to discover %+v, want %+v", got, want)
		}
		if got, want := d.InSeverity[backend.SEV1], 75*time.Minute; got != want {
			t.Fatalf("got %v at SEV1, want %v", got, want)
		}
	})
	t.Run("External", func(t *testing.T) {
		v := export.NewView(fixtureReport(), export.Options{Format: export.FormatMarkdown, External: true, Now: fixedNow})
		for _, r := range v.Rows {
			if r.Entry.Internal {
				t.Fatalf("got internal entry %q in an external view", r.Text)
			}
			if r.By == "Sam" || r.By == "Priya" {
				t.Fatalf("got author %q in an external view", r.By)
			}
		}
		for _, s := range v.Roles {
			if s.Person != "" {
				t.Fatalf("got role holder %q in an external view", s.Person)
			}
		}
	})
	t.Run("HistoryAndRange", func(t *testing.T) {
		v := export.NewView(fixtureReport(), export.Options{Format: export.FormatMarkdown, History: true,
			From: at("22:40"), To: at("22:45"), Now: fixedNow})
		if got, want := len(v.Rows), 4; got != want {
			t.Fatalf("got %d rows in 22:40-22:45 with history, want %d", got, want)
		}
	})
}

func TestExternalText(t *testing.T) {
	for _, tc := range []struct{ name, text, owner, want string }{
		{"OwnerAsWordOnly", "sam checks the same host", "sam", "checks the same host"},
		{"MentionInBrackets", "roll back to v40 (@jon)", "", "roll back to v40"},
		{"KeepsLines", "first @ana line\nsecond line", "", "first line\nsecond line"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := fixtureReport()
			e := rep.Entries[3]
			e.Text, e.Owner, e.Kind = tc.text, tc.owner, backend.KindNote
			v := export.NewView(rep, export.Options{Format: export.FormatMarkdown, External: true})
			for _, r := range v.Rows {
				if r.Entry == e {
					if r.Text != tc.want {
						t.Fatalf("got %q, want %q", r.Text, tc.want)
					}
					return
				}
			}
			t.Fatal("entry not in the view")
		})
	}
}

func TestOptionsValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts export.Options
		code string
	}{
		{"OK", export.Options{Format: export.FormatJSON}, ""},
		{"ErrUnknownFormat", export.Options{Format: "docx"}, backend.EINVALID},
		{"ErrExternalJSON", export.Options{Format: export.FormatJSON, External: true}, backend.EINVALID},
		{"ErrRangeJSON", export.Options{Format: export.FormatJSON, From: at("22:00")}, backend.EINVALID},
		{"ErrRangeBackwards", export.Options{Format: export.FormatCSV, From: at("23:00"), To: at("22:00")}, backend.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := backend.ErrorCode(tc.opts.Validate()); tc.code == "" && tc.opts.Validate() != nil || tc.code != "" && got != tc.code {
				t.Fatalf("got %v, want code %q", tc.opts.Validate(), tc.code)
			}
		})
	}
}
