package app

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"

	"bridgelog/backend"
	"bridgelog/backend/settings"
)

// Attachments is the bound API for evidence: a screenshot or log file pasted
// or dropped into the entry line becomes an evidence entry with the file.
type Attachments struct {
	Records  backend.RecordService
	Settings *settings.Store
	// Changed is told after an attachment is added. Nil is allowed.
	Changed func(incidentID int64)
	// Clipboard reads the picture on the system clipboard as PNG bytes (nil
	// when there is none). Nil: pasting from the system clipboard is off.
	Clipboard func() ([]byte, error)
}

// AttachmentRequest is a file from the UI, its bytes in base64.
type AttachmentRequest struct {
	IncidentID int64  `json:"incidentId"`
	Name       string `json:"name"`
	Data       string `json:"data"` // base64, or a data: URL
	Caption    string `json:"caption"`
	Internal   bool   `json:"internal"`
	StartedAt  string `json:"startedAt"` // RFC 3339 of the paste; "" is now
}

// Add stores the file and its evidence entry in one transaction.
func (x *Attachments) Add(req AttachmentRequest) (*backend.Entry, error) {
	data := req.Data
	if i := strings.Index(data, ";base64,"); strings.HasPrefix(data, "data:") && i >= 0 {
		data = data[i+len(";base64,"):]
	}
	// Checked before decoding, so an oversized paste is never held twice.
	// The decoded size, padding excluded, so a file of exactly the limit fits.
	size := int64(len(data)) * 3 / 4
	size -= int64(len(data) - len(strings.TrimRight(data, "=")))
	if size > backend.MaxAttachmentBytes {
		return nil, backend.Errorf(backend.ETOOLARGE,
			"%s is %.1f MB; evidence files can be up to %d MB: crop the screenshot or attach an excerpt of the log",
			displayName(req.Name), float64(size)/1e6, backend.MaxAttachmentBytes/1000/1000)
	}
	raw, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return nil, backend.Errorf(backend.EINVALID, "The file %s did not arrive intact (its data is not base64): paste or drop it again", displayName(req.Name))
	}
	return x.add(req, raw)
}

// PasteImage attaches the picture on the system clipboard. WebKitGTK hands a
// pasted screenshot to the page as an empty paste (no types, no files), so
// the page asks here instead. No picture on the clipboard: nil and no error,
// as pasting nothing does nothing.
func (x *Attachments) PasteImage(req AttachmentRequest) (*backend.Entry, error) {
	if x.Clipboard == nil {
		return nil, nil
	}
	raw, err := x.Clipboard()
	if err != nil {
		return nil, backend.Errorf(backend.EINVALID, "Bridgelog could not read the clipboard (%v): save the screenshot to a file and drop it on the line", err)
	}
	if len(raw) == 0 {
		return nil, nil
	}
	if req.Name == "" {
		req.Name = "screenshot.png"
	}
	return x.add(req, raw)
}

// AddFile attaches a file dropped on the window: the native drop gives its
// path, not its bytes (WebKitGTK would only insert the file's URL as text).
func (x *Attachments) AddFile(req AttachmentRequest, path string) (*backend.Entry, error) {
	path = strings.TrimSpace(path)
	st, err := os.Stat(path)
	if err != nil {
		return nil, backend.Errorf(backend.ENOTFOUND, "Bridgelog cannot open the dropped file %s: drop it again, or paste it", backend.ShownPath(path))
	}
	if !st.Mode().IsRegular() {
		return nil, backend.Errorf(backend.EINVALID, "%s is not a file: drop a PNG or JPEG screenshot or a text log", backend.ShownPath(path))
	}
	if st.Size() > backend.MaxAttachmentBytes {
		return nil, backend.Errorf(backend.ETOOLARGE,
			"%s is %.1f MB; evidence files can be up to %d MB: crop the screenshot or attach an excerpt of the log",
			backend.ShownPath(filepath.Base(path)), float64(st.Size())/1e6, backend.MaxAttachmentBytes/1000/1000)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, backend.Errorf(backend.EINVALID, "Bridgelog cannot read %s: check the file's permissions", backend.ShownPath(path))
	}
	req.Name = filepath.Base(path)
	return x.add(req, raw)
}

// add stores a file's bytes under the request's incident, caption and time.
func (x *Attachments) add(req AttachmentRequest, raw []byte) (*backend.Entry, error) {
	at, err := backend.ParseInstant("startedAt", req.StartedAt)
	if err != nil {
		return nil, err
	}
	var author string
	if x.Settings != nil {
		s, err := x.Settings.Load()
		if err != nil {
			return nil, err
		}
		author = s.ScribeName
	}
	e, err := x.Records.AddAttachment(context.Background(), backend.AttachmentCreate{
		IncidentID: req.IncidentID, Name: strings.TrimSpace(req.Name), Data: raw,
		Caption: strings.TrimSpace(backend.CleanText(req.Caption)), Internal: req.Internal,
		OccurredAt: at, Author: author,
	})
	if err != nil {
		return nil, err
	}
	if x.Changed != nil {
		x.Changed(e.IncidentID)
	}
	return e, nil
}

func displayName(name string) string {
	if name = strings.TrimSpace(name); name == "" {
		return "The file"
	}
	return name
}
