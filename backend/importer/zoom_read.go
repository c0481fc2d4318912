package importer

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strconv"
	"strings"
	"time"

	"bridgelog/backend"
)

// parseZoom reads a saved chat or a recording's chat from text (UTF-8, as
// textReader gives it) one line at a time. Each message becomes a Message
// as soon as its last line is read, so memory holds the messages kept and
// the lines of one message, never the file's whole text or a list of its
// lines. A chat of more than Options.MaxMessages messages is refused when
// the first one past the limit is read. heads is at least the number of
// messages (see countHeads), so that the list of messages is allocated once;
// 0 lets it grow.
func parseZoom(name string, text io.Reader, format Format, opt Options, heads int) (*Result, error) {
	p := &zoomParser{
		name: name, opt: opt, recording: format == FormatZoomRecording, prev: -1,
		res: &Result{Format: format}, seen: map[messageID]seenCount{},
		names: map[string]string{"Everyone": "Everyone"},
	}
	if heads > 0 {
		p.res.Messages = make([]Message, 0, min(heads, opt.maxMessages()))
	}
	if p.recording {
		p.res.Source = "Zoom recording chat " + baseName(name)
	} else {
		p.res.Source = "Zoom chat " + baseName(name)
	}
	sc := bufio.NewScanner(text)
	// A line may be as long as the file: Zoom writes a pasted block on one line.
	sc.Buffer(make([]byte, 0, 64<<10), int(min(opt.maxBytes(), 1<<40))+1)
	sc.Split(scanLines)
	no := 0
	for sc.Scan() {
		no++
		if err := p.line(no, sc.Bytes()); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		return nil, errorf(backend.EINVALID, "%s cannot be read (%v): copy it to a local folder and choose it again", baseName(name), err)
	}
	if err := p.flush(); err != nil {
		return nil, err
	}
	switch {
	case !p.started:
		return nil, errorf(backend.EINVALID, "%s holds no chat messages: %s", baseName(name), supported)
	case len(p.res.Messages) == 0:
		return nil, errorf(backend.EINVALID, "%s holds no chat messages, only empty ones: %s", baseName(name), supported)
	}
	return p.res, nil
}

// zoomParser is the state of one chat being read.
type zoomParser struct {
	name      string
	opt       Options
	recording bool
	res       *Result

	// The message being read: its header, first line and body lines.
	started bool // a header was read
	head    zoomHead
	at      int
	lines   []string
	strict  bool // the newer layout: body lines must be indented

	// Placing times: see place.
	base time.Time
	prev time.Duration
	day  time.Duration
	seen map[messageID]seenCount
	save int32  // the number of the save being read, counted from 0
	id   []byte // the identity of the message being placed
	// names holds one copy of each author and recipient, shared by their
	// messages.
	names map[string]string
}

// line reads line no of the file.
func (p *zoomParser) line(no int, b []byte) error {
	// A second save may start with its own byte order mark.
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		b = b[3:]
	}
	// The line is copied once: a body line's copy is what its message keeps.
	s := string(b)
	// Every header starts with a digit: other lines need no pattern match.
	if len(s) > 0 && s[0] >= '0' && s[0] <= '9' {
		var h zoomHead
		var ok bool
		if p.recording {
			h, ok = parseRecHead(s)
		} else {
			h, ok = parseChatHead(s)
		}
		if ok {
			return p.header(no, h)
		}
	}
	blank := len(bytes.TrimSpace(b)) == 0
	if !p.started {
		if blank {
			return nil
		}
		return notZoomLine(p.name, no, s)
	}
	switch {
	case !p.strict:
		p.lines = append(p.lines, s)
	case strings.HasPrefix(s, "\t"):
		p.lines = append(p.lines, s[1:])
	case blank:
		p.lines = append(p.lines, "")
	case strings.HasPrefix(s, " "):
		// Copies re-indented by an editor use spaces instead of the TAB.
		n := len(s) - len(strings.TrimLeft(s, " "))
		p.lines = append(p.lines, s[min(n, 4):])
	default:
		return notZoomLine(p.name, no, s)
	}
	return nil
}

// header starts the message whose header is on line no, after placing the
// one before it.
func (p *zoomParser) header(no int, h zoomHead) error {
	if !validClock(h, p.recording) {
		return errorf(backend.EINVALID, "Line %d of %s has the time %s, which Zoom never writes: the file is damaged, or not a Zoom chat; %s", no, baseName(p.name), h.clock, supported)
	}
	if err := p.flush(); err != nil {
		return err
	}
	if !p.started {
		p.start(h.offset)
	}
	p.started = true
	h.author, h.to = p.intern(h.author), p.intern(h.to)
	p.head, p.at, p.strict = h, no, !h.inline
	if h.inline {
		p.lines = append(p.lines, h.body)
	}
	return nil
}

// start settles the date or recording start the chat's times are placed
// on, from the first message's time.
func (p *zoomParser) start(first time.Duration) {
	base, fromName := startFor(p.name, p.opt, p.recording, first)
	if base.IsZero() {
		p.res.NeedsDay, p.res.NeedsStart = !p.recording, p.recording
		if g := p.opt.GuessDay; !p.recording && !g.IsZero() {
			y, m, d := g.Date()
			base = time.Date(y, m, d, 0, 0, 0, 0, p.opt.zone())
		}
	}
	p.base = base
	p.res.Start, p.res.StartFromName = base, fromName
}

func (p *zoomParser) intern(s string) string {
	if k, ok := p.names[s]; ok {
		return k
	}
	if len(p.names) < 10_000 {
		p.names[s] = s
	}
	return s
}

// flush places the message read so far, if any.
func (p *zoomParser) flush() error {
	if !p.started || p.at == 0 {
		return nil
	}
	text := cleanBody(strings.Join(p.lines, "\n"))
	clear(p.lines)
	p.lines = p.lines[:0]
	at := p.at
	p.at = 0
	if text == "" {
		return nil
	}
	return p.place(at, text)
}

// place turns a message's header time into a time and a key.
//
// A saved chat's times are times of day. They only go forwards within one
// save, so a step back is one of two things: past midnight (a step back of
// more than 12 hours, 23:59 to 00:01) moves to the next day; a smaller step
// back, or a leap forward of more than 12 hours (back across midnight), is
// the start of a further save of the same chat appended to the file. Messages
// of a further save that repeat one already read are dropped, so a file saved
// twice imports each message once, with the keys the first save gives it.
func (p *zoomParser) place(line int, text string) error {
	h := p.head
	tod := h.offset
	if !p.recording && p.prev >= 0 {
		switch d := tod - p.prev; {
		case d < -12*time.Hour:
			p.day += 24 * time.Hour
			if p.day > maxChatDays*24*time.Hour {
				return errorf(backend.EINVALID, "Line %d of %s: the chat passes midnight more than %d times, and one Zoom meeting's chat never does: %s", line, baseName(p.name), maxChatDays, supported)
			}
		case d < 0 || d > 12*time.Hour:
			p.day = 0
			p.save++
		}
	}
	p.prev = tod
	// The identity of a message: format, time as written, author and text.
	p.id = append(p.id[:0], p.res.Format...)
	p.id = append(append(p.id, 0), h.clock...)
	p.id = append(append(p.id, 0), h.author...)
	p.id = append(append(p.id, 0), text...)
	sum := sha256.Sum256(p.id)
	id := messageID(sum[:16])
	c := p.seen[id]
	if c.save != p.save {
		c.save, c.inSave = p.save, 0
	}
	c.inSave++
	if c.inSave <= c.kept {
		p.seen[id] = c
		p.res.Duplicates++
		return nil
	}
	occurrence := int(c.kept)
	c.kept++
	p.seen[id] = c
	if n := p.opt.maxMessages(); len(p.res.Messages) >= n {
		return tooManyMessages(p.name, n, line)
	}
	m := Message{Line: line, Offset: p.day + tod, Author: h.author, To: h.to, Text: text}
	m.Private = !strings.HasPrefix(strings.ToLower(m.To), "everyone")
	m.SourceKey = p.key(occurrence)
	if !p.base.IsZero() {
		if p.recording {
			m.At = p.base.Add(m.Offset).UTC()
		} else {
			y, mo, d := p.base.Date()
			s := int(m.Offset / time.Second)
			m.At = time.Date(y, mo, d, s/3600, s/60%60, s%60, 0, p.base.Location()).UTC()
		}
	}
	reactionsAndReplies(&m)
	suggest(&m)
	p.res.Messages = append(p.res.Messages, m)
	return nil
}

// messageID is the start of the hash of a message's identity: 128 bits
// tell a chat's messages apart.
type messageID [16]byte

// seenCount counts the identical copies of one message: those kept, and
// those seen in the save being read. A file saved twice holds each message
// twice, once per save.
type seenCount struct {
	kept, inSave, save int32
}

// key is "zoom:" and the hash of the message's identity and its index
// among identical ones: what earlier versions stored, so a chat imported
// before is still recognised.
func (p *zoomParser) key(occurrence int) string {
	p.id = append(p.id, 0)
	p.id = strconv.AppendInt(p.id, int64(occurrence), 10)
	sum := sha256.Sum256(p.id)
	var k [5 + 2*sha256.Size]byte
	copy(k[:], "zoom:")
	hex.Encode(k[5:], sum[:])
	return string(k[:])
}

func notZoomLine(name string, no int, line string) error {
	return errorf(backend.EINVALID, "Line %d of %s is not a Zoom chat line (%s): %s", no, baseName(name), quote(line), supported)
}

// countHeads counts the lines of UTF-8 text that start with a digit, as
// every message's header does, up to limit: at least the number of messages,
// read without keeping anything. (A cloud recording's body lines may start
// with one too, which only makes the count larger.)
func countHeads(r io.Reader, limit int) (int, error) {
	buf := make([]byte, 64<<10)
	n, start := 0, true
	for n <= limit {
		k, err := r.Read(buf)
		for _, c := range buf[:k] {
			if start && c >= '0' && c <= '9' {
				n++
			}
			start = c == '\n' || c == '\r' || (start && (c == 0xEF || c == 0xBB || c == 0xBF))
		}
		if err == io.EOF {
			break
		} else if err != nil {
			return 0, err
		}
	}
	return min(n, limit), nil
}

// maxChatDays bounds the midnights one chat may pass: Zoom ends meetings
// after 30 hours, and without a bound a hostile file could push times past
// what a time.Duration holds.
const maxChatDays = 7
