package app

import (
	"net/url"
	"path/filepath"

	"github.com/pkg/browser"

	"bridgelog/backend"
)

// OpenSaved opens a file this window saved in this run with the desktop's
// default application for it.
func (x *Exports) OpenSaved(path string) error {
	if err := x.checkSaved(path); err != nil {
		return err
	}
	return x.open(filepath.Clean(path))
}

// ShowSaved opens the folder holding a file this window saved in this run,
// in the desktop's file manager.
func (x *Exports) ShowSaved(path string) error {
	if err := x.checkSaved(path); err != nil {
		return err
	}
	return x.open(filepath.Dir(filepath.Clean(path)))
}

// remember adds files just saved to the ones OpenSaved and ShowSaved accept.
func (x *Exports) remember(files []string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.saved == nil {
		x.saved = map[string]bool{}
	}
	for _, f := range files {
		x.saved[filepath.Clean(f)] = true
	}
}

// checkSaved refuses any path this window did not save in this run: the
// window must not become a way to open arbitrary files or programs.
func (x *Exports) checkSaved(path string) error {
	x.mu.Lock()
	ok := path != "" && filepath.IsAbs(path) && x.saved[filepath.Clean(path)]
	x.mu.Unlock()
	if !ok {
		return backend.Errorf(backend.EINVALID, "Bridgelog opens only files it exported in this session, not %q: open it from your file manager", path)
	}
	return nil
}

// open hands a local path to the opener as a file:// URL.
func (x *Exports) open(path string) error {
	u := (&url.URL{Scheme: "file", Path: path}).String()
	opener := x.Open
	if opener == nil {
		opener = browser.OpenURL
	}
	if err := opener(u); err != nil {
		return backend.Errorf(backend.EINTERNAL, "The desktop could not open %s (%v): open it from your file manager", path, err)
	}
	return nil
}
