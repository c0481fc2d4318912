package importer_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/importer"
	"bridgelog/backend/sqlite"
)

// berlin is the scribe's zone in these tests; the machine's may differ.
var berlin = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err)
	}
	return loc
}()

// chatService is the import service over a real database, with the scribe
// in Berlin and the clock at now, and an incident declared at declared
// (detected at detected, if not zero).
func chatService(tb testing.TB, now, declared, detected time.Time) (*importer.Service, int64) {
	tb.Helper()
	clock := &backend.FixedClock{T: now}
	db := sqlite.NewDB(filepath.Join(tb.TempDir(), "bridgelog.db"), clock)
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	records, incidents := sqlite.NewRecordService(db), sqlite.NewIncidentService(db)
	inc, err := incidents.CreateIncident(context.Background(), backend.IncidentCreate{
		Title: "Checkout errors", Severity: backend.SEV2, DeclaredAt: declared, DetectedAt: detected, Author: "Priya"})
	if err != nil {
		tb.Fatal(err)
	}
	return &importer.Service{Records: records, Incidents: incidents, Keys: records, Clock: clock, Location: berlin}, inc.ID
}

// fixtureCopy copies a chat fixture to a folder whose name says no date.
func fixtureCopy(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), "meeting_saved_chat.txt")
	if err := os.WriteFile(p, readFixture(tb, rel), 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

func berlinAt(date, hms string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04:05", date+" "+hms, berlin)
	if err != nil {
		panic(err)
	}
	return t
}

func TestServiceChatTimes(t *testing.T) {
	ctx := context.Background()
	chat := fixtureCopy(t, "zoom/mac.meeting_saved_chat.txt")

	t.Run("ZoomDayIsTheDeclarationsDayInTheScribesZone", func(t *testing.T) {
		// 23:30 UTC on 21 November is 00:30 on the 22nd in Berlin.
		declared := time.Date(2026, 11, 21, 23, 30, 0, 0, time.UTC)
		x, id := chatService(t, declared.Add(14*time.Hour), declared, time.Time{})
		p, err := x.Preview(ctx, importer.Request{IncidentID: id, Path: chat})
		if err != nil {
			t.Fatal(err)
		}
		if !p.NeedsDay || p.Day != "2026-11-22" || p.Messages[0].At != "2026-11-22T10:48:19Z" {
			t.Errorf("got needsDay %v day %q first at %q, want the Berlin day 2026-11-22 (11:48:19 CET is 10:48:19Z)", p.NeedsDay, p.Day, p.Messages[0].At)
		}
		want := "The chat does not say its day: its times are placed on Sunday 22 November 2026, the day the incident was declared (CET)."
		if !strings.HasPrefix(p.DayNote, want) {
			t.Errorf("got day note %q, want it to start %q", p.DayNote, want)
		}
	})
	t.Run("TheDayGivenIsSaid", func(t *testing.T) {
		declared := berlinAt("2026-11-22", "11:50:00")
		x, id := chatService(t, declared.Add(time.Hour), declared, time.Time{})
		p, err := x.Preview(ctx, importer.Request{IncidentID: id, Path: chat, Day: "2026-11-22"})
		if err != nil {
			t.Fatal(err)
		}
		if want := "The chat's times are placed on Sunday 22 November 2026 (CET)."; p.NeedsDay || p.DayNote != want {
			t.Errorf("got needsDay %v note %q, want %q", p.NeedsDay, p.DayNote, want)
		}
	})

	// Declared at 11:50, detected at 11:49 on the chat's day: four messages
	// from before the declaration, two of them from before the detection.
	declared, detected := berlinAt("2026-11-22", "11:50:00"), berlinAt("2026-11-22", "11:49:00")
	now := declared.Add(time.Hour)

	t.Run("PreviewSaysWhereTheMessagesFall", func(t *testing.T) {
		x, id := chatService(t, now, declared, detected)
		p, err := x.Preview(ctx, importer.Request{IncidentID: id, Path: chat})
		if err != nil {
			t.Fatal(err)
		}
		if p.Timing == nil {
			t.Fatal("got no timing in the preview")
		}
		if want := "4 of 9 messages are from before the incident was declared (earliest 11:48, declared 11:50 CET)."; len(p.Timing.Warnings) == 0 || p.Timing.Warnings[0] != want {
			t.Errorf("got warnings %q, want first %q", p.Timing.Warnings, want)
		}
		if len(p.Timing.Choices) != 3 || p.Messages[0].When != "before the detection" || p.Messages[3].When != "before the declaration" || p.Messages[4].When != "" {
			t.Errorf("got choices %+v and messages %+v, want three choices and the first four flagged", p.Timing.Choices, p.Messages[:5])
		}
	})
	t.Run("FromTheDeclarationOn", func(t *testing.T) {
		x, id := chatService(t, now, declared, detected)
		req := importer.Request{IncidentID: id, Path: chat, From: "declared"}
		p, err := x.Preview(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		for i, m := range p.Messages {
			if want := i < 4; m.Outside != want || m.Outside && m.Selected {
				t.Errorf("message %d: got outside %v selected %v, want outside %v and never selected when outside", i, m.Outside, m.Selected, want)
			}
		}
		_, err = x.Import(ctx, req, []int{0, 5})
		wantError(t, err, backend.EINVALID, "line 1", "before the detection", "from the declaration on")
		res, err := x.Import(ctx, req, []int{5, 6})
		if err != nil || res.Added != 2 {
			t.Errorf("got %+v, %v; want 2 added from after the declaration", res, err)
		}
		res, err = x.Import(ctx, importer.Request{IncidentID: id, Path: chat}, []int{0})
		if err != nil || res.Added != 1 {
			t.Errorf("got %+v, %v; want the early message added once all are chosen", res, err)
		}
	})
	t.Run("ErrNoDetectionTime", func(t *testing.T) {
		x, id := chatService(t, now, declared, time.Time{})
		_, err := x.Preview(ctx, importer.Request{IncidentID: id, Path: chat, From: "detected"})
		wantError(t, err, backend.EINVALID, "no detection time")
	})
	t.Run("ErrFrom", func(t *testing.T) {
		x, id := chatService(t, now, declared, detected)
		_, err := x.Preview(ctx, importer.Request{IncidentID: id, Path: chat, From: "noon"})
		wantError(t, err, backend.EINVALID, "declared")
	})
}
