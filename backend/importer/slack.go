package importer

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"time"

	"bridgelog/backend"
)

// slackMessage is the part of a Slack export's message object the import
// reads; everything else (blocks, files' contents, edits) is left alone.
type slackMessage struct {
	Type        string       `json:"type"`
	Subtype     string       `json:"subtype"`
	Hidden      bool         `json:"hidden"`
	User        string       `json:"user"`
	Username    string       `json:"username"`
	Text        string       `json:"text"`
	TS          slackTS      `json:"ts"`
	ThreadTS    slackTS      `json:"thread_ts"`
	UserProfile *slackPerson `json:"user_profile"`
	BotProfile  *struct {
		Name string `json:"name"`
	} `json:"bot_profile"`
	PinnedTo  []string `json:"pinned_to"`
	IsStarred bool     `json:"is_starred"`
	Reactions []struct {
		Name  string `json:"name"`
		Count int    `json:"count"`
	} `json:"reactions"`
	Files []struct {
		Name  string `json:"name"`
		Title string `json:"title"`
	} `json:"files"`
}

type slackPerson struct {
	RealName    string `json:"real_name"`
	DisplayName string `json:"display_name"`
	Name        string `json:"name"`
}

// slackTS is a message timestamp, "1736478514.897649": Slack writes it as a
// string, some export tools as a number.
type slackTS string

func (t *slackTS) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = slackTS(s)
		return nil
	}
	if string(b) == "null" {
		*t = ""
		return nil
	}
	*t = slackTS(b)
	return nil
}

// time reads "seconds.microseconds".
func (t slackTS) time() (time.Time, bool) {
	sec, frac, _ := strings.Cut(string(t), ".")
	if sec == "" || len(sec) > 11 || !digits(sec) || len(frac) > 9 || !digits(frac) {
		return time.Time{}, false
	}
	s, err := strconv.ParseInt(sec, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	ns, _ := strconv.Atoi((frac + "000000000")[:9])
	return time.Unix(s, int64(ns)).UTC(), true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// keptSubtypes are the message subtypes people wrote; joins, topic changes,
// pins and the like are Slack's own notices and are skipped.
var keptSubtypes = map[string]bool{
	"": true, "bot_message": true, "thread_broadcast": true, "reply_broadcast": true,
	"me_message": true, "file_share": true,
}

// slackNames resolves ids in a channel's messages to names.
type slackNames struct {
	users    map[string]string // user id → name
	channels map[string]string // channel id → name
}

func (n *slackNames) user(id string) string {
	if n != nil {
		if name := n.users[id]; name != "" {
			return name
		}
	}
	return id
}

// parseSlackDay reads one day file of a channel. file names it in messages
// ("incident-42/2026-11-21.json"); private marks a direct-message channel.
func parseSlackDay(file string, data []byte, channel string, private bool, names *slackNames) ([]Message, error) {
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonError(file, data, err, fixSlack)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return nil, errorf(backend.EINVALID, "%s is not a Slack day file (a list of messages): %s", file, supported)
	}
	var out []Message
	for index := 1; dec.More(); index++ {
		start := dec.InputOffset()
		for start < int64(len(data)) && strings.IndexByte(", \t\r\n", data[start]) >= 0 {
			start++
		}
		var sm slackMessage
		if err := dec.Decode(&sm); err != nil {
			why := err.Error()
			switch e := err.(type) {
			case *json.SyntaxError:
				return nil, jsonError(file, data, err, fixSlack)
			case *json.UnmarshalTypeError:
				why = typeProblem(e)
			}
			return nil, errorf(backend.EINVALID, "Message %d (line %d) of %s is not a Slack message (%s): the export is damaged; export it again", index, lineAt(data, start), file, why)
		}
		if sm.Hidden || (sm.Type != "" && sm.Type != "message") || !keptSubtypes[sm.Subtype] {
			continue
		}
		at, ok := sm.TS.time()
		if !ok {
			return nil, errorf(backend.EINVALID, "Message %d (line %d) of %s has the timestamp %q, which Slack never writes: the export is damaged; export it again", index, lineAt(data, start), file, string(sm.TS))
		}
		text := cleanBody(slackText(sm.Text, names))
		for _, f := range sm.Files {
			name := cleanName(f.Name)
			if name == "" {
				name = cleanName(f.Title)
			}
			if name != "" {
				text = strings.TrimLeft(text+"\n(file: "+name+")", "\n")
			}
		}
		if text == "" {
			continue
		}
		m := Message{Line: index, At: at, Author: slackAuthor(sm, names), Text: text, To: "Everyone",
			Private: private, Pinned: len(sm.PinnedTo) > 0, Starred: sm.IsStarred, Thread: string(sm.ThreadTS),
			SourceKey: "slack:" + channel + ":" + string(sm.TS)}
		for _, r := range sm.Reactions {
			m.Reactions = append(m.Reactions, Reaction{Name: r.Name, Count: r.Count})
		}
		suggest(&m)
		out = append(out, m)
	}
	if _, err := dec.Token(); err != nil {
		return nil, jsonError(file, data, err, fixSlack)
	}
	if dec.More() {
		return nil, errorf(backend.EINVALID, "%s has more after its list of messages: the export is damaged; export it again", file)
	}
	return out, nil
}

func slackAuthor(sm slackMessage, names *slackNames) string {
	if p := sm.UserProfile; p != nil {
		for _, s := range []string{p.RealName, p.DisplayName, p.Name} {
			if s = cleanName(s); s != "" {
				return s
			}
		}
	}
	if sm.User != "" && names != nil && names.users[sm.User] != "" {
		return cleanName(names.users[sm.User])
	}
	if s := cleanName(sm.Username); s != "" {
		return s
	}
	if sm.BotProfile != nil && cleanName(sm.BotProfile.Name) != "" {
		return cleanName(sm.BotProfile.Name)
	}
	if s := cleanName(sm.User); s != "" {
		return s
	}
	return "Slack"
}

// finishSlack orders a channel's messages, drops repeats of one ts (a
// message can sit in two day files when an export is stitched together) and
// gives thread replies the start of the message they answer.
func finishSlack(msgs []Message) []Message {
	sort.SliceStable(msgs, func(i, j int) bool { return msgs[i].At.Before(msgs[j].At) })
	seen := make(map[string]bool, len(msgs))
	byTS := make(map[string]string, len(msgs))
	out := msgs[:0]
	for _, m := range msgs {
		if seen[m.SourceKey] {
			continue
		}
		seen[m.SourceKey] = true
		byTS[m.SourceKey] = m.Text
		out = append(out, m)
	}
	for i, m := range out {
		if m.Thread == "" {
			continue
		}
		prefix := m.SourceKey[:strings.LastIndexByte(m.SourceKey, ':')+1]
		parent := prefix + m.Thread
		if parent != m.SourceKey && byTS[parent] != "" {
			out[i].ReplyTo = snippet(byTS[parent], 40)
		}
	}
	return out
}

// snippet is the start of a message, as Zoom quotes one in a reply.
func snippet(s string, n int) string {
	s, _, _ = strings.Cut(s, "\n")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "..."
}

var slackUnescape = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")

// slackText turns Slack's markup into what people saw: <@U1|ana> is @ana,
// <#C1|ops> is #ops, <https://x|label> is "label (https://x)", <!here> is
// @here, and the escaped &lt; &gt; &amp; are the characters again.
func slackText(s string, names *slackNames) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '<')
		if open < 0 {
			break
		}
		end := strings.IndexByte(s[open:], '>')
		if end < 0 {
			break
		}
		b.WriteString(s[:open])
		b.WriteString(slackToken(s[open+1:open+end], names))
		s = s[open+end+1:]
	}
	b.WriteString(s)
	return slackUnescape.Replace(b.String())
}

func slackToken(tok string, names *slackNames) string {
	target, label, hasLabel := strings.Cut(tok, "|")
	switch {
	case strings.HasPrefix(target, "@"):
		if hasLabel && label != "" {
			return "@" + strings.TrimPrefix(label, "@")
		}
		return "@" + names.user(target[1:])
	case strings.HasPrefix(target, "#"):
		if hasLabel && label != "" {
			return "#" + label
		}
		id := target[1:]
		if names != nil && names.channels[id] != "" {
			return "#" + names.channels[id]
		}
		return "#" + id
	case strings.HasPrefix(target, "!"):
		if hasLabel && label != "" {
			return label
		}
		word, _, _ := strings.Cut(target[1:], "^")
		return "@" + word
	}
	if !hasLabel || label == "" || label == target || "mailto:"+label == target {
		if hasLabel && label != "" {
			return label
		}
		return strings.TrimPrefix(target, "mailto:")
	}
	return label + " (" + target + ")"
}
