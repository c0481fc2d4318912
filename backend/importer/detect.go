package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"bridgelog/backend"
)

// Detect tells what a file is from its content; the name is only used in
// messages, since people rename files and Zoom's are all ".txt".
func Detect(name string, data []byte) (Format, error) {
	noBOM := bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	trimmed := bytes.TrimSpace(noBOM)
	if len(trimmed) == 0 {
		return "", errorf(backend.EINVALID, "%s is empty: %s", baseName(name), supported)
	}
	if isZip(data) {
		return FormatSlack, nil
	}
	switch trimmed[0] {
	case '{', '[':
		return detectJSON(name, noBOM, trimmed[0])
	}
	if what := binaryKind(data); what != "" {
		return "", errorf(backend.EINVALID, "%s is not a text file (it looks like %s): %s", baseName(name), what, supported)
	}
	no, line := firstLine(decodeText(data))
	if _, ok := parseChatHead(line); ok {
		return FormatZoomChat, nil
	}
	if _, ok := parseRecHead(line); ok {
		return FormatZoomRecording, nil
	}
	if no == 0 {
		return "", errorf(backend.EINVALID, "%s is empty: %s", baseName(name), supported)
	}
	return "", notZoomLine(name, no, line)
}

// firstLine finds the first line that is not blank, without splitting a
// large file into all its lines; no is 0 when there is none.
func firstLine(s string) (no int, line string) {
	for n := 1; s != ""; n++ {
		end := strings.IndexAny(s, "\r\n")
		if end < 0 {
			end = len(s)
		}
		line = strings.TrimPrefix(s[:end], "\uFEFF")
		if strings.TrimSpace(line) != "" {
			return n, line
		}
		s = s[end:]
		if strings.HasPrefix(s, "\r\n") {
			s = s[2:]
		} else if s != "" {
			s = s[1:]
		}
	}
	return 0, ""
}

func isZip(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06"))
}

// binaryKind names a file that is not text, or returns "".
func binaryKind(data []byte) string {
	magic := []struct {
		prefix, what string
	}{
		{"\x89PNG", "a PNG image"}, {"\xFF\xD8\xFF", "a JPEG image"}, {"GIF8", "a GIF image"},
		{"%PDF", "a PDF document"}, {"\x1F\x8B", "a gzip archive"}, {"Rar!", "a RAR archive"},
		{"7z\xBC\xAF", "a 7-Zip archive"}, {"\xD0\xCF\x11\xE0", "an old Office document"},
		{"SQLite format 3\x00", "a SQLite database"},
	}
	for _, m := range magic {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			return m.what
		}
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return "" // UTF-16 text: its zero bytes are half of each character
	}
	head := data[:min(len(data), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return "binary data"
	}
	// Random bytes are mostly invalid UTF-8; a text file has at worst a few
	// stray bytes from another encoding.
	bad := 0
	for len(head) > 0 {
		r, n := utf8.DecodeRune(head)
		if r == utf8.RuneError && n == 1 && len(head) >= utf8.UTFMax {
			bad++
		}
		head = head[n:]
	}
	if bad > 16 && bad*10 > min(len(data), 8192) {
		return "binary data"
	}
	return ""
}

// detectJSON tells a Bridgelog record from a Slack day file from other JSON,
// reading no further than the first element.
func detectJSON(name string, data []byte, open byte) (Format, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if open == '{' {
		var probe struct {
			Format *string `json:"format"`
		}
		if err := dec.Decode(&probe); err != nil {
			return "", jsonError(baseName(name), data, err, fixChosen)
		}
		if probe.Format != nil && *probe.Format == backend.RecordFormat {
			return FormatBridgelog, nil
		}
		return "", errorf(backend.EINVALID, "%s is JSON, but neither a Bridgelog incident record nor a Slack export: %s", baseName(name), supported)
	}
	if _, err := dec.Token(); err != nil {
		return "", jsonError(baseName(name), data, err, fixChosen)
	}
	if !dec.More() {
		return "", errorf(backend.EINVALID, "%s is an empty list: a Slack day file holds messages; %s", baseName(name), supported)
	}
	var first map[string]json.RawMessage
	if err := dec.Decode(&first); err != nil {
		return "", errorf(backend.EINVALID, "%s is JSON, but not a list of Slack messages: %s", baseName(name), supported)
	}
	if _, ok := first["ts"]; ok {
		return FormatSlack, nil
	}
	_, hasID := first["id"]
	_, hasName := first["name"]
	if hasID && hasName {
		return "", errorf(backend.EINVALID, "%s is the channel or user list of a Slack export, not its messages: choose the whole export (its folder or .zip)", baseName(name))
	}
	return "", errorf(backend.EINVALID, "%s is JSON, but neither a Bridgelog incident record nor a Slack export: %s", baseName(name), supported)
}

// jsonError says where a JSON file stops making sense, and what to do: fix
// is the advice after the colon.
func jsonError(file string, data []byte, err error, fix string) error {
	switch e := err.(type) {
	case *json.SyntaxError:
		return errorf(backend.EINVALID, "Line %d of %s is not valid JSON (%v): %s", lineAt(data, e.Offset), file, err, fix)
	case *json.UnmarshalTypeError:
		return errorf(backend.EINVALID, "Line %d of %s: %s: %s", lineAt(data, e.Offset), file, typeProblem(e), fix)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return errorf(backend.EINVALID, "%s ends in the middle of its JSON: %s", file, fix)
	}
	return errorf(backend.EINVALID, "%s is not valid JSON (%v): %s", file, err, fix)
}

// Advice for JSON that does not parse.
const (
	fixChosen = "the file is damaged or cut short; " + supported
	fixSlack  = "the export is damaged or cut short; export it again from Slack"
	fixRecord = "the file is damaged or cut short; export the incident again"
)

// typeProblem says in words which value has the wrong type.
func typeProblem(e *json.UnmarshalTypeError) string {
	field := "a value"
	if e.Field != "" {
		field = strconv.Quote(e.Field[strings.LastIndexByte(e.Field, '.')+1:])
	}
	v := e.Value
	if len(v) > 40 { // "number 99999…": the file's own digits, as many as it has
		v = v[:40] + "…"
	}
	return fmt.Sprintf("%s is %s, not %s", field, jsonKind(v), goKind(e.Type))
}

func jsonKind(v string) string {
	switch v {
	case "array":
		return "a list"
	case "object":
		return "an object"
	case "string":
		return "text"
	case "bool":
		return "true or false"
	}
	return "a " + v
}

func goKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Pointer:
		return goKind(t.Elem())
	}
	return "a number"
}

// lineAt is the 1-based line holding byte offset off.
func lineAt(data []byte, off int64) int {
	off = max(0, min(off, int64(len(data))))
	return bytes.Count(data[:off], []byte("\n")) + 1
}
