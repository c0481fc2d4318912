package backup_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/sqlite"
)

func TestMoveAside(t *testing.T) {
	now := time.Date(2026, 11, 21, 14, 0, 0, 0, time.UTC)

	// The file and every side file move together, byte for byte, and nothing
	// is left at the old name for the next database to meet.
	t.Run("KeepsTheBytesAndTheSideFiles", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "bridgelog.db")
		files := append([]string{""}, sqlite.SideFiles()...)
		for _, suffix := range files {
			if err := os.WriteFile(path+suffix, []byte("damaged"+suffix), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		to, err := backup.MoveAside(path, now)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := filepath.Base(to), "bridgelog.db.damaged-20261121T140000Z"; got != want {
			t.Errorf("moved to %s, want %s", got, want)
		}
		for _, suffix := range files {
			if got, want := string(mustRead(t, to+suffix)), "damaged"+suffix; got != want {
				t.Errorf("%s holds %q, want %q", filepath.Base(to+suffix), got, want)
			}
			if _, err := os.Stat(path + suffix); !os.IsNotExist(err) {
				t.Errorf("%s is still there (%v)", filepath.Base(path+suffix), err)
			}
		}
	})

	t.Run("OnlyALog", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "bridgelog.db")
		if err := os.WriteFile(path+"-wal", []byte("a log without its file"), 0o600); err != nil {
			t.Fatal(err)
		}
		to, err := backup.MoveAside(path, now)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := dirNames(t, filepath.Dir(path)), []string{filepath.Base(to) + "-wal"}; !slices.Equal(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})

	t.Run("TwiceInOneSecond", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "bridgelog.db")
		var names []string
		for i := range 2 {
			if err := os.WriteFile(path, fmt.Appendf(nil, "damaged %d", i), 0o600); err != nil {
				t.Fatal(err)
			}
			to, err := backup.MoveAside(path, now)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := string(mustRead(t, to)), fmt.Sprintf("damaged %d", i); got != want {
				t.Errorf("%s holds %q, want %q", to, got, want)
			}
			names = append(names, filepath.Base(to))
		}
		if want := []string{"bridgelog.db.damaged-20261121T140000Z", "bridgelog.db.damaged-20261121T140000Z-2"}; !slices.Equal(names, want) {
			t.Errorf("got %v, want %v", names, want)
		}
	})

	// A name whose side file alone is taken is taken: moving there would
	// set the damaged file beside another's log.
	t.Run("NameTakenByASideFile", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "bridgelog.db")
		taken := path + ".damaged-20261121T140000Z-shm"
		if err := os.WriteFile(taken, []byte("another file's index"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("damaged"), 0o600); err != nil {
			t.Fatal(err)
		}
		to, err := backup.MoveAside(path, now)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := filepath.Base(to), "bridgelog.db.damaged-20261121T140000Z-2"; got != want {
			t.Errorf("moved to %s, want %s", got, want)
		}
		if got, want := string(mustRead(t, taken)), "another file's index"; got != want {
			t.Errorf("the other index holds %q, want %q", got, want)
		}
	})

	t.Run("NothingThere", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "bridgelog.db")
		if _, err := backup.MoveAside(path, now); err != nil {
			t.Errorf("got %v, want nil: there is nothing to move", err)
		}
	})

	// A file that cannot be moved is reported, and nothing is deleted. Here
	// the name it would get is longer than a file name may be.
	t.Run("ErrCannotMove", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), strings.Repeat("b", 240)+".db")
		for _, suffix := range []string{"", "-wal"} {
			if err := os.WriteFile(path+suffix, []byte("damaged"+suffix), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		_, err := backup.MoveAside(path, now)
		wantError(t, err, backend.EINTERNAL, "Nothing was deleted: move or rename the file yourself")
		for _, suffix := range []string{"", "-wal"} {
			if got, want := string(mustRead(t, path+suffix)), "damaged"+suffix; got != want {
				t.Errorf("the %q file holds %q, want %q", suffix, got, want)
			}
		}
	})
}

func TestService_RecoverFromLog(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		live, svc, clock := withDamagedWAL(t)
		sums := map[string]string{"": fileSum(t, live), "-wal": fileSum(t, live+"-wal")}
		clock.Advance(time.Minute)
		rec, err := svc.RecoverFromLog(ctx, live)
		if err != nil {
			t.Fatal(err)
		}
		if h := sqlite.CheckFile(live); !h.OK() || h.Incidents != 1 {
			t.Errorf("the recovered file: got %+v, want a healthy one with 1 incident", h)
		}
		if got, want := count(t, live, "entries"), 21; got != want {
			t.Errorf("got %d entries back, want %d: the declaration and 20 notes", got, want)
		}
		if rec.Rebuilt.Incidents != 1 || rec.Rebuilt.Entries != 21 || rec.Rebuilt.Log.Commits == 0 {
			t.Errorf("got %+v, want what was rebuilt: 1 incident, 21 entries, the log's commits", rec.Rebuilt)
		}
		for _, suffix := range sqlite.SideFiles() {
			if _, err := os.Stat(live + suffix); !os.IsNotExist(err) {
				t.Errorf("a %s file is beside the recovered database (%v)", suffix, err)
			}
		}
		if got, want := filepath.Base(rec.MovedTo), "crashed.db.damaged-20261122T181600Z"; got != want {
			t.Errorf("moved aside to %s, want %s", got, want)
		}
		for suffix, want := range sums {
			if got := fileSum(t, rec.MovedTo+suffix); got != want {
				t.Errorf("the moved-aside %q file differs from the damaged one", suffix)
			}
			if got := fileSum(t, rec.Kept.Path+suffix); got != want {
				t.Errorf("the kept %q file differs from the damaged one", suffix)
			}
		}
		if rec.Kept.Reason != backup.ReasonBeforeRecovery {
			t.Errorf("kept %+v, want a before-recovery backup", rec.Kept)
		}
		if got, want := dirNames(t, filepath.Dir(live)), []string{"crashed.db", filepath.Base(rec.MovedTo), filepath.Base(rec.MovedTo) + "-wal"}; !slices.Equal(got, want) {
			t.Errorf("got %v beside the database, want %v: no rebuilt file left over", got, want)
		}
	})

	// Without a copy kept first, nothing else happens.
	t.Run("ErrCannotKeepChangesNothing", func(t *testing.T) {
		live, _, clock := withDamagedWAL(t)
		blocker := filepath.Join(t.TempDir(), "a-file")
		if err := os.WriteFile(blocker, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		svc := backup.New(nil, filepath.Join(blocker, "bridgelog-backups"), clock)
		before := dirNames(t, filepath.Dir(live))
		sums := []string{fileSum(t, live), fileSum(t, live+"-wal")}
		_, err := svc.RecoverFromLog(ctx, live)
		wantError(t, err, backend.EINTERNAL, "could not keep a copy of the database before recovering it")
		if got := dirNames(t, filepath.Dir(live)); !slices.Equal(got, before) {
			t.Errorf("got %v beside the database, want %v as it was", got, before)
		}
		if got := []string{fileSum(t, live), fileSum(t, live+"-wal")}; !slices.Equal(got, sums) {
			t.Error("the damaged files changed")
		}
	})

	t.Run("ErrNothingThere", func(t *testing.T) {
		_, svc, _ := MustOpenDB(t)
		dir := t.TempDir()
		if _, err := svc.RecoverFromLog(ctx, filepath.Join(dir, "bridgelog.db")); err == nil {
			t.Error("recovered a database from nothing")
		}
		if got := dirNames(t, dir); len(got) != 0 {
			t.Errorf("got %v in the folder, want nothing made", got)
		}
	})
}

func TestRecovered_Notice(t *testing.T) {
	for _, tt := range []struct {
		name string
		rec  backup.Recovered
		want string
	}{
		{"WithACopyKept", backup.Recovered{MovedTo: "/d/bridgelog.db.damaged-20261122T181600Z",
			Kept:    backup.Backup{Path: "/d/bridgelog-backups/bridgelog-20261122T181600Z-before-recovery.db"},
			Rebuilt: sqlite.WALRecovery{Incidents: 3, Entries: 120, Log: sqlite.WALReport{Commits: 40}}},
			"Recovered 3 incidents and 120 timeline entries from the database file and the intact part of its write-ahead log (40 saved changes). " +
				"The damaged files were moved aside to /d/bridgelog.db.damaged-20261122T181600Z (with its -wal and -shm files), " +
				"and a copy is kept as the backup bridgelog-20261122T181600Z-before-recovery.db."},
		{"OneOfEach", backup.Recovered{MovedTo: "/d/x.damaged",
			Rebuilt: sqlite.WALRecovery{Incidents: 1, Entries: 1, Log: sqlite.WALReport{Commits: 1}}},
			"Recovered 1 incident and 1 timeline entry from the database file and the intact part of its write-ahead log (1 saved change). " +
				"The damaged files were moved aside to /d/x.damaged (with its -wal and -shm files)."},
		{"NothingFromTheLog", backup.Recovered{MovedTo: "/d/x.damaged", Rebuilt: sqlite.WALRecovery{Incidents: 1}},
			"Recovered 1 incident and 0 timeline entries from the database file and the intact part of its write-ahead log (0 saved changes). " +
				"The damaged files were moved aside to /d/x.damaged (with its -wal and -shm files)."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.rec.Notice(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestRestoredNotice(t *testing.T) {
	made := time.Date(2026, 11, 22, 18, 15, 0, 0, time.UTC).In(time.Local).Format("Mon 2 Jan 15:04")
	kept := backup.Backup{Path: "/d/bridgelog-backups/bridgelog-20261122T190000Z-before-restore.db"}
	for _, tt := range []struct {
		name   string
		path   string
		before backup.Backup
		want   string
	}{
		{"KeptTheOld", "/d/bridgelog-backups/bridgelog-20261122T181500Z-1204e-3i-resolved.db", kept,
			"Restored the backup from " + made + ". The database it replaced is kept as the backup bridgelog-20261122T190000Z-before-restore.db."},
		{"NothingToKeep", "/d/bridgelog-backups/bridgelog-20261122T181500Z-manual-2.db", backup.Backup{},
			"Restored the backup from " + made + "."},
		// A file that is not named as a backup is named as it is.
		{"NoBackupName", "/d/bridgelog-backups/copy.db", backup.Backup{},
			"Restored the backup from copy.db."},
		{"AlmostABackupName", "/d/bridgelog-backups/bridgelog-20261122T181500Z-whenever.db", backup.Backup{},
			"Restored the backup from bridgelog-20261122T181500Z-whenever.db."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := backup.RestoredNotice(tt.path, tt.before); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
