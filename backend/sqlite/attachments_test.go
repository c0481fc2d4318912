package sqlite_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// pixelBomb is a valid PNG header claiming w×h pixels, with no pixel data:
// a few bytes that would make a decoder allocate w*h*4 bytes.
func pixelBomb(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit truecolour
	chunk := append([]byte("IHDR"), ihdr...)
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

func TestRecordService_AddAttachment(t *testing.T) {
	ctx := context.Background()

	t.Run("Screenshot", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		records, entries := sqlite.NewRecordService(db), sqlite.NewEntryService(db)
		data := pngBytes(t, 64, 48)
		e, err := records.AddAttachment(ctx, backend.AttachmentCreate{IncidentID: inc.ID, Name: "Screenshot 2026-11-21 at 14.02.png",
			Data: data, OccurredAt: at(2 * time.Minute), Author: " Sam ", AuthorRole: backend.RoleScribe})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := e.Text, "Screenshot Screenshot 2026-11-21 at 14.02.png"; got != want {
			t.Errorf("got text %q, want %q", got, want)
		}
		if l := backend.Parse(e.Raw); l.Kind != backend.KindEvidence || l.Text != e.Text {
			t.Errorf("got raw %q parsing to %s %q, want evidence with the entry's text", e.Raw, l.Kind, l.Text)
		}
		a := e.Attachment
		if a == nil {
			t.Fatal("got no attachment on the entry")
		}
		want := backend.Attachment{ID: a.ID, EntryID: e.ID, Name: "Screenshot 2026-11-21 at 14.02.png", MIME: "image/png",
			Size: int64(len(data)), SHA256: a.SHA256, Width: 64, Height: 48, CreatedAt: t0}
		if *a != want || len(a.SHA256) != 64 {
			t.Errorf("got attachment %+v, want %+v", *a, want)
		}
		if got, want := e.OccurredAt, at(2*time.Minute); !got.Equal(want) || e.Author != "Sam" {
			t.Errorf("got time %s by %q, want %s by Sam", got, e.Author, want)
		}

		meta, got, err := records.AttachmentData(ctx, a.ID)
		if err != nil || !bytes.Equal(got, data) || meta != *a {
			t.Errorf("got %+v and %d bytes, %v; want the stored file", meta, len(got), err)
		}
		list, err := entries.ListEntries(ctx, inc.ID)
		if err != nil || list[len(list)-1].Attachment == nil || *list[len(list)-1].Attachment != *a {
			t.Errorf("got listed entries %+v, %v; want the last with the attachment", list, err)
		}
		found, err := entries.FindEntry(ctx, e.ID)
		if err != nil || found.Attachment == nil {
			t.Errorf("got found entry %+v, %v; want the attachment", found, err)
		}
		recent, err := entries.RecentEntries(ctx, inc.ID, []backend.Kind{backend.KindEvidence}, false, 5)
		if err != nil || len(recent) != 1 || recent[0].Attachment == nil {
			t.Errorf("got recent evidence %+v, %v; want the entry with its attachment", recent, err)
		}
		hits, err := entries.Search(ctx, "screenshot", inc.ID, 5)
		if err != nil || len(hits) != 1 || hits[0].Entry.Attachment == nil {
			t.Errorf("got hits %+v, %v; want the entry with its attachment", hits, err)
		}
	})

	t.Run("JPEG", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		var b bytes.Buffer
		if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 30, 20)), nil); err != nil {
			t.Fatal(err)
		}
		e, err := sqlite.NewRecordService(db).AddAttachment(ctx, backend.AttachmentCreate{IncidentID: inc.ID, Name: "photo", Data: b.Bytes()})
		if err != nil {
			t.Fatal(err)
		}
		if a := e.Attachment; a.MIME != "image/jpeg" || a.Width != 30 || a.Height != 20 || a.Name != "photo.jpg" {
			t.Errorf("got %+v, want a 30×20 JPEG named photo.jpg", a)
		}
	})

	t.Run("LogFile", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		log := "2026-11-21T14:02:01Z \x1b[31mERROR\x1b[0m upstream 502 — retrying\r\n\tat checkout.go:42\n"
		e, err := sqlite.NewRecordService(db).AddAttachment(ctx, backend.AttachmentCreate{IncidentID: inc.ID,
			Name: `C:\Users\sam\logs\checkout.log`, Data: []byte(log), Internal: true})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := e.Text, "Log file checkout.log"; got != want {
			t.Errorf("got text %q, want %q", got, want)
		}
		if a := e.Attachment; a.MIME != "text/plain; charset=utf-8" || a.Width != 0 || !e.Internal {
			t.Errorf("got %+v (internal %v), want an internal plain text file", a, e.Internal)
		}
		if got, want := e.Raw, "int: ev: Log file checkout.log"; got != want {
			t.Errorf("got raw %q, want %q", got, want)
		}
	})

	t.Run("Names", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		records := sqlite.NewRecordService(db)
		png := pngBytes(t, 4, 4)
		long := strings.Repeat("é", 300) + ".png"
		for _, tc := range []struct{ name, want string }{
			{"../../etc/passwd.png", "passwd.png"},
			{"", "screenshot.png"},
			{"  ..  ", "screenshot.png"},
			{"clip", "clip.png"},
			{"a\x00b\x1b\nc\u202e.PNG", "ab c.PNG"},
			{long, strings.Repeat("é", 196) + ".png"},
		} {
			e, err := records.AddAttachment(ctx, backend.AttachmentCreate{IncidentID: inc.ID, Name: tc.name, Data: png})
			if err != nil {
				t.Fatal(err)
			}
			if got := e.Attachment.Name; got != tc.want || utf8.RuneCountInString(got) > 200 {
				t.Errorf("got name %q for %q, want %q", got, tc.name, tc.want)
			}
		}
	})

	t.Run("Caption", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
		e, err := sqlite.NewRecordService(db).AddAttachment(ctx, backend.AttachmentCreate{IncidentID: inc.ID, Name: "x.png",
			Data: pngBytes(t, 4, 4), Caption: " 502 spike on the EU dashboard "})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := e.Text, "502 spike on the EU dashboard"; got != want {
			t.Errorf("got text %q, want %q", got, want)
		}
	})

	for _, tc := range []struct {
		name, code, msg string
		file            string
		data            []byte
	}{
		{"ErrTooLarge", backend.ETOOLARGE, "big.log is 10.0 MB; the limit is 10 MB", "big.log",
			bytes.Repeat([]byte("a"), backend.MaxAttachmentBytes+1)},
		{"ErrEmpty", backend.EINVALID, "empty", "x.png", nil},
		{"ErrGIF", backend.EINVALID, "Only PNG or JPEG screenshots and text log files can be attached", "anim.gif",
			[]byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x00\x00\x00\x00\x00,")},
		{"ErrBinary", backend.EINVALID, "Only PNG or JPEG screenshots and text log files can be attached", "core.dump",
			[]byte("ELF\x00\x01\x02\x03 not text")},
		{"ErrNotUTF8", backend.EINVALID, "Only PNG or JPEG", "latin1.log", []byte("caf\xe9 au lait\n")},
		{"ErrPixelBomb", backend.ETOOLARGE, "100000×100000 pixels", "bomb.png", pixelBomb(100_000, 100_000)},
		{"ErrDamagedPNG", backend.EINVALID, "cannot be read", "cut.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := MustOpenDB(t)
			inc := MustCreateIncident(t, db, "Checkout errors", backend.SEV2)
			before := rowCounts(t, db)
			_, err := sqlite.NewRecordService(db).AddAttachment(ctx, backend.AttachmentCreate{IncidentID: inc.ID, Name: tc.file, Data: tc.data})
			wantError(t, err, tc.code, tc.msg)
			wantUnchanged(t, db, before)
		})
	}

	t.Run("ErrNoIncident", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		before := rowCounts(t, db)
		_, err := sqlite.NewRecordService(db).AddAttachment(ctx, backend.AttachmentCreate{IncidentID: 9, Name: "x.png", Data: pngBytes(t, 2, 2)})
		wantError(t, err, backend.ENOTFOUND, "No incident with id 9")
		wantUnchanged(t, db, before)
	})
}

func TestRecordService_AttachmentData(t *testing.T) {
	t.Run("ErrNotFound", func(t *testing.T) {
		db, _ := MustOpenDB(t)
		_, _, err := sqlite.NewRecordService(db).AttachmentData(context.Background(), 7)
		wantError(t, err, backend.ENOTFOUND, "No attachment with id 7")
	})
}
