package importer

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"

	"bridgelog/backend"
)

// Parse reads a file whatever it is: a Zoom saved chat or recording chat, a
// zipped Slack export, one Slack day file (Options.Channel names its
// channel), or a Bridgelog record. It returns the whole file or an error
// naming the file and, where it can, the line; never part of a file.
func Parse(name string, data []byte, opt Options) (*Result, error) {
	size := int64(len(data))
	if size > max(opt.maxBytes(), opt.maxRecordBytes()) {
		return nil, tooLarge(name, size, max(opt.maxBytes(), opt.maxRecordBytes()), isZip(data))
	}
	format, err := Detect(name, data)
	if err != nil {
		return nil, err
	}
	if format == FormatBridgelog && size > opt.maxRecordBytes() {
		return nil, tooLarge(name, size, opt.maxRecordBytes(), false)
	} else if format != FormatBridgelog && size > opt.maxBytes() {
		return nil, tooLarge(name, size, opt.maxBytes(), isZip(data))
	}
	switch format {
	case FormatZoomChat, FormatZoomRecording:
		heads := 0
		if !utf16Head(data) {
			heads, _ = countHeads(bytes.NewReader(data), opt.maxMessages()+1)
		}
		return parseZoom(name, textReader(bytes.NewReader(data)), format, opt, heads)
	case FormatBridgelog:
		rec, err := ParseRecord(name, data)
		if err != nil {
			return nil, err
		}
		return &Result{Format: FormatBridgelog, Source: "Bridgelog record " + baseName(name), Record: rec}, nil
	}
	if isZip(data) {
		fsys, err := openZip(name, data, opt)
		if err != nil {
			return nil, err
		}
		return parseSlackFS(fsys, baseName(name), opt)
	}
	return parseSlackDayFile(name, data, opt)
}

// ParseFile reads the file or folder a person chose: a folder is a Slack
// export; a file is anything Parse reads. A file over the size limits is
// refused before it is read, and a Zoom chat is read a line at a time, so
// memory holds its messages, not its text as well.
func ParseFile(path string, opt Options) (*Result, error) {
	st, err := statFile(path, opt)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return ParseSlackDir(path, opt)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, errorf(backend.EINVALID, "%s cannot be read (%v): check its permissions", baseName(path), err)
	}
	defer f.Close()
	head, err := readHead(path, f)
	if err != nil {
		return nil, err
	}
	format, err := detectHead(path, head)
	if err == nil && (format == FormatZoomChat || format == FormatZoomRecording) {
		if st.Size() > opt.maxBytes() {
			return nil, tooLarge(path, st.Size(), opt.maxBytes(), false)
		}
		// Two passes: one counts the headers, so that the messages are
		// allocated once, at their size; the other reads them.
		heads := 0
		if !utf16Head(head) {
			all := io.MultiReader(bytes.NewReader(head), io.LimitReader(f, opt.maxBytes()))
			if heads, err = countHeads(all, opt.maxMessages()+1); err != nil {
				return nil, errorf(backend.EINVALID, "%s cannot be read (%v): copy it to a local folder and choose it again", baseName(path), err)
			}
			if _, err := f.Seek(int64(len(head)), io.SeekStart); err != nil {
				return nil, errorf(backend.EINVALID, "%s cannot be read (%v): copy it to a local folder and choose it again", baseName(path), err)
			}
		}
		// Read through a limit: the file may grow after the Stat.
		rest := &io.LimitedReader{R: f, N: opt.maxBytes() + 1 - int64(len(head))}
		res, err := parseZoom(path, textReader(io.MultiReader(bytes.NewReader(head), rest)), format, opt, heads)
		if err == nil && rest.N <= 0 {
			return nil, tooLarge(path, opt.maxBytes()+1, opt.maxBytes(), false)
		}
		return res, err
	}
	data, err := readRest(path, f, head, max(opt.maxBytes(), opt.maxRecordBytes()))
	if err != nil {
		return nil, err
	}
	return Parse(path, data, opt)
}

// DetectFile tells what the file at path is, as Detect does, reading no
// more than its start where that tells: a chat log by its first line, a zip
// by its signature. JSON is read whole (within the limits), since a record
// and a Slack day file differ only inside.
func DetectFile(path string, opt Options) (Format, error) {
	st, err := statFile(path, opt)
	if err != nil {
		return "", err
	}
	if st.IsDir() {
		return FormatSlack, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return "", errorf(backend.EINVALID, "%s cannot be read (%v): check its permissions", baseName(path), err)
	}
	defer f.Close()
	head, err := readHead(path, f)
	if err != nil {
		return "", err
	}
	if format, err := detectHead(path, head); !errors.Is(err, errReadMore) {
		return format, err
	}
	data, err := readRest(path, f, head, max(opt.maxBytes(), opt.maxRecordBytes()))
	if err != nil {
		return "", err
	}
	return Detect(path, data)
}

// statFile checks that path is a folder, or a regular file within the
// limits, before anything opens it.
func statFile(path string, opt Options) (fs.FileInfo, error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errorf(backend.ENOTFOUND, "%s was not found: it may have been moved or deleted; choose it again", baseName(path))
	} else if err != nil {
		return nil, errorf(backend.EINVALID, "%s cannot be read (%v): check its permissions", baseName(path), err)
	}
	if st.IsDir() {
		return st, nil
	}
	// A FIFO would block the open until someone writes to it, and a device
	// such as /dev/zero never ends: only a file is a chat log.
	if !st.Mode().IsRegular() {
		return nil, errorf(backend.EINVALID, "%s is not a file but a %s: choose the chat file itself", baseName(path), fileKind(st.Mode()))
	}
	if limit := max(opt.maxBytes(), opt.maxRecordBytes()); st.Size() > limit {
		return nil, tooLarge(path, st.Size(), limit, strings.HasSuffix(strings.ToLower(path), ".zip"))
	}
	return st, nil
}

// headBytes is how much of a file tells what it is.
const headBytes = 64 << 10

// readHead reads the first headBytes of f, or all of a shorter file.
func readHead(path string, f io.Reader) ([]byte, error) {
	head := make([]byte, headBytes)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return nil, errorf(backend.EINVALID, "%s cannot be read (%v): copy it to a local folder and choose it again", baseName(path), err)
	}
	return head[:n], nil
}

// readRest returns head and the rest of f, at most limit bytes and one more
// (for Parse to refuse).
func readRest(path string, f io.Reader, head []byte, limit int64) ([]byte, error) {
	if len(head) < headBytes {
		return head, nil
	}
	var b bytes.Buffer
	b.Write(head)
	if _, err := b.ReadFrom(io.LimitReader(f, limit+1-int64(len(head)))); err != nil {
		return nil, errorf(backend.EINVALID, "%s cannot be read (%v): copy it to a local folder and choose it again", baseName(path), err)
	}
	return b.Bytes(), nil
}

// utf16Head reports whether a file starts with a UTF-16 byte order mark.
func utf16Head(head []byte) bool {
	return bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF})
}

// errReadMore says the start of a file did not tell what it is.
var errReadMore = errors.New("the start of the file does not tell")

// detectHead is Detect on the first headBytes of a file (all of a shorter
// one). JSON, and a start that is all blank or holds no whole line, need
// more of the file: errReadMore.
func detectHead(name string, head []byte) (Format, error) {
	if len(head) < headBytes {
		return Detect(name, head)
	}
	body := bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n\v\f")
	switch {
	case isZip(head):
		return FormatSlack, nil
	case len(body) == 0, body[0] == '{', body[0] == '[', !bytes.ContainsAny(body, "\r\n"):
		return "", errReadMore
	}
	return Detect(name, head)
}

// fileKind names what a path that is not a regular file is.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

// parseSlackDayFile reads one day of a channel, chosen on its own.
func parseSlackDayFile(name string, data []byte, opt Options) (*Result, error) {
	channel := strings.TrimPrefix(strings.TrimSpace(opt.Channel), "#")
	if channel == "" {
		return nil, errorf(backend.EINVALID, "%s is one day of a Slack channel, and does not say which channel: choose the whole export (its folder or .zip), or name the channel", baseName(name))
	}
	msgs, err := parseSlackDay(baseName(name), data, channel, false, nil)
	if err != nil {
		return nil, err
	}
	if len(msgs) > opt.maxMessages() {
		return nil, tooManySlackMessages(name, channel, opt.maxMessages())
	}
	return &Result{Format: FormatSlack, Source: "Slack #" + channel, Messages: finishSlack(msgs)}, nil
}
