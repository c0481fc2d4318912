package cli

import (
	"context"
	"errors"
	"os"
	"strconv"
	"strings"

	"bridgelog/backend"
	"bridgelog/backend/instance"
	"bridgelog/backend/sqlite"
	"bridgelog/backend/wire"
)

// store is the database a command works on, and the write lock if it holds it.
type store struct {
	db        *sqlite.DB
	lock      *instance.Lock
	svc       *wire.Services
	records   *sqlite.RecordService
	incidents backend.IncidentService
}

func (s *store) Close() {
	_ = s.db.Close()
	_ = s.lock.Release()
}

// dbPath resolves the database the way the window does: --db, else
// $BRIDGELOG_DB, else the user's data folder.
func (e *env) dbPath(flagDB string) (string, error) {
	var args []string
	if flagDB == "" {
		flagDB = e.db
	}
	if flagDB != "" {
		args = []string{"--db", flagDB}
	}
	return instance.DBPath(args, e.getenv)
}

// openRead opens the database to read. The window holds the write lock
// while it runs; then the file is opened read-only, which never disturbs it.
func (e *env) openRead(flagDB string) (*store, error) {
	path, err := e.dbPath(flagDB)
	if err != nil {
		return nil, err
	}
	if err := mustExist(path); err != nil {
		return nil, err
	}
	db := sqlite.NewDB(path, e.clock)
	lock, err := instance.AcquireDB(path)
	if err != nil || !instance.Writable(path) {
		// Held by the window, or on a read-only mount: read beside it.
		if err := db.OpenReadOnly(); err != nil {
			_ = lock.Release()
			return nil, damaged(path, err)
		}
	} else if err := openChecked(db); err != nil {
		_ = lock.Release()
		return nil, err
	}
	return newStore(db, lock, e.clock), nil
}

// openWrite opens the database to change it, which needs the write lock:
// one writer per database, and the window is one. create allows a new file.
func (e *env) openWrite(flagDB string, create bool) (*store, error) {
	path, err := e.dbPath(flagDB)
	if err != nil {
		return nil, err
	}
	if !create {
		if err := mustExist(path); err != nil {
			return nil, err
		}
	}
	lock, err := instance.AcquireDB(path)
	if backend.ErrorCode(err) == backend.ECONFLICT {
		return nil, backend.Errorf(backend.ECONFLICT,
			"Bridgelog is open on this database (%s): import from the app (Ctrl+O) or close it first", path)
	} else if err != nil {
		return nil, err
	}
	db := sqlite.NewDB(path, e.clock)
	if err := openChecked(db); err != nil {
		_ = lock.Release()
		return nil, err
	}
	if err := lock.HoldFile(path); err != nil { // a file Open just made
		_ = db.Close()
		_ = lock.Release()
		return nil, err
	}
	return newStore(db, lock, e.clock), nil
}

// openChecked opens the database the window's way: checked first, so a
// damaged file is never switched to WAL or migrated, and refused with the
// message the window's recovery screen shows. Call it holding the lock.
func openChecked(db *sqlite.DB) error {
	if h := sqlite.CheckFile(db.Path); !h.OK() {
		return h.Err()
	}
	return db.Open()
}

// damaged explains a failed read-only open: while the window holds the
// lock the file is not checked up front (another process is writing it),
// but once opening failed, the check says best what is wrong.
func damaged(path string, err error) error {
	if h := sqlite.CheckFile(path); !h.OK() {
		return h.Err()
	}
	return err
}

// newStore builds the backend's services over db, as the window does.
func newStore(db *sqlite.DB, lock *instance.Lock, clock backend.Clock) *store {
	svc := wire.New(db, wire.Config{Clock: clock})
	return &store{db: db, lock: lock, svc: svc, records: svc.Records, incidents: svc.Incidents}
}

func mustExist(path string) error {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist) || err == nil && st.Size() == 0 && !st.IsDir():
		return backend.Errorf(backend.ENOTFOUND, "No Bridgelog database at %s: run Bridgelog once, or pass --db", path)
	case err != nil:
		return err
	case st.IsDir():
		return backend.Errorf(backend.EINVALID, "%s is a folder, not a Bridgelog database: pass --db with the database file", path)
	}
	return nil
}

// incident finds the incident an --incident flag names: an id, or "latest",
// the most recently declared.
func (s *store) incident(ctx context.Context, ref string) (*backend.Incident, error) {
	ref = strings.TrimSpace(ref)
	if strings.EqualFold(ref, "latest") {
		list, err := s.incidents.ListIncidents(ctx)
		if err != nil {
			return nil, err
		}
		if len(list) == 0 {
			return nil, backend.Errorf(backend.ENOTFOUND, "There are no incidents in %s yet", s.db.Path)
		}
		return list[0], nil
	}
	id, err := strconv.ParseInt(ref, 10, 64)
	if err != nil || id <= 0 {
		return nil, usagef("--incident is an incident id (see bridgelog list) or latest, not %q", ref)
	}
	inc, err := s.incidents.FindIncident(ctx, id)
	if backend.ErrorCode(err) == backend.ENOTFOUND {
		return nil, backend.Errorf(backend.ENOTFOUND, "No incident with id %d in %s: bridgelog list shows the ids", id, s.db.Path)
	}
	return inc, err
}
