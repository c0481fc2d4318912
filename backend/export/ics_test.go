package export_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"bridgelog/backend"
	"bridgelog/backend/export"
)

// icsProp is one unfolded content line: NAME;PARAM=...:value.
type icsProp struct {
	Name   string
	Params map[string]string
	Value  string
}

// parseICS checks the physical form (CRLF only, no line over 75 octets, no
// character split by a fold) and returns the unfolded content lines.
func parseICS(t *testing.T, data []byte) []icsProp {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatal("got a calendar that does not end with CRLF")
	}
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			t.Fatalf("line %d: got a bare CR or LF in %q", i+1, line)
		}
		if len(line) > 75 {
			t.Fatalf("line %d: got %d octets, want at most 75: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Fatalf("line %d: got a character split by folding: %q", i+1, line)
		}
	}
	unfolded := strings.NewReplacer("\r\n ", "", "\r\n\t", "").Replace(string(data))
	var props []icsProp
	for _, line := range strings.Split(strings.TrimSuffix(unfolded, "\r\n"), "\r\n") {
		props = append(props, parseICSLine(t, line))
	}
	return props
}

// parseICSLine splits a content line at the first colon outside quotes, and
// its parameters at semicolons outside quotes (RFC 5545 3.1).
func parseICSLine(t *testing.T, line string) icsProp {
	t.Helper()
	var parts []string
	quoted, start := false, 0
	for i, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case r == ';' && !quoted:
			parts, start = append(parts, line[start:i]), i+1
		case r == ':' && !quoted:
			parts = append(parts, line[start:i])
			p := icsProp{Name: parts[0], Params: map[string]string{}, Value: line[i+1:]}
			for _, param := range parts[1:] {
				k, v, ok := strings.Cut(param, "=")
				if !ok {
					t.Fatalf("got parameter %q without a value in %q", param, line)
				}
				p.Params[k] = unquoteParam(v)
			}
			return p
		}
	}
	t.Fatalf("got no colon in content line %q", line)
	return icsProp{}
}

// unquoteParam undoes the quotes and RFC 6868's caret escapes.
func unquoteParam(v string) string {
	v = strings.TrimSuffix(strings.TrimPrefix(v, `"`), `"`)
	return strings.NewReplacer("^^", "^", "^'", `"`, "^n", "\n").Replace(v)
}

// unescapeText undoes RFC 5545's TEXT escapes.
func unescapeText(s string) string {
	return strings.NewReplacer(`\\`, `\`, `\;`, ";", `\,`, ",", `\n`, "\n", `\N`, "\n").Replace(s)
}

func icsValues(props []icsProp, name string) []icsProp {
	var out []icsProp
	for _, p := range props {
		if p.Name == name {
			out = append(out, p)
		}
	}
	return out
}

func icsOne(t *testing.T, props []icsProp, name string) icsProp {
	t.Helper()
	ps := icsValues(props, name)
	if len(ps) != 1 {
		t.Fatalf("got %d %s properties, want 1", len(ps), name)
	}
	return ps[0]
}

func icsOf(t *testing.T, rep *backend.Report, opts export.Options) []byte {
	t.Helper()
	opts.Format = export.FormatICS
	var b bytes.Buffer
	if err := export.Write(context.Background(), &b, rep, opts); err != nil {
		t.Fatalf("got error %v", err)
	}
	return b.Bytes()
}

func TestICS(t *testing.T) {
	zone := berlin(t)
	t.Run("OK", func(t *testing.T) {
		got := render(t, export.Options{Format: export.FormatICS, Zone: zone, Now: fixedNow})
		props := parseICS(t, got)
		var frame []string
		for _, p := range props {
			if p.Name == "BEGIN" || p.Name == "END" {
				frame = append(frame, p.Name+":"+p.Value)
			}
		}
		if got, want := strings.Join(frame, " "), "BEGIN:VCALENDAR BEGIN:VEVENT END:VEVENT END:VCALENDAR"; got != want {
			t.Fatalf("got components %q, want %q", got, want)
		}
		for name, want := range map[string]string{
			"VERSION": "2.0",
			"PRODID":  "-//Bridgelog//Post-incident review//EN",
			"UID":     "0f1e2d3c4b5a69788796a5b4c3d2e1f0-review@bridgelog",
			"DTSTAMP": "20261122T095900Z",
			// Resolved on Sunday: Monday 10:00 in Berlin is 09:00 UTC.
			"DTSTART": "20261123T090000Z",
			"DTEND":   "20261123T100000Z",
			"SUMMARY": `Post-incident review: EU logins failing <b>bold</b> | pipe`,
		} {
			if got := icsOne(t, props, name).Value; got != want {
				t.Fatalf("got %s %q, want %q", name, got, want)
			}
		}
		desc := unescapeText(icsOne(t, props, "DESCRIPTION").Value)
		for _, want := range []string{"Blameless post-incident review of EU logins failing <b>bold</b> | pipe.",
			"EU customers cannot log in", "contributing factors", "email-unknown.invalid"} {
			if !strings.Contains(desc, want) {
				t.Fatalf("got description %q, want it to contain %q", desc, want)
			}
		}
		if org := icsOne(t, props, "ORGANIZER"); org.Params["CN"] != "Marco" || org.Value != "mailto:marco@email-unknown.invalid" {
			t.Fatalf("got organizer %+v, want Marco, the last incident commander", org)
		}
		var names []string
		for _, a := range icsValues(props, "ATTENDEE") {
			names = append(names, a.Params["CN"])
			if a.Params["ROLE"] != "REQ-PARTICIPANT" || !strings.HasSuffix(a.Value, "@email-unknown.invalid") {
				t.Fatalf("got attendee %+v", a)
			}
		}
		if got, want := strings.Join(names, ","), "Priya,Marco,Sam,jon,Ana"; got != want {
			t.Fatalf("got attendees %s, want %s", got, want)
		}
		checkGolden(t, "ics-review.ics", got)
	})
	t.Run("Escaping", func(t *testing.T) {
		rep := fixtureReport()
		rep.Incident.Title = `a\b;c,d` + "\n" + strings.Repeat("Größenüberschreitung 🚨 ", 8)
		rep.Roles[0].Person = `Jo "JJ" ^Smith;x:y`
		props := parseICS(t, icsOf(t, rep, export.Options{Now: fixedNow}))
		if got, want := unescapeText(icsOne(t, props, "SUMMARY").Value), "Post-incident review: "+rep.Incident.Title; got != want {
			t.Fatalf("got summary %q, want %q", got, want)
		}
		if got := icsValues(props, "ATTENDEE")[0].Params["CN"]; got != rep.Roles[0].Person {
			t.Fatalf("got attendee name %q, want %q", got, rep.Roles[0].Person)
		}
		if got, want := icsValues(props, "ATTENDEE")[0].Value, "mailto:jo.jj.smith.x.y@email-unknown.invalid"; got != want {
			t.Fatalf("got address %q, want %q", got, want)
		}
	})
	t.Run("Slot", func(t *testing.T) {
		friday := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)
		for _, tc := range []struct {
			name     string
			zone     *time.Location
			resolved time.Time
			now      time.Time
			want     string
		}{
			{"UTC", nil, fixtureReport().Incident.ResolvedAt, fixedNow, "20261123T100000Z"},
			{"AfterWeekend", zone, friday, friday.Add(time.Hour), "20261130T090000Z"},
			{"SlotPassed", zone, friday, time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC), "20261201T090000Z"},
			{"SummerTime", zone, time.Date(2026, 7, 3, 12, 0, 0, 0, time.UTC), time.Date(2026, 7, 3, 13, 0, 0, 0, time.UTC), "20260706T080000Z"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				rep := fixtureReport()
				rep.Incident.ResolvedAt = tc.resolved
				props := parseICS(t, icsOf(t, rep, export.Options{Zone: tc.zone, Now: tc.now}))
				if got := icsOne(t, props, "DTSTART").Value; got != tc.want {
					t.Fatalf("got DTSTART %s, want %s", got, tc.want)
				}
			})
		}
	})
	t.Run("ErrUnresolved", func(t *testing.T) {
		rep := fixtureReport()
		rep.Incident.ResolvedAt, rep.Incident.Phase = time.Time{}, backend.PhaseMonitoring
		var b bytes.Buffer
		err := export.Write(context.Background(), &b, rep, export.Options{Format: export.FormatICS, Now: fixedNow})
		if got, want := backend.ErrorCode(err), backend.EINVALID; got != want {
			t.Fatalf("got code %q, want %q", got, want)
		}
		if got, want := backend.ErrorMessage(err), "Resolve the incident first: the review meeting is planned from the resolution time"; got != want {
			t.Fatalf("got message %q, want %q", got, want)
		}
		if b.Len() != 0 {
			t.Fatalf("got %d bytes written on error, want none", b.Len())
		}
	})
}
