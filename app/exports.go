package app

import (
	"context"
	"os"
	"path/filepath"
	"sync"

	"bridgelog/backend/export"
)

// Exports is the bound API for exporting an incident: to the clipboard or to
// a file. The rules are export.Service's; this only adds the save dialog.
type Exports struct {
	Service *export.Service
	Dialogs Dialogs
	// Open opens a file:// URL with the desktop's default application; nil
	// means github.com/pkg/browser's (xdg-open on Linux). Wails' own
	// runtime.BrowserOpenURL refuses file:// URLs, so it cannot be the one.
	// Tests supply their own.
	Open func(url string) error

	mu    sync.Mutex
	saved map[string]bool // files this window saved in this run: the only ones OpenSaved and ShowSaved open
}

// ExportRequest is what the export dialog asks for (export.Request: the
// generated TypeScript cannot name a namespace "export").
type ExportRequest struct {
	IncidentID int64  `json:"incidentId"`
	Format     string `json:"format"`   // export.Format: md html pdf json csv chat review review-html ics
	From       string `json:"from"`     // RFC 3339; "" leaves the start open
	To         string `json:"to"`       // RFC 3339; "" leaves the end open
	External   bool   `json:"external"` // drop internal-only entries and people's names
	History    bool   `json:"history"`  // show edit history and hidden entries
	Zone       string `json:"zone"`     // IANA name; "" is this computer's zone; "UTC" shows UTC only
	Status     int64  `json:"status"`   // chat format: one status update's entry id; 0 is the timeline
	Replace    bool   `json:"replace"`  // Save may replace files already there; without it Save refuses them
}

// SaveResult lists the files a save wrote and their total size (export.SaveResult).
type SaveResult struct {
	Files []string `json:"files"`
	Bytes int64    `json:"bytes"`
}

// FormatInfo describes an export format for the menu (export.FormatInfo).
type FormatInfo struct {
	Format string `json:"format"`
	Label  string `json:"label"`
	Ext    string `json:"ext"` // file name extension, with the dot
	MIME   string `json:"mime"`
	Text   bool   `json:"text"` // can go to the clipboard; PDF cannot
}

// Formats lists the export formats in menu order.
func (x *Exports) Formats() []FormatInfo {
	out := make([]FormatInfo, 0, len(export.Formats))
	for _, f := range export.Formats {
		out = append(out, FormatInfo{Format: string(f.Format), Label: f.Label, Ext: f.Ext, MIME: f.MIME, Text: f.Text})
	}
	return out
}

// Text renders a text format, for the clipboard and the preview.
func (x *Exports) Text(req ExportRequest) (string, error) {
	return x.Service.Text(context.Background(), export.Request(req))
}

// DefaultPath is where a save goes unless the person picks another place.
func (x *Exports) DefaultPath(req ExportRequest) (string, error) {
	return x.Service.DefaultPath(context.Background(), export.Request(req))
}

// ChoosePath shows the save dialog, prefilled with DefaultPath. It returns ""
// when the person cancels.
func (x *Exports) ChoosePath(req ExportRequest) (string, error) {
	def, err := x.DefaultPath(req)
	if err != nil {
		return "", err
	}
	// The dialog cannot open a folder that does not exist yet: the nearest
	// folder that does is the next best place.
	dir := filepath.Dir(def)
	if err := x.Service.EnsureSaveDir(dir); err != nil {
		dir = existingParent(dir)
	}
	info, _ := export.Info(export.Format(req.Format))
	return x.Dialogs.SaveFile("Export "+info.Label, dir, filepath.Base(def), []FileFilter{
		{Label: info.Label + " (*" + info.Ext + ")", Pattern: "*" + info.Ext},
		{Label: "All files", Pattern: "*"},
	})
}

// Save writes the export to path (see export.Service.Save).
func (x *Exports) Save(req ExportRequest, path string) (SaveResult, error) {
	res, err := x.Service.Save(context.Background(), export.Request(req), path)
	if err == nil {
		x.remember(res.Files)
	}
	return SaveResult(res), err
}

// existingParent is the nearest folder above dir that exists ("/" at worst).
func existingParent(dir string) string {
	for d := filepath.Dir(dir); ; d = filepath.Dir(d) {
		if st, err := os.Stat(d); (err == nil && st.IsDir()) || d == filepath.Dir(d) {
			return d
		}
	}
}
