package importer

import (
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
		return parseZoom(name, decodeText(data), format, opt)
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
// refused before it is read.
func ParseFile(path string, opt Options) (*Result, error) {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errorf(backend.ENOTFOUND, "%s was not found: it may have been moved or deleted; choose it again", baseName(path))
	} else if err != nil {
		return nil, errorf(backend.EINVALID, "%s cannot be read (%v): check its permissions", baseName(path), err)
	}
	if st.IsDir() {
		return ParseSlackDir(path, opt)
	}
	// A FIFO would block the open until someone writes to it, and a device
	// such as /dev/zero never ends: only a file is a chat log.
	if !st.Mode().IsRegular() {
		return nil, errorf(backend.EINVALID, "%s is not a file but a %s: choose the chat file itself", baseName(path), fileKind(st.Mode()))
	}
	limit := max(opt.maxBytes(), opt.maxRecordBytes())
	if st.Size() > limit {
		return nil, tooLarge(path, st.Size(), limit, strings.HasSuffix(strings.ToLower(path), ".zip"))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, errorf(backend.EINVALID, "%s cannot be read (%v): check its permissions", baseName(path), err)
	}
	defer f.Close()
	// Read through a limit: the file may grow after the Stat.
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, errorf(backend.EINVALID, "%s cannot be read (%v): copy it to a local folder and choose it again", baseName(path), err)
	}
	return Parse(path, data, opt)
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
	return &Result{Format: FormatSlack, Source: "Slack #" + channel, Messages: finishSlack(msgs)}, nil
}
