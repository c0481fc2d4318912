package backend

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A role change names the person who takes the role. Scribes also write
// sentences after a role prefix ("ic: At 23:11 UTC the incident coordinator
// joined"); taking such a sentence as a person would list it among the
// responders and end the real holder's stretch. A name is therefore:
//   - one line of at most maxNameWords words and maxNameChars characters;
//   - starting with a letter or "@" (a handle: "@lena");
//   - without a clock time ("23:11") or sentence punctuation ("!", "?" or ":"
//     at the end, ";", quotes); a full stop or comma at the end is dropped;
//   - without the small words a sentence needs and a name does not ("the",
//     "joined", "at", "is"...).
// Anything else after a role prefix is kept as a note, with a hint saying how
// to write the role change.

const (
	maxNameWords = 4
	maxNameChars = 60
)

var clockTimeRe = regexp.MustCompile(`\d:\d`)

// sentenceWords are words that show a role line is a sentence, not a name.
var sentenceWords = map[string]bool{
	"a": true, "an": true, "the": true, "at": true, "in": true, "on": true, "to": true, "of": true,
	"for": true, "from": true, "with": true, "by": true, "and": true, "or": true, "but": true,
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "has": true,
	"have": true, "had": true, "will": true, "not": true, "now": true, "who": true, "that": true,
	"this": true, "it": true, "he": true, "she": true, "they": true, "we": true, "i": true,
	"joined": true, "joins": true, "left": true, "leaves": true, "took": true, "takes": true,
	"taking": true, "over": true, "handed": true, "hands": true, "said": true, "says": true,
	"asked": true, "paged": true, "online": true, "offline": true, "back": true, "still": true,
}

// personName returns s as a person's name, or false when s reads as a
// sentence rather than a name (see the rules above).
func personName(s string) (string, bool) {
	// A full stop or comma typed after a name is not part of it.
	name := strings.TrimRight(strings.Join(strings.Fields(s), " "), ".,")
	if name == "" || strings.ContainsAny(s, "\n") || utf8.RuneCountInString(name) > maxNameChars {
		return name, false
	}
	first, _ := utf8.DecodeRuneInString(name)
	if first != '@' && !unicode.IsLetter(first) {
		return name, false
	}
	words := strings.Fields(name)
	if len(words) > maxNameWords || clockTimeRe.MatchString(name) ||
		strings.ContainsAny(name, ";\"“”") || strings.ContainsAny(name[len(name)-1:], "!?:") {
		return name, false
	}
	for _, w := range words {
		if sentenceWords[strings.ToLower(strings.Trim(w, ",()"))] {
			return name, false
		}
	}
	return name, true
}

// notANameHint is the hint of a role line kept as a note.
func notANameHint(word string) string {
	return "Kept as a note: a role change takes a person's name, not a sentence. To hand over the role, type " +
		word + ": Lena Ortiz or " + word + ": @lena"
}
