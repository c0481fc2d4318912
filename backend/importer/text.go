package importer

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

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

// textReader is decodeText for a stream: the file's text as UTF-8, read as
// it is needed rather than copied whole.
func textReader(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		_, _ = br.Discard(2)
		return &utf16Reader{r: br}
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		_, _ = br.Discard(2)
		return &utf16Reader{r: br, bigEndian: true}
	}
	return br
}

// utf16Reader converts UTF-16 to UTF-8 as it is read, exactly as
// utf16String does: an unpaired surrogate becomes U+FFFD, and an odd last
// byte is dropped.
type utf16Reader struct {
	r         *bufio.Reader
	bigEndian bool
	out       []byte // converted, not yet read
	high      rune   // a high surrogate waiting for its pair, or 0
	eof       bool
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.out) == 0 {
		if u.eof {
			return 0, io.EOF
		}
		if err := u.fill(); err != nil {
			return 0, err
		}
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}

// fill converts up to 4 KB of the input.
func (u *utf16Reader) fill() error {
	buf := u.out[:0]
	var pair [2]byte
	for len(buf) < 4096 {
		if _, err := io.ReadFull(u.r, pair[:]); err != nil {
			if err != io.EOF && err != io.ErrUnexpectedEOF {
				return err
			}
			if u.high != 0 {
				buf = utf8.AppendRune(buf, utf8.RuneError)
				u.high = 0
			}
			u.eof = true
			break
		}
		r := rune(pair[1])<<8 | rune(pair[0])
		if u.bigEndian {
			r = rune(pair[0])<<8 | rune(pair[1])
		}
		if u.high != 0 {
			if c := utf16.DecodeRune(u.high, r); c != utf8.RuneError {
				buf = utf8.AppendRune(buf, c)
				u.high = 0
				continue
			}
			buf = utf8.AppendRune(buf, utf8.RuneError)
			u.high = 0
		}
		switch {
		case utf16.IsSurrogate(r) && r < 0xDC00:
			u.high = r
		case utf16.IsSurrogate(r):
			buf = utf8.AppendRune(buf, utf8.RuneError)
		default:
			buf = utf8.AppendRune(buf, r)
		}
	}
	u.out = buf
	return nil
}

// scanLines is a bufio.SplitFunc for every line ending Zoom has been seen to
// write: CRLF, a lone CR (inside multi-line messages of the Mac client) and
// LF, mixed in one file. A final line ending does not start another line.
func scanLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	i := bytes.IndexAny(data, "\r\n")
	switch {
	case i < 0 && atEOF && len(data) > 0:
		return len(data), data, nil
	case i < 0:
		return 0, nil, nil
	case data[i] == '\n':
		return i + 1, data[:i], nil
	case i+1 < len(data) && data[i+1] == '\n':
		return i + 2, data[:i], nil
	case i+1 < len(data) || atEOF:
		return i + 1, data[:i], nil
	}
	return 0, nil, nil // a CR at the end of what was read: a LF may follow
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
