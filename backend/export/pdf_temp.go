package export

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// A PDF is printed in a folder of its own in the temporary folder, named
// for the process that prints it: bridgelog-pdf-<pid>-<random>. It holds the
// incident as HTML and as PDF, so it is private (0700), and an export that
// is killed leaves it behind; the next PDF export and the app's start remove
// such folders once they are old and their process is gone.
const pdfDirPrefix = "bridgelog-pdf-"

// pdfStaleAfter is how old a print folder must be to be taken for a killed
// export's: no print takes this long (pdfTimeout is a minute).
const pdfStaleAfter = 5 * time.Minute

// makePDFDir creates a private print folder in the temporary folder.
func makePDFDir() (string, error) {
	dir, err := os.MkdirTemp("", fmt.Sprintf("%s%d-", pdfDirPrefix, os.Getpid()))
	if err != nil {
		return "", err
	}
	// MkdirTemp asks for 0700 already; say it outright, whatever the umask.
	if err := os.Chmod(dir, 0o700); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	return dir, nil
}

// RemoveStalePDFFolders removes the print folders that killed PDF exports of
// this user left in the temporary folder: those older than a few minutes at
// now whose process is gone. The app calls it when it starts; a PDF export
// does the same on its own. It returns how many it removed.
func RemoveStalePDFFolders(now time.Time) int {
	return removeStalePDFDirs(os.TempDir(), now, "")
}

// removeStalePDFDirs removes the stale print folders in dir but keep.
func removeStalePDFDirs(dir string, now time.Time, keep string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	removed := 0
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(dir, name)
		if !strings.HasPrefix(name, pdfDirPrefix) || path == keep || !e.IsDir() {
			continue
		}
		st, err := os.Lstat(path)
		if err != nil || !st.IsDir() || !ownedByUs(st) || now.Sub(st.ModTime()) < pdfStaleAfter {
			continue
		}
		if pid, ok := pdfDirOwner(name); ok && processRunning(pid) {
			continue
		}
		if os.RemoveAll(path) == nil {
			removed++
		}
	}
	return removed
}

// pdfDirOwner reads the process id in a print folder's name. Folders of
// earlier versions carry none: bridgelog-pdf-<random>.
func pdfDirOwner(name string) (int, bool) {
	pid, rest, ok := strings.Cut(strings.TrimPrefix(name, pdfDirPrefix), "-")
	if !ok || rest == "" {
		return 0, false
	}
	n, err := strconv.Atoi(pid)
	return n, err == nil && n > 0
}
