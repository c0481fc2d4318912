package export_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bridgelog/backend"
	"bridgelog/backend/export"
)

// A name the disk refuses, or a file where the attachments folder goes, is
// the person's to change: a clear refusal, with the name shown as text.
func TestWriteFile_BadNames(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, file  string
		blockAssets bool
		says        string
	}{
		{"ErrNUL", "t\x00.md", false, "does not accept the name"},
		{"ErrNameTooLong", strings.Repeat("n", 5000) + ".md", false, "longer than the disk allows"},
		{"ErrAssetsFolderIsAFile", "t.md", true, "is a file where a folder should be"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.blockAssets {
				if err := os.WriteFile(filepath.Join(dir, "t-assets"), []byte("x"), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			_, err := export.WriteFile(ctx, filepath.Join(dir, tc.file), fixtureReport(), export.Options{Format: export.FormatMarkdown, Now: fixedNow})
			if got, want := backend.ErrorCode(err), backend.EINVALID; got != want {
				t.Fatalf("got %v (%s), want code %s", err, got, want)
			}
			msg := backend.ErrorMessage(err)
			if !strings.Contains(msg, tc.says) || strings.ContainsRune(msg, 0) {
				t.Errorf("got message %q, want it to say %q, without NUL", msg, tc.says)
			}
			want := 0
			if tc.blockAssets {
				want = 1
			}
			if got := listDir(t, dir); len(got) != want {
				t.Errorf("got %q in the folder, want nothing written", got)
			}
		})
	}
}

// A format name from a caller is quoted short, whatever its length.
func TestValidate_LongFormat(t *testing.T) {
	err := export.Options{Format: export.Format(strings.Repeat("x", 1<<20))}.Validate()
	if got, want := backend.ErrorCode(err), backend.EINVALID; got != want {
		t.Fatalf("got %v (%s), want code %s", err, got, want)
	}
	if msg := backend.ErrorMessage(err); len(msg) > 200 || !strings.Contains(msg, "use md, html") {
		t.Errorf("got a message of %d bytes (%.80q), want a short one listing the formats", len(msg), msg)
	}
}
