package export_test

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/export"
)

func chatOf(t *testing.T, rep *backend.Report, opts export.Options) (string, error) {
	t.Helper()
	opts.Format = export.FormatChat
	var b bytes.Buffer
	err := export.Write(context.Background(), &b, rep, opts)
	return b.String(), err
}

// checkSlackSafe fails if the text holds a mention that, typed or pasted
// into Slack's or Teams' message box, would notify a whole channel. The box
// takes <, > and & literally, so they stay as typed.
func checkSlackSafe(t *testing.T, out string) {
	t.Helper()
	if strings.Contains(out, "&amp;") || strings.Contains(out, "&lt;") {
		t.Fatalf("got an HTML entity, which a pasted message would show literally:\n%s", out)
	}
	if m := regexp.MustCompile(`(?i)@(channel|here|everyone)`).FindString(out); m != "" {
		t.Fatalf("got mention %q that would notify everyone", m)
	}
}

func TestChat(t *testing.T) {
	zone := berlin(t)
	t.Run("Timeline", func(t *testing.T) {
		opts := export.Options{Format: export.FormatChat, Zone: zone, Now: fixedNow}
		out, err := chatOf(t, fixtureReport(), opts)
		if err != nil {
			t.Fatal(err)
		}
		checkSlackSafe(t, out)
		view := export.NewView(fixtureReport(), opts)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		var entries []string
		for _, l := range lines[2:] {
			if !strings.HasPrefix(l, "    ") {
				entries = append(entries, l)
			}
		}
		if got, want := len(entries), len(view.Rows); got != want {
			t.Fatalf("got %d entry lines, want %d:\n%s", got, want, out)
		}
		if got, want := entries[0], "2026-11-21 22:10 UTC (23:10 CET)  [severity] ★ Declared SEV2 — Priya"; got != want {
			t.Fatalf("got first line %q, want %q", got, want)
		}
		shown := out
		for _, p := range Payloads {
			if want := strings.ReplaceAll(p, "\n", "\n    "); !strings.Contains(shown, want) {
				t.Fatalf("got no %q in the chat text", want)
			}
		}
	})
	t.Run("Mentions", func(t *testing.T) {
		out, err := chatOf(t, notesReport("@channel look", "@HERE now", "<!everyone> hi <!here|here> <@U123>", "ping @everyone."), export.Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkSlackSafe(t, out)
		if !strings.Contains(out, "@\u2060channel look") {
			t.Fatalf("got %q, want @channel kept readable", out)
		}
	})
	t.Run("External", func(t *testing.T) {
		out, err := chatOf(t, fixtureReport(), export.Options{External: true})
		if err != nil {
			t.Fatal(err)
		}
		if m := regexp.MustCompile(`\b(Priya|Sam|Marco|Ana|jon)\b`).FindString(out); m != "" {
			t.Fatalf("got name %q in external chat text:\n%s", m, out)
		}
		if strings.Contains(out, "vendor contract") {
			t.Fatal("got an internal entry in external chat text")
		}
	})
	t.Run("Status", func(t *testing.T) {
		out, err := chatOf(t, fixtureReport(), export.Options{Zone: zone, Status: 22})
		if err != nil {
			t.Fatal(err)
		}
		checkSlackSafe(t, out)
		want := "*Status update — EU logins failing <b>bold</b> | pipe (SEV1)*\n" +
			"SEV1: rollback under way, next update 23:30\n" +
			"_Sent 2026-11-21 23:05 UTC (2026-11-22 00:05 CET) · next update by 2026-11-21 23:30 UTC (2026-11-22 00:30 CET)_\n"
		if out != want {
			t.Fatalf("got\n%s\nwant\n%s", out, want)
		}
	})
	t.Run("StatusTyped", func(t *testing.T) {
		rep := fixtureReport()
		rep.Updates = nil
		out, err := chatOf(t, rep, export.Options{Status: 8})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(out, "next update by") {
			t.Fatalf("got a promise for a typed status line:\n%s", out)
		}
		if !strings.Contains(out, "SEV1: EU logins failing, next update 22:55\n") {
			t.Fatalf("got %q, want the status text", out)
		}
	})
	t.Run("ErrStatusNotFound", func(t *testing.T) {
		_, err := chatOf(t, fixtureReport(), export.Options{Status: 999})
		if got, want := backend.ErrorCode(err), backend.ENOTFOUND; got != want {
			t.Fatalf("got %v (%s), want code %s", err, got, want)
		}
	})
	t.Run("ErrStatusInternal", func(t *testing.T) {
		rep := fixtureReport()
		rep.Updates[1].Audience = backend.AudienceInternal
		_, err := chatOf(t, rep, export.Options{Status: 22, External: true})
		if got, want := backend.ErrorCode(err), backend.EINVALID; got != want {
			t.Fatalf("got %v (%s), want code %s", err, got, want)
		}
	})
}
