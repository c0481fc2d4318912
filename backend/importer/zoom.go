package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"bridgelog/backend"
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

// rawMessage is a message before times and keys are settled.
type rawMessage struct {
	head  zoomHead
	line  int
	lines []string
}

// parseZoom reads a saved chat or a recording's chat.
func parseZoom(name, text string, format Format, opt Options) (*Result, error) {
	recording := format == FormatZoomRecording
	lines := splitLines(text)
	var msgs []*rawMessage
	var cur *rawMessage
	strict := false // the newer layout: body lines must be indented
	for i, line := range lines {
		no := i + 1
		line = strings.TrimPrefix(line, "\uFEFF") // a second save may start with its own mark
		var h zoomHead
		var ok bool
		if recording {
			h, ok = parseRecHead(line)
		} else {
			h, ok = parseChatHead(line)
		}
		if ok {
			if !validClock(h, recording) {
				return nil, errorf(backend.EINVALID, "Line %d of %s has the time %s, which Zoom never writes: the file is damaged, or not a Zoom chat; %s", no, baseName(name), h.clock, supported)
			}
			cur = &rawMessage{head: h, line: no}
			if h.inline {
				cur.lines = append(cur.lines, h.body)
			}
			strict = !h.inline
			msgs = append(msgs, cur)
			continue
		}
		if cur == nil {
			if strings.TrimSpace(line) == "" {
				continue
			}
			return nil, notZoomLine(name, no, line)
		}
		if !strict {
			cur.lines = append(cur.lines, line)
			continue
		}
		switch {
		case strings.HasPrefix(line, "\t"):
			cur.lines = append(cur.lines, line[1:])
		case strings.TrimSpace(line) == "":
			cur.lines = append(cur.lines, "")
		case strings.HasPrefix(line, " "):
			// Copies re-indented by an editor use spaces instead of the TAB.
			n := len(line) - len(strings.TrimLeft(line, " "))
			cur.lines = append(cur.lines, line[min(n, 4):])
		default:
			return nil, notZoomLine(name, no, line)
		}
	}
	if len(msgs) == 0 {
		return nil, errorf(backend.EINVALID, "%s holds no chat messages: %s", baseName(name), supported)
	}
	res := &Result{Format: format}
	if recording {
		res.Source = "Zoom recording chat " + baseName(name)
	} else {
		res.Source = "Zoom chat " + baseName(name)
	}
	if err := placeTimes(res, name, msgs, opt); err != nil {
		return nil, err
	}
	if len(res.Messages) == 0 {
		return nil, errorf(backend.EINVALID, "%s holds no chat messages, only empty ones: %s", baseName(name), supported)
	}
	return res, nil
}

func notZoomLine(name string, no int, line string) error {
	return errorf(backend.EINVALID, "Line %d of %s is not a Zoom chat line (%s): %s", no, baseName(name), quote(line), supported)
}

// placeTimes turns header times into messages with times and keys.
//
// A saved chat's times are times of day. They only go forwards within one
// save, so a step back is one of two things: past midnight (a step back of
// more than 12 hours, 23:59 to 00:01) moves to the next day; a smaller step
// back, or a leap forward of more than 12 hours (back across midnight), is
// the start of a further save of the same chat appended to the file. Messages
// of a further save that repeat one already read are dropped, so a file saved
// twice imports each message once, with the keys the first save gives it.
func placeTimes(res *Result, name string, raws []*rawMessage, opt Options) error {
	recording := res.Format == FormatZoomRecording
	base, fromName := startFor(name, opt, recording, raws[0].head.offset)
	res.Start, res.StartFromName = base, fromName
	if base.IsZero() {
		res.NeedsDay, res.NeedsStart = !recording, recording
	}
	kept := map[string]int{}   // identical messages kept so far
	inSave := map[string]int{} // identical messages seen in the current save
	var prev time.Duration = -1
	var day time.Duration
	for _, r := range raws {
		text := cleanBody(strings.Join(r.lines, "\n"))
		if text == "" {
			continue
		}
		tod := r.head.offset
		if !recording && prev >= 0 {
			switch d := tod - prev; {
			case d < -12*time.Hour:
				day += 24 * time.Hour
				if day > maxChatDays*24*time.Hour {
					return errorf(backend.EINVALID, "Line %d of %s: the chat passes midnight more than %d times, and one Zoom meeting's chat never does: %s", r.line, baseName(name), maxChatDays, supported)
				}
			case d < 0 || d > 12*time.Hour:
				day = 0
				inSave = map[string]int{}
			}
		}
		prev = tod
		id := string(res.Format) + "\x00" + r.head.clock + "\x00" + r.head.author + "\x00" + text
		inSave[id]++
		if inSave[id] <= kept[id] {
			res.Duplicates++
			continue
		}
		occurrence := kept[id]
		kept[id]++
		m := Message{Line: r.line, Offset: day + tod, Author: r.head.author, To: r.head.to, Text: text}
		m.Private = !strings.HasPrefix(strings.ToLower(m.To), "everyone")
		m.SourceKey = zoomKey(id, occurrence)
		if !base.IsZero() {
			if recording {
				m.At = base.Add(m.Offset).UTC()
			} else {
				y, mo, d := base.Date()
				s := int(m.Offset / time.Second)
				m.At = time.Date(y, mo, d, s/3600, s/60%60, s%60, 0, base.Location()).UTC()
			}
		}
		reactionsAndReplies(&m)
		suggest(&m)
		res.Messages = append(res.Messages, m)
	}
	return nil
}

// maxChatDays bounds the midnights one chat may pass: Zoom ends meetings
// after 30 hours, and without a bound a hostile file could push times past
// what a time.Duration holds.
const maxChatDays = 7

func zoomKey(id string, occurrence int) string {
	sum := sha256.Sum256([]byte(id + "\x00" + strconv.Itoa(occurrence)))
	return "zoom:" + hex.EncodeToString(sum[:])
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
