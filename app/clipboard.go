package app

import (
	"errors"
	"sync"

	"golang.design/x/clipboard"
)

// SystemClipboardImage reads the picture on the system clipboard as PNG, for
// Attachments.Clipboard. golang.design/x/clipboard reads the X11 selection
// (XWayland on Wayland) without going through the web view, which does not
// pass pasted pictures on. It returns nil bytes when the clipboard holds no
// picture.
func SystemClipboardImage() ([]byte, error) {
	clipboardOnce.Do(func() { loadX11(); clipboardErr = clipboard.Init() })
	if clipboardErr != nil {
		return nil, errors.New("no X11 clipboard: " + clipboardErr.Error())
	}
	return clipboard.Read(clipboard.FmtImage), nil
}

var (
	clipboardOnce sync.Once
	clipboardErr  error
)
