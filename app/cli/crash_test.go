package cli_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the driver the checks below open the file with

	"bridgelog/backend"
	"bridgelog/backend/export"
	"bridgelog/backend/sqlite"
	"bridgelog/backend/timeline"
)

// TestKill kills the real binary (SIGKILL, no chance to clean up) in the
// middle of an import and of an export, at delays spread over the whole run,
// and checks what a crash may leave: an import is all there or not at all, an
// export file is whole or absent, and the database passes integrity_check.
func TestKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and imports 100,000 messages several times")
	}
	bin := filepath.Join(t.TempDir(), "bridgelog")
	build := exec.Command("go", "build", "-tags", "webkit2_41", "-o", bin, ".")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	t.Run("Import", func(t *testing.T) { killImport(t, bin) })
	t.Run("Export", func(t *testing.T) { killExport(t, bin) })
}

// chatMessages is as many messages as one import takes (MaxImportEntries):
// 200,000 lines of a Zoom saved chat.
const chatMessages = sqlite.MaxImportEntries

func killImport(t *testing.T, bin string) {
	chat := filepath.Join(t.TempDir(), "meeting_saved_chat.txt")
	writeBigChat(t, chat, chatMessages)
	args := func(db string) []string {
		return []string{"import", chat, "--incident", "1", "--all", "--day", "2026-11-21", "--zone", "UTC", "--db", db}
	}

	// A kill while the transaction is surely open: once its pages have
	// begun to spill into the WAL.
	db := seedIncident(t)
	base := fileSize(db + "-wal")
	run := start(t, bin, args(db)...)
	took, killed := run.killWhen(func() bool { return fileSize(db+"-wal") > base+4<<20 }, 5*time.Minute)
	wal := fileSize(db + "-wal")
	if !killed {
		t.Fatalf("the import ended (%v) before its WAL grew by 4 MiB (WAL %d KiB)", run.err, wal/1024)
	}
	got := importedCount(t, db)
	t.Logf("killed once the WAL grew by 4 MiB, after %v (WAL %d KiB): %d imported", took.Round(time.Millisecond), wal/1024, got)
	if got != 0 && got != chatMessages {
		t.Errorf("got %d imported entries, want 0 or %d", got, chatMessages)
	}

	// Then the import is run again, as a person would after the crash, and
	// must add everything. This run also says how long an import takes
	// here, so the kills below land over its whole length however fast or
	// loaded the machine is.
	run = start(t, bin, args(db)...)
	full, killed := run.killAfter(10 * time.Minute)
	if killed || run.err != nil {
		t.Fatalf("the import after the crash failed after %v: %v\n%s", full, run.err, run.stderr.String())
	}
	if got := importedCount(t, db); got != chatMessages {
		t.Fatalf("got %d entries after importing again, want %d", got, chatMessages)
	}
	if !strings.Contains(run.stdout.String(), fmt.Sprintf("Imported %d of %d", chatMessages, chatMessages)) {
		t.Errorf("got %q, want the count imported", run.stdout.String())
	}
	run.Process.Kill() // after it finished: nothing to kill, nothing may change
	if got := importedCount(t, db); got != chatMessages {
		t.Errorf("after a kill of the finished process: got %d entries, want %d", got, chatMessages)
	}
	t.Logf("an uninterrupted import of %d messages took %v", chatMessages, full.Round(time.Millisecond))

	// Early kills land before the transaction (while the chat is read);
	// the last one anywhere in the second half, the commit included.
	delays := []time.Duration{10 * time.Millisecond, 500 * time.Millisecond, 2 * time.Second, full/2 + rand.N(full/2)}
	for _, delay := range delays {
		t.Run("After"+delay.Round(time.Millisecond).String(), func(t *testing.T) {
			db := seedIncident(t)
			run := start(t, bin, args(db)...)
			took, killed := run.killAfter(delay)
			wal := fileSize(db + "-wal")
			got := importedCount(t, db)
			t.Logf("killed=%v after %v (WAL %d KiB): %d imported", killed, took.Round(time.Millisecond), wal/1024, got)
			if got != 0 && got != chatMessages {
				t.Errorf("got %d imported entries, want 0 or %d", got, chatMessages)
			}
			if !killed && got != chatMessages {
				t.Errorf("the import finished (%v) but %d entries are there, want %d", run.err, got, chatMessages)
			}
		})
	}
}

// exportEntries is the size of the incident killed mid-export: an HTML page
// of several megabytes, with a screenshot inlined.
const exportEntries = 20_000

var tempExport = regexp.MustCompile(`^\.incident\.html\.\d+\.tmp$`)

func killExport(t *testing.T, bin string) {
	db := seedIncident(t)
	fillIncident(t, db, exportEntries)
	dir := t.TempDir()
	out := filepath.Join(dir, "incident.html")
	args := []string{"export", "--incident", "1", "--format", "html", "--out", out, "--db", db}

	run := start(t, bin, args...)
	full, killed := run.killAfter(5 * time.Minute)
	if killed || run.err != nil {
		t.Fatalf("the uninterrupted export failed after %v: %v\n%s", full, run.err, run.stderr.String())
	}
	whole := readExport(t, out)
	if !wholePage(whole) || !bytes.Contains(whole, []byte(fmt.Sprintf("chat message %d", exportEntries-1))) ||
		!bytes.Contains(whole, []byte("data:image/png;base64,")) {
		t.Fatalf("the uninterrupted export is not the whole incident (%d bytes)", len(whole))
	}
	t.Logf("an uninterrupted HTML export of %d entries and a screenshot took %v: %d KiB",
		exportEntries, full.Round(time.Millisecond), len(whole)/1024)

	old := []byte("<!doctype html><p>an export saved earlier</p></html>\n")
	delays := []time.Duration{10 * time.Millisecond, 50 * time.Millisecond, 100 * time.Millisecond,
		full / 4, full / 2, full * 3 / 4, full * 9 / 10, full * 99 / 100, rand.N(full), rand.N(full)}
	for i, delay := range delays {
		// Every other run replaces an earlier export, which must survive
		// whole or be replaced whole.
		replace := i%2 == 1
		t.Run(fmt.Sprintf("After%s/Replace=%v", delay.Round(time.Millisecond), replace), func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "incident.html")
			if replace {
				if err := os.WriteFile(out, old, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			run := start(t, bin, "export", "--incident", "1", "--format", "html", "--out", out, "--db", db)
			took, killed := run.killAfter(delay)
			checkExport(t, dir, out, old, replace, killed, took)
		})
	}
	// A kill once the temporary file holds part of the page.
	t.Run("MidWrite", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "incident.html")
		run := start(t, bin, "export", "--incident", "1", "--format", "html", "--out", out, "--db", db)
		took, killed := run.killWhen(func() bool {
			for _, name := range names(t, dir) {
				if tempExport.MatchString(name) && fileSize(filepath.Join(dir, name)) > 64<<10 {
					return true
				}
			}
			return false
		}, 2*full+30*time.Second)
		if !killed {
			t.Fatalf("the export ended (%v) before its temporary file held 64 KiB", run.err)
		}
		checkExport(t, dir, out, nil, false, killed, took)
		// The next start removes what the killed export left: the export
		// noted its temporary file in the user's cache folder.
		notes := filepath.Join(run.home, ".cache", "bridgelog", "exports-in-progress")
		removed, err := (&export.Leftovers{Path: notes}).Clean()
		if err != nil {
			t.Fatal(err)
		}
		if len(removed) != 1 || len(names(t, dir)) != 0 {
			t.Errorf("got %q removed and %q left beside the export, want the one temporary file removed and nothing left",
				removed, names(t, dir))
		}
	})
}

// checkExport checks the folder of an export killed (or not) after took: the
// file at out is the whole page, or absent (or the old file when replacing
// one, untouched); anything else is a temporary file, named as one.
func checkExport(t *testing.T, dir, out string, old []byte, replace, killed bool, took time.Duration) {
	t.Helper()
	got, err := os.ReadFile(out)
	var state string
	switch {
	case os.IsNotExist(err) && !replace:
		state = "absent"
	case err != nil:
		t.Fatalf("reading %s: %v", out, err)
	case replace && bytes.Equal(got, old):
		state = "the earlier export, untouched"
	case wholePage(got):
		state = fmt.Sprintf("whole (%d KiB)", len(got)/1024)
	default:
		t.Errorf("got a partial file at %s: %d bytes ending %q", out, len(got), got[max(0, len(got)-40):])
		state = "PARTIAL"
	}
	var temps []string
	for _, name := range names(t, dir) {
		if name == filepath.Base(out) {
			continue
		}
		temps = append(temps, fmt.Sprintf("%s (%d KiB)", name, fileSize(filepath.Join(dir, name))/1024))
		if !tempExport.MatchString(name) {
			t.Errorf("got %s beside the export, want only hidden .tmp files", name)
		}
	}
	t.Logf("killed=%v after %v: %s; left beside it: %v", killed, took.Round(time.Millisecond), state, temps)
	if !killed && !strings.HasPrefix(state, "whole") {
		t.Errorf("the export finished but the file is %s", state)
	}
}

func wholePage(b []byte) bool { return bytes.HasSuffix(bytes.TrimSpace(b), []byte("</html>")) }

func readExport(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	list, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range list {
		out = append(out, e.Name())
	}
	return out
}

func fileSize(path string) int64 {
	if st, err := os.Stat(path); err == nil {
		return st.Size()
	}
	return 0
}

// process is one run of the binary.
type process struct {
	*exec.Cmd
	started time.Time
	done    chan struct{}
	err     error
	stdout  bytes.Buffer
	stderr  bytes.Buffer
	home    string // the process's HOME
}

func start(t *testing.T, bin string, args ...string) *process {
	t.Helper()
	p := &process{Cmd: exec.Command(bin, args...), done: make(chan struct{}), home: t.TempDir()}
	p.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + p.home, "LANG=C.UTF-8"}
	p.Stdout, p.Stderr = &p.stdout, &p.stderr
	if err := p.Start(); err != nil {
		t.Fatal(err)
	}
	p.started = time.Now()
	go func() { p.err = p.Wait(); close(p.done) }()
	t.Cleanup(func() { p.Process.Kill(); <-p.done })
	return p
}

// killAfter sends SIGKILL after delay unless the process ended first, and
// reports how long it ran and whether the kill ended it.
func (p *process) killAfter(delay time.Duration) (time.Duration, bool) {
	select {
	case <-p.done:
		return time.Since(p.started), false
	case <-time.After(delay):
	}
	return p.kill()
}

// killWhen sends SIGKILL as soon as cond holds (polled every millisecond),
// unless the process ends first or limit passes.
func (p *process) killWhen(cond func() bool, limit time.Duration) (time.Duration, bool) {
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	deadline := time.After(limit)
	for {
		select {
		case <-p.done:
			return time.Since(p.started), false
		case <-deadline:
			return p.kill()
		case <-tick.C:
			if cond() {
				return p.kill()
			}
		}
	}
}

func (p *process) kill() (time.Duration, bool) {
	took := time.Since(p.started)
	p.Process.Kill() // SIGKILL
	<-p.done
	return took, p.ProcessState.String() == "signal: killed"
}

// seedIncident makes a database with one incident, a few typed lines and
// nothing imported, through the real services.
func seedIncident(tb testing.TB) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "bridgelog.db")
	clock := &backend.FixedClock{T: time.Date(2026, 11, 21, 5, 0, 0, 0, time.UTC)}
	db := sqlite.NewDB(path, clock)
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	incidents := sqlite.NewIncidentService(db)
	inc, err := incidents.CreateIncident(ctx, backend.IncidentCreate{Title: "Checkout failing", Severity: backend.SEV2, Author: "Priya"})
	if err != nil {
		tb.Fatal(err)
	}
	scribe := &timeline.Service{Incidents: incidents, Entries: sqlite.NewEntryService(db), Clock: clock, Location: time.UTC}
	for _, l := range []string{"tl: checkout errors start", "d: roll back to v41"} {
		clock.Advance(time.Minute)
		if _, err := scribe.Add(ctx, inc.ID, l, time.Time{}, "Priya"); err != nil {
			tb.Fatal(err)
		}
	}
	return path
}

// fillIncident adds n chat messages and a screenshot to incident 1.
func fillIncident(tb testing.TB, path string, n int) {
	tb.Helper()
	db := sqlite.NewDB(path, &backend.FixedClock{T: time.Date(2026, 11, 21, 20, 0, 0, 0, time.UTC)})
	if err := db.Open(); err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	records := sqlite.NewRecordService(db)
	list := make([]backend.ImportedEntry, n)
	at := time.Date(2026, 11, 21, 6, 0, 0, 0, time.UTC)
	for i := range list {
		list[i] = backend.ImportedEntry{OccurredAt: at.Add(time.Duration(i) * time.Second), Kind: backend.KindNote,
			Text: fmt.Sprintf("chat message %d: the canary kept failing its health checks", i), Author: "Sam Lee",
			Source: "zoom", SourceKey: fmt.Sprintf("m%d", i)}
	}
	ctx := context.Background()
	if _, err := records.ImportEntries(ctx, 1, list); err != nil {
		tb.Fatal(err)
	}
	if _, err := records.AddAttachment(ctx, backend.AttachmentCreate{IncidentID: 1, Name: "dashboard.png",
		Data: noisePNG(tb, 800, 800), OccurredAt: at.Add(time.Hour), Author: "Priya"}); err != nil {
		tb.Fatal(err)
	}
}

// noisePNG is a screenshot that does not compress: a couple of megabytes.
func noisePNG(tb testing.TB, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(1, 2))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(r.Uint32()), uint8(r.Uint32()), uint8(r.Uint32()), 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// writeBigChat writes a Zoom saved chat of n messages, two per second from 06:00.
func writeBigChat(tb testing.TB, path string, n int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := range n {
		s := 6*3600 + i/2
		fmt.Fprintf(w, "%02d:%02d:%02d From Sam Lee to Everyone:\n\tmessage %d\n", s/3600, s/60%60, s%60, i)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// importedCount opens the database as the next launch would (recovering the
// WAL), checks it passes integrity_check and its search index agrees with
// the entries, and counts the entries that came from the chat.
func importedCount(tb testing.TB, path string) int {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var ok string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		tb.Fatalf("integrity_check: got %q (%v), want ok", ok, err)
	}
	if _, err := db.Exec(`INSERT INTO entries_fts (entries_fts) VALUES ('integrity-check')`); err != nil {
		tb.Errorf("the search index disagrees with the entries: %v", err)
	}
	var typed, n int
	if err := db.QueryRow(`SELECT count(*) FILTER (WHERE source = ''), count(*) FILTER (WHERE source = 'zoom')
		FROM entries WHERE incident_id = 1`).Scan(&typed, &n); err != nil {
		tb.Fatal(err)
	}
	if typed < 3 { // the severity and the two typed lines
		tb.Errorf("got %d typed entries, want the 3 from before the import", typed)
	}
	return n
}
