package importer

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"bridgelog/backend"
)

// Reading the file an import names: only folders and regular files, within
// a size limit, with errors a person can act on.

// startsWithBrace reports whether a file's first non-blank byte is "{", as
// in a JSON record: only then is a file past the chat limit worth reading.
func startsWithBrace(path string) bool {
	if _, err := statImport(path); err != nil {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 512)
	n, _ := io.ReadFull(f, head)
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head[:n], []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	return len(trimmed) > 0 && trimmed[0] == '{'
}

// readImportFile reads a file of at most max bytes.
func readImportFile(path string, max int) ([]byte, error) {
	path = strings.TrimSpace(path)
	if _, err := statImport(path); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	defer f.Close()
	tooLarge := backend.Errorf(backend.ETOOLARGE,
		"%s is larger than %d MiB, more than any chat log or incident record: choose another file", filepath.Base(path), max>>20)
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, backend.Errorf(backend.EINVALID, "%s is a folder: choose the incident record file (.json)", path)
	} else if err == nil && st.Size() > int64(max) {
		return nil, tooLarge
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(max)+1))
	if err != nil {
		return nil, fileError(path, err)
	}
	if len(data) > max {
		return nil, tooLarge
	}
	return data, nil
}

func fileError(path string, err error) error {
	shown := backend.ShownPath(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return backend.Errorf(backend.ENOTFOUND, "There is no file %s: choose the file again", shown)
	case errors.Is(err, os.ErrPermission):
		return backend.Errorf(backend.EINVALID, "Bridgelog may not read %s: check the file's permissions", shown)
	}
	return backend.Errorf(backend.EINVALID, "Bridgelog cannot read %s: choose another file", shown)
}

// statImport checks that path is a folder or a regular file before anything
// opens it: opening a pipe would wait for a writer forever, and a device
// such as /dev/zero never ends.
func statImport(path string) (os.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	if !st.IsDir() && !st.Mode().IsRegular() {
		return nil, backend.Errorf(backend.EINVALID,
			"%s is not a file Bridgelog can read (a pipe, socket or device): choose the chat file or export itself", backend.ShownPath(path))
	}
	return st, nil
}
