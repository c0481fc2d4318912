package backup_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/sqlite"
)

func TestService_Create(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db, svc, _ := MustOpenDB(t)
		MustCreateIncident(t, db, "Checkout errors")
		b, err := svc.Create(ctx, backup.ReasonResolved)
		if err != nil {
			t.Fatal(err)
		}
		want := backup.Backup{
			// The declaration is the incident's first entry.
			Path: filepath.Join(filepath.Dir(db.Path), "bridgelog-backups", "bridgelog-20261122T181500Z-1e-1i-resolved.db"),
			Time: t0, Incidents: 1, Entries: 1, Counted: true, Size: b.Size, Reason: backup.ReasonResolved,
		}
		if b != want {
			t.Errorf("got  %+v\nwant %+v", b, want)
		}
		fi, err := os.Stat(b.Path)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := fi.Size(), b.Size; got != want || got == 0 {
			t.Errorf("got file size %d, want %d (and not 0)", got, want)
		}
		if got, want := fi.Mode().Perm(), os.FileMode(0o600); got != want {
			t.Errorf("got file mode %v, want %v", got, want)
		}
		di, err := os.Stat(svc.Dir)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := di.Mode().Perm(), os.FileMode(0o700); got != want {
			t.Errorf("got folder mode %v, want %v", got, want)
		}
		if got, want := dirNames(t, svc.Dir), []string{"bridgelog-20261122T181500Z-1e-1i-resolved.db"}; !slices.Equal(got, want) {
			t.Errorf("got folder %q, want %q (no temporary or side files)", got, want)
		}
		if got, want := titles(t, b.Path), []string{"Checkout errors"}; !slices.Equal(got, want) {
			t.Errorf("got incidents %q in the backup, want %q", got, want)
		}
	})

	t.Run("SameSecond", func(t *testing.T) {
		_, svc, clock := MustOpenDB(t)
		var names []string
		for _, r := range []string{backup.ReasonResolved, backup.ReasonQuit, backup.ReasonManual} {
			b, err := svc.Create(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			names = append(names, filepath.Base(b.Path))
		}
		clock.Advance(time.Second)
		b, err := svc.Create(ctx, backup.ReasonPeriodic)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, filepath.Base(b.Path))
		if got, want := names, []string{
			"bridgelog-20261122T181500Z-0e-0i-resolved.db",
			"bridgelog-20261122T181500Z-0e-0i-quit-2.db",
			"bridgelog-20261122T181500Z-0e-0i-manual-3.db",
			"bridgelog-20261122T181501Z-0e-0i-periodic.db",
		}; !slices.Equal(got, want) {
			t.Errorf("got names %q, want %q", got, want)
		}
		list, err := svc.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, b := range list {
			got = append(got, b.Reason)
		}
		if want := []string{"periodic", "manual", "quit", "resolved"}; !slices.Equal(got, want) {
			t.Errorf("got List order %q, want newest first %q", got, want)
		}
	})

	t.Run("Changed", func(t *testing.T) {
		db, svc, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors")
		if !svc.Changed() {
			t.Error("got Changed() false before any backup, want true")
		}
		if _, err := svc.Create(ctx, backup.ReasonManual); err != nil {
			t.Fatal(err)
		}
		if svc.Changed() {
			t.Error("got Changed() true right after a backup, want false")
		}
		if _, err := sqlite.NewIncidentService(db).ListIncidents(ctx); err != nil {
			t.Fatal(err)
		}
		if svc.Changed() {
			t.Error("got Changed() true after a read, want false")
		}
		MustCreateEntry(t, db, inc.ID, "paged the database team")
		if !svc.Changed() {
			t.Error("got Changed() false after a write, want true")
		}
	})

	t.Run("ErrUnknownReason", func(t *testing.T) {
		_, svc, _ := MustOpenDB(t)
		_, err := svc.Create(ctx, "whenever")
		wantError(t, err, backend.EINVALID, `Unknown backup reason "whenever"`)
	})

	t.Run("ErrNoDatabase", func(t *testing.T) {
		svc := backup.New(nil, t.TempDir(), &backend.FixedClock{T: t0})
		_, err := svc.Create(ctx, backup.ReasonManual)
		wantError(t, err, backend.EINTERNAL, "No database is open")
	})

	// The app keeps writing while a backup runs: each copy must be a whole,
	// checked database holding at least every entry committed before it began.
	t.Run("WhileWriting", func(t *testing.T) {
		db, svc, _ := MustOpenDB(t) // the clock stays still: the writer reads it
		inc := MustCreateIncident(t, db, "Checkout errors")
		entries := sqlite.NewEntryService(db)
		var committed atomic.Int64
		stop := make(chan struct{})
		var wg sync.WaitGroup
		var writeErr error
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				_, err := entries.CreateEntry(ctx, backend.EntryCreate{IncidentID: inc.ID,
					Line: backend.Parse(fmt.Sprintf("note %d %s", i, strings.Repeat("queue depth ", 20))), OccurredAt: t0})
				if err != nil {
					writeErr = err
					return
				}
				committed.Add(1)
			}
		})
		for committed.Load() < 50 {
			time.Sleep(time.Millisecond)
		}
		type copy struct {
			path          string
			before, after int64
		}
		var copies []copy
		for range 5 {
			before := committed.Load()
			b, err := svc.Create(ctx, backup.ReasonManual)
			if err != nil {
				close(stop)
				wg.Wait()
				t.Fatal(err)
			}
			copies = append(copies, copy{b.Path, before, committed.Load()})
		}
		close(stop)
		wg.Wait()
		if writeErr != nil {
			t.Fatalf("a write failed during the backups: %v", writeErr)
		}
		if got, last := committed.Load(), copies[len(copies)-1].after; got <= copies[0].before || last == copies[0].before {
			t.Fatalf("got %d commits in all, %d before the first backup and %d after the last: the backups did not overlap writing",
				got, copies[0].before, last)
		}
		for _, c := range copies {
			if h := sqlite.CheckFile(c.path); !h.OK() {
				t.Errorf("%s: got %s (%s), want a healthy copy", filepath.Base(c.path), h.Status, h.Detail)
			}
			// Entries = the declaration + the notes; a note may commit just
			// before its counter moves, hence the +1.
			n := int64(count(t, c.path, "entries") - 1)
			if n < c.before || n > c.after+1 {
				t.Errorf("%s: got %d notes, want between %d (committed before) and %d", filepath.Base(c.path), n, c.before, c.after+1)
			}
		}
	})
}

func TestService_List(t *testing.T) {
	ctx := context.Background()

	t.Run("WithDamagedCopy", func(t *testing.T) {
		db, svc, clock := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors")
		for i := range 60 {
			MustCreateEntry(t, db, inc.ID, fmt.Sprintf("note %d %s", i, strings.Repeat("queue depth ", 30)))
		}
		older, err := svc.Create(ctx, backup.ReasonPeriodic)
		if err != nil {
			t.Fatal(err)
		}
		MustCreateIncident(t, db, "Login slow")
		clock.Advance(10 * time.Minute)
		newer, err := svc.Create(ctx, backup.ReasonQuit)
		if err != nil {
			t.Fatal(err)
		}
		garble(t, older.Path)
		// Files that are not backups are left out.
		for _, name := range []string{"notes.txt", "bridgelog-latest.db", "bridgelog-20261122T181500Z-unknown.db"} {
			if err := os.WriteFile(filepath.Join(svc.Dir, name), []byte("x"), 0o600); err != nil {
				t.Fatal(err)
			}
		}

		list, err := svc.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(list), 2; got != want {
			t.Fatalf("got %d backups %+v, want %d", got, list, want)
		}
		if got, want := list[0], newer; got != want {
			t.Errorf("got newest\n %+v, want\n %+v", got, want)
		}
		got := list[1]
		if got.Path != older.Path || !got.Time.Equal(t0) || got.Reason != backup.ReasonPeriodic {
			t.Errorf("got older %+v, want %s at %v", got, older.Path, t0)
		}
		if !strings.HasPrefix(got.Problem, "corrupt: ") {
			t.Errorf("got problem %q for the damaged copy, want it to start with %q", got.Problem, "corrupt: ")
		}
	})

	t.Run("NoFolderYet", func(t *testing.T) {
		svc := backup.New(nil, filepath.Join(t.TempDir(), "missing"), nil)
		list, err := svc.List(ctx)
		if err != nil || len(list) != 0 {
			t.Errorf("got %v, %v; want no backups and no error", list, err)
		}
	})
}
