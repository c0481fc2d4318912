package importer

import (
	"bytes"
	"strings"
	"unicode/utf16"

	"bridgelog/backend"
)

// decodeText turns a text file's bytes into a string: a UTF-8 byte order
// mark is dropped, and a UTF-16 file (marked by its byte order mark, as
// Windows tools write it) is converted. Invalid UTF-8 is left for CleanText.
func decodeText(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return string(data[3:])
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return utf16String(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return utf16String(data[2:], true)
	}
	return string(data)
}

func utf16String(b []byte, bigEndian bool) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return string(utf16.Decode(u))
}

// splitLines splits on every line ending Zoom has been seen to write: CRLF,
// a lone CR (inside multi-line messages of the Mac client) and LF, mixed in
// one file. A final line ending does not start another line.
func splitLines(s string) []string {
	lines := make([]string, 0, strings.Count(s, "\n")+1)
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			lines = append(lines, s[start:i])
			start = i + 1
		case '\r':
			lines = append(lines, s[start:i])
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			start = i + 1
		}
	}
	if start < len(s) {
		lines = append(lines, s[start:])
	}
	return lines
}

// cleanBody makes a message body storable: a vertical tab (Zoom's line break
// inside pasted text) becomes a newline, invisible byte order marks go,
// CleanText drops other control characters, trailing blanks of each line and
// blank lines around the body go. Emoji and inner spacing stay as sent.
func cleanBody(s string) string {
	s = strings.ReplaceAll(s, "\v", "\n")
	s = strings.ReplaceAll(s, "\uFEFF", "")
	s = backend.CleanText(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

// cleanName tidies an author or target name from a header line.
func cleanName(s string) string {
	s = strings.ReplaceAll(s, "\uFEFF", "")
	return strings.Join(strings.Fields(backend.CleanText(s)), " ")
}
