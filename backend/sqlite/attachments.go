package sqlite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"bridgelog/backend"
)

// MaxAttachmentPixels is the largest image accepted, in pixels (50
// megapixels, a little over an 8K screen). A PNG of a few kilobytes can claim
// to be 100,000 pixels square; whoever decodes it later (an export, the
// window) would need 40 GB of memory.
const MaxAttachmentPixels = 50_000_000

// maxFileNameChars is the longest attachment name kept, in characters.
const maxFileNameChars = 200

// Attachment types: the only ones stored. A text file is always stored as
// plain text, whatever it looks like, so nothing ever renders it as HTML.
const (
	mimePNG  = "image/png"
	mimeJPEG = "image/jpeg"
	mimeText = "text/plain; charset=utf-8"
)

// AddAttachment stores a file as evidence: the evidence entry, the file's
// description and its bytes, in one transaction. Screenshots (PNG, JPEG) and
// text log files are accepted; the type is read from the bytes, not the name.
func (s *RecordService) AddAttachment(ctx context.Context, in backend.AttachmentCreate) (*backend.Entry, error) {
	mime, width, height, err := classifyFile(in.Name, in.Data)
	if err != nil {
		return nil, err
	}
	name := cleanFileName(in.Name, mime)
	caption := strings.TrimSpace(backend.CleanText(in.Caption))
	if caption == "" {
		caption = "Log file " + name
		if mime != mimeText {
			caption = "Screenshot " + name
		}
	}
	if len(caption) > backend.MaxEntryBytes {
		return nil, backend.Errorf(backend.ETOOLARGE, "The caption is %d KiB; the limit is %d KiB", (len(caption)+1023)/1024, backend.MaxEntryBytes/1024)
	}
	// The raw line is what the scribe would have typed, so editing the
	// caption later parses back to an evidence entry.
	raw := "ev: " + caption
	if in.Internal {
		raw = "int: " + raw
	}

	tx, err := s.db.beginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := ensureIncident(ctx, tx, in.IncidentID); err != nil {
		return nil, err
	}
	occurred := tx.now
	if !in.OccurredAt.IsZero() {
		occurred = in.OccurredAt.UTC().Truncate(time.Millisecond)
	}
	e := &backend.Entry{
		IncidentID: in.IncidentID, Kind: backend.KindEvidence, Text: caption, Raw: raw, Internal: in.Internal,
		OccurredAt: occurred, RecordedAt: tx.now, Author: cleanName(in.Author), AuthorRole: in.AuthorRole,
	}
	if err := insertEntry(ctx, tx, e); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(in.Data)
	meta := backend.Attachment{EntryID: e.ID, Name: name, MIME: mime, Size: int64(len(in.Data)),
		SHA256: hex.EncodeToString(sum[:]), Width: width, Height: height, CreatedAt: tx.now}
	if _, err := insertAttachment(ctx, tx, meta, in.Data); err != nil {
		return nil, err
	}
	if err := touchIncident(ctx, tx, in.IncidentID); err != nil {
		return nil, err
	}
	if e, err = findEntry(ctx, tx, e.ID); err != nil {
		return nil, err
	}
	return e, tx.Commit()
}

// AttachmentData returns an attachment's description and bytes.
func (s *RecordService) AttachmentData(ctx context.Context, id int64) (backend.Attachment, []byte, error) {
	tx, err := s.db.beginTx(ctx, true)
	if err != nil {
		return backend.Attachment{}, nil, err
	}
	defer tx.Rollback()
	var data []byte
	a, err := scanAttachment(tx.QueryRowContext(ctx, `SELECT `+attachmentColumns+`, d.data
		FROM attachments a JOIN attachment_data d ON d.attachment_id = a.id WHERE a.id = ?`, id), &data)
	if errors.Is(err, sql.ErrNoRows) {
		return a, nil, backend.Errorf(backend.ENOTFOUND, "No attachment with id %d", id)
	} else if err != nil {
		return a, nil, fmt.Errorf("read attachment %d: %w", id, err)
	}
	return a, data, nil
}

// insertAttachment writes an attachment's description and bytes, and returns its id.
func insertAttachment(ctx context.Context, tx *stampedTx, a backend.Attachment, data []byte) (int64, error) {
	var id int64
	if err := tx.QueryRowContext(ctx, `
		INSERT INTO attachments (entry_id, name, mime, size, sha256, width, height, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		a.EntryID, a.Name, a.MIME, a.Size, a.SHA256, a.Width, a.Height, millis(a.CreatedAt)).Scan(&id); err != nil {
		return 0, fmt.Errorf("store attachment of entry %d: %w", a.EntryID, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO attachment_data (attachment_id, data) VALUES (?, ?)`, id, data); err != nil {
		return 0, fmt.Errorf("store attachment of entry %d: %w", a.EntryID, err)
	}
	return id, nil
}

const attachmentColumns = `a.id, a.entry_id, a.name, a.mime, a.size, a.sha256, a.width, a.height, a.created_at`

// scanAttachment scans attachmentColumns, then any extra destinations.
func scanAttachment(row scanner, extra ...any) (backend.Attachment, error) {
	var a backend.Attachment
	err := row.Scan(append([]any{&a.ID, &a.EntryID, &a.Name, &a.MIME, &a.Size, &a.SHA256, &a.Width, &a.Height,
		scanTime(&a.CreatedAt)}, extra...)...)
	return a, err
}

// fillAttachments sets Attachment on the evidence entries in list that have
// one. Entries of other kinds cost nothing (CreateEntry's read-back of a
// typed line skips this: a new entry has no attachment); otherwise one query
// reads the descriptions (never the bytes) of all of them at once. (Joining
// attachments into every entry read measured slower for all kinds.)
func fillAttachments(ctx context.Context, tx *stampedTx, list []*backend.Entry) error {
	var ids []int64
	for _, e := range list {
		if e.Kind == backend.KindEvidence {
			ids = append(ids, e.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	// One entry is a plain index lookup. More are one JSON array instead of a
	// placeholder per id: a long timeline can hold more evidence entries than
	// SQLite accepts parameters.
	where, arg := `a.entry_id = ?`, any(ids[0])
	if len(ids) > 1 {
		idList, err := json.Marshal(ids)
		if err != nil {
			return fmt.Errorf("attachments: %w", err)
		}
		where, arg = `a.entry_id IN (SELECT value FROM json_each(?))`, string(idList)
	}
	found, err := collect(ctx, tx, func(row scanner) (backend.Attachment, error) { return scanAttachment(row) },
		`SELECT `+attachmentColumns+` FROM attachments a WHERE `+where, arg)
	if err != nil {
		return fmt.Errorf("attachments: %w", err)
	}
	if len(found) == 0 {
		return nil
	}
	byEntry := make(map[int64]*backend.Attachment, len(found))
	for i := range found {
		byEntry[found[i].EntryID] = &found[i]
	}
	for _, e := range list {
		if a, ok := byEntry[e.ID]; ok && e.Kind == backend.KindEvidence {
			e.Attachment = a
		}
	}
	return nil
}

// classifyFile reads a file's type from its bytes: a PNG or JPEG screenshot
// (with its size in pixels) or a UTF-8 text file such as a log. Anything
// else is refused, as are files too large to keep in the record.
func classifyFile(name string, data []byte) (mime string, width, height int, err error) {
	label := "The file"
	if n := cleanFileName(name, ""); n != "" {
		label = n
	}
	switch size := len(data); {
	case size == 0:
		return "", 0, 0, backend.Errorf(backend.EINVALID, "%s is empty: there is nothing to attach", label)
	case size > backend.MaxAttachmentBytes:
		return "", 0, 0, backend.Errorf(backend.ETOOLARGE,
			"%s is %.1f MB; the limit is %d MB: crop the screenshot, or attach only the part of the log that matters",
			label, float64(size)/1e6, backend.MaxAttachmentBytes/1_000_000)
	}
	var decode func(r *bytes.Reader) (image.Config, error)
	switch mime = http.DetectContentType(data); mime {
	case mimePNG:
		decode = func(r *bytes.Reader) (image.Config, error) { return png.DecodeConfig(r) }
	case mimeJPEG:
		decode = func(r *bytes.Reader) (image.Config, error) { return jpeg.DecodeConfig(r) }
	default:
		if isText(data) {
			return mimeText, 0, 0, nil
		}
		return "", 0, 0, backend.Errorf(backend.EINVALID,
			"Only PNG or JPEG screenshots and text log files can be attached; %s is neither", label)
	}
	cfg, err := decode(bytes.NewReader(data))
	if err != nil {
		return "", 0, 0, backend.Errorf(backend.EINVALID,
			"%s looks like a %s image but cannot be read (%v): take the screenshot again", label, strings.TrimPrefix(mime, "image/"), err)
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > MaxAttachmentPixels {
		return "", 0, 0, backend.Errorf(backend.ETOOLARGE,
			"%s claims to be %d×%d pixels (%d megapixels); the limit is %d megapixels: take a smaller screenshot",
			label, cfg.Width, cfg.Height, px/1_000_000, MaxAttachmentPixels/1_000_000)
	}
	return mime, cfg.Width, cfg.Height, nil
}

// isText reports whether data is UTF-8 text: no invalid sequences and none of
// the control bytes that mark binary data (the WHATWG sniffing rules). Tabs,
// line breaks and the escape of coloured log output are text.
func isText(data []byte) bool {
	for _, b := range data {
		if b <= 0x08 || b == 0x0B || (b >= 0x0E && b <= 0x1A) || (b >= 0x1C && b <= 0x1F) {
			return false
		}
	}
	return utf8.Valid(data)
}

// cleanFileName makes a pasted or dropped file's name safe to show and to
// write beside an export: the base name only, one line, no control
// characters, no leading or trailing dots, at most maxFileNameChars. An image
// gets the extension of its type when it lacks one; an unnamed file gets a
// name from its type (with mime "" an unnamed file stays ""). Cleaning a
// clean name changes nothing, so a record imported keeps its names.
func cleanFileName(name, mime string) string {
	name = backend.CleanText(name)
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Trim(strings.Join(strings.Fields(name), " "), " .")
	ext := strings.ToLower(path.Ext(name))
	switch {
	case mime == mimePNG && ext != ".png":
		name, ext = name+".png", ".png"
	case mime == mimeJPEG && ext != ".jpg" && ext != ".jpeg":
		name, ext = name+".jpg", ".jpg"
	case name == "" && mime == mimeText:
		return "log.txt"
	}
	if name == ext && mime != "" {
		name = "screenshot" + ext
	}
	if utf8.RuneCountInString(name) <= maxFileNameChars {
		return name
	}
	ext = path.Ext(name)
	if utf8.RuneCountInString(ext) > 16 {
		ext = ""
	}
	stem := []rune(strings.TrimSuffix(name, ext))
	return string(stem[:maxFileNameChars-utf8.RuneCountInString(ext)]) + ext
}
