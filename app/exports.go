package app

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"bridgelog/backend"
	"bridgelog/backend/export"
	"bridgelog/backend/instance"
)

// Exports is the bound API for exporting an incident: to the clipboard, to a
// file, or (through the command line) to standard output.
type Exports struct {
	Records   backend.RecordService
	Incidents backend.IncidentService
	// Clock says when the export is made (the review's due window, the .ics stamp).
	Clock   backend.Clock
	Dialogs Dialogs
	// Getenv and Home find the documents folder; nil means os.Getenv and os.UserHomeDir.
	Getenv func(string) string
	Home   func() (string, error)
	// Keep are the files the database lives in: no export may land on them.
	Keep instance.DataFiles
	// Leftovers notes the temporary files being written (nil: none).
	Leftovers *export.Leftovers
}

// ExportRequest is what the export dialog (or the command line) asks for.
type ExportRequest struct {
	IncidentID int64  `json:"incidentId"`
	Format     string `json:"format"`   // export.Format: md html pdf json csv chat review review-html ics
	From       string `json:"from"`     // RFC 3339; "" leaves the start open
	To         string `json:"to"`       // RFC 3339; "" leaves the end open
	External   bool   `json:"external"` // drop internal-only entries and people's names
	History    bool   `json:"history"`  // show edit history and hidden entries
	Zone       string `json:"zone"`     // IANA name; "" is this computer's zone; "UTC" shows UTC only
	Status     int64  `json:"status"`   // chat format: one status update's entry id; 0 is the timeline
}

// SaveResult lists the files a save wrote (Markdown writes its attachments
// beside it) and their total size.
type SaveResult struct {
	Files []string `json:"files"`
	Bytes int64    `json:"bytes"`
}

// FormatInfo describes an export format for the menu (export.FormatInfo:
// the generated TypeScript cannot name a namespace "export").
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
	opts, err := req.Options(x.Clock.Now())
	if err != nil {
		return "", err
	}
	if info, _ := export.Info(opts.Format); !info.Text {
		return "", backend.Errorf(backend.EINVALID, "%s cannot be copied as text: save it to a file instead", info.Label)
	}
	ctx := context.Background()
	rep, err := x.Records.Report(ctx, req.IncidentID)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := export.Write(ctx, &buf, rep, opts); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// DefaultPath is where a save goes unless the person picks another place:
// Documents/Bridgelog/<declared date>-<title><ext>, or the home folder when
// there is no Documents folder.
func (x *Exports) DefaultPath(req ExportRequest) (string, error) {
	opts, err := req.Options(x.Clock.Now())
	if err != nil {
		return "", err
	}
	inc, err := x.Incidents.FindIncident(context.Background(), req.IncidentID)
	if err != nil {
		return "", err
	}
	dir, err := x.exportDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, FileName(inc, opts.Format)), nil
}

// ChoosePath shows the save dialog, prefilled with DefaultPath. It returns ""
// when the person cancels.
func (x *Exports) ChoosePath(req ExportRequest) (string, error) {
	def, err := x.DefaultPath(req)
	if err != nil {
		return "", err
	}
	// The dialog cannot open a folder that does not exist yet.
	dir := filepath.Dir(def)
	if err := ensureDir(dir); err != nil {
		dir = filepath.Dir(dir)
	}
	info, _ := export.Info(export.Format(req.Format))
	return x.Dialogs.SaveFile("Export "+info.Label, dir, filepath.Base(def), []FileFilter{
		{Label: info.Label + " (*" + info.Ext + ")", Pattern: "*" + info.Ext},
		{Label: "All files", Pattern: "*"},
	})
}

// Save writes the export to path: through a temporary file renamed into
// place, so a failed export never leaves half a file.
func (x *Exports) Save(req ExportRequest, path string) (SaveResult, error) {
	opts, err := req.Options(x.Clock.Now())
	if err != nil {
		return SaveResult{}, err
	}
	path = strings.TrimSpace(path)
	if path == "" {
		return SaveResult{}, backend.Errorf(backend.EINVALID, "Choose where to save the export")
	}
	if !filepath.IsAbs(path) {
		return SaveResult{}, backend.Errorf(backend.EINVALID, "Save to a full path (starting with /), not %q", path)
	}
	for _, p := range export.Outputs(path, opts.Format) {
		if err := x.Keep.CheckOutput(p); err != nil {
			return SaveResult{}, err
		}
	}
	// The incident is read first: a refused save leaves no new folder behind.
	ctx := context.Background()
	rep, err := x.Records.Report(ctx, req.IncidentID)
	if err != nil {
		return SaveResult{}, err
	}
	if err := ensureDir(filepath.Dir(path)); err != nil {
		return SaveResult{}, err
	}
	files, err := export.WriteFileNoted(ctx, path, rep, opts, x.Leftovers)
	if err != nil {
		return SaveResult{}, err
	}
	res := SaveResult{Files: files}
	for _, f := range files {
		if st, err := os.Stat(f); err == nil {
			res.Bytes += st.Size()
		}
	}
	return res, nil
}

// Options turns the request into export options, naming the field that is wrong.
func (r ExportRequest) Options(now time.Time) (export.Options, error) {
	opts := export.Options{
		Format: export.Format(strings.ToLower(strings.TrimSpace(r.Format))), External: r.External,
		History: r.History, Status: r.Status, Now: now,
	}
	if r.IncidentID <= 0 {
		return opts, backend.Errorf(backend.EINVALID, "Choose the incident to export")
	}
	var err error
	if opts.From, err = ParseTime("from", r.From); err != nil {
		return opts, err
	}
	if opts.To, err = ParseTime("to", r.To); err != nil {
		return opts, err
	}
	if opts.Zone, err = ParseZone(r.Zone); err != nil {
		return opts, err
	}
	if opts.Zone == time.UTC {
		opts.Zone = nil // UTC only, not UTC beside UTC
	}
	if r.Status < 0 {
		return opts, backend.Errorf(backend.EINVALID, "The status update to export is an entry id, not %d", r.Status)
	}
	return opts, opts.Validate()
}

// ParseTime reads an RFC 3339 time from a request field; "" is the zero time.
func ParseTime(field, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, backend.Errorf(backend.EINVALID,
		"The %s time %q is not a date and time: write it like 2026-11-21T14:05:00Z or 2026-11-21T15:05:00+01:00", field, s)
}

// ParseZone reads an IANA time zone name; "" is this computer's zone.
func ParseZone(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	switch strings.ToUpper(name) {
	case "":
		return time.Local, nil
	case "UTC", "Z":
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, backend.Errorf(backend.EINVALID, "Unknown time zone %q: use a name like Europe/Berlin", name)
	}
	return loc, nil
}

// FileName is an export's default file name: the declared date (UTC), the
// title as a slug, and the format's extension.
func FileName(inc *backend.Incident, f export.Format) string {
	info, _ := export.Info(f)
	return inc.DeclaredAt.UTC().Format("2006-01-02") + "-" + slug(inc.Title) + info.Ext
}

// slug keeps a title's letters and digits, lower case, joined by dashes.
func slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	if b.Len() == 0 {
		return "incident"
	}
	return b.String()
}

// exportDir is Documents/Bridgelog ($XDG_DOCUMENTS_DIR, else ~/Documents when
// it exists), or the home folder.
func (x *Exports) exportDir() (string, error) {
	getenv, home := x.Getenv, x.Home
	if getenv == nil {
		getenv = os.Getenv
	}
	if home == nil {
		home = os.UserHomeDir
	}
	h, err := home()
	if err != nil {
		return "", backend.Errorf(backend.EINTERNAL, "Bridgelog cannot find your home folder: choose where to save")
	}
	if d := getenv("XDG_DOCUMENTS_DIR"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "Bridgelog"), nil
	}
	if st, err := os.Stat(filepath.Join(h, "Documents")); err == nil && st.IsDir() {
		return filepath.Join(h, "Documents", "Bridgelog"), nil
	}
	return h, nil
}

// ensureDir makes sure dir exists, creating it (private, 0700) when only its
// last part is missing, as the Bridgelog folder is on a first export. A path
// further off is more likely a typing mistake than a wish for new folders.
func ensureDir(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case err == nil && st.IsDir():
		return nil
	case err == nil:
		return backend.Errorf(backend.EINVALID, "%s is a file, not a folder: choose another place to save", dir)
	case !errors.Is(err, os.ErrNotExist):
		return backend.Errorf(backend.EINVALID, "Bridgelog cannot use the folder %s (%v): choose another place to save", dir, err)
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		return backend.Errorf(backend.EINVALID, "The folder %s does not exist and cannot be created (%v): choose another place to save", dir, err)
	}
	return nil
}
