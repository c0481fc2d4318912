package main

import (
	_ "embed"
	"os"
	"path/filepath"

	"bridgelog/backend/notify"
)

// windowIcon is the window's icon (on X11 the _NET_WM_ICON a task bar and
// Alt+Tab show); 128 px is what window switchers draw at most, and the window
// carries its pixels for as long as it is open.
//
//go:embed build/icons/hicolor/128x128/apps/bridgelog.png
var windowIcon []byte

// notificationPNG is the icon a notification shows when no package installed one.
//
//go:embed build/icons/hicolor/256x256/apps/bridgelog.png
var notificationPNG []byte

// notificationIcon is the icon the desktop notifications show: the one a
// package installed beside the binary, else the embedded copy written to the
// user's cache folder at the first notification.
func notificationIcon() *notify.Icon {
	icon := &notify.Icon{PNG: notificationPNG}
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		icon.Installed = notify.InstalledIconPaths(exe)
	}
	if cache, err := os.UserCacheDir(); err == nil {
		icon.Dir = filepath.Join(cache, "bridgelog")
	}
	return icon
}
