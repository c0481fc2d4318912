package backend

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CleanText makes typed or pasted text safe to store and show: invalid UTF-8 is
// replaced, control characters other than newline and tab are dropped (they cannot
// be seen and break exports), bidirectional overrides that could disguise text are
// dropped, and Windows line endings become plain newlines.
func CleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return '\n'
		case unicode.IsControl(r):
			return -1
		case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
			return -1
		}
		return r
	}, s)
}
