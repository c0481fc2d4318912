package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Zoom writes two saved-chat layouts, sometimes both in one file (each "Save
// chat" appends, and a client update changes the layout):
//
//	older:  "11:48:19\t From  Ana : text" with unindented continuation lines
//	newer:  "11:48:19 From Ana to Everyone:" then TAB-indented body lines
//
// A cloud recording's chat has a third: "00:58:04\tAna:\ttext", whose
// times are elapsed since the recording started.
var (
	chatHeadRe = regexp.MustCompile(`^(\d{1,2}):(\d{2}):(\d{2})([ \t]+)From\s+(.*)$`)
	recHeadRe  = regexp.MustCompile(`^(\d{1,3}):(\d{2}):(\d{2})\t([^\t]+?):\t(.*)$`)
	dmTargetRe = regexp.MustCompile(`(?i)\s*\((direct message|privately)\)$`)
	replyRe    = regexp.MustCompile(`^Replying to "(.*)"$`)
	reactedRe  = regexp.MustCompile(`^Reacted to "(.*)" with (.+)$`)
	removedRe  = regexp.MustCompile(`^Removed a (.+) reaction from "(.*)"$`)
)

// zoomHead is one parsed header line.
type zoomHead struct {
	clock  string // the time as written, "HH:MM:SS", part of the source key
	offset time.Duration
	hour   int
	valid  bool // minutes and seconds below 60
	author string
	to     string
	body   string // text on the header line itself (older layout, recordings)
	inline bool   // body continues on unindented lines
}

// parseChatHead reads a saved-chat header line, or reports it is none.
func parseChatHead(line string) (zoomHead, bool) {
	m := chatHeadRe.FindStringSubmatch(line)
	if m == nil {
		return zoomHead{}, false
	}
	rest := strings.TrimRight(m[5], " \t")
	var h zoomHead
	var who string
	if i := strings.Index(rest, " : "); i >= 0 {
		who, h.body, h.inline = rest[:i], rest[i+3:], true
	} else if strings.HasSuffix(rest, ":") {
		who = rest[:len(rest)-1]
		// The older layout writes "From  Ana : " even for an empty first line.
		h.inline = strings.Contains(m[4], "\t")
	} else {
		return zoomHead{}, false
	}
	h.author, h.to = splitWho(who, !h.inline)
	if h.author == "" {
		return zoomHead{}, false
	}
	h.setClock(m[1], m[2], m[3])
	return h, true
}

// splitWho separates "Ana to Everyone" or "Ana  to  Ben(Direct Message)".
// A name may itself contain " to "; the older layout names a target only for
// private messages, so there a " to " splits only before such a target.
func splitWho(who string, newer bool) (author, to string) {
	who = strings.TrimSpace(who)
	to = "Everyone"
	switch i := strings.Index(who, "  to  "); {
	case i >= 0:
		author, to = who[:i], who[i+6:]
	case strings.HasSuffix(who, " to Everyone"):
		author = strings.TrimSuffix(who, " to Everyone")
	default:
		i := strings.Index(who, " to ")
		if i >= 0 && (newer || dmTargetRe.MatchString(who)) {
			author, to = who[:i], who[i+4:]
		} else {
			author = who
		}
	}
	return cleanName(author), cleanName(dmTargetRe.ReplaceAllString(to, ""))
}

func parseRecHead(line string) (zoomHead, bool) {
	m := recHeadRe.FindStringSubmatch(line)
	if m == nil {
		return zoomHead{}, false
	}
	h := zoomHead{author: cleanName(m[4]), to: "Everyone", body: m[5], inline: true}
	if h.author == "" {
		return zoomHead{}, false
	}
	h.setClock(m[1], m[2], m[3])
	return h, true
}

// setClock reads the header's time. The key uses it zero-padded, so "9:05:00"
// and "09:05:00" are one time.
func (h *zoomHead) setClock(hs, ms, ss string) {
	hh, _ := strconv.Atoi(hs)
	mm, _ := strconv.Atoi(ms)
	sec, _ := strconv.Atoi(ss)
	h.hour, h.valid = hh, mm < 60 && sec < 60
	h.offset = clockOffset(hs, ms, ss)
	h.clock = fmt.Sprintf("%02d:%02d:%02d", hh, mm, sec)
}

func clockOffset(h, m, s string) time.Duration {
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	ss, _ := strconv.Atoi(s)
	return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute + time.Duration(ss)*time.Second
}

// validClock reports whether a header's minutes and seconds are possible;
// for a saved chat the hour must be one of a day too.
func validClock(h zoomHead, recording bool) bool {
	return h.valid && (recording || h.hour < 24)
}

// reactionsAndReplies reads Zoom's "new meeting chat" lines: a reply starts
// with the quoted message it answers; a reaction is a line of its own.
func reactionsAndReplies(m *Message) {
	first, rest, _ := strings.Cut(m.Text, "\n")
	if r := replyRe.FindStringSubmatch(first); r != nil {
		m.ReplyTo = r[1]
		m.Text = cleanBody(rest)
		if m.Text == "" {
			m.Text = first
		}
		return
	}
	if rest != "" {
		return
	}
	if r := reactedRe.FindStringSubmatch(first); r != nil {
		m.Reaction, m.ReplyTo = true, r[1]
	} else if r := removedRe.FindStringSubmatch(first); r != nil {
		m.Reaction, m.ReplyTo = true, r[2]
	}
}
