package sqlite

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// The write-ahead log's layout, from SQLite's file format ("The Write-Ahead
// Log", https://www.sqlite.org/fileformat2.html#walformat). Every field is a
// big-endian 32-bit integer.
const (
	walHeaderSize      = 32
	walFrameHeaderSize = 24
	walVersion         = 3007000
	// The low bit of the magic number says in which byte order the
	// checksums read the data: set for big-endian, clear for little-endian.
	walMagic = 0x377f0682
)

// WALReport is what VerifyWAL found in a write-ahead log. SQLite replays the
// frames from the start of the log up to the last commit frame among the
// valid ones, and ignores the rest; a valid frame carries the header's salts
// and a correct cumulative checksum.
type WALReport struct {
	// Size is the log's size in bytes, 0 when there is none.
	Size int64 `json:"size"`
	// PageSize is the database page size the header gives (0 when unreadable).
	PageSize int `json:"pageSize"`
	// Frames counts the whole frames in the file, valid or not.
	Frames int `json:"frames"`
	// Valid counts the valid frames from the start: the prefix SQLite reads.
	Valid int `json:"valid"`
	// LastCommit is the 1-based index of the last valid commit frame, 0 when
	// the log holds no complete transaction. Frames after it are not replayed.
	LastCommit int `json:"lastCommit"`
	// Commits counts the commit frames up to LastCommit: the transactions
	// SQLite replays from this log.
	Commits int `json:"commits"`
	// Damage says what is wrong, empty for a sound log.
	Damage string `json:"damage,omitempty"`
	// DamageAt is the byte offset where the damage starts: 0 for the header,
	// else the first invalid frame's offset. -1 when the log is sound.
	DamageAt int64 `json:"damageAt"`
	// DamagedFrame is the 1-based index of the first invalid frame when that
	// is where the damage starts, else 0.
	DamagedFrame int `json:"damagedFrame"`
	// LostCommits counts the commit frames that carry this log's salts but lie
	// after the damage: transactions that were written, and that SQLite would
	// drop without a word. At least this many commits are beyond reach.
	LostCommits int `json:"lostCommits"`
}

// Damaged reports whether the log cannot be trusted as SQLite would read it:
// SQLite would silently drop transactions that were written to it.
func (r WALReport) Damaged() bool { return r.Damage != "" }

// CommittedSize is the length of the log up to and including its last valid
// commit frame: the part SQLite replays. A log cut to this length holds
// exactly the same transactions, and nothing after them.
func (r WALReport) CommittedSize() int64 {
	if r.LastCommit == 0 || r.PageSize == 0 {
		return 0
	}
	return walHeaderSize + int64(r.LastCommit)*int64(walFrameHeaderSize+r.PageSize)
}

// VerifyWAL reads the write-ahead log at walPath (a database's "-wal" file) and
// checks its header and every frame's checksum, without SQLite and without
// changing the file. A missing or empty log is sound: it holds nothing.
//
// The rule, beyond SQLite's own: SQLite stops at the first invalid frame and
// ignores everything after it, which is right for the residue a crash leaves
// (a frame header written without its page, a transaction never committed)
// and for frames of an older generation of the log (other salts) that a reset
// left behind. It is wrong when a commit frame of this generation follows:
// those transactions were written and acknowledged, and SQLite would drop
// them silently, then overwrite them with the next write. That, and a bad
// header on a log with content (SQLite then ignores the whole log), is
// damage. Frames of this generation after the first invalid one that commit
// nothing are a transaction that never finished (a rollback of a large
// transaction leaves such frames behind), and are not.
func VerifyWAL(walPath string) (WALReport, error) {
	fi, err := os.Stat(walPath)
	if errors.Is(err, fs.ErrNotExist) {
		return WALReport{DamageAt: -1}, nil
	} else if err != nil {
		return WALReport{}, err
	} else if !fi.Mode().IsRegular() {
		// Opening a named pipe or a device could block or read forever.
		return WALReport{}, fmt.Errorf("%s is not a regular file", walPath)
	} else if fi.Size() == 0 {
		return WALReport{DamageAt: -1}, nil
	}
	f, err := openNoBlock(walPath)
	if err != nil {
		return WALReport{}, err
	}
	defer f.Close()
	return verifyWAL(f, fi.Size())
}

// walHeader is the log's 32-byte header.
type walHeader struct {
	bigEndian bool
	pageSize  int
	salt      [8]byte // salt-1 and salt-2 as stored
	cksum     [2]uint32
}

// parseWALHeader checks the header as SQLite does and returns it, or says
// what is wrong with it.
func parseWALHeader(b []byte) (walHeader, string) {
	if len(b) < walHeaderSize {
		return walHeader{}, fmt.Sprintf("the header is cut short (%d of %d bytes)", len(b), walHeaderSize)
	}
	be := binary.BigEndian
	magic := be.Uint32(b[0:])
	if magic&^1 != walMagic {
		return walHeader{}, fmt.Sprintf("the header's magic number is wrong (%#08x)", magic)
	}
	h := walHeader{bigEndian: magic&1 == 1}
	if v := be.Uint32(b[4:]); v != walVersion {
		return walHeader{}, fmt.Sprintf("the header's format version is wrong (%d)", v)
	}
	ps := be.Uint32(b[8:])
	if ps < 512 || ps > 65536 || ps&(ps-1) != 0 {
		return walHeader{}, fmt.Sprintf("the header's page size is wrong (%d)", ps)
	}
	h.pageSize = int(ps)
	copy(h.salt[:], b[16:24])
	h.cksum = walChecksum(h.bigEndian, [2]uint32{}, b[:24])
	if h.cksum != [2]uint32{be.Uint32(b[24:]), be.Uint32(b[28:])} {
		return walHeader{}, "the header's checksum is wrong"
	}
	return h, ""
}

// walChecksum continues SQLite's WAL checksum from s over b, whose length is a
// multiple of 8: b is read as 32-bit integers in the log's byte order, and for
// each pair x0, x1: s0 += x0 + s1; s1 += x1 + s0.
func walChecksum(bigEndian bool, s [2]uint32, b []byte) [2]uint32 {
	s0, s1 := s[0], s[1]
	if bigEndian {
		for i := 0; i+8 <= len(b); i += 8 {
			s0 += binary.BigEndian.Uint32(b[i:]) + s1
			s1 += binary.BigEndian.Uint32(b[i+4:]) + s0
		}
	} else {
		for i := 0; i+8 <= len(b); i += 8 {
			s0 += binary.LittleEndian.Uint32(b[i:]) + s1
			s1 += binary.LittleEndian.Uint32(b[i+4:]) + s0
		}
	}
	return [2]uint32{s0, s1}
}

// verifyWAL reads a log of size bytes from r, a chunk of frames at a time, so
// a log of any size costs one small buffer.
func verifyWAL(r io.ReaderAt, size int64) (WALReport, error) {
	rep := WALReport{Size: size, DamageAt: -1}
	head := make([]byte, min(size, walHeaderSize))
	if _, err := r.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		return rep, err
	}
	h, bad := parseWALHeader(head)
	if bad != "" {
		rep.Damage, rep.DamageAt = bad, 0
		return rep, nil
	}
	rep.PageSize = h.pageSize
	frameSize := int64(walFrameHeaderSize + h.pageSize)
	rep.Frames = int((size - walHeaderSize) / frameSize)

	perChunk := max(1, int((1<<20)/frameSize))
	buf := make([]byte, int64(perChunk)*frameSize)
	cksum := h.cksum
	valid := true // still in the valid prefix
	be := binary.BigEndian
	for first := 0; first < rep.Frames; first += perChunk {
		n := min(perChunk, rep.Frames-first)
		chunk := buf[:int64(n)*frameSize]
		if _, err := r.ReadAt(chunk, walHeaderSize+int64(first)*frameSize); err != nil && !errors.Is(err, io.EOF) {
			return rep, err
		}
		for i := range n {
			frame := chunk[int64(i)*frameSize : int64(i+1)*frameSize]
			index := first + i + 1
			pgno, commit := be.Uint32(frame[0:]), be.Uint32(frame[4:])
			ours := string(frame[8:16]) == string(h.salt[:])
			if valid {
				next := walChecksum(h.bigEndian, cksum, frame[:8])
				next = walChecksum(h.bigEndian, next, frame[walFrameHeaderSize:])
				if ours && pgno != 0 && next == [2]uint32{be.Uint32(frame[16:]), be.Uint32(frame[20:])} {
					cksum = next
					rep.Valid = index
					if commit != 0 {
						rep.LastCommit = index
						rep.Commits++
					}
					continue
				}
				valid = false
				rep.DamagedFrame = index // provisional: damage only if a commit of ours follows
				continue
			}
			if ours && pgno != 0 && commit != 0 {
				rep.LostCommits++
			}
		}
	}
	if rep.LostCommits > 0 {
		rep.DamageAt = walHeaderSize + int64(rep.DamagedFrame-1)*frameSize
		rep.Damage = fmt.Sprintf("frame %d of %d is damaged, and %d later commit(s) of this log lie beyond it",
			rep.DamagedFrame, rep.Frames, rep.LostCommits)
	} else {
		rep.DamagedFrame = 0
	}
	return rep, nil
}
