package app

import (
	"context"
	"encoding/base64"
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
	at, err := ParseTime("startedAt", req.StartedAt)
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
