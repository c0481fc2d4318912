package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// Many writers at once, while a backup, an export and a search run in loops:
// every write goes through the one write connection in turn, so none fails
// with SQLITE_BUSY, each entry is stored once, and each writer's entries are
// stored in the order it sent them.
func TestDB_ConcurrentWriters(t *testing.T) {
	const writers, each = 8, 1000
	db, _ := MustOpenDB(t)
	inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
	entries, records := sqlite.NewEntryService(db), sqlite.NewRecordService(db)
	ctx := context.Background()

	stop := make(chan struct{})
	var loops sync.WaitGroup
	var loopErrs, backups, reports, searches atomic.Int64
	loop := func(n *atomic.Int64, f func(i int) error) {
		loops.Add(1)
		go func() {
			defer loops.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if err := f(i); err != nil {
					loopErrs.Add(1)
					t.Errorf("reader loop: %v", err)
					return
				}
				n.Add(1)
				// A pause between rounds: the loops are there to overlap
				// the writers, not to starve them of the machine.
				time.Sleep(20 * time.Millisecond)
			}
		}()
	}
	dir := t.TempDir()
	loop(&backups, func(i int) error {
		path := filepath.Join(dir, "backup.db")
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return err
		}
		return db.BackupTo(ctx, path)
	})
	loop(&reports, func(int) error { _, err := records.Report(ctx, inc.ID); return err })
	loop(&searches, func(int) error { _, err := entries.Search(ctx, "queue", inc.ID, 20); return err })

	var wg sync.WaitGroup
	var writeErrs atomic.Int64
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				_, err := entries.CreateEntry(ctx, backend.EntryCreate{IncidentID: inc.ID,
					Line: backend.Parse(fmt.Sprintf("writer %d line %04d about the queue", w, i)), OccurredAt: t0,
					Author: "Sam", AuthorRole: backend.RoleScribe})
				if err != nil {
					if writeErrs.Add(1) <= 3 {
						t.Errorf("writer %d line %d: %v", w, i, err)
					}
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	loops.Wait()

	if got := writeErrs.Load(); got != 0 {
		t.Fatalf("got %d failed writes, want 0", got)
	}
	if backups.Load() == 0 || reports.Load() == 0 || searches.Load() == 0 {
		t.Errorf("got %d backups, %d reports, %d searches during the writes, want each at least one",
			backups.Load(), reports.Load(), searches.Load())
	}
	list, err := entries.ListEntries(ctx, inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Stored order is the id order: the rows' ids grow with each commit.
	seen := map[string]bool{}
	next := make([]int, writers)
	slicesSortByID(list)
	for _, e := range list {
		var w, i int
		if _, err := fmt.Sscanf(e.Text, "writer %d line %d", &w, &i); err != nil {
			continue // the declaration
		}
		if seen[e.Text] {
			t.Fatalf("got %q twice", e.Text)
		}
		seen[e.Text] = true
		if i != next[w] {
			t.Fatalf("writer %d: got line %d stored next, want line %d", w, i, next[w])
		}
		next[w]++
	}
	if got, want := len(seen), writers*each; got != want {
		t.Fatalf("got %d entries stored, want %d", got, want)
	}
	t.Logf("%d writers x %d entries: 0 errors; meanwhile %d backups, %d reports, %d searches",
		writers, each, backups.Load(), reports.Load(), searches.Load())
}

func slicesSortByID(list []*backend.Entry) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && list[j].ID < list[j-1].ID; j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}

// Once writes pause, the WAL is copied into the database file: the file
// alone, without its WAL, then holds every note.
func TestDB_CheckpointWhenQuiet(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bridgelog.db")
	db := sqlite.NewDB(path, &backend.FixedClock{T: t0})
	db.CheckpointAfter = 50 * time.Millisecond
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
	for i := range 100 {
		MustCreateEntry(t, db, inc.ID, fmt.Sprintf("note %d", i), t0)
	}
	var got int
	for range 100 { // up to 5 s: the checkpoint comes 50 ms after the last write
		time.Sleep(50 * time.Millisecond)
		if got = entriesInMainFile(t, path); got == 101 {
			break
		}
	}
	if got != 101 {
		t.Fatalf("got %d entries in the database file without its WAL, want 101", got)
	}
}

// entriesInMainFile counts the entries in a copy of the database file alone,
// as if its WAL had been lost.
func entriesInMainFile(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(t.TempDir(), "main-only.db")
	if err := os.WriteFile(cp, b, 0o600); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+cp+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow(`SELECT count(*) FROM entries`).Scan(&n); err != nil {
		return -1 // not yet a whole database in the file alone
	}
	return n
}
