package notify

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sync"
)

// Icon is the picture a notification shows beside its text: a PNG file,
// because that is what every notification service takes (the freedesktop
// service reads the path, Windows' toast needs a file). A package installs
// the icon; a binary run from where it was built has only its embedded copy,
// which goes to the user's cache folder on the first notification.
type Icon struct {
	// Installed lists the files a package may have put the icon in; the
	// first that exists is used as it is.
	Installed []string
	// PNG is the icon itself, written to Dir when none is installed.
	PNG []byte
	// Dir is where PNG is written: Bridgelog's folder in the user's cache.
	Dir string

	once sync.Once
	path string
}

// InstalledIconPaths is where a package installed Bridgelog's notification
// icon relative to the binary exe: the freedesktop icon theme beside bin/
// (/usr/bin/bridgelog finds /usr/share/icons/...), or beside the binary
// itself (a Windows install folder).
func InstalledIconPaths(exe string) []string {
	dir := filepath.Dir(exe)
	return []string{
		filepath.Join(dir, "..", "share", "icons", "hicolor", "256x256", "apps", "bridgelog.png"),
		filepath.Join(dir, "bridgelog.png"),
	}
}

// Path returns the icon's file, or "" for the notification service's own
// default when there is none and none could be written. It looks once: a
// notification never waits on the disk twice.
func (i *Icon) Path() string {
	if i == nil {
		return ""
	}
	i.once.Do(func() { i.path = i.find() })
	return i.path
}

func (i *Icon) find() string {
	for _, p := range i.Installed {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return filepath.Clean(p)
		}
	}
	if len(i.PNG) == 0 || i.Dir == "" {
		return ""
	}
	// Named by content, so a newer build's icon never shows an older one's
	// file, and a file already there with the same bytes is used as it is.
	sum := sha256.Sum256(i.PNG)
	path := filepath.Join(i.Dir, "icon-"+hex.EncodeToString(sum[:6])+".png")
	if got, err := os.ReadFile(path); err == nil && bytes.Equal(got, i.PNG) {
		return path
	}
	if err := os.MkdirAll(i.Dir, 0o700); err != nil {
		return ""
	}
	// Written under a temporary name and renamed, so a notification service
	// never reads half a file.
	tmp, err := os.CreateTemp(i.Dir, ".icon-*.png")
	if err != nil {
		return ""
	}
	_, werr := tmp.Write(i.PNG)
	if cerr := tmp.Close(); werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return ""
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return ""
	}
	return path
}
