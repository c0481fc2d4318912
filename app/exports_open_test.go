package app_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"bridgelog/app"
	"bridgelog/backend"
)

func TestExports_OpenSaved(t *testing.T) {
	// saved is a window that saved one JSON export, with an opener that
	// records the URLs it is handed.
	saved := func(t *testing.T) (*app.Exports, string, *[]string) {
		t.Helper()
		r := mustRecs(t)
		var opened []string
		r.exports.Open = func(u string) error { opened = append(opened, u); return nil }
		path := filepath.Join(t.TempDir(), "my incident.json")
		if _, err := r.exports.Save(app.ExportRequest{IncidentID: r.inc.ID, Format: "json"}, path); err != nil {
			t.Fatal(err)
		}
		return r.exports, path, &opened
	}
	t.Run("Open", func(t *testing.T) {
		x, path, opened := saved(t)
		if err := x.OpenSaved(path); err != nil {
			t.Fatal(err)
		}
		if want := "file://" + filepath.Dir(path) + "/my%20incident.json"; len(*opened) != 1 || (*opened)[0] != want {
			t.Errorf("got %q, want [%q]", *opened, want)
		}
	})
	t.Run("Show", func(t *testing.T) {
		x, path, opened := saved(t)
		if err := x.ShowSaved(path); err != nil {
			t.Fatal(err)
		}
		if want := "file://" + filepath.Dir(path); len(*opened) != 1 || (*opened)[0] != want {
			t.Errorf("got %q, want [%q]", *opened, want)
		}
	})
	for _, tc := range []struct{ name, path string }{
		{"ErrUnknown", "/etc/passwd"},
		{"ErrEmpty", ""},
		{"ErrRelative", "my incident.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x, _, opened := saved(t)
			wantCode(t, x.OpenSaved(tc.path), backend.EINVALID)
			wantCode(t, x.ShowSaved(tc.path), backend.EINVALID)
			if len(*opened) != 0 {
				t.Errorf("got %q opened, want nothing", *opened)
			}
		})
	}
	t.Run("ErrRefusedSave", func(t *testing.T) {
		// A save that was refused does not make its path one the window opens.
		x, path, opened := saved(t)
		other := filepath.Join(filepath.Dir(path), "other.json")
		if _, err := x.Save(app.ExportRequest{IncidentID: 999, Format: "json"}, other); err == nil {
			t.Fatal("got the save done, want it refused")
		}
		wantCode(t, x.OpenSaved(other), backend.EINVALID)
		if len(*opened) != 0 {
			t.Errorf("got %q opened, want nothing", *opened)
		}
	})
	t.Run("ErrOpener", func(t *testing.T) {
		x, path, _ := saved(t)
		x.Open = func(string) error { return errors.New("no desktop") }
		wantCode(t, x.OpenSaved(path), backend.EINTERNAL)
	})
}

func TestExports_ChoosePathNoDocuments(t *testing.T) {
	// With no ~/Documents yet, the save dialog still opens in the default
	// folder: both levels are made (0700), not the home folder shown instead.
	r := mustRecs(t)
	home := t.TempDir()
	r.exports.Service.Home = func() (string, error) { return home, nil }
	if _, err := r.exports.ChoosePath(app.ExportRequest{IncidentID: r.inc.ID, Format: "html"}); err != nil {
		t.Fatal(err)
	}
	if got, want := r.dialogs.dir, filepath.Join(home, "Documents", "Bridgelog"); got != want {
		t.Errorf("got the dialog in %q, want %q", got, want)
	}
	for _, dir := range []string{filepath.Join(home, "Documents"), filepath.Join(home, "Documents", "Bridgelog")} {
		if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 {
			t.Errorf("got %v, %v for %s, want it made with mode 0700", st, err, dir)
		}
	}
}
