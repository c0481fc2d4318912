package export_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/export"
)

// fileMode returns a file's permission bits, failing the test if it is missing.
func fileMode(t *testing.T, path string) os.FileMode {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode().Perm()
}

// listDir returns the names in dir, sorted.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	list, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFile(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "EU logins.md")
		files, err := export.WriteFile(ctx, path, fixtureReport(), export.Options{Format: export.FormatMarkdown, Now: fixedNow})
		if err != nil {
			t.Fatal(err)
		}
		asset := filepath.Join(dir, "EU logins-assets", "error-rate.png")
		if want := []string{path, asset}; !slices.Equal(files, want) {
			t.Fatalf("got files %q, want %q", files, want)
		}
		for _, f := range files {
			if got, want := fileMode(t, f), os.FileMode(0o600); got != want {
				t.Fatalf("got mode %v for %s, want %v", got, f, want)
			}
		}
		if data, _ := os.ReadFile(asset); !bytes.Equal(data, tinyPNG) {
			t.Fatal("got different bytes in the written attachment")
		}
		md, _ := os.ReadFile(path)
		if !bytes.Contains(md, []byte("![error-rate.png](EU%20logins-assets/error-rate.png)")) {
			t.Fatalf("got no link to the attachment in:\n%s", md)
		}
		if got, want := listDir(t, dir), []string{"EU logins-assets", "EU logins.md"}; !slices.Equal(got, want) {
			t.Fatalf("got %q in the folder, want %q (no temporary files)", got, want)
		}
	})
	t.Run("Replace", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "t.csv")
		if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		files, err := export.WriteFile(ctx, path, fixtureReport(), export.Options{Format: export.FormatCSV})
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{path}; !slices.Equal(files, want) {
			t.Fatalf("got files %q, want %q", files, want)
		}
		if data, _ := os.ReadFile(path); !bytes.HasPrefix(data, []byte("time_utc,")) {
			t.Fatalf("got %q, want the CSV export", data)
		}
		if got, want := fileMode(t, path), os.FileMode(0o600); got != want {
			t.Fatalf("got mode %v, want %v", got, want)
		}
	})
	t.Run("NoAttachmentsInScope", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "t.md")
		files, err := export.WriteFile(ctx, path, fixtureReport(),
			export.Options{Format: export.FormatMarkdown, From: at("22:40")})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := listDir(t, dir), []string{"t.md"}; !slices.Equal(files, []string{path}) || !slices.Equal(got, want) {
			t.Fatalf("got files %q and %q in the folder, want only the Markdown", files, got)
		}
	})
	t.Run("ErrFailedKeepsOld", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "status.txt")
		if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := export.WriteFile(ctx, path, fixtureReport(), export.Options{Format: export.FormatChat, Status: 999})
		if got, want := backend.ErrorCode(err), backend.ENOTFOUND; got != want {
			t.Fatalf("got %v (%s), want code %s", err, got, want)
		}
		if data, _ := os.ReadFile(path); string(data) != "old" {
			t.Fatalf("got %q, want the old file untouched", data)
		}
		if got, want := listDir(t, dir), []string{"status.txt"}; !slices.Equal(got, want) {
			t.Fatalf("got %q in the folder, want %q (no temporary files)", got, want)
		}
	})
	t.Run("ErrNoFolder", func(t *testing.T) {
		dir := t.TempDir()
		_, err := export.WriteFile(ctx, filepath.Join(dir, "gone", "t.md"), fixtureReport(), export.Options{Format: export.FormatMarkdown})
		if got, want := backend.ErrorCode(err), backend.ENOTFOUND; got != want {
			t.Fatalf("got %v (%s), want code %s", err, got, want)
		}
		if !strings.Contains(backend.ErrorMessage(err), "gone") {
			t.Fatalf("got message %q, want it to name the folder", backend.ErrorMessage(err))
		}
		if got := listDir(t, dir); len(got) != 0 {
			t.Fatalf("got %q created", got)
		}
	})
	t.Run("ErrIsFolder", func(t *testing.T) {
		_, err := export.WriteFile(ctx, t.TempDir(), fixtureReport(), export.Options{Format: export.FormatCSV})
		if got, want := backend.ErrorCode(err), backend.EINVALID; got != want {
			t.Fatalf("got %v (%s), want code %s", err, got, want)
		}
	})
	t.Run("ErrReadOnlyFolder", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root may write anywhere")
		}
		dir := t.TempDir()
		if err := os.Chmod(dir, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
		_, err := export.WriteFile(ctx, filepath.Join(dir, "t.csv"), fixtureReport(), export.Options{Format: export.FormatCSV})
		if got, want := backend.ErrorCode(err), backend.EINVALID; got != want {
			t.Fatalf("got %v (%s), want code %s", err, got, want)
		}
	})
	t.Run("AssetNames", func(t *testing.T) {
		rep := notesReport("a", "b", "c", "d", "e")
		names := []string{"../../etc/passwd", "Shot.PNG", "shot.png", "CON.txt", "  .hidden?<>.log"}
		rep.Attachments = map[int64]backend.Attachment{}
		for i, e := range rep.Entries {
			a := backend.Attachment{ID: int64(i + 1), EntryID: e.ID, Name: names[i], MIME: "application/octet-stream"}
			rep.Attachments[e.ID] = a
		}
		rep.AttachmentData = func(_ context.Context, id int64) ([]byte, error) { return []byte{byte(id)}, nil }
		dir := t.TempDir()
		files, err := export.WriteFile(ctx, filepath.Join(dir, "t.md"), rep, export.Options{Format: export.FormatMarkdown})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range files[1:] {
			if filepath.Dir(f) != filepath.Join(dir, "t-assets") {
				t.Fatalf("got %s outside the assets folder", f)
			}
			got = append(got, filepath.Base(f))
		}
		want := []string{"passwd", "Shot.PNG", "shot-2.png", "file-CON.txt", "hidden.log"}
		if !slices.Equal(got, want) {
			t.Fatalf("got names %q, want %q", got, want)
		}
		md, _ := os.ReadFile(files[0])
		for _, name := range want {
			if !bytes.Contains(md, []byte("(t-assets/"+name+")")) {
				t.Fatalf("got no link to %s in:\n%s", name, md)
			}
		}
	})
}

func TestWriteFileRemovesStaleTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "timeline[1].csv")
	stale := filepath.Join(dir, ".timeline[1].csv.123.tmp")
	recent := filepath.Join(dir, ".timeline[1].csv.456.tmp")
	other := filepath.Join(dir, ".other.csv.789.tmp")
	for _, p := range []string{stale, recent, other} {
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-time.Hour)
	for _, p := range []string{stale, other} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := export.WriteFile(context.Background(), path, fixtureReport(), export.Options{Format: export.FormatCSV, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{stale: false, recent: true, other: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Fatalf("got %s present=%v, want %v", filepath.Base(p), err == nil, want)
		}
	}
}
