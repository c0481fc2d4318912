package export

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// Leftovers notes, in a small file of Bridgelog's own, the temporary files
// exports are writing beside their targets, so that the ones an export left
// when it was killed are removed at the next start: otherwise they would
// stay until the same file was exported again. A nil *Leftovers notes
// nothing. Failing to note is never a reason to fail an export.
type Leftovers struct {
	// Path is the notes file, one temporary file's path a line.
	Path string
	mu   sync.Mutex
}

// tempName is the name writeAtomic gives a temporary file: ".<name>.<digits>.tmp".
var tempName = regexp.MustCompile(`^\..+\.[0-9]+\.tmp$`)

func (l *Leftovers) add(tmp string) {
	if l == nil || l.Path == "" {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(l.Path), 0o700); err != nil {
		return
	}
	f, err := os.OpenFile(l.Path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return
	}
	defer f.Close()
	if _, err := fmt.Fprintln(f, tmp); err == nil {
		f.Sync() // noted before the temporary file takes disk space
	}
}

func (l *Leftovers) done(tmp string) {
	if l == nil || l.Path == "" {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	list := l.read()
	if i := slices.Index(list, tmp); i >= 0 {
		l.write(slices.Delete(list, i, i+1))
	}
}

// read returns the noted paths; a missing file notes none.
func (l *Leftovers) read() []string {
	b, err := os.ReadFile(l.Path)
	if err != nil {
		return nil
	}
	var list []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" {
			list = append(list, s)
		}
	}
	return list
}

func (l *Leftovers) write(list []string) {
	if len(list) == 0 {
		os.Remove(l.Path)
		return
	}
	tmp := l.Path + ".new"
	if err := os.WriteFile(tmp, []byte(strings.Join(list, "\n")+"\n"), 0o600); err == nil {
		os.Rename(tmp, l.Path)
	}
}

// Clean removes the temporary files noted and still there, and forgets the
// notes; call it at start, before any export runs. Only regular files named
// as an export's temporary files are removed, whatever the notes say, so a
// tampered notes file cannot delete anything else. It returns what it removed.
func (l *Leftovers) Clean() ([]string, error) {
	if l == nil || l.Path == "" {
		return nil, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	var removed []string
	var errs []error
	for _, p := range l.read() {
		st, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) || err == nil && (!st.Mode().IsRegular() || !tempName.MatchString(filepath.Base(p))) {
			continue
		} else if err != nil {
			errs = append(errs, err)
			continue
		}
		if err := os.Remove(p); err != nil {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, p)
	}
	l.write(nil)
	return removed, errors.Join(errs...)
}
