package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"regexp"
	"slices"
	"strings"
	"testing"

	"bridgelog/backend/export"
)

// readCSV parses an export as a spreadsheet would, failing on any RFC 4180
// error, and returns its records keyed by column name.
func parseCSV(t *testing.T, data []byte) (header []string, rows []map[string]string) {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("got invalid CSV: %v", err)
	}
	header = records[0]
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, name := range header {
			row[name] = rec[i]
		}
		rows = append(rows, row)
	}
	return header, rows
}

// unguard undoes the formula guard, as a script reading the file would.
func unguard(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

func TestCSV(t *testing.T) {
	zone := berlin(t)
	t.Run("OK", func(t *testing.T) {
		opts := export.Options{Format: export.FormatCSV, Zone: zone, Now: fixedNow}
		data := render(t, opts)
		view := export.NewView(fixtureReport(), opts)
		header, rows := parseCSV(t, data)
		want := []string{"time_utc", "time_local", "zone", "kind", "text", "author", "author_role", "key", "internal",
			"edited", "hidden", "source", "owner", "severity", "phase", "role", "person", "attachment"}
		if !slices.Equal(header, want) {
			t.Fatalf("got header %q, want %q", header, want)
		}
		if got, want := len(rows), len(view.Rows); got != want {
			t.Fatalf("got %d records, want %d (one per entry in scope)", got, want)
		}
		for i, r := range view.Rows {
			if got, want := unguard(rows[i]["text"]), r.Text; got != want {
				t.Fatalf("record %d: got text %q, want %q", i+1, got, want)
			}
		}
		first := rows[0]
		for col, want := range map[string]string{"time_utc": "2026-11-21T22:10:00Z", "time_local": "2026-11-21T23:10:00+01:00",
			"zone": "Europe/Berlin", "kind": "severity", "severity": "SEV2", "key": "true", "author": "Priya", "author_role": "ic"} {
			if got := first[col]; got != want {
				t.Fatalf("got %s %q, want %q", col, got, want)
			}
		}
		byText := map[string]map[string]string{}
		for _, r := range rows {
			byText[unguard(r["text"])] = r
		}
		if got, want := byText["restart the session cache"]["owner"], "jon"; got != want {
			t.Fatalf("got action owner %q, want %q", got, want)
		}
		if got, want := byText["Screenshot error-rate.png"]["attachment"], "error-rate.png"; got != want {
			t.Fatalf("got attachment %q, want %q", got, want)
		}
		if got, want := byText["TL: deploy 41 touched the session cache"]["source"], "zoom"; got != want {
			t.Fatalf("got source %q, want %q", got, want)
		}
		if r := byText["cache stampede after deploy 41"]; r["edited"] != "true" || r["hidden"] != "false" {
			t.Fatalf("got edited %q hidden %q, want true false", r["edited"], r["hidden"])
		}
		if got, want := byText[Payloads[5]]["kind"], "evidence"; got != want {
			t.Fatalf("got the multi-line entry as %q, want one record of kind %q", got, want)
		}
	})
	t.Run("FormulaGuard", func(t *testing.T) {
		_, rows := parseCSV(t, render(t, export.Options{Format: export.FormatCSV}))
		for _, r := range rows {
			for col, cell := range r {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Fatalf("got %s cell %q: a spreadsheet would run it as a formula", col, cell)
				}
			}
		}
		var found bool
		for _, r := range rows {
			found = found || r["text"] == "'"+Payloads[4]
		}
		if !found {
			t.Fatalf("got no text cell %q", "'"+Payloads[4])
		}
	})
	t.Run("CRLF", func(t *testing.T) {
		data := render(t, export.Options{Format: export.FormatCSV})
		_, rows := parseCSV(t, data)
		if !bytes.HasSuffix(data, []byte("\r\n")) {
			t.Fatal("got no CRLF at the end of the file")
		}
		if got, want := bytes.Count(data, []byte("\r\n")), len(rows)+1; got != want {
			t.Fatalf("got %d CRLFs, want %d: one after each record, none inside a cell", got, want)
		}
	})
	t.Run("LineBreaksAsWritten", func(t *testing.T) {
		for _, tc := range []struct{ name, text, raw string }{
			{"LF", "line one\nline two", "\"line one\nline two\""},
			{"CRLF", "line one\r\nline two", "\"line one\r\nline two\""},
			{"Quotes", "say \"hi\"\nthen go", "\"say \"\"hi\"\"\nthen go\""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				var b bytes.Buffer
				if err := export.Write(context.Background(), &b, notesReport(tc.text, "next"), export.Options{Format: export.FormatCSV}); err != nil {
					t.Fatal(err)
				}
				if !bytes.Contains(b.Bytes(), []byte(","+tc.raw+",")) {
					t.Fatalf("got no cell %q as written in:\n%q", tc.raw, b.Bytes())
				}
				_, rows := parseCSV(t, b.Bytes())
				if got, want := len(rows), 2; got != want {
					t.Fatalf("got %d records, want %d", got, want)
				}
			})
		}
	})
	t.Run("External", func(t *testing.T) {
		opts := export.Options{Format: export.FormatCSV, External: true}
		_, rows := parseCSV(t, render(t, opts))
		names := regexp.MustCompile(`\b(Priya|Sam|Marco|Ana|jon)\b`)
		for _, r := range rows {
			if r["internal"] == "true" {
				t.Fatalf("got internal entry %q in an external export", r["text"])
			}
			for col, cell := range r {
				if names.MatchString(cell) {
					t.Fatalf("got a name in %s %q of an external export", col, cell)
				}
			}
		}
	})
	t.Run("UTCOnly", func(t *testing.T) {
		_, rows := parseCSV(t, render(t, export.Options{Format: export.FormatCSV}))
		if got, want := rows[0]["time_local"], "2026-11-21T22:10:00Z"; got != want {
			t.Fatalf("got local time %q, want %q", got, want)
		}
		if got, want := rows[0]["zone"], "UTC"; got != want {
			t.Fatalf("got zone %q, want %q", got, want)
		}
	})
}
