package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bridgelog/app/cli"
	"bridgelog/backend"
	"bridgelog/backend/instance"
	"bridgelog/backend/sqlite"
	"bridgelog/backend/timeline"
)

// seed makes a database with two incidents in a temporary folder and
// returns its path: "Search slow", resolved, and "EU logins failing", the
// latest, still open.
func seed(tb testing.TB) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "bridgelog.db")
	clock := &backend.FixedClock{T: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
	db := sqlite.NewDB(path, clock)
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	incidents := sqlite.NewIncidentService(db)
	scribe := &timeline.Service{Incidents: incidents, Entries: sqlite.NewEntryService(db), Clock: clock, Location: time.UTC}
	for _, in := range []struct {
		title string
		sev   backend.Severity
		lines []string
	}{
		{"Search slow", backend.SEV3, []string{"search p99 at 4s", "phase: resolved"}},
		{"EU logins failing", backend.SEV1, []string{"tl: logins fail for eu-west", "int: token errors in auth logs", "a: @sam roll back auth 10m"}},
	} {
		inc, err := incidents.CreateIncident(ctx, backend.IncidentCreate{Title: in.title, Severity: in.sev, Author: "Priya"})
		if err != nil {
			tb.Fatal(err)
		}
		for _, l := range in.lines {
			clock.Advance(time.Minute)
			if _, err := scribe.Add(ctx, inc.ID, l, time.Time{}, "Priya"); err != nil {
				tb.Fatal(err)
			}
		}
		clock.Advance(24 * time.Hour)
	}
	return path
}

// run runs the command line in-process and returns its exit status and output.
func run(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = cli.Main(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestIsCommand(t *testing.T) {
	for args, want := range map[string]bool{
		"list": true, "export --format md": true, "import-record x.json": true, "help": true, "--help": true,
		"--db /tmp/x.db list": true, "--db=/tmp/x.db export": true,
		"": false, "--db /tmp/x.db": false, "--some-wails-flag": false, "listing": false,
	} {
		if got := cli.IsCommand(strings.Fields(args)); got != want {
			t.Errorf("%q: got %v, want %v", args, got, want)
		}
	}
}

func TestList(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		db := seed(t)
		code, out, errOut := run("list", "--db", db)
		if code != 0 {
			t.Fatalf("got exit %d (%s), want 0", code, errOut)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 3 {
			t.Fatalf("got %d lines, want a header and 2 incidents:\n%s", len(lines), out)
		}
		for i, want := range [][]string{
			{"ID", "DECLARED (UTC)", "SEVERITY", "PHASE", "ENTRIES", "TITLE"},
			{"2", "2026-11-21 09:02", "SEV1", "investigating", "EU logins failing"},
			{"1", "2026-11-20 09:00", "SEV3", "resolved", "Search slow"},
		} {
			for _, w := range want {
				if !strings.Contains(lines[i], w) {
					t.Errorf("line %d: got %q, want it to hold %q", i, lines[i], w)
				}
			}
		}
	})
	t.Run("GlobalDB", func(t *testing.T) {
		db := seed(t)
		if code, out, _ := run("--db", db, "list"); code != 0 || !strings.Contains(out, "Search slow") {
			t.Errorf("got %d %q, want the list", code, out)
		}
	})
	t.Run("EnvDB", func(t *testing.T) {
		db := seed(t)
		t.Setenv("BRIDGELOG_DB", db)
		if code, out, _ := run("list"); code != 0 || !strings.Contains(out, "Search slow") {
			t.Errorf("got %d %q, want the list from $BRIDGELOG_DB", code, out)
		}
	})
	t.Run("ErrNoDatabase", func(t *testing.T) {
		missing := filepath.Join(t.TempDir(), "none.db")
		code, _, errOut := run("list", "--db", missing)
		if code != 1 || !strings.Contains(errOut, "No Bridgelog database at "+missing) {
			t.Errorf("got %d %q, want 1 and no database", code, errOut)
		}
		if _, err := os.Stat(missing); err == nil {
			t.Error("got a database made by list, want none")
		}
	})
	t.Run("ErrUsage", func(t *testing.T) {
		code, _, errOut := run("list", "extra")
		if code != 2 || !strings.Contains(errOut, "Usage:") {
			t.Errorf("got %d %q, want 2 and the usage", code, errOut)
		}
	})
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"export", "-h"}} {
		code, out, _ := run(args...)
		if code != 0 || !strings.Contains(out, "bridgelog export --incident ID|latest") {
			t.Errorf("%v: got %d %q, want 0 and the usage on stdout", args, code, out)
		}
	}
}

func TestExport(t *testing.T) {
	db := seed(t)
	t.Run("Stdout", func(t *testing.T) {
		code, out, errOut := run("export", "--db", db, "--incident", "latest", "--format", "json", "--out", "-")
		if code != 0 {
			t.Fatalf("got exit %d (%s), want 0", code, errOut)
		}
		var rec backend.Record
		if err := json.Unmarshal([]byte(out), &rec); err != nil {
			t.Fatal(err)
		}
		if rec.Incident.Title != "EU logins failing" || len(rec.Entries) != 4 {
			t.Errorf("got %q with %d entries, want the latest incident with 4 (the severity and 3 lines)", rec.Incident.Title, len(rec.Entries))
		}
	})
	t.Run("EveryFormat", func(t *testing.T) {
		dir := t.TempDir()
		for _, f := range []string{"md", "html", "json", "csv", "chat", "review", "review-html", "ics", "pdf"} {
			if f == "pdf" && !haveChromium() {
				t.Log("no chromium: pdf not tried")
				continue
			}
			t.Run(f, func(t *testing.T) {
				out := filepath.Join(dir, "incident-1."+f)
				code, stdout, errOut := run("export", "--db", db, "--incident", "1", "--format", f, "--out", out,
					"--zone", "Europe/Berlin", "--history")
				if code != 0 {
					t.Fatalf("got exit %d (%s), want 0", code, errOut)
				}
				st, err := os.Stat(out)
				if err != nil || st.Size() == 0 || st.Mode().Perm() != 0o600 {
					t.Fatalf("got %v, %v; want a private, non-empty file", st, err)
				}
				if data, _ := os.ReadFile(out); f == "pdf" && !bytes.HasPrefix(data, []byte("%PDF-")) {
					t.Errorf("got %q at the start of the PDF, want %%PDF-", data[:min(len(data), 8)])
				}
				if strings.TrimSpace(stdout) != out {
					t.Errorf("got %q on stdout, want the file's path", stdout)
				}
			})
		}
	})
	t.Run("External", func(t *testing.T) {
		code, out, errOut := run("export", "--db", db, "--incident", "2", "--format", "md", "--out", "-", "--external")
		if code != 0 {
			t.Fatalf("got exit %d (%s)", code, errOut)
		}
		if strings.Contains(out, "token errors") || strings.Contains(out, "Priya") {
			t.Errorf("got an internal entry or a name in the external export:\n%s", out)
		}
	})
	t.Run("WhileTheAppIsOpen", func(t *testing.T) {
		// The window holds the write lock and the database open; export
		// still works, reading beside it.
		lock, err := instance.Acquire(db + ".lock")
		if err != nil {
			t.Fatal(err)
		}
		defer lock.Release()
		open := sqlite.NewDB(db, nil)
		if err := open.Open(); err != nil {
			t.Fatal(err)
		}
		defer open.Close()
		code, out, errOut := run("export", "--db", db, "--incident", "latest", "--format", "csv", "--out", "-")
		if code != 0 || !strings.Contains(out, "logins fail for eu-west") {
			t.Errorf("got %d %q %q, want the CSV", code, out, errOut)
		}
		if code, out, _ := run("list", "--db", db); code != 0 || !strings.Contains(out, "EU logins failing") {
			t.Errorf("list: got %d %q, want the list", code, out)
		}
	})
	t.Run("ErrUnknownIncident", func(t *testing.T) {
		code, out, errOut := run("export", "--db", db, "--incident", "42", "--format", "md", "--out", "-")
		if code != 1 || out != "" || !strings.Contains(errOut, "No incident with id 42") {
			t.Errorf("got %d %q %q, want 1 and no incident 42", code, out, errOut)
		}
	})
	t.Run("ErrNoIncidents", func(t *testing.T) {
		empty := filepath.Join(t.TempDir(), "empty.db")
		d := sqlite.NewDB(empty, nil)
		if err := d.Open(); err != nil {
			t.Fatal(err)
		}
		d.Close()
		code, _, errOut := run("export", "--db", empty, "--incident", "latest", "--format", "md", "--out", "-")
		if code != 1 || !strings.Contains(errOut, "no incidents") {
			t.Errorf("got %d %q, want 1 and no incidents", code, errOut)
		}
	})
	for name, args := range map[string][]string{
		"ErrNoIncident":  {"--format", "md", "--out", "-"},
		"ErrNoFormat":    {"--incident", "1", "--out", "-"},
		"ErrNoOut":       {"--incident", "1", "--format", "md"},
		"ErrFormat":      {"--incident", "1", "--format", "docx", "--out", "-"},
		"ErrIncidentRef": {"--incident", "first", "--format", "md", "--out", "-"},
		"ErrFlag":        {"--incident", "1", "--format", "md", "--out", "-", "--colour"},
		"ErrFrom":        {"--incident", "1", "--format", "md", "--out", "-", "--from", "yesterday"},
		"ErrZone":        {"--incident", "1", "--format", "md", "--out", "-", "--zone", "Berlin"},
		"ErrExtraArg":    {"--incident", "1", "--format", "md", "out.md"},
	} {
		t.Run(name, func(t *testing.T) {
			code, out, errOut := run(append([]string{"export", "--db", db}, args...)...)
			if code != 2 || out != "" || !strings.Contains(errOut, "Usage:") {
				t.Errorf("got %d %q %q, want 2 with the usage", code, out, errOut)
			}
		})
	}
}

func TestUnknownCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := cli.Main([]string{"lsit"}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "Usage:") {
		t.Errorf("got %d %q, want 2 with the usage", code, errOut.String())
	}
}

func haveChromium() bool {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if _, err := exec.LookPath(name); err == nil {
			return true
		}
	}
	return false
}

// TestBinary runs the real bridgelog binary with no display: the commands
// must never start GTK.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "bridgelog")
	build := exec.Command("go", "build", "-tags", "webkit2_41", "-o", bin, ".")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	db := seed(t)
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "LANG=C.UTF-8"} // no DISPLAY, no WAYLAND_DISPLAY
	runBin := func(args ...string) (int, string, string) {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		var exit *exec.ExitError
		switch {
		case err == nil:
			return 0, out.String(), errOut.String()
		case errors.As(err, &exit):
			return exit.ExitCode(), out.String(), errOut.String()
		}
		t.Fatal(err)
		return -1, "", ""
	}
	t.Run("List", func(t *testing.T) {
		code, out, errOut := runBin("list", "--db", db)
		if code != 0 || !strings.Contains(out, "EU logins failing") || errOut != "" {
			t.Errorf("got %d %q %q, want 0 and the list", code, out, errOut)
		}
	})
	t.Run("ExportMarkdown", func(t *testing.T) {
		code, out, errOut := runBin("export", "--db", db, "--incident", "latest", "--format", "md", "--out", "-")
		if code != 0 || !strings.Contains(out, "EU logins failing") || !strings.Contains(out, "logins fail for eu-west") {
			t.Errorf("got %d %q %q, want 0 and the Markdown", code, out, errOut)
		}
	})
	t.Run("ErrUsage", func(t *testing.T) {
		if code, _, errOut := runBin("export", "--db", db); code != 2 || !strings.Contains(errOut, "Usage:") {
			t.Errorf("got %d %q, want 2 with the usage", code, errOut)
		}
	})
	t.Run("ErrUnknownIncident", func(t *testing.T) {
		code, _, errOut := runBin("export", "--db", db, "--incident", "77", "--format", "md", "--out", "-")
		if code != 1 || !strings.Contains(errOut, "No incident with id 77") {
			t.Errorf("got %d %q, want 1 naming incident 77", code, errOut)
		}
	})
}
