package clocks

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"bridgelog/backend"
)

// CheckMark starts every place in a customer draft the IC must look at
// before copying it: "[check: Stripe]" for a word that may be a name, or
// "[check: host removed]" where a host name was taken out of a sentence.
// The composer counts them.
const CheckMark = "[check: "

// Customer text names no person, host, team, severity label or internal
// link. What the incident knows to be a person (role holders, action owners,
// entry authors, paged people, the scribe) is taken out; host names,
// addresses and internal links are taken out and the place marked, since the
// sentence around them may no longer read; whatever only might be a name or
// an internal detail (a capitalised word mid-sentence, a token of letters,
// digits and dashes, a public domain) is kept inside a mark for the IC to
// decide. The marks make a draft that cannot be sure say so, rather than a
// clean-looking draft that leaks.
type customerText struct {
	names map[string]bool // lowercased names and name parts the incident knows
}

// newCustomerText collects every person the snapshot names, plus extra
// people (the scribe, the escalation path).
func newCustomerText(snap *backend.Snapshot, extra []string) *customerText {
	c := &customerText{names: map[string]bool{}}
	var people []string
	for _, r := range snap.Roles {
		people = append(people, r.Person)
	}
	for _, a := range snap.Actions {
		people = append(people, a.Owner)
	}
	for _, e := range snap.Entries {
		people = append(people, e.Author, e.Person, e.Owner)
	}
	for _, p := range snap.Pages {
		people = append(people, p.Person)
	}
	for _, p := range append(people, extra...) {
		c.addName(p)
	}
	return c
}

// addName records a name, each word of it ("Lena Ortiz": lena, ortiz) and
// the parts of a handle ("sam.k": sam).
func (c *customerText) addName(name string) {
	name = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), "@")))
	if name == "" {
		return
	}
	c.names[name] = true
	for _, w := range strings.Fields(name) {
		w = strings.Trim(w, punct)
		if utf8.RuneCountInString(w) >= 2 {
			c.names[w] = true
		}
		for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '.' || r == '_' || r == '-' }) {
			if utf8.RuneCountInString(part) >= 3 {
				c.names[part] = true
			}
		}
	}
}

var (
	urlRe = regexp.MustCompile(`(?i)\b(?:https?|ftp|ssh)://[^\s<>"'\])]+|\bwww\.[^\s<>"'\])]+`)
	// Severity labels ("[SEV1]", "sev-2", "SEV 3") are the company's scale.
	sevLabelRe = regexp.MustCompile(`(?i)\[?\bsev[- ]?[0-4]\b\]?:?`)
	// "the payments team": the word before a team word names the team.
	teamPhraseRe = regexp.MustCompile(`(?i)\b([\p{L}\p{N}][\p{L}\p{N}._'-]*)\s+(team|squad|on-call|oncall|rotation|guild|tribe)\b`)
	ipv4Re       = regexp.MustCompile(`^\d{1,3}(\.\d{1,3}){3}(:\d+)?(/\d{1,2})?$`)
	ipv6Re       = regexp.MustCompile(`(?i)^\[?[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}\]?(:\d+)?$`)
	hostRe       = regexp.MustCompile(`(?i)^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d+)?$`)
	dateTimeRe   = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|\d+([-–]\d+)+$)`)
	placeholder  = regexp.MustCompile("\x01(\\d+)\x01")
)

// punct is what surrounds a word without being part of it.
const punct = `([{"'“”‘’.,;:!?)]}`

// Articles and the like keep a team phrase's first word: "our team" says nothing internal.
var teamKeep = words("our the a an this that each every whole same other your their incident response support")

// Labels of internal host names and team words inside a token ("payments-sre").
var (
	internalLabels = words("internal corp local lan intranet intra private svc cluster localdomain home prod staging stg dev int")
	teamWords      = words("team squad sre sres oncall ops devops noc soc dba dbas rotation guild tribe")
	// Capitalised words that are not names: a sentence may use them anywhere.
	notNames = words("i we our us monday tuesday wednesday thursday friday saturday sunday january february march april june july september october november december internet ios macos ipados iphone ipad")
	// Names that are also common words: "will" stays, "Will" mid-sentence is marked.
	commonWords = words("will may mark bill art rich grace hope june april august amber max pat rob sue ray dawn faith joy summer rose frank jack chase drew guy hunter miles page penny reed sandy wade carol cliff dean don grant holly ivy iris jay jean lily major mason nick norm ruby sage terry key lane case price long young king hall wood ward white brown green black gray grey stone field")
)

func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// clean rewrites one part of a draft (a title, an impact, an action) for
// customers. Each part starts a sentence.
func (c *customerText) clean(s string) string {
	var marks []string
	mark := func(what string) string {
		marks = append(marks, CheckMark+what+"]")
		return fmt.Sprintf("\x01%d\x01", len(marks)-1)
	}
	// Marks stand in the text as \x01n\x01 until the words are judged; a
	// stray \x01 in the input must not pass for one.
	s = strings.ReplaceAll(s, "\x01", "")
	s = urlRe.ReplaceAllStringFunc(s, func(u string) string {
		if internalURL(u) || c.namesSomeone(u) {
			return mark("link removed")
		}
		return mark(u)
	})
	s = sevLabelRe.ReplaceAllString(s, "")
	s = mentionRe.ReplaceAllString(s, "")
	s = teamPhraseRe.ReplaceAllStringFunc(s, func(p string) string {
		m := teamPhraseRe.FindStringSubmatch(p)
		if teamKeep[strings.ToLower(m[1])] {
			return p
		}
		return m[2]
	})

	fields := strings.Fields(s)
	for i, tok := range fields {
		if strings.Contains(tok, "\x01") {
			continue
		}
		start := i == 0 || strings.ContainsAny(fields[i-1][len(fields[i-1])-1:], ".!?:")
		lead := len(tok) - len(strings.TrimLeft(tok, punct))
		core := strings.TrimRight(tok[lead:], punct)
		if core == "" {
			continue
		}
		tail := tok[lead+len(core):]
		if what, ok := c.word(core, start); !ok {
			fields[i] = tok[:lead] + mark(what) + tail
		}
	}
	s = strings.Join(fields, " ")
	s = placeholder.ReplaceAllStringFunc(s, func(p string) string {
		n, err := strconv.Atoi(strings.Trim(p, "\x01"))
		if err != nil || n < 0 || n >= len(marks) {
			return ""
		}
		return marks[n]
	})
	return tidy(s)
}

// word decides about one word: keep it (ok), or put a mark in its place
// saying what was removed, or holding the word for the IC to judge.
func (c *customerText) word(core string, start bool) (mark string, ok bool) {
	lower := strings.ToLower(core)
	bare := strings.TrimSuffix(strings.TrimSuffix(lower, "'s"), "’s")
	switch {
	case c.names[bare] && commonWords[bare]:
		// "will" is a word; "Will" may be the person.
		return core, !startsUpper(core)
	case c.names[bare] || c.names[lower] || c.namesSomeone(core):
		// A name inside a token ("#ruiz", "ana/ops") is a name too.
		return "name removed", false
	case ipv4Re.MatchString(core) || ipv6Re.MatchString(core) && strings.Count(core, ":") >= 2:
		return "address removed", false
	case dateTimeRe.MatchString(core):
		return "", true
	case hostRe.MatchString(core) && hostLike(lower):
		if internalHost(lower) {
			return "host removed", false
		}
		return core, false // a public domain, or a host that does not say it is internal
	case teamToken(lower):
		return "team name removed", false
	case strings.HasPrefix(core, "/") && len(core) > 1 || strings.HasPrefix(core, "~/"):
		return core, false // a path
	case hasLetter(core) && hasDigit(core) && strings.ContainsAny(core, "-_") || strings.Contains(core, "_"):
		return core, false // db-primary-3, pod_7: perhaps a host or a service
	case mixedCase(core) && !notNames[lower]:
		return core, false // PaymentGateway: perhaps an internal service
	case startsUpper(core) && !start && !allUpper(core) && !notNames[bare]:
		return core, false // a capitalised word mid-sentence: perhaps a name
	}
	return "", true
}

// namesSomeone reports whether a known name is one of s's words, as in a
// link to someone's page: such a link is taken out, not shown in a mark.
func (c *customerText) namesSomeone(s string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if c.names[w] && !commonWords[w] {
			return true
		}
	}
	return false
}

// tidy mends the spaces and commas a removal leaves.
func tidy(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for _, r := range [][2]string{{" ,", ","}, {" ;", ";"}, {" .", "."}, {",,", ","}, {"()", ""}, {"( )", ""}, {"[]", ""}} {
		s = strings.ReplaceAll(s, r[0], r[1])
	}
	return strings.Trim(strings.Join(strings.Fields(s), " "), " ,;:-")
}

func internalURL(u string) bool {
	rest := u
	if i := strings.Index(rest, "://"); i >= 0 {
		rest = rest[i+3:]
	}
	host := strings.ToLower(rest)
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	if i := strings.LastIndex(host, "@"); i >= 0 {
		host = host[i+1:]
	}
	h, _, _ := strings.Cut(host, ":")
	return !strings.Contains(h, ".") || ipv4Re.MatchString(h) || internalHost(h)
}

// hostLike: the last label is a word of letters (not "v4.1" or "3.5"), and
// the token is no abbreviation like "e.g.".
func hostLike(lower string) bool {
	labels := strings.Split(strings.Split(lower, ":")[0], ".")
	last := labels[len(labels)-1]
	if len(last) < 2 || strings.IndexFunc(last, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
		return false
	}
	return lower != "e.g" && lower != "i.e"
}

func internalHost(lower string) bool {
	for _, l := range strings.Split(strings.Split(lower, ":")[0], ".") {
		if internalLabels[l] {
			return true
		}
	}
	return false
}

// teamToken: "payments-sre", "db_oncall", or an acronym such as "SRE".
func teamToken(lower string) bool {
	parts := strings.FieldsFunc(lower, func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) == 1 {
		return teamWords[lower] && lower != "team" && lower != "squad" && lower != "rotation" && lower != "ops"
	}
	for _, p := range parts {
		if teamWords[p] {
			return true
		}
	}
	return false
}

func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }
func hasDigit(s string) bool  { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func allUpper(s string) bool {
	return strings.IndexFunc(s, unicode.IsLower) < 0
}

// mixedCase: a capital after a small letter, as in "PaymentGateway".
func mixedCase(s string) bool {
	prevLower := false
	for _, r := range s {
		if unicode.IsUpper(r) && prevLower {
			return true
		}
		prevLower = unicode.IsLower(r)
	}
	return false
}
