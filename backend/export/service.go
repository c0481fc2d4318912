package export

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
	"bridgelog/backend/instance"
)

// Service exports incidents: to text (the clipboard, standard output) and to
// files. The window's Exports binding and the command line both call it.
type Service struct {
	Records   backend.RecordService
	Incidents backend.IncidentService
	// Clock says when the export is made (the review's due window, the .ics stamp).
	Clock backend.Clock
	// Getenv and Home find the documents folder; nil means os.Getenv and os.UserHomeDir.
	Getenv func(string) string
	Home   func() (string, error)
	// Keep are the files the database lives in: no export may land on them.
	Keep instance.DataFiles
	// Leftovers notes the temporary files being written (nil: none).
	Leftovers *Leftovers
}

// Request is an export as a person asks for it, every field as typed.
type Request struct {
	IncidentID int64  `json:"incidentId"`
	Format     string `json:"format"`   // md html pdf json csv chat review review-html ics
	From       string `json:"from"`     // RFC 3339; "" leaves the start open
	To         string `json:"to"`       // RFC 3339; "" leaves the end open
	External   bool   `json:"external"` // drop internal-only entries and people's names
	History    bool   `json:"history"`  // show edit history and hidden entries
	Zone       string `json:"zone"`     // IANA name; "" is this computer's zone; "UTC" shows UTC only
	Status     int64  `json:"status"`   // chat format: one status update's entry id; 0 is the timeline
	Replace    bool   `json:"replace"`  // Save may replace files already there; without it Save refuses them
}

// SaveResult lists the files a save wrote (Markdown writes its attachments
// beside it) and their total size.
type SaveResult struct {
	Files []string `json:"files"`
	Bytes int64    `json:"bytes"`
}

// Text renders a text format, for the clipboard and the preview.
func (s *Service) Text(ctx context.Context, req Request) (string, error) {
	if info, ok := Info(Format(strings.ToLower(strings.TrimSpace(req.Format)))); ok && !info.Text {
		return "", backend.Errorf(backend.EINVALID, "%s cannot be copied as text: save it to a file instead", info.Label)
	}
	b, err := s.Render(ctx, req)
	return string(b), err
}

// Render renders any format whole, for standard output: a failure leaves
// nothing half-written.
func (s *Service) Render(ctx context.Context, req Request) ([]byte, error) {
	opts, err := req.Options(s.Clock.Now())
	if err != nil {
		return nil, err
	}
	rep, err := s.Records.Report(ctx, req.IncidentID)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := Write(ctx, &buf, rep, opts); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// DefaultPath is where a save goes unless the person picks another place:
// Documents/Bridgelog/<declared date>-<title><ext> ($XDG_DOCUMENTS_DIR, else
// ~/Documents). The folders are made when the save happens (see Save).
func (s *Service) DefaultPath(ctx context.Context, req Request) (string, error) {
	opts, err := req.Options(s.Clock.Now())
	if err != nil {
		return "", err
	}
	inc, err := s.Incidents.FindIncident(ctx, req.IncidentID)
	if err != nil {
		return "", err
	}
	dir, err := s.exportDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, FileName(inc, opts.Format)), nil
}

// Save writes the export to path: through a temporary file renamed into
// place, so a failed export never leaves half a file, and never onto the
// files the database lives in. A file already at path (or, for Markdown, an
// attachments folder beside it) is refused with ECONFLICT unless
// req.Replace says to replace it, so a save never overwrites silently.
func (s *Service) Save(ctx context.Context, req Request, path string) (SaveResult, error) {
	opts, err := req.Options(s.Clock.Now())
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
	outputs := Outputs(path, opts.Format)
	for _, p := range outputs {
		if err := s.Keep.CheckOutput(p); err != nil {
			return SaveResult{}, err
		}
	}
	if !req.Replace {
		if err := refuseExisting(outputs); err != nil {
			return SaveResult{}, err
		}
	}
	// The incident is read first: a refused save leaves no new folder behind.
	rep, err := s.Records.Report(ctx, req.IncidentID)
	if err != nil {
		return SaveResult{}, err
	}
	if err := s.EnsureSaveDir(filepath.Dir(path)); err != nil {
		return SaveResult{}, err
	}
	files, err := WriteFileNoted(ctx, path, rep, opts, s.Leftovers)
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
func (r Request) Options(now time.Time) (Options, error) {
	opts := Options{
		Format: Format(strings.ToLower(strings.TrimSpace(r.Format))), External: r.External,
		History: r.History, Status: r.Status, Now: now,
	}
	if r.IncidentID <= 0 {
		return opts, backend.Errorf(backend.EINVALID, "Choose the incident to export")
	}
	var err error
	if opts.From, err = backend.ParseInstant("from", r.From); err != nil {
		return opts, err
	}
	if opts.To, err = backend.ParseInstant("to", r.To); err != nil {
		return opts, err
	}
	if opts.Zone, err = backend.ParseZone(r.Zone); err != nil {
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

// FileName is an export's default file name: the declared date (UTC), the
// title as a slug, and the format's extension.
func FileName(inc *backend.Incident, f Format) string {
	info, _ := Info(f)
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

// refuseExisting refuses the first of paths that is already there, naming it
// and saying how to replace it.
func refuseExisting(paths []string) error {
	for i, p := range paths {
		st, err := os.Lstat(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return backend.Errorf(backend.EINVALID, "Bridgelog cannot check %s (%v): choose another place to save", p, err)
		}
		if i == 0 && st.IsDir() {
			continue // not a file to replace: the write refuses it, saying so
		}
		if i == 0 {
			return backend.Errorf(backend.ECONFLICT, "%s already exists: save again and choose Replace to replace it, or pick another name", p)
		}
		return backend.Errorf(backend.ECONFLICT, "The attachments folder %s already exists: save again and choose Replace to write into it, or pick another name", p)
	}
	return nil
}

// exportDir is Bridgelog in the documents folder: $XDG_DOCUMENTS_DIR when it
// is set to a full path, else ~/Documents, whether or not it exists yet. The
// home folder itself is never the default: exports there get lost among
// everything else.
func (s *Service) exportDir() (string, error) {
	getenv, home := s.Getenv, s.Home
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
	return filepath.Join(h, "Documents", "Bridgelog"), nil
}

// EnsureSaveDir makes the folder a save goes to. The default folder gets its
// documents folder and Bridgelog made too (both 0700) on a first export; any
// other folder only its last level, as EnsureDir says.
func (s *Service) EnsureSaveDir(dir string) error {
	if def, err := s.exportDir(); err == nil && filepath.Clean(dir) == def {
		if err := EnsureDir(filepath.Dir(def)); err != nil {
			return err
		}
	}
	return EnsureDir(dir)
}

// EnsureDir makes sure dir exists, creating it (private, 0700) when only its
// last part is missing, as the Bridgelog folder is on a first export. A path
// further off is more likely a typing mistake than a wish for new folders.
func EnsureDir(dir string) error {
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
