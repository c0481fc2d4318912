package backend

import "strings"

// ShownPath is a path as a message quotes it: one clean line, not too long.
// A file name can hold control characters and line breaks; a message must
// not, and a very long path would push what to do off the screen.
func ShownPath(path string) string {
	p := strings.Join(strings.Fields(CleanText(path)), " ")
	if r := []rune(p); len(r) > 120 {
		p = string(r[:60]) + "…" + string(r[len(r)-59:])
	}
	return p
}
