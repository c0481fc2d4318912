package importer_test

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/importer"
)

// macChat is the Zoom saved chat fixture placed on the test day: nine
// messages from 11:48:19 to 11:55:06 (UTC+2).
func macChat(tb testing.TB) []importer.Message {
	tb.Helper()
	res := mustParse(tb, "meeting_saved_chat.txt", readFixture(tb, "zoom/mac.meeting_saved_chat.txt"), importer.Options{Zone: zone, Day: day})
	if len(res.Messages) != 9 {
		tb.Fatalf("got %d messages in the fixture, want 9", len(res.Messages))
	}
	return res.Messages
}

func notes(flags []importer.TimeFlag) (out []string) {
	for _, f := range flags {
		out = append(out, f.Note)
	}
	return out
}

func TestCheckTimes(t *testing.T) {
	msgs := macChat(t)
	// Declared at 11:50, detected at 11:49: the chat's first four messages
	// are from before the declaration, the first two from before the detection.
	inc := &backend.Incident{DeclaredAt: local("11:50:00"), DetectedAt: local("11:49:00")}
	now := local("12:30:00")

	t.Run("BeforeTheDeclaration", func(t *testing.T) {
		tm, flags := importer.CheckTimes(msgs, inc, now, zone, importer.FromAll)
		if tm.Dated != 9 || tm.BeforeDeclared != 4 || tm.BeforeDetected != 2 || tm.AfterNow != 0 || tm.FarAway != 0 || tm.LeftOut != 0 {
			t.Errorf("got %+v, want 9 dated, 4 before the declaration, 2 before the detection, none left out", tm)
		}
		want := []string{
			"4 of 9 messages are from before the incident was declared (earliest 11:48, declared 11:50 UTC+2).",
			"2 of 9 messages are from before the problem was detected (11:49).",
		}
		if !reflect.DeepEqual(tm.Warnings, want) {
			t.Errorf("got warnings %q, want %q", tm.Warnings, want)
		}
		choices := []importer.FromChoice{
			{From: "all", Label: "All 9 messages", Count: 9},
			{From: "declared", Label: "From the declaration on (11:50): 5 messages", Count: 5},
			{From: "detected", Label: "From the detection on (11:49): 7 messages", Count: 7},
		}
		if !reflect.DeepEqual(tm.Choices, choices) {
			t.Errorf("got choices %+v, want %+v", tm.Choices, choices)
		}
		wantNotes := []string{"before the detection", "before the detection", "before the declaration", "before the declaration", "", "", "", "", ""}
		if got := notes(flags); !reflect.DeepEqual(got, wantNotes) {
			t.Errorf("got notes %q, want %q", got, wantNotes)
		}
	})
	t.Run("FromTheDeclarationOn", func(t *testing.T) {
		tm, flags := importer.CheckTimes(msgs, inc, now, zone, importer.FromDeclared)
		if tm.LeftOut != 4 || tm.From != "declared" {
			t.Errorf("got %d left out from %q, want 4 from declared", tm.LeftOut, tm.From)
		}
		for i, f := range flags {
			if want := i < 4; f.Outside != want {
				t.Errorf("message %d: got outside %v, want %v", i, f.Outside, want)
			}
		}
	})
	t.Run("FromTheDetectionOn", func(t *testing.T) {
		tm, flags := importer.CheckTimes(msgs, inc, now, zone, importer.FromDetected)
		if tm.LeftOut != 2 || !flags[1].Outside || flags[2].Outside {
			t.Errorf("got %d left out, flags %+v; want the first two", tm.LeftOut, flags[:3])
		}
	})
	t.Run("AfterNow", func(t *testing.T) {
		early := &backend.Incident{DeclaredAt: local("11:40:00")}
		tm, flags := importer.CheckTimes(msgs, early, local("11:52:00"), zone, importer.FromAll)
		want := []string{"2 of 9 messages are dated after now (latest 11:55): check the chat's day."}
		if tm.AfterNow != 2 || !reflect.DeepEqual(tm.Warnings, want) || len(tm.Choices) != 0 {
			t.Errorf("got %+v, want 2 after now, warnings %q and nothing to choose", tm, want)
		}
		if flags[7].Note != "after now" || flags[8].Note != "after now" || flags[6].Note != "" {
			t.Errorf("got notes %q, want the last two after now", notes(flags))
		}
	})
	t.Run("AGraceMinuteForClocks", func(t *testing.T) {
		early := &backend.Incident{DeclaredAt: local("11:40:00")}
		if tm, _ := importer.CheckTimes(msgs, early, local("11:54:30"), zone, importer.FromAll); tm.AfterNow != 0 {
			t.Errorf("got %d after now, want none within a minute of now", tm.AfterNow)
		}
	})
	t.Run("MoreThanADayAway", func(t *testing.T) {
		later := &backend.Incident{DeclaredAt: local("11:50:00").Add(48 * time.Hour)}
		tm, flags := importer.CheckTimes(msgs, later, later.DeclaredAt.Add(time.Hour), zone, importer.FromAll)
		want := []string{
			"All 9 messages are from before the incident was declared (earliest Sat 21 Nov 11:48, declared 11:50 UTC+2).",
			"All 9 messages are more than a day from the incident (Sat 21 Nov 2026 11:48): check the chat's day, and that it is this incident's chat.",
		}
		if tm.FarAway != 9 || !reflect.DeepEqual(tm.Warnings, want) {
			t.Errorf("got %d far away, warnings %q; want 9 and %q", tm.FarAway, tm.Warnings, want)
		}
		if flags[0].Note != "over a day from the incident" {
			t.Errorf("got %q, want the far note first", flags[0].Note)
		}
	})
	t.Run("AfterTheResolution", func(t *testing.T) {
		resolved := &backend.Incident{DeclaredAt: local("11:00:00").Add(-72 * time.Hour), ResolvedAt: local("11:00:00").Add(-48 * time.Hour)}
		tm, _ := importer.CheckTimes(msgs, resolved, local("13:00:00"), zone, importer.FromAll)
		if tm.FarAway != 9 || tm.BeforeDeclared != 0 {
			t.Errorf("got %+v, want all 9 more than a day after the resolution", tm)
		}
	})
	t.Run("InsideTheCall", func(t *testing.T) {
		early := &backend.Incident{DeclaredAt: local("11:00:00")}
		tm, flags := importer.CheckTimes(msgs, early, local("13:00:00"), zone, importer.FromAll)
		if len(tm.Warnings) != 0 || len(tm.Choices) != 0 || tm.Dated != 9 {
			t.Errorf("got %+v, want nothing to say", tm)
		}
		for i, f := range flags {
			if f.Note != "" || f.Outside {
				t.Errorf("message %d: got %+v, want no flag", i, f)
			}
		}
	})
	t.Run("UndatedMessagesAreNotCounted", func(t *testing.T) {
		res := mustParse(t, "meeting_saved_chat.txt", readFixture(t, "zoom/mac.meeting_saved_chat.txt"), importer.Options{Zone: zone})
		tm, _ := importer.CheckTimes(res.Messages, inc, now, zone, importer.FromDeclared)
		if tm.Dated != 0 || tm.LeftOut != 0 {
			t.Errorf("got %+v, want nothing counted without a day", tm)
		}
	})
}

// TestCheckTimesSlack runs the rules over the Slack export fixture, whose
// two messages carry full timestamps: 03:08:34 and 03:10:30 UTC on 10 January 2025.
func TestCheckTimesSlack(t *testing.T) {
	res, err := importer.ParseFile(filepath.Join(fixtureDir(t), "slack-export-slackdump-fixture"), importer.Options{Zone: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Messages) == 0 {
		t.Fatal("got no messages from the Slack fixture")
	}
	first, last := res.Messages[0].At, res.Messages[len(res.Messages)-1].At
	inc := &backend.Incident{DeclaredAt: time.Date(2025, 1, 10, 3, 9, 30, 0, time.UTC)}
	tm, flags := importer.CheckTimes(res.Messages, inc, time.Date(2025, 1, 12, 0, 0, 0, 0, time.UTC), time.UTC, importer.FromDeclared)
	before := 0
	for i, m := range res.Messages {
		if m.At.Before(inc.DeclaredAt) {
			before++
			if !flags[i].Outside || flags[i].Note != "before the declaration" {
				t.Errorf("message %d at %v: got %+v, want it left out as before the declaration", i, m.At, flags[i])
			}
		} else if flags[i].Outside {
			t.Errorf("message %d at %v: got it left out, want it kept", i, m.At)
		}
	}
	if before == 0 || before == len(res.Messages) {
		t.Fatalf("the fixture runs %v to %v: want messages on both sides of %v", first, last, inc.DeclaredAt)
	}
	if tm.BeforeDeclared != before || tm.LeftOut != before || len(tm.Choices) != 2 {
		t.Errorf("got %+v, want %d before the declaration and left out, two choices (no detection time)", tm, before)
	}
}

func TestParseFrom(t *testing.T) {
	for in, want := range map[string]importer.From{"": importer.FromAll, "all": importer.FromAll, " Declared ": importer.FromDeclared, "detected": importer.FromDetected} {
		if got, err := importer.ParseFrom(in); err != nil || got != want {
			t.Errorf("ParseFrom(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	_, err := importer.ParseFrom("yesterday")
	wantError(t, err, backend.EINVALID, "all, declared", "detected")
}
