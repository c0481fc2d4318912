package app

import (
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"bridgelog/backend"
)

// FileFilter narrows a file dialog to some kinds of file.
type FileFilter struct {
	Label   string // "Markdown (*.md)"
	Pattern string // "*.md;*.markdown"
}

// Dialogs shows the native file choosers. *App is the real one (through the
// Wails runtime, like the events in events.go); tests supply their own. Both
// return "" when the person cancels.
type Dialogs interface {
	SaveFile(title, dir, name string, filters []FileFilter) (string, error)
	OpenFile(title, dir string, filters []FileFilter) (string, error)
}

// SaveFile shows the native save dialog in dir, prefilled with name.
func (a *App) SaveFile(title, dir, name string, filters []FileFilter) (string, error) {
	ctx := a.runtimeCtx()
	if ctx == nil {
		return "", errNoWindow
	}
	return runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{
		Title: title, DefaultDirectory: dir, DefaultFilename: name,
		Filters: runtimeFilters(filters), CanCreateDirectories: true,
	})
}

// OpenFile shows the native open dialog in dir.
func (a *App) OpenFile(title, dir string, filters []FileFilter) (string, error) {
	ctx := a.runtimeCtx()
	if ctx == nil {
		return "", errNoWindow
	}
	return runtime.OpenFileDialog(ctx, runtime.OpenDialogOptions{
		Title: title, DefaultDirectory: dir, Filters: runtimeFilters(filters),
	})
}

var errNoWindow = backend.Errorf(backend.EINTERNAL, "The window is not ready for a file dialog yet: try again in a moment")

func runtimeFilters(fs []FileFilter) []runtime.FileFilter {
	out := make([]runtime.FileFilter, 0, len(fs))
	for _, f := range fs {
		out = append(out, runtime.FileFilter{DisplayName: f.Label, Pattern: f.Pattern})
	}
	return out
}
