package export_test

import (
	"os"
	"path/filepath"
	"testing"

	"bridgelog/backend/export"
)

// The temporary files a killed export left beside its target are removed by
// the next start's Clean, and nothing else is, whatever the notes say.
func TestLeftovers_Clean(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(t.TempDir(), "exports-in-progress")
	left := filepath.Join(dir, ".incident.pdf.123456.tmp") // a killed export's
	other := filepath.Join(dir, "incident.pdf")            // a finished export
	link := filepath.Join(dir, ".link.pdf.42.tmp")         // a link named like a temp file
	for _, f := range []string{left, other} {
		if err := os.WriteFile(f, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(other, link); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(notes, []byte(left+"\n"+other+"\n"+link+"\n"+filepath.Join(dir, ".gone.md.7.tmp")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	removed, err := (&export.Leftovers{Path: notes}).Clean()
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 1 || removed[0] != left {
		t.Errorf("got %q removed, want only %s", removed, left)
	}
	if _, err := os.Stat(left); !os.IsNotExist(err) {
		t.Errorf("the killed export's temporary file is still there (%v)", err)
	}
	for _, f := range []string{other, link} {
		if _, err := os.Lstat(f); err != nil {
			t.Errorf("%s: %v, want it kept", f, err)
		}
	}
	if _, err := os.Stat(notes); !os.IsNotExist(err) {
		t.Errorf("the notes are still there after Clean (%v)", err)
	}
}
