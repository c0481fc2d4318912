package export

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"bridgelog/backend"
)

// fileMode is the mode of every file an export writes: they hold incident
// details, so only their owner may read them.
const fileMode = 0o600

// WriteFile writes the report in opts.Format to path and returns the files
// it wrote, path first. A Markdown timeline or review with attachments gets
// them in a folder beside it, "<name>-assets", which the Markdown links to.
// Each file is written under a temporary name in the same folder, synced and
// then renamed, so a crash never leaves half a file under the final name; an
// existing file at path is replaced (the app asks first).
func WriteFile(ctx context.Context, path string, rep *backend.Report, opts Options) (files []string, err error) {
	return WriteFileNoted(ctx, path, rep, opts, nil)
}

// WriteFileNoted is WriteFile noting its temporary files in pending while it
// writes them, so that a killed export's leftovers go at the next start.
func WriteFileNoted(ctx context.Context, path string, rep *backend.Report, opts Options, pending *Leftovers) (files []string, err error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if rep == nil || rep.Incident == nil {
		return nil, backend.Errorf(backend.ENOTFOUND, "There is no incident to export")
	}
	if err := checkTarget(path); err != nil {
		return nil, err
	}
	opts.Assets = ""
	var assets []string
	if opts.Format == FormatMarkdown || opts.Format == FormatReview {
		if assets, err = writeAssets(ctx, path, rep, &opts, pending); err != nil {
			return nil, err
		}
	}
	if err := writeAtomic(path, pending, func(w io.Writer) error { return Write(ctx, w, rep, opts) }); err != nil {
		return nil, err
	}
	return append([]string{path}, assets...), nil
}

// checkTarget refuses a path the export cannot be saved to, saying why.
func checkTarget(path string) error {
	if strings.TrimSpace(path) == "" {
		return backend.Errorf(backend.EINVALID, "No file name was given: choose where to save the export")
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return backend.Errorf(backend.ENOTFOUND, "The folder %s does not exist: choose a folder that does", dir)
	case err != nil:
		return fileError(dir, err)
	case !st.IsDir():
		return backend.Errorf(backend.EINVALID, "%s is not a folder: choose a folder to save the export in", dir)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return backend.Errorf(backend.EINVALID, "%s is a folder: choose a file name for the export", path)
	}
	return nil
}

// writeAssets writes the attachments of the entries in scope to the folder
// beside path and points opts.Assets at it. They go first, so the Markdown
// never links to a file that is not there yet.
func writeAssets(ctx context.Context, path string, rep *backend.Report, opts *Options, pending *Leftovers) ([]string, error) {
	v := NewView(rep, *opts)
	var rows []Row
	for _, r := range v.Rows {
		if r.Attachment != nil {
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		return nil, nil
	}
	opts.Assets = assetsFolder(path, opts.Format)
	v.Opts.Assets = opts.Assets
	dir := filepath.Join(filepath.Dir(path), opts.Assets)
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, fileError(dir, err)
	}
	names := assetNames(v)
	var files []string
	for _, r := range rows {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		data, err := v.AttachmentData(ctx, r.Attachment)
		if err != nil {
			return nil, err
		}
		name := filepath.Join(dir, names[r.Entry.ID])
		if err := writeAtomic(name, pending, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			return nil, err
		}
		files = append(files, name)
	}
	return files, nil
}

// Outputs are the paths an export of format f to path writes: the file, and
// for a Markdown timeline or review the folder of its attachments.
func Outputs(path string, f Format) []string {
	if f == FormatMarkdown || f == FormatReview {
		return []string{path, filepath.Join(filepath.Dir(path), assetsFolder(path, f))}
	}
	return []string{path}
}

// assetsFolder is "<name>-assets" for "<name>.md" or "<name>.review.md".
func assetsFolder(path string, f Format) string {
	base := filepath.Base(path)
	info, _ := Info(f)
	if strings.HasSuffix(strings.ToLower(base), info.Ext) && len(base) > len(info.Ext) {
		base = base[:len(base)-len(info.Ext)]
	} else if ext := filepath.Ext(base); ext != "" && len(ext) < len(base) {
		base = base[:len(base)-len(ext)]
	}
	return base + "-assets"
}

// AssetPath is where a Markdown export links row r's attachment: a file in
// Opts.Assets, relative to the Markdown file; "" when there is no such
// folder (a copy to the clipboard) or no attachment.
func (v *View) AssetPath(r Row) string {
	if v.Opts.Assets == "" || r.Attachment == nil {
		return ""
	}
	return v.Opts.Assets + "/" + assetNames(v)[r.Entry.ID]
}

// assetNames gives every attachment of the incident a file name that is safe
// on any file system and unique within the folder, by entry id. Names are
// handed out over all entries in time order, not only those in scope, so an
// attachment keeps its name whatever range is exported.
func assetNames(v *View) map[int64]string {
	names := map[int64]string{}
	taken := map[string]bool{}
	for _, e := range v.report.Entries {
		a, ok := v.report.Attachments[e.ID]
		if !ok {
			if e.Attachment == nil {
				continue
			}
			a = *e.Attachment
		}
		stem, ext := safeFileName(a.Name)
		name := stem + ext
		for n := 2; taken[strings.ToLower(name)]; n++ {
			name = stem + "-" + strconv.Itoa(n) + ext
		}
		taken[strings.ToLower(name)] = true
		names[e.ID] = name
	}
	return names
}

// windowsReserved are names Windows will not create, whatever the extension.
var windowsReserved = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true}

// safeFileName reduces a pasted file's name to letters, digits, dots,
// dashes and underscores, with no path, no leading dot and a bounded length,
// and splits it into stem and extension.
func safeFileName(name string) (stem, ext string) {
	var b strings.Builder
	dash := false
	for _, c := range filepath.Base(strings.ReplaceAll(name, `\`, "/")) {
		ok := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-'
		if !ok {
			c = '-'
		}
		if c == '-' && dash {
			continue
		}
		dash = c == '-'
		b.WriteRune(c)
	}
	s := strings.Trim(b.String(), ".-")
	ext = filepath.Ext(s)
	if len(ext) > 10 || ext == s {
		ext = ""
	}
	stem = strings.Trim(strings.TrimSuffix(s, ext), ".-")
	if len(stem) > 80 {
		stem = stem[:80]
	}
	if stem == "" {
		stem = "attachment"
	}
	if windowsReserved[strings.ToLower(stem)] {
		stem = "file-" + stem
	}
	return stem, ext
}

// writeAtomic writes a file under a temporary name beside path, syncs it
// and renames it to path, so path holds either its old content or the whole
// new file, never part of it.
func writeAtomic(path string, pending *Leftovers, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fileError(dir, err)
	}
	tmp := f.Name()
	pending.add(tmp)
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
		pending.done(tmp)
	}()
	removeStale(f, path)
	if err := f.Chmod(fileMode); err != nil {
		return fileError(path, err)
	}
	if err := write(f); err != nil {
		// Errors of the format itself (and a cancelled context) say what
		// they mean; anything else came from the disk.
		var e *backend.Error
		if errors.As(err, &e) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		return fileError(path, err)
	}
	if err := f.Sync(); err != nil {
		return fileError(path, err)
	}
	if err := f.Close(); err != nil {
		return fileError(path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fileError(path, err)
	}
	syncDir(dir)
	return nil
}

// staleAfter is how old a temporary file of the same export must be to be
// taken for the leftover of an export that was killed: no export runs this long.
const staleAfter = 10 * time.Minute

// removeStale deletes temporary files an earlier, killed export of path left
// beside it. Their age is judged against the new temporary file's own time,
// so the file system's clock is the only one involved.
func removeStale(fresh *os.File, path string) {
	st, err := fresh.Stat()
	if err != nil {
		return
	}
	old, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "."+globEscape(filepath.Base(path))+".*.tmp"))
	for _, o := range old {
		if o == fresh.Name() {
			continue
		}
		if ost, err := os.Lstat(o); err == nil && ost.Mode().IsRegular() && st.ModTime().Sub(ost.ModTime()) > staleAfter {
			os.Remove(o)
		}
	}
}

// globEscape quotes the characters filepath.Match treats specially.
func globEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`).Replace(s)
}

// syncDir makes a rename durable. Some systems cannot sync a folder; the
// file itself is already synced, so that is not an error.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// fileError turns a file system error into a message a person can act on.
// The path is shown cleaned: a name may hold any byte but "/".
func fileError(path string, err error) error {
	path = backend.CleanText(path)
	switch {
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return backend.Errorf(backend.EINVALID, "Bridgelog may not write to %s: choose another folder", path)
	case errors.Is(err, fs.ErrNotExist):
		return backend.Errorf(backend.ENOTFOUND, "%s does not exist: choose another folder", path)
	case errors.Is(err, syscall.ENOTDIR):
		return backend.Errorf(backend.EINVALID, "%s is a file where a folder should be: choose another place or name", path)
	case errors.Is(err, syscall.ENAMETOOLONG):
		return backend.Errorf(backend.EINVALID, "The file name is longer than the disk allows: choose a shorter one")
	case errors.Is(err, syscall.EINVAL):
		return backend.Errorf(backend.EINVALID, "The disk does not accept the name %s: choose another file name", path)
	}
	return backend.Errorf(backend.EINTERNAL, "Could not write %s (%v): check the disk has room and try again", path, err)
}
