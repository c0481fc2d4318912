package export_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"bridgelog/backend/export"
)

// fakeChromium is a stand-in for Chromium on PATH: it writes a small PDF
// where --print-to-pdf says, and notes in $FAKE_CHROMIUM_LOG its arguments,
// the mode of the folder it runs in and its network namespace.
const fakeChromium = `#!/bin/sh
log=$FAKE_CHROMIUM_LOG
printf '%s\n' "$@" >"$log/args"
stat -c %a "$PWD" >"$log/mode"
readlink /proc/self/ns/net >"$log/netns"
ls -d "$TMPDIR"/bridgelog-pdf-* >"$log/folders" 2>/dev/null
for a in "$@"; do
  case $a in --print-to-pdf=*) printf '%%PDF-1.4\n%%fake\n' >"${a#--print-to-pdf=}" ;; esac
done
`

// withFakeChromium puts the stand-in first on PATH, points TMPDIR at a
// folder of the test's and returns that folder and the log folder.
func withFakeChromium(t *testing.T) (tmp, log string) {
	t.Helper()
	bin, tmp, log := t.TempDir(), t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "chromium"), []byte(fakeChromium), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("TMPDIR", tmp)
	t.Setenv("FAKE_CHROMIUM_LOG", log)
	return tmp, log
}

// deadPID is the id of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// leave makes a print folder as a killed export leaves it, age old.
func leave(t *testing.T, dir, name string, age time.Duration) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Join(p, "profile"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(p, "incident.html"), []byte("<p>secret</p>"), 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-age)
	if err := os.Chtimes(p, old, old); err != nil {
		t.Fatal(err)
	}
	return p
}

func exists(p string) bool { _, err := os.Lstat(p); return err == nil }

func TestRemoveStalePDFFolders(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dead := deadPID(t)
	killed := leave(t, tmp, fmt.Sprintf("bridgelog-pdf-%d-123", dead), time.Hour)
	legacy := leave(t, tmp, "bridgelog-pdf-4084331234", time.Hour)
	inUse := leave(t, tmp, fmt.Sprintf("bridgelog-pdf-%d-456", os.Getpid()), time.Hour)
	fresh := leave(t, tmp, fmt.Sprintf("bridgelog-pdf-%d-789", dead), time.Minute)
	other := leave(t, tmp, "bridgelog-db-1", time.Hour)
	file := filepath.Join(tmp, fmt.Sprintf("bridgelog-pdf-%d-9", dead))
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}

	if got, want := export.RemoveStalePDFFolders(time.Now()), 2; got != want {
		t.Errorf("got %d removed, want %d", got, want)
	}
	for _, tc := range []struct {
		name, path string
		kept       bool
	}{
		{"KilledExportOfAGoneProcess", killed, false},
		{"EarlierVersionsFolder", legacy, false},
		{"OldButItsProcessRuns", inUse, true},
		{"Fresh", fresh, true},
		{"NotAPrintFolder", other, true},
		{"AFileNotAFolder", file, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := exists(tc.path); got != tc.kept {
				t.Errorf("got kept %v, want %v for %s", got, tc.kept, filepath.Base(tc.path))
			}
		})
	}
}

func TestPDFPrintFolder(t *testing.T) {
	tmp, log := withFakeChromium(t)
	killed := leave(t, tmp, fmt.Sprintf("bridgelog-pdf-%d-1", deadPID(t)), time.Hour)
	inUse := leave(t, tmp, fmt.Sprintf("bridgelog-pdf-%d-2", os.Getpid()), time.Hour)
	var b bytes.Buffer
	if err := export.Write(context.Background(), &b, fixtureReport(), export.Options{Format: export.FormatPDF, Now: fixedNow}); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(log, name))
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(string(data))
	}
	t.Run("OK", func(t *testing.T) {
		if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
			t.Errorf("got %q, want the PDF Chromium wrote", b.String())
		}
	})
	t.Run("Private", func(t *testing.T) {
		if got, want := read("mode"), "700"; got != want {
			t.Errorf("got the print folder's mode %s, want %s", got, want)
		}
	})
	t.Run("StaleFolderRemovedBeforePrinting", func(t *testing.T) {
		during := strings.Fields(read("folders"))
		if slices.Contains(during, killed) || exists(killed) {
			t.Errorf("got %s still there while printing (%v), want it removed", filepath.Base(killed), during)
		}
		if !exists(inUse) {
			t.Errorf("got %s removed, want the folder of a running process kept", filepath.Base(inUse))
		}
	})
	t.Run("OwnFolderRemoved", func(t *testing.T) {
		left, _ := filepath.Glob(filepath.Join(tmp, "bridgelog-pdf-*"))
		if !slices.Equal(left, []string{inUse}) {
			t.Errorf("got %v left, want only %s", left, inUse)
		}
	})
	t.Run("NoRequestsOfItsOwn", func(t *testing.T) {
		args := strings.Split(read("args"), "\n")
		for _, want := range []string{
			"--host-resolver-rules=MAP * ~NOTFOUND",
			"--disable-background-networking",
		} {
			if !slices.Contains(args, want) {
				t.Errorf("got no %s in %q", want, args)
			}
		}
		for _, prefix := range []string{"--disable-features=NetworkTimeServiceQuerying", "--component-updater=url-source=file://", "--gaia-config-contents="} {
			if !slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, prefix) }) {
				t.Errorf("got no %s... in %q", prefix, args)
			}
		}
	})
	t.Run("OwnNetworkNamespace", func(t *testing.T) {
		if err := exec.Command("unshare", "--user", "--map-current-user", "--net", "true").Run(); err != nil {
			t.Skipf("this system gives no user and network namespaces (%v): Chromium runs without one", err)
		}
		ours, err := os.Readlink("/proc/self/ns/net")
		if err != nil {
			t.Skip("no /proc/self/ns/net here")
		}
		if got := read("netns"); got == "" || got == ours {
			t.Errorf("got Chromium in network namespace %q, want one of its own (ours is %s)", got, ours)
		}
	})
}
