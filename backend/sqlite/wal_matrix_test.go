package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// matrixNote is the text of the i-th note a crash snapshot holds.
func matrixNote(i int) string {
	return fmt.Sprintf("matrix note %03d: %s", i, strings.Repeat("checkout latency above the SLO ", 8))
}

// crashSnapshot writes an incident and n notes through the store and copies
// the database, its -wal and its -shm while the connections are still open,
// as a crash would leave them (closing would fold the log into the file). A
// read transaction held open from before the first note keeps every
// checkpoint, automatic or not, from copying the notes into the file, so
// they live in the log only; the test checks that this is so. It returns the
// copy's path; the -shm file as it was halfway is beside it, named
// <path>.halfway-shm.
func crashSnapshot(tb testing.TB, n int) string {
	tb.Helper()
	return snapshotOf(tb, n, false)
}

// snapshotOf is crashSnapshot; fromEmpty pins the log from before the
// database had a schema, so the log holds every page of the database.
func snapshotOf(tb testing.TB, n int, fromEmpty bool) string {
	tb.Helper()
	live := filepath.Join(tb.TempDir(), "live.db")
	// pinReader begins a read transaction on db that nothing written later
	// can be checkpointed past, and says how many tables it sees.
	pinReader := func(db *sql.DB) int {
		tx, err := db.Begin()
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { tx.Rollback() })
		var tables int
		if err := tx.QueryRow(`SELECT count(*) FROM sqlite_master`).Scan(&tables); err != nil {
			tb.Fatal(err)
		}
		return tables
	}
	if fromEmpty {
		// An empty database in WAL mode, pinned before it has a schema.
		if tables := pinReader(rawDB(tb, live, "_pragma=journal_mode(WAL)")); tables != 0 {
			tb.Fatalf("the new database has %d tables", tables)
		}
	}
	db := MustOpenDBAt(tb, live, &backend.FixedClock{T: t0})
	w := sqlite.SQLDB(db)
	w.SetMaxOpenConns(1)
	mustExec(tb, w, `PRAGMA wal_autocheckpoint = 0`)
	if !fromEmpty {
		// The schema goes into the file, and the log starts afresh.
		mustExec(tb, w, `PRAGMA wal_checkpoint(TRUNCATE)`)
		if tables := pinReader(rawDB(tb, live, "mode=ro")); tables == 0 {
			tb.Fatal("the pinned reader sees no schema")
		}
	}

	path := filepath.Join(tb.TempDir(), "bridgelog.db")
	inc := MustCreateIncident(tb, db, "Checkout errors", backend.SEV2)
	for i := range n {
		MustCreateEntry(tb, db, inc.ID, matrixNote(i), at(time.Duration(i)*time.Second))
		if i == n/2 { // the index as it was halfway, for a stale -shm
			copyFile(tb, live+"-shm", path+".halfway-shm")
		}
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		copyFile(tb, live+suffix, path+suffix)
	}

	// The premise: the file alone holds none of the notes; the log all.
	if got := countNotes(tb, path, "mode=ro&immutable=1"); got != 0 && !(fromEmpty && got == -1) {
		tb.Fatalf("the database file alone holds %d notes, want none: a checkpoint ran", got)
	}
	if got := notesSQLiteSees(tb, path); got != n {
		tb.Fatalf("the snapshot holds %d notes, want %d", got, n)
	}
	return path
}

// countNotes counts the matrix notes in the database at path opened with
// query, or -1 when SQLite refuses to open it.
func countNotes(tb testing.TB, path, query string) int {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?"+query)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM entries WHERE text LIKE 'matrix note %'`).Scan(&n); err != nil {
		return -1
	}
	return n
}

// notesSQLiteSees is how many notes SQLite itself finds in the files at path
// (database, log and -shm as they are), opened in a private copy the way the
// app opens its database: read-write, so SQLite replays what it takes to be
// the log's valid frames. -1 when SQLite refuses to open it.
func notesSQLiteSees(tb testing.TB, path string) int {
	tb.Helper()
	cp := filepath.Join(tb.TempDir(), "sqlite-sees.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); err == nil {
			copyFile(tb, path+suffix, cp+suffix)
		}
	}
	return countNotes(tb, cp, "_pragma=busy_timeout(5000)")
}

// countRows counts all entries and incidents in the closed database at path
// (0 for a file with no schema).
func countRows(tb testing.TB, path string) (entries, incidents int) {
	tb.Helper()
	db := rawDB(tb, path, "mode=ro&immutable=1")
	var tables int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name IN ('entries', 'incidents')`).Scan(&tables); err != nil {
		tb.Fatal(err)
	} else if tables < 2 {
		return 0, 0
	}
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM entries), (SELECT count(*) FROM incidents)`).Scan(&entries, &incidents); err != nil {
		tb.Fatal(err)
	}
	return entries, incidents
}

// walFrameOffset is the byte offset of frame i (1-based) in a log of page size ps.
func walFrameOffset(i, ps int) int64 { return 32 + int64(i-1)*int64(24+ps) }

// TestWALFaultMatrix damages a crash snapshot's log and index in each way and
// checks, for each: the check's verdict, that the check changed none of the
// three files, and that recovering gets back exactly the notes SQLite finds
// in the log's valid frames. It logs the whole matrix as a table.
func TestWALFaultMatrix(t *testing.T) {
	const notes = 100
	snap := crashSnapshot(t, notes)
	rep, err := sqlite.VerifyWAL(snap + "-wal")
	if err != nil || rep.Damaged() || rep.LastCommit != rep.Frames {
		t.Fatalf("the intact snapshot's log: got %+v, %v; want sound, every frame committed", rep, err)
	}
	ps, frames := rep.PageSize, rep.Frames
	at := func(frame int, within int64) int64 { return walFrameOffset(frame, ps) + within }
	xorAt := func(file string, offsets ...int64) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			t.Helper()
			b, err := os.ReadFile(path + file)
			if err != nil {
				t.Fatal(err)
			}
			for _, off := range offsets {
				b[off] ^= 0xff
			}
			if err := os.WriteFile(path+file, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	garbleShm := func(t *testing.T, path string) {
		t.Helper()
		b, err := os.ReadFile(path + "-shm")
		if err != nil {
			t.Fatal(err)
		}
		for i := range b {
			b[i] = byte(i*7 + 3)
		}
		if err := os.WriteFile(path+"-shm", b, 0o600); err != nil {
			t.Fatal(err)
		}
	}

	type result struct{ name, verdict, damageAt, valid, sqlite, recovered, unchanged string }
	var table []result
	for _, tt := range []struct {
		name    string
		damage  func(t *testing.T, path string)
		status  sqlite.HealthStatus
		recover int // notes recovering must get back (= what SQLite's valid frames hold)
	}{
		{name: "intact", damage: func(*testing.T, string) {}, status: sqlite.HealthOK, recover: notes},
		{name: "WAL header @0 magic", damage: xorAt("-wal", 0), status: sqlite.HealthWALDamaged},
		{name: "WAL header @4 version", damage: xorAt("-wal", 5), status: sqlite.HealthWALDamaged},
		{name: "WAL header @8 page size", damage: xorAt("-wal", 10), status: sqlite.HealthWALDamaged},
		{name: "WAL header @16 salt-1", damage: xorAt("-wal", 16), status: sqlite.HealthWALDamaged},
		{name: "WAL header @20 salt-2", damage: xorAt("-wal", 20), status: sqlite.HealthWALDamaged},
		{name: "WAL header @24 checksum", damage: xorAt("-wal", 25), status: sqlite.HealthWALDamaged},
		{name: "first frame", damage: xorAt("-wal", at(1, 24+100)), status: sqlite.HealthWALDamaged},
		{name: "middle frame", damage: xorAt("-wal", at(frames/2, 24+2000)), status: sqlite.HealthWALDamaged, recover: -1},
		{name: "byte at 2 MB", damage: xorAt("-wal", 2<<20), status: sqlite.HealthWALDamaged, recover: -1},
		{name: "last frame (a torn write)", damage: xorAt("-wal", at(frames, 24+50)), status: sqlite.HealthOK, recover: notes - 1},
		{name: "frame salt", damage: xorAt("-wal", at(frames/3, 9)), status: sqlite.HealthWALDamaged, recover: -1},
		{name: "-shm garbled", damage: garbleShm, status: sqlite.HealthOK, recover: notes},
		{name: "-shm emptied", damage: func(t *testing.T, path string) {
			if err := os.Truncate(path+"-shm", 0); err != nil {
				t.Fatal(err)
			}
		}, status: sqlite.HealthOK, recover: notes},
		{name: "-shm missing", damage: func(t *testing.T, path string) {
			if err := os.Remove(path + "-shm"); err != nil {
				t.Fatal(err)
			}
		}, status: sqlite.HealthOK, recover: notes},
		{name: "-shm stale (halfway)", damage: func(t *testing.T, path string) {
			copyFile(t, snap+".halfway-shm", path+"-shm")
		}, status: sqlite.HealthOK, recover: notes},
		{name: "WAL middle frame + -shm", damage: func(t *testing.T, path string) {
			xorAt("-wal", at(frames/2, 24+2000))(t, path)
			garbleShm(t, path)
		}, status: sqlite.HealthWALDamaged, recover: -1},
	} {
		t.Run(strings.NewReplacer(" ", "_", "@", "", "(", "", ")", "").Replace(tt.name), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bridgelog.db")
			for _, suffix := range []string{"", "-wal", "-shm"} {
				copyFile(t, snap+suffix, path+suffix)
			}
			tt.damage(t, path)
			sums := func() [3]string {
				return [3]string{fileSum(t, path), fileSum(t, path+"-wal"), fileSum(t, path+"-shm")}
			}
			before := sums()

			h := sqlite.CheckFile(path)
			unchanged := sums() == before
			if !unchanged {
				t.Errorf("the check changed the files: got sha256 %v, want %v", sums(), before)
			}
			if got, want := h.Status, tt.status; got != want {
				t.Errorf("got verdict %q (%s), want %q", got, h.Detail, want)
			}
			var wal sqlite.WALReport
			if h.WAL != nil {
				wal = *h.WAL
			}

			// What SQLite's valid frames hold: SQLite opening the files as
			// they are. A header it cannot read makes it refuse the log or
			// the file: either way no frame of it is valid to SQLite.
			sees := notesSQLiteSees(t, path)
			want := tt.recover
			if want < 0 { // somewhere mid-log: as many as SQLite finds
				want = sees
				if sees <= 0 || sees >= notes {
					t.Errorf("SQLite finds %d notes in a log damaged mid-way, want some but not all", sees)
				}
			}
			if sees != want && !(sees == -1 && want == 0) {
				t.Errorf("SQLite finds %d notes, want %d", sees, want)
			}

			dst := filepath.Join(t.TempDir(), "recovered.db")
			rec, err := sqlite.RecoverWAL(context.Background(), path, dst)
			if err != nil {
				t.Fatalf("recover: %v", err)
			}
			got := countNotes(t, dst, "mode=ro&immutable=1")
			if got != want {
				t.Errorf("recovering got %d notes back, want %d (what SQLite's valid frames hold)", got, want)
			}
			if entries, incidents := countRows(t, dst); rec.Entries != entries || rec.Incidents != incidents {
				t.Errorf("the recovery reports %d entries and %d incidents, the file holds %d and %d",
					rec.Entries, rec.Incidents, entries, incidents)
			}
			if h.OK() && h.Incidents != rec.Incidents {
				t.Errorf("the check counted %d incidents, the recovery %d", h.Incidents, rec.Incidents)
			}
			if after := sums(); after != before {
				t.Errorf("recovering changed the files: got sha256 %v, want %v", after, before)
			}

			damageAt := "-"
			if wal.DamageAt >= 0 && wal.Damaged() {
				damageAt = fmt.Sprintf("byte %d", wal.DamageAt)
				if wal.DamagedFrame > 0 {
					damageAt += fmt.Sprintf(" (frame %d, %d commits after)", wal.DamagedFrame, wal.LostCommits)
				}
			}
			seesText := fmt.Sprint(sees)
			if sees == -1 {
				seesText = "refuses to open"
			}
			table = append(table, result{tt.name, string(h.Status), damageAt,
				fmt.Sprintf("%d of %d frames", wal.LastCommit, wal.Frames), seesText,
				fmt.Sprintf("%d (%d lost)", got, max(want, 0)-got), fmt.Sprint(unchanged)})
		})
	}

	var b strings.Builder
	fmt.Fprintf(&b, "\n%d notes written, living only in the log (%d frames of %d bytes)\n", notes, frames, ps)
	fmt.Fprintf(&b, "| %-27s | %-11s | %-46s | %-19s | %-15s | %-17s | %-9s |\n",
		"damage", "verdict", "damage found at", "valid up to commit", "SQLite finds", "recover gets", "unchanged")
	fmt.Fprintf(&b, "|%s|%s|%s|%s|%s|%s|%s|\n", strings.Repeat("-", 29), strings.Repeat("-", 13), strings.Repeat("-", 48),
		strings.Repeat("-", 21), strings.Repeat("-", 17), strings.Repeat("-", 19), strings.Repeat("-", 11))
	for _, r := range table {
		fmt.Fprintf(&b, "| %-27s | %-11s | %-46s | %-19s | %-15s | %-17s | %-9s |\n",
			r.name, r.verdict, r.damageAt, r.valid, r.sqlite, r.recovered, r.unchanged)
	}
	t.Log(b.String())
}
