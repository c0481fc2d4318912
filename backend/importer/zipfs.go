package importer

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"bridgelog/backend"
)

// budget bounds what one import reads out of a zip or an export folder. The
// bytes are counted as they are read, never taken from the zip's headers,
// which a zip bomb fills with small numbers.
type budget struct {
	name    string
	perFile int64
	total   int64
	used    int64
}

func (b *budget) read(fsys fs.FS, p string) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, readError(b.name, p, err)
	}
	defer f.Close()
	limit := min(b.perFile, b.total-b.used)
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, errorf(backend.EINVALID, "%s is damaged at %s (%v): export it again from Slack", b.name, p, err)
	}
	if int64(len(data)) > b.perFile {
		return nil, errorf(backend.ETOOLARGE, "%s in %s is over %s once unpacked: Bridgelog reads files up to that size; export a shorter date range", p, b.name, megabytes(b.perFile))
	}
	b.used += int64(len(data))
	if b.used > b.total {
		return nil, errorf(backend.ETOOLARGE, "%s unpacks to over %s: Bridgelog reads exports up to that size; export a shorter date range or only the incident's channel", b.name, megabytes(b.total))
	}
	return data, nil
}

// openZip opens a zipped Slack export, refusing the shapes that would make
// unpacking it unsafe: too many entries, and names that climb out of the
// export ("../", absolute paths, backslashes, drive letters).
func openZip(name string, data []byte, opt Options) (fs.FS, error) {
	if n, ok := zipEntryCount(data); ok && n > uint64(opt.maxFiles()) {
		return nil, errorf(backend.ETOOLARGE, "%s holds %d files: Bridgelog reads exports of up to %d; export only the incident's channel", baseName(name), n, opt.maxFiles())
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, errorf(backend.EINVALID, "%s is not a readable zip (%v): choose the .zip Slack's export gave you, or unpack it and choose the folder", baseName(name), err)
	}
	if len(zr.File) > opt.maxFiles() {
		return nil, errorf(backend.ETOOLARGE, "%s holds %d files: Bridgelog reads exports of up to %d; export only the incident's channel", baseName(name), len(zr.File), opt.maxFiles())
	}
	for _, f := range zr.File {
		if unsafeName(f.Name) {
			return nil, errorf(backend.EINVALID, "%s holds a file named %s, which points outside the export: Bridgelog will not read it; export again from Slack", baseName(name), quote(f.Name))
		}
	}
	return zr, nil
}

func unsafeName(n string) bool {
	if n == "" || strings.ContainsAny(n, "\\\x00") || strings.HasPrefix(n, "/") {
		return true
	}
	if len(n) >= 2 && n[1] == ':' {
		return true // C:foo
	}
	for _, part := range strings.Split(n, "/") {
		if part == ".." {
			return true
		}
	}
	return false
}

// zipEntryCount reads the entry count from a zip's end record, so that a zip
// claiming millions of entries is refused before its directory is read.
func zipEntryCount(data []byte) (uint64, bool) {
	const eocdLen = 22
	if len(data) < eocdLen {
		return 0, false
	}
	from := max(0, len(data)-eocdLen-65535)
	i := bytes.LastIndex(data[from:], []byte("PK\x05\x06"))
	if i < 0 {
		return 0, false
	}
	i += from
	if i+eocdLen > len(data) {
		return 0, false
	}
	n := uint64(binary.LittleEndian.Uint16(data[i+10:]))
	if n != 0xFFFF || i < 20 {
		return n, true
	}
	// Zip64: the locator just before the end record points at the real count.
	loc := data[i-20:]
	if !bytes.HasPrefix(loc, []byte("PK\x06\x07")) {
		return n, true
	}
	off := binary.LittleEndian.Uint64(loc[8:])
	if off > uint64(len(data)) || off+40 > uint64(len(data)) || !bytes.HasPrefix(data[off:], []byte("PK\x06\x06")) {
		return n, true
	}
	return binary.LittleEndian.Uint64(data[off+32:]), true
}

// megabytes shows a size limit, in the units a file manager would.
func megabytes(n int64) string {
	if n >= 1<<20 {
		return strconv.FormatInt(n>>20, 10) + " MB"
	}
	return strconv.FormatInt(max(n>>10, 1), 10) + " KB"
}

func tooLarge(name string, size, limit int64, zipped bool) error {
	fix := "choose the chat file itself, or export a shorter date range"
	if zipped {
		fix = "unpack it and choose the folder (only the chosen channel is read), or export a shorter date range"
	}
	return errorf(backend.ETOOLARGE, "%s is %s: Bridgelog reads files up to %s; %s", baseName(name), megabytes(size), megabytes(limit), fix)
}
