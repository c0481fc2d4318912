package notify_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bridgelog/backend/notify"
)

var iconPNG = []byte("\x89PNG\r\n\x1a\n not a real picture, the bytes are what matter")

func TestIconPath(t *testing.T) {
	t.Run("Installed", func(t *testing.T) {
		dir := t.TempDir()
		installed := filepath.Join(dir, "share", "icons", "hicolor", "256x256", "apps", "bridgelog.png")
		if err := os.MkdirAll(filepath.Dir(installed), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(installed, []byte("installed"), 0o644); err != nil {
			t.Fatal(err)
		}
		cache := filepath.Join(dir, "cache")
		icon := &notify.Icon{Installed: notify.InstalledIconPaths(filepath.Join(dir, "bin", "bridgelog")), PNG: iconPNG, Dir: cache}
		if got, want := icon.Path(), installed; got != want {
			t.Errorf("got %q, want the installed icon %q", got, want)
		}
		if _, err := os.Stat(cache); !os.IsNotExist(err) {
			t.Errorf("got %v for the cache folder, want it never made when the icon is installed", err)
		}
	})
	t.Run("WrittenToCache", func(t *testing.T) {
		dir := t.TempDir()
		cache := filepath.Join(dir, "cache", "bridgelog")
		icon := &notify.Icon{Installed: notify.InstalledIconPaths(filepath.Join(dir, "bin", "bridgelog")), PNG: iconPNG, Dir: cache}
		path := icon.Path()
		if got, want := filepath.Dir(path), cache; got != want {
			t.Fatalf("got %q, want a file in %q", path, want)
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, iconPNG) {
			t.Errorf("got %q (%v), want the embedded icon's bytes", got, err)
		}
		if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("got %v (%v), want mode 0600", st.Mode(), err)
		}
		if st, err := os.Stat(cache); err != nil || st.Mode().Perm() != 0o700 {
			t.Errorf("got folder %v (%v), want mode 0700", st.Mode(), err)
		}
		// A second Icon (the next launch) reuses the file, and nothing else is left there.
		again := &notify.Icon{PNG: iconPNG, Dir: cache}
		if got, want := again.Path(), path; got != want {
			t.Errorf("got %q, want the same file %q", got, want)
		}
		entries, _ := os.ReadDir(cache)
		if len(entries) != 1 {
			t.Errorf("got %d files in the cache folder, want 1", len(entries))
		}
	})
	t.Run("NewIconNewFile", func(t *testing.T) {
		cache := t.TempDir()
		old := (&notify.Icon{PNG: iconPNG, Dir: cache}).Path()
		newer := (&notify.Icon{PNG: append([]byte{}, append(iconPNG, '2')...), Dir: cache}).Path()
		if old == newer || old == "" || newer == "" {
			t.Errorf("got %q and %q, want two different files for two different icons", old, newer)
		}
	})
	t.Run("UnwritableCacheMeansDefault", func(t *testing.T) {
		dir := t.TempDir()
		// A file where the folder should be: nothing can be written under it.
		blocker := filepath.Join(dir, "cache")
		if err := os.WriteFile(blocker, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		icon := &notify.Icon{PNG: iconPNG, Dir: filepath.Join(blocker, "bridgelog")}
		if got := icon.Path(); got != "" {
			t.Errorf("got %q, want \"\" (the service's default icon)", got)
		}
	})
	t.Run("NilIsDefault", func(t *testing.T) {
		var icon *notify.Icon
		if got := icon.Path(); got != "" {
			t.Errorf("got %q, want \"\"", got)
		}
	})
	t.Run("InstalledIconPathsBesideBin", func(t *testing.T) {
		paths := notify.InstalledIconPaths("/usr/bin/bridgelog")
		if got, want := filepath.ToSlash(paths[0]), "/usr/share/icons/hicolor/256x256/apps/bridgelog.png"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		if !strings.HasSuffix(filepath.ToSlash(paths[len(paths)-1]), "/usr/bin/bridgelog.png") {
			t.Errorf("got %q, want the icon beside the binary last", paths[len(paths)-1])
		}
	})
}
