package importer_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"strconv"
	"sync"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/importer"
)

// zeros65 is a 65 MiB day file, an empty list padded with spaces, deflated
// once (to about 65 KB) and reused as the body of every zip-bomb entry. It
// is valid JSON, so only the size limits can stop it.
var zeros65 = sync.OnceValues(func() ([]byte, uint32) {
	const n = 65 << 20
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression)
	crc := crc32.NewIEEE()
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	chunk[0] = '['
	for i := 0; i < n/len(chunk); i++ {
		fw.Write(chunk)
		crc.Write(chunk)
		chunk[0] = ' '
		if i == n/len(chunk)-2 {
			chunk[len(chunk)-1] = ']'
		}
	}
	fw.Close()
	return buf.Bytes(), crc.Sum32()
})

// bomb is a zip whose entries each unpack to 65 MiB of zeros.
func bomb(t *testing.T, names ...string) []byte {
	t.Helper()
	body, crc := zeros65()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("channels.json")
	w.Write([]byte(`[{"id":"C1","name":"general"}]`))
	for _, name := range names {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
			CompressedSize64: uint64(len(body)), UncompressedSize64: 65 << 20})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func smallZip(t testing.TB, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, `[{"type":"message","user":"U1","text":"hi","ts":"1763700000.000100"}]`)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestZipLimits(t *testing.T) {
	t.Run("OneFileTooLarge", func(t *testing.T) {
		data := bomb(t, "general/2025-11-21.json")
		began := time.Now()
		_, err := importer.Parse("export.zip", data, importer.Options{})
		t.Logf("a %d KB zip of one 65 MiB file refused in %v", len(data)>>10, time.Since(began))
		wantError(t, err, backend.ETOOLARGE, "general/2025-11-21.json in export.zip is over 64 MB once unpacked")
	})
	t.Run("TotalTooLarge", func(t *testing.T) {
		data := bomb(t, "general/2025-11-21.json", "general/2025-11-22.json", "general/2025-11-23.json", "general/2025-11-24.json", "general/2025-11-25.json")
		began := time.Now()
		_, err := importer.Parse("export.zip", data, importer.Options{MaxBytes: 100 << 20, MaxTotalBytes: 100 << 20})
		t.Logf("a %d KB zip unpacking to 325 MiB refused in %v", len(data)>>10, time.Since(began))
		wantError(t, err, backend.ETOOLARGE, "export.zip unpacks to over 100 MB")
	})
	t.Run("HeadersUnderstateSize", func(t *testing.T) {
		body, crc := zeros65()
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.CreateRaw(&zip.FileHeader{Name: "general/2025-11-21.json", Method: zip.Deflate, CRC32: crc,
			CompressedSize64: uint64(len(body)), UncompressedSize64: 100})
		w.Write(body)
		zw.Close()
		_, err := importer.Parse("export.zip", buf.Bytes(), importer.Options{})
		wantError(t, err, backend.EINVALID, "export.zip is damaged at general/2025-11-21.json")
	})
	t.Run("TooManyFiles", func(t *testing.T) {
		var names []string
		for i := range 12 {
			names = append(names, "general/2025-11-"+strconv.Itoa(10+i)+".json")
		}
		_, err := importer.Parse("export.zip", smallZip(t, names...), importer.Options{MaxFiles: 10})
		wantError(t, err, backend.ETOOLARGE, "export.zip holds 12 files", "up to 10")
	})
	t.Run("InputTooLarge", func(t *testing.T) {
		data := smallZip(t, "general/2025-11-21.json")
		_, err := importer.Parse("export.zip", data, importer.Options{MaxBytes: int64(len(data) - 1)})
		wantError(t, err, backend.ETOOLARGE, "export.zip is")
	})
	t.Run("Small", func(t *testing.T) {
		res := mustParse(t, "export.zip", smallZip(t, "general/2025-11-21.json"), importer.Options{})
		if len(res.Messages) != 1 || res.Messages[0].SourceKey != "slack:general:1763700000.000100" {
			t.Errorf("got %+v", res.Messages)
		}
	})
}

func TestZipUnsafeNames(t *testing.T) {
	for _, name := range []string{
		"../2025-11-21.json", "general/../../etc/2025-11-21.json", "/tmp/general/2025-11-21.json",
		`general\2025-11-21.json`, `..\..\evil.json`, "C:/general/2025-11-21.json",
	} {
		t.Run(name, func(t *testing.T) {
			data := smallZip(t, "general/2025-11-20.json", name)
			_, err := importer.Parse("export.zip", data, importer.Options{})
			wantError(t, err, backend.EINVALID, "export.zip holds a file named", "points outside the export")
		})
	}
	t.Run("Damaged", func(t *testing.T) {
		data := smallZip(t, "general/2025-11-21.json")
		_, err := importer.Parse("export.zip", data[:len(data)-30], importer.Options{})
		wantError(t, err, backend.EINVALID, "export.zip is not a readable zip")
	})
	t.Run("NoChannels", func(t *testing.T) {
		_, err := importer.Parse("photos.zip", smallZip(t, "holiday/beach.json"), importer.Options{})
		wantError(t, err, backend.EINVALID, "photos.zip holds no Slack channel folders")
	})
}
