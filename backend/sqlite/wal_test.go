package sqlite_test

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"bridgelog/backend/sqlite"
)

// walBuilder writes a write-ahead log the way SQLite's file format describes
// it, with its own checksum code, so the verifier is checked against the
// format rather than against itself.
type walBuilder struct {
	bigEndian bool
	pageSize  int
	salt      [2]uint32
	buf       bytes.Buffer
	sum       [2]uint32
}

func newWAL(bigEndian bool, pageSize int, salt1, salt2 uint32) *walBuilder {
	w := &walBuilder{bigEndian: bigEndian, pageSize: pageSize, salt: [2]uint32{salt1, salt2}}
	head := make([]byte, 32)
	magic := uint32(0x377f0682)
	if bigEndian {
		magic |= 1
	}
	be := binary.BigEndian
	be.PutUint32(head[0:], magic)
	be.PutUint32(head[4:], 3007000)
	be.PutUint32(head[8:], uint32(pageSize))
	be.PutUint32(head[12:], 7) // checkpoint sequence
	be.PutUint32(head[16:], salt1)
	be.PutUint32(head[20:], salt2)
	w.sum = w.checksum([2]uint32{}, head[:24])
	be.PutUint32(head[24:], w.sum[0])
	be.PutUint32(head[28:], w.sum[1])
	w.buf.Write(head)
	return w
}

// checksum is the format's: 32-bit words in the log's byte order, two at a time.
func (w *walBuilder) checksum(s [2]uint32, b []byte) [2]uint32 {
	order := binary.ByteOrder(binary.LittleEndian)
	if w.bigEndian {
		order = binary.BigEndian
	}
	for i := 0; i < len(b); i += 8 {
		s[0] += order.Uint32(b[i:]) + s[1]
		s[1] += order.Uint32(b[i+4:]) + s[0]
	}
	return s
}

// frame appends a frame for page pgno; commit > 0 makes it a commit frame.
// salt overrides the header's salts when not nil (a frame of another
// generation); such a frame does not advance the running checksum.
func (w *walBuilder) frame(pgno, commit uint32, salt *[2]uint32) *walBuilder {
	head := make([]byte, 24)
	be := binary.BigEndian
	be.PutUint32(head[0:], pgno)
	be.PutUint32(head[4:], commit)
	s := w.salt
	if salt != nil {
		s = *salt
	}
	be.PutUint32(head[8:], s[0])
	be.PutUint32(head[12:], s[1])
	page := bytes.Repeat([]byte{byte(pgno), byte(commit), 0x5a, 0xa5}, w.pageSize/4)
	sum := w.checksum(w.checksum(w.sum, head[:8]), page)
	if salt == nil {
		w.sum = sum
	}
	be.PutUint32(head[16:], sum[0])
	be.PutUint32(head[20:], sum[1])
	w.buf.Write(head)
	w.buf.Write(page)
	return w
}

// txn appends a transaction of n frames, the last one its commit.
func (w *walBuilder) txn(n int) *walBuilder {
	for i := range n {
		commit := uint32(0)
		if i == n-1 {
			commit = 10
		}
		w.frame(uint32(i+1), commit, nil)
	}
	return w
}

func (w *walBuilder) bytes() []byte { return bytes.Clone(w.buf.Bytes()) }

// flip returns b with the byte at off inverted.
func flip(b []byte, off int) []byte {
	b = bytes.Clone(b)
	b[off] ^= 0xff
	return b
}

// verify writes b as a log and verifies it.
func verify(t *testing.T, b []byte) sqlite.WALReport {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.db-wal")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	rep, err := sqlite.VerifyWAL(path)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestVerifyWAL(t *testing.T) {
	const ps = 1024
	frame := 24 + ps
	// Three transactions of 2, 3 and 2 frames: commits at frames 2, 5 and 7.
	sound := newWAL(false, ps, 0x1111, 0x2222).txn(2).txn(3).txn(2).bytes()
	frameOff := func(i int) int { return 32 + (i-1)*frame }

	for _, tt := range []struct {
		name       string
		log        []byte
		damaged    bool
		damageAt   int64
		lastCommit int
		commits    int
		frames     int
		lost       int
	}{
		{name: "OK", log: sound, lastCommit: 7, commits: 3, frames: 7, damageAt: -1},
		{name: "BigEndian", log: newWAL(true, 4096, 9, 10).txn(4).txn(1).bytes(), lastCommit: 5, commits: 2, frames: 5, damageAt: -1},
		{name: "HeaderOnly", log: newWAL(false, ps, 1, 2).bytes(), damageAt: -1},
		{name: "UncommittedTail", log: newWAL(false, ps, 1, 2).txn(2).frame(3, 0, nil).frame(4, 0, nil).bytes(),
			lastCommit: 2, commits: 1, frames: 4, damageAt: -1},
		{name: "TornFrameHeaderOnly", log: append(bytes.Clone(sound), sound[frameOff(7):frameOff(7)+24]...),
			lastCommit: 7, commits: 3, frames: 7, damageAt: -1},
		{name: "TornLastFrame", log: flip(sound, frameOff(7)+24+100), lastCommit: 5, commits: 2, frames: 7, damageAt: -1},
		{name: "OlderGenerationAfter", log: newWAL(false, ps, 5, 6).txn(2).
			frame(3, 0, &[2]uint32{4, 99}).frame(4, 10, &[2]uint32{4, 99}).bytes(),
			lastCommit: 2, commits: 1, frames: 4, damageAt: -1},

		{name: "ErrMagic", log: flip(sound, 0), damaged: true, damageAt: 0},
		{name: "ErrVersion", log: flip(sound, 6), damaged: true, damageAt: 0},
		{name: "ErrPageSize", log: flip(sound, 10), damaged: true, damageAt: 0},
		{name: "ErrHeaderSalt", log: flip(sound, 20), damaged: true, damageAt: 0},
		{name: "ErrHeaderChecksum", log: flip(sound, 27), damaged: true, damageAt: 0},
		{name: "ErrHeaderCutShort", log: sound[:20], damaged: true, damageAt: 0},
		{name: "ErrFirstFrame", log: flip(sound, frameOff(1)+24+5), damaged: true, damageAt: int64(frameOff(1)),
			frames: 7, commits: 0, lost: 3},
		{name: "ErrMiddleFrame", log: flip(sound, frameOff(4)+24+700), damaged: true, damageAt: int64(frameOff(4)),
			lastCommit: 2, commits: 1, frames: 7, lost: 2},
		{name: "ErrFrameSalt", log: flip(sound, frameOff(3)+9), damaged: true, damageAt: int64(frameOff(3)),
			lastCommit: 2, commits: 1, frames: 7, lost: 2},
		{name: "ErrCommitFrame", log: flip(sound, frameOff(5)+4), damaged: true, damageAt: int64(frameOff(5)),
			lastCommit: 2, commits: 1, frames: 7, lost: 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep := verify(t, tt.log)
			if got, want := rep.Damaged(), tt.damaged; got != want {
				t.Fatalf("got damaged %v (%q), want %v", got, rep.Damage, want)
			}
			if got, want := rep.DamageAt, tt.damageAt; got != want {
				t.Errorf("got damage at %d, want %d", got, want)
			}
			if got, want := rep.LastCommit, tt.lastCommit; got != want {
				t.Errorf("got last commit frame %d, want %d", got, want)
			}
			if got, want := rep.Commits, tt.commits; got != want {
				t.Errorf("got %d commits, want %d", got, want)
			}
			if got, want := rep.Frames, tt.frames; got != want {
				t.Errorf("got %d frames, want %d", got, want)
			}
			if got, want := rep.LostCommits, tt.lost; got != want {
				t.Errorf("got %d commits after the damage, want %d", got, want)
			}
			if rep.LastCommit > 0 {
				if got, want := rep.CommittedSize(), 32+int64(rep.LastCommit)*int64(24+rep.PageSize); got != want {
					t.Errorf("got committed size %d, want %d", got, want)
				}
			}
		})
	}

	t.Run("MissingAndEmpty", func(t *testing.T) {
		dir := t.TempDir()
		for _, path := range []string{filepath.Join(dir, "none.db-wal"), filepath.Join(dir, "empty.db-wal")} {
			if strings.Contains(path, "empty") {
				if err := os.WriteFile(path, nil, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			rep, err := sqlite.VerifyWAL(path)
			if err != nil || rep.Damaged() || rep.Size != 0 || rep.LastCommit != 0 {
				t.Errorf("%s: got %+v, %v; want a sound, empty log", filepath.Base(path), rep, err)
			}
		}
	})

	t.Run("ErrNotAFile", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "x.db-wal")
		if err := os.Mkdir(path, 0o700); err != nil {
			t.Fatal(err)
		}
		if _, err := sqlite.VerifyWAL(path); err == nil {
			t.Error("got no error for a folder, want one")
		}
	})

	// A transaction too big for SQLite's page cache spills frames into the log
	// before it commits; rolled back, those frames stay behind, carrying the
	// log's own salts, after the frames of the next, shorter transaction. That
	// is a healthy log: nothing in them was ever committed.
	t.Run("RolledBackSpillIsNotDamage", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "spill.db")
		db := rawDB(t, path, "_pragma=journal_mode(WAL)&_pragma=wal_autocheckpoint(0)&_pragma=cache_size(10)")
		mustExec(t, db, `CREATE TABLE t (x TEXT)`)
		mustExec(t, db, `INSERT INTO t VALUES ('kept')`)
		tx, err := db.Begin()
		if err != nil {
			t.Fatal(err)
		}
		for range 200 {
			if _, err := tx.Exec(`INSERT INTO t VALUES (?)`, strings.Repeat("rolled back ", 300)); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		mustExec(t, db, `INSERT INTO t VALUES ('after')`)
		b, err := os.ReadFile(path + "-wal")
		if err != nil {
			t.Fatal(err)
		}
		rep := verify(t, b)
		if rep.Damaged() {
			t.Fatalf("got damage %q, want a healthy log", rep.Damage)
		}
		// The premise: frames of this generation do follow the valid prefix.
		ours := 0
		for i := rep.Valid; i < rep.Frames; i++ {
			if bytes.Equal(b[32+i*(24+rep.PageSize)+8:][:8], b[16:24]) {
				ours++
			}
		}
		if ours < 10 {
			t.Fatalf("got %d frames of this generation after the valid prefix, want the rolled-back spill (>= 10)", ours)
		}
		if got, want := rep.LastCommit, sqliteLogFrames(t, path, b); got != want {
			t.Errorf("got last commit frame %d, SQLite replays %d", got, want)
		}
	})
}

// TestVerifyWAL_AgreesWithSQLite flips bytes of a real log at random places
// and checks that the verifier's last commit frame is the one SQLite itself
// replays up to, in every case where the header survived.
func TestVerifyWAL_AgreesWithSQLite(t *testing.T) {
	path := crashSnapshot(t, 30)
	wal, err := os.ReadFile(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 40 {
		off := 32 + r.IntN(len(wal)-32)
		t.Run(fmt.Sprintf("Flip%d", off), func(t *testing.T) {
			b := flip(wal, off)
			rep := verify(t, b)
			if got, want := rep.LastCommit, sqliteLogFrames(t, path, b); got != want {
				t.Errorf("flip %d at %d: got last commit frame %d, SQLite replays %d", i, off, got, want)
			}
		})
	}
}

// TestVerifyWAL_Streams verifies a 48 MB log and checks that it was read in
// pieces: the memory it allocates stays far below the log's size.
func TestVerifyWAL_Streams(t *testing.T) {
	w := newWAL(false, 4096, 3, 4)
	for range 1000 {
		w.txn(12)
	}
	path := filepath.Join(t.TempDir(), "big.db-wal")
	if err := os.WriteFile(path, w.bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	w = nil
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	rep, err := sqlite.VerifyWAL(path)
	runtime.ReadMemStats(&after)
	if err != nil || rep.Damaged() {
		t.Fatalf("got %+v, %v", rep, err)
	}
	if got, want := rep.LastCommit, 12000; got != want {
		t.Errorf("got last commit frame %d, want %d", got, want)
	}
	if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(4<<20); got > limit {
		t.Errorf("verifying a %d MB log allocated %d bytes, want at most %d", rep.Size>>20, got, limit)
	}
}

func BenchmarkVerifyWAL(b *testing.B) {
	w := newWAL(false, 4096, 3, 4)
	for range 400 {
		w.txn(10)
	}
	path := filepath.Join(b.TempDir(), "bench.db-wal")
	if err := os.WriteFile(path, w.bytes(), 0o600); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(w.buf.Len()))
	for b.Loop() {
		if _, err := sqlite.VerifyWAL(path); err != nil {
			b.Fatal(err)
		}
	}
}

// sqliteLogFrames is how many frames of the log b SQLite replays into the
// database at path: it copies both into a private folder, opens the copy
// (SQLite reads the log) and asks for a checkpoint, which reports the frames
// in the log it knows.
func sqliteLogFrames(tb testing.TB, path string, b []byte) int {
	tb.Helper()
	cp := filepath.Join(tb.TempDir(), "copy.db")
	copyFile(tb, path, cp)
	if err := os.WriteFile(cp+"-wal", b, 0o600); err != nil {
		tb.Fatal(err)
	}
	db := rawDB(tb, cp, "")
	var busy, frames, done int
	if err := db.QueryRow(`PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &frames, &done); err != nil {
		tb.Fatal(err)
	}
	return max(frames, 0)
}

// rawDB opens path through a plain connection with the given DSN query,
// closed when the test ends.
func rawDB(tb testing.TB, path, query string) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?"+query)
	if err != nil {
		tb.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	tb.Cleanup(func() { db.Close() })
	return db
}

func mustExec(tb testing.TB, db *sql.DB, stmt string, args ...any) {
	tb.Helper()
	if _, err := db.Exec(stmt, args...); err != nil {
		tb.Fatal(err)
	}
}

// FuzzVerifyWAL feeds the verifier arbitrary logs: it must never fail or
// panic on a readable file, and what it reports must hold together.
func FuzzVerifyWAL(f *testing.F) {
	sound := newWAL(false, 512, 1, 2).txn(2).txn(1).bytes()
	f.Add(sound)
	f.Add(flip(sound, 40))
	f.Add(flip(sound, 20))
	f.Add(sound[:100])
	f.Add(newWAL(true, 512, 3, 4).txn(3).frame(1, 0, &[2]uint32{9, 9}).bytes())
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(dir, "fuzz.db-wal")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		rep, err := sqlite.VerifyWAL(path)
		if err != nil {
			t.Fatalf("got error %v on a readable file", err)
		}
		if got, want := rep.Size, int64(len(b)); got != want {
			t.Errorf("got size %d, want %d", got, want)
		}
		if !(rep.Commits <= rep.LastCommit && rep.LastCommit <= rep.Valid && rep.Valid <= rep.Frames) {
			t.Errorf("got commits %d, last commit %d, valid %d, frames %d: out of order", rep.Commits, rep.LastCommit, rep.Valid, rep.Frames)
		}
		if got, want := rep.Damaged(), rep.DamageAt >= 0; got != want {
			t.Errorf("got damaged %v with damage at %d", got, rep.DamageAt)
		}
		if rep.CommittedSize() > rep.Size {
			t.Errorf("got committed size %d beyond the file's %d", rep.CommittedSize(), rep.Size)
		}
		if len(b) == 0 && rep.Damaged() {
			t.Error("an empty log reported damaged")
		}
	})
}
