package importer_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"bridgelog/backend"
	"bridgelog/backend/importer"
)

// zoomFixtures are the expectations for each Zoom fixture file.
var zoomFixtures = []struct {
	file                  string
	format                importer.Format
	count, duplicates     int
	firstAuthor, lastAuth string
	firstText, lastText   string
	firstAt, lastAt       time.Time
	firstLine, lastLine   int
}{
	{"zoom/cloud-recording-chat.example.txt", importer.FormatZoomRecording, 6, 0,
		"Alex", "Wheezy", "Depends on your teaching style, I guess.", "l8r",
		start.Add(58*time.Minute + 4*time.Second), start.Add(62 * time.Minute), 1, 11},
	{"zoom/emoji.mac.meeting_saved_chat.txt", importer.FormatZoomChat, 4, 0,
		"BentleyDavis.com", "Michelle Phillips", "test", "😃",
		local("11:49:16"), local("11:51:01"), 1, 7},
	{"zoom/mac.meeting_saved_chat.txt", importer.FormatZoomChat, 9, 0,
		"BentleyDavis.com", "BentleyDavis.com", "😀 at the start", "Markdown\n\\n*[ link text ](https://BentleyDavis.com)*\n\n## Title",
		local("11:48:19"), local("11:55:06"), 1, 27},
	{"zoom/new-chat-threads-reactions.fixture.txt", importer.FormatZoomChat, 9, 0,
		"Michael M", "Becca S", "When are we going to have AI run team summit?", `Removed a 👏🏼 reaction from "Anyone still remember ..."`,
		local("15:01:39"), local("15:07:20"), 1, 23},
	{"zoom/win.both.txt", importer.FormatZoomChat, 10, 10,
		"BentleyDavis.com", "BentleyDavis.com", "😀 at the start", "Text after chat saved",
		local("11:48:19"), local("11:55:35"), 1, 23},
	{"zoom/win.chat.txt", importer.FormatZoomChat, 10, 0,
		"BentleyDavis.com", "BentleyDavis.com", "😀 at the start", "Text after chat saved",
		local("11:48:19"), local("11:55:35"), 1, 23},
	{"zoom/win.meeting_saved_chat.txt", importer.FormatZoomChat, 10, 0,
		"BentleyDavis.com", "BentleyDavis.com", "😀 at the start", "Text after chat saved",
		local("11:48:19"), local("11:55:35"), 1, 32},
}

func TestZoomFixtures(t *testing.T) {
	for _, tc := range zoomFixtures {
		t.Run(tc.file, func(t *testing.T) {
			data := readFixture(t, tc.file)
			if got, err := importer.Detect(tc.file, data); err != nil || got != tc.format {
				t.Fatalf("Detect: got %q, %v; want %q", got, err, tc.format)
			}
			res := mustParse(t, tc.file, data, opts)
			checkInvariants(t, res)
			if res.Format != tc.format {
				t.Errorf("format: got %q, want %q", res.Format, tc.format)
			}
			if got := len(res.Messages); got != tc.count {
				t.Fatalf("messages: got %d, want %d", got, tc.count)
			}
			if res.Duplicates != tc.duplicates {
				t.Errorf("duplicates: got %d, want %d", res.Duplicates, tc.duplicates)
			}
			if res.NeedsDay || res.NeedsStart {
				t.Errorf("needs day %v, start %v: want neither, both were given", res.NeedsDay, res.NeedsStart)
			}
			first, last := res.Messages[0], res.Messages[len(res.Messages)-1]
			for _, c := range []struct {
				what      string
				got, want any
			}{
				{"first author", first.Author, tc.firstAuthor}, {"last author", last.Author, tc.lastAuth},
				{"first text", first.Text, tc.firstText}, {"last text", last.Text, tc.lastText},
				{"first at", first.At, tc.firstAt}, {"last at", last.At, tc.lastAt},
				{"first line", first.Line, tc.firstLine}, {"last line", last.Line, tc.lastLine},
			} {
				if c.got != c.want {
					t.Errorf("%s: got %q, want %q", c.what, c.got, c.want)
				}
			}
			for _, m := range res.Messages {
				if m.At.Location() != time.UTC {
					t.Errorf("line %d: time %v is not in UTC", m.Line, m.At)
				}
				if strings.ContainsAny(m.Text, "\r\v\t") {
					t.Errorf("line %d: text %q keeps a CR, vertical tab or indent TAB", m.Line, m.Text)
				}
			}
			again := mustParse(t, tc.file, data, opts)
			if !slices.Equal(keys(res), keys(again)) {
				t.Errorf("keys differ between two parses of the same file")
			}
		})
	}
}

func TestZoomDetails(t *testing.T) {
	t.Run("MacLineEndingsAndVerticalTabs", func(t *testing.T) {
		res := mustParse(t, "mac.txt", readFixture(t, "zoom/mac.meeting_saved_chat.txt"), opts)
		long := res.Messages[5].Text
		if !strings.HasPrefix(long, "Long Text with some formatting https://lipsum.com/\n\nWhat is Lorem Ipsum?\nLorem Ipsum is simply") {
			t.Errorf("lone-CR body: got %q", long[:80])
		}
		if got, want := res.Messages[6].Text, "communities\nprojects\nevents\nresources"; got != want {
			t.Errorf("vertical tabs: got %q, want %q", got, want)
		}
		if got, want := res.Messages[7].Text, "<form id=\"textbox\">\n                    <label>\n                         Zoom Chat:\n                    </label>\n                    <br />"; got != want {
			t.Errorf("indented body: got %q, want %q", got, want)
		}
		if got, want := res.Messages[2].Text, "EMOJI 😃 IN THE MIDDLE"; got != want {
			t.Errorf("emoji: got %q, want %q", got, want)
		}
	})
	t.Run("SameSecondDistinctKeys", func(t *testing.T) {
		res := mustParse(t, "emoji.txt", readFixture(t, "zoom/emoji.mac.meeting_saved_chat.txt"), opts)
		a, b := res.Messages[2], res.Messages[3]
		if !a.At.Equal(b.At) || a.At != local("11:51:01") {
			t.Fatalf("got times %v and %v, want both 11:51:01", a.At, b.At)
		}
		if a.SourceKey == b.SourceKey {
			t.Errorf("two messages at 11:51:01 share key %s", a.SourceKey)
		}
		if a.Text != "😇" || b.Text != "😃" {
			t.Errorf("emoji-only bodies: got %q and %q", a.Text, b.Text)
		}
	})
	t.Run("IdenticalMessagesSameSecond", func(t *testing.T) {
		data := []byte("10:00:00 From Ana to Everyone:\n\t+1\n10:00:00 From Ana to Everyone:\n\t+1\n")
		res := mustParse(t, "chat.txt", data, opts)
		if len(res.Messages) != 2 || res.Messages[0].SourceKey == res.Messages[1].SourceKey {
			t.Fatalf("got %d messages with keys %v, want 2 distinct", len(res.Messages), keys(res))
		}
		if !slices.Equal(keys(res), keys(mustParse(t, "chat.txt", data, opts))) {
			t.Errorf("keys differ between two parses")
		}
	})
	t.Run("UnpaddedHour", func(t *testing.T) {
		a := mustParse(t, "a.txt", []byte("9:05:00 From Ana to Everyone:\n\thi\n"), opts)
		b := mustParse(t, "b.txt", []byte("09:05:00 From Ana to Everyone:\n\thi\n"), opts)
		if a.Messages[0].SourceKey != b.Messages[0].SourceKey || a.Messages[0].At != local("09:05:00") {
			t.Errorf("got keys %s and %s, time %v", a.Messages[0].SourceKey, b.Messages[0].SourceKey, a.Messages[0].At)
		}
	})
	t.Run("SameMessageSameKeyInEitherLayout", func(t *testing.T) {
		old := mustParse(t, "a.txt", readFixture(t, "zoom/win.chat.txt"), opts)
		newer := mustParse(t, "b.txt", readFixture(t, "zoom/win.meeting_saved_chat.txt"), opts)
		both := mustParse(t, "c.txt", readFixture(t, "zoom/win.both.txt"), opts)
		if !slices.Equal(keys(old), keys(newer)) || !slices.Equal(keys(old), keys(both)) {
			t.Errorf("the same chat in the older, newer and appended layouts gives different keys")
		}
		for i := range old.Messages {
			if old.Messages[i].Text != newer.Messages[i].Text {
				t.Errorf("message %d: older layout %q, newer %q", i, old.Messages[i].Text, newer.Messages[i].Text)
			}
		}
	})
	t.Run("RepliesReactionsDirectMessages", func(t *testing.T) {
		res := mustParse(t, "threads.txt", readFixture(t, "zoom/new-chat-threads-reactions.fixture.txt"), opts)
		var replies, reactions, private []string
		for _, m := range res.Messages {
			if m.ReplyTo != "" && !m.Reaction {
				replies = append(replies, m.ReplyTo+" → "+m.Text)
			}
			if m.Reaction {
				reactions = append(reactions, m.Text)
				if m.Selected {
					t.Errorf("reaction %q is selected", m.Text)
				}
			}
			if m.Private {
				private = append(private, m.Author+" → "+m.To)
			}
		}
		wantReplies := []string{`When are we going to... → We already do`, `When are we going to... → Gabe.ai`, `When are we going to... → Right??`}
		wantReactions := []string{`Reacted to "We already do" with 😂`, `Reacted to "Anyone still remember ..." with 👏🏼`, `Removed a 👏🏼 reaction from "Anyone still remember ..."`}
		wantPrivate := []string{"Matt T → Ben H", "Aaron S → Ben H"}
		if !slices.Equal(replies, wantReplies) {
			t.Errorf("replies: got %q, want %q", replies, wantReplies)
		}
		if !slices.Equal(reactions, wantReactions) {
			t.Errorf("reactions: got %q, want %q", reactions, wantReactions)
		}
		if !slices.Equal(private, wantPrivate) {
			t.Errorf("direct messages: got %q, want %q", private, wantPrivate)
		}
		if e := res.Messages[5].Entry("zoom"); !e.Internal {
			t.Errorf("a direct message's entry is not internal")
		}
	})
	t.Run("RecordingReplyAndReaction", func(t *testing.T) {
		res := mustParse(t, "rec.txt", readFixture(t, "zoom/cloud-recording-chat.example.txt"), opts)
		reply, reaction := res.Messages[2], res.Messages[3]
		if reply.ReplyTo != "Depends on your teac..." || reply.Text != "I'm not sure! It looks like it wouldn't add much to the visuals..." || reply.Line != 5 {
			t.Errorf("reply: got %q → %q at line %d", reply.ReplyTo, reply.Text, reply.Line)
		}
		if !reaction.Reaction || reaction.Text != `Reacted to "Depends on your teac..." with 👍` || reaction.Line != 9 {
			t.Errorf("reaction: got %v %q at line %d", reaction.Reaction, reaction.Text, reaction.Line)
		}
		if got, want := res.Messages[1].Text, "Did  you check out https://scikit-learn.org/stable/modules/generated/sklearn.metrics.RocCurveDisplay.html#sklearn.metrics.RocCurveDisplay.from_predictions ?\n\nAre you putting a multiclass AUC ROC in your paper?"; got != want {
			t.Errorf("continued message: got %q, want %q", got, want)
		}
	})
}

func TestZoomLineEndings(t *testing.T) {
	lf := "09:00:00 From Ana to Everyone:\n\tfirst line\n\tsecond line\n09:00:05 From Ben to Everyone:\n\tok 👍\n"
	want := mustParse(t, "lf.txt", []byte(lf), opts)
	for name, text := range map[string]string{
		"CRLF":  strings.ReplaceAll(lf, "\n", "\r\n"),
		"CR":    strings.ReplaceAll(lf, "\n", "\r"),
		"BOM":   "\uFEFF" + lf,
		"NoEnd": strings.TrimSuffix(lf, "\n"),
		"UTF16": utf16LE("\uFEFF" + lf),
	} {
		t.Run(name, func(t *testing.T) {
			got := mustParse(t, "x.txt", []byte(text), opts)
			if !slices.EqualFunc(got.Messages, want.Messages, func(a, b importer.Message) bool {
				return a.Text == b.Text && a.SourceKey == b.SourceKey && a.Line == b.Line && a.At.Equal(b.At)
			}) {
				t.Errorf("got %+v, want %+v", got.Messages, want.Messages)
			}
		})
	}
}

func utf16LE(s string) string {
	var b []byte
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			hi, lo := 0xD800+(r>>10), 0xDC00+(r&0x3FF)
			b = append(b, byte(hi), byte(hi>>8), byte(lo), byte(lo>>8))
			continue
		}
		b = append(b, byte(r), byte(r>>8))
	}
	return string(b)
}

func TestZoomTimes(t *testing.T) {
	t.Run("PastMidnightIsNextDay", func(t *testing.T) {
		data := "23:59:50 From Ana to Everyone:\n\tstill up\n00:00:10 From Ben to Everyone:\n\tnew day\n"
		res := mustParse(t, "chat.txt", []byte(data), opts)
		if got, want := res.Messages[1].At, local("00:00:10").Add(24*time.Hour); got != want {
			t.Errorf("got %v, want %v", got, want)
		}
		if got, want := res.Messages[1].Offset, 24*time.Hour+10*time.Second; got != want {
			t.Errorf("offset: got %v, want %v", got, want)
		}
	})
	t.Run("TooManyMidnights", func(t *testing.T) {
		var b strings.Builder
		for range 10 {
			b.WriteString("00:00:00 From Ana to Everyone:\n\tearly\n11:00:00 From Ana to Everyone:\n\tnoon\n22:00:00 From Ana to Everyone:\n\tlate\n")
		}
		_, err := importer.Parse("chat.txt", []byte(b.String()), opts)
		wantError(t, err, backend.EINVALID, "Line 49 of chat.txt: the chat passes midnight more than 7 times")
	})
	t.Run("SecondSaveAppended", func(t *testing.T) {
		save1 := "10:00:00 From Ana to Everyone:\n\tone\n10:01:00 From Ben to Everyone:\n\ttwo\n"
		save2 := save1 + "10:02:00 From Ana to Everyone:\n\tthree\n"
		both := mustParse(t, "chat.txt", []byte(save1+save2), opts)
		alone := mustParse(t, "chat.txt", []byte(save2), opts)
		if !slices.Equal(keys(both), keys(alone)) || both.Duplicates != 2 {
			t.Errorf("got %d messages, %d duplicates; want the 3 of the second save and 2 duplicates", len(both.Messages), both.Duplicates)
		}
	})
	t.Run("SecondSaveAfterMidnight", func(t *testing.T) {
		save1 := "23:58:00 From Ana to Everyone:\n\tone\n00:01:00 From Ben to Everyone:\n\ttwo\n"
		save2 := save1 + "00:02:00 From Ana to Everyone:\n\tthree\n"
		res := mustParse(t, "chat.txt", []byte(save1+save2), opts)
		if len(res.Messages) != 3 || res.Duplicates != 2 {
			t.Fatalf("got %d messages, %d duplicates; want 3 and 2", len(res.Messages), res.Duplicates)
		}
		if got, want := res.Messages[2].At, local("00:02:00").Add(24*time.Hour); got != want {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	t.Run("NeedsDay", func(t *testing.T) {
		res := mustParse(t, "meeting_saved_chat.txt", readFixture(t, "zoom/win.chat.txt"), importer.Options{Zone: zone})
		if !res.NeedsDay || !res.Messages[0].At.IsZero() || res.Messages[0].Offset != 11*time.Hour+48*time.Minute+19*time.Second {
			t.Errorf("got needs day %v, at %v, offset %v", res.NeedsDay, res.Messages[0].At, res.Messages[0].Offset)
		}
	})
	t.Run("DayFromZoomFolder", func(t *testing.T) {
		data := []byte("00:05:00 From Ana to Everyone:\n\tafter midnight\n")
		name := "/home/sam/Documents/Zoom/2026-11-20 23.50.12 Bridge call/meeting_saved_chat.txt"
		res := mustParse(t, name, data, importer.Options{Zone: zone})
		if res.NeedsDay || !res.StartFromName || res.Messages[0].At != local("00:05:00") {
			t.Errorf("got needs day %v, from name %v, at %v; want %v", res.NeedsDay, res.StartFromName, res.Messages[0].At, local("00:05:00"))
		}
		res = mustParse(t, `C:\Users\sam\Documents\Zoom\2026-11-21 09.00.00 Bridge\meeting_saved_chat.txt`,
			[]byte("09:01:00 From Ana to Everyone:\n\thi\n"), importer.Options{Zone: zone})
		if res.Messages[0].At != local("09:01:00") {
			t.Errorf("windows path: got %v, want %v", res.Messages[0].At, local("09:01:00"))
		}
	})
	t.Run("NeedsStart", func(t *testing.T) {
		res := mustParse(t, "chat.txt", readFixture(t, "zoom/cloud-recording-chat.example.txt"), importer.Options{})
		if !res.NeedsStart || res.NeedsDay || !res.Messages[0].At.IsZero() || res.Messages[0].Offset != 58*time.Minute+4*time.Second {
			t.Errorf("got needs start %v, at %v, offset %v", res.NeedsStart, res.Messages[0].At, res.Messages[0].Offset)
		}
	})
	t.Run("StartFromCloudName", func(t *testing.T) {
		res := mustParse(t, "GMT20261121-140000_Recording.txt", readFixture(t, "zoom/cloud-recording-chat.example.txt"), importer.Options{})
		if res.NeedsStart || res.Messages[0].At != start.Add(58*time.Minute+4*time.Second) {
			t.Errorf("got needs start %v, at %v", res.NeedsStart, res.Messages[0].At)
		}
	})
}

// kindCase is a chat line and the kind, key moment, selection and owner it
// should suggest.
type kindCase struct {
	text     string
	kind     backend.Kind
	key, sel bool
	owner    string
}

func TestZoomKinds(t *testing.T) {
	lines := []kindCase{
		{"todo: alert on queue depth", backend.KindFollowUp, false, true, ""},
		{"TODO rotate the keys", backend.KindFollowUp, false, true, ""},
		{"Todo - write the runbook", backend.KindFollowUp, false, true, ""},
		{"todos are all done", backend.KindNote, false, false, ""},
		{"todo-list app is broken", backend.KindNote, false, false, ""},
		{"TL checkout errors start", backend.KindNote, true, true, ""},
		{"tl: d: roll back to v41", backend.KindDecision, true, true, ""},
		{"TL;DR nothing changed", backend.KindNote, false, false, ""},
		{"d: roll back to v41", backend.KindDecision, false, false, ""},
		{"a: @sam restart the queue 10m", backend.KindAction, false, false, "sam"},
		{"m: failover to eu-west", backend.KindMitigation, false, false, ""},
		{"? cache stampede after deploy", backend.KindHypothesis, false, false, ""},
		{"?!", backend.KindNote, false, false, ""},
		{"!!! it works", backend.KindNote, false, false, ""},
		{"! EU customers cannot log in", backend.KindImpact, false, false, ""},
		{"sev1 payments down", backend.KindNote, false, false, ""},
		{"ic: Priya", backend.KindNote, false, false, ""},
		{"tl: sev1 payments down", backend.KindNote, true, true, ""},
		{"ev: 502 rate 38%", backend.KindEvidence, false, false, ""},
		{"just chatting", backend.KindNote, false, false, ""},
	}
	var b strings.Builder
	for i, l := range lines {
		b.WriteString("10:00:0" + string(rune('0'+i%10)) + " From Ana to Everyone:\n\t" + l.text + "\n")
	}
	b.WriteString("10:00:59 From Ana to Everyone:\n\tReacted to \"TODO rotate the keys\" with 👍\n")
	res := mustParse(t, "chat.txt", []byte(b.String()), opts)
	if len(res.Messages) != len(lines)+1 {
		t.Fatalf("got %d messages, want %d", len(res.Messages), len(lines)+1)
	}
	for i, l := range lines {
		m := res.Messages[i]
		if m.Kind != l.kind || m.Key != l.key || m.Selected != l.sel || m.Owner != l.owner {
			t.Errorf("%q: got kind %s key %v selected %v owner %q; want %s %v %v %q", l.text, m.Kind, m.Key, m.Selected, m.Owner, l.kind, l.key, l.sel, l.owner)
		}
	}
	if r := res.Messages[len(lines)]; r.Kind != backend.KindNote || r.Selected || !r.Reaction {
		t.Errorf("reaction: got kind %s selected %v reaction %v", r.Kind, r.Selected, r.Reaction)
	}
	i := slices.IndexFunc(lines, func(l kindCase) bool { return l.owner != "" })
	e := res.Messages[i].Entry("zoom")
	want := backend.ImportedEntry{OccurredAt: local("10:00:0" + string(rune('0'+i%10))), Kind: backend.KindAction, Text: "a: @sam restart the queue 10m",
		Author: "Ana", Owner: "sam", Source: "zoom", SourceKey: res.Messages[i].SourceKey}
	if e != want {
		t.Errorf("entry: got %+v, want %+v", e, want)
	}
}

func TestEntryTruncatesLongText(t *testing.T) {
	long := strings.Repeat("😀", backend.MaxEntryBytes/4+10)
	e := importer.Message{Text: long, SourceKey: "k"}.Entry("zoom")
	if len(e.Text) > backend.MaxEntryBytes || !strings.HasSuffix(e.Text, " […]") || !strings.HasPrefix(long, strings.TrimSuffix(e.Text, " […]")) {
		t.Errorf("got %d bytes ending %q", len(e.Text), e.Text[len(e.Text)-12:])
	}
}

func TestZoomErrors(t *testing.T) {
	good := "10:00:00 From Ana to Everyone:\n\tone\n10:00:05 From Ben to Everyone:\n\ttwo\n\tthree\n"
	for _, tc := range []struct {
		name, file, data string
		parts            []string
	}{
		{"UnindentedBody", "notes.txt", good + "this line is not Zoom's\n", []string{"Line 6 of notes.txt is not a Zoom chat line", `"this line is not Zoom's"`}},
		{"FirstLine", "notes.txt", "\n\nMeeting notes\n" + good, []string{"Line 3 of notes.txt", `"Meeting notes"`, "Slack export"}},
		{"BadTime", "chat.txt", good + "25:00:00 From Ana to Everyone:\n\tlate\n", []string{"Line 6 of chat.txt", "25:00:00"}},
		{"Empty", "chat.txt", "", []string{"chat.txt is empty"}},
		{"OnlyEmptyMessages", "chat.txt", "10:00:00 From Ana to Everyone:\n\t\n10:00:01 From Ben to Everyone:\n", []string{"chat.txt holds no chat messages"}},
		{"BadMinutes", "chat.txt", "10:75:00 From Ana to Everyone:\n\thi\n", []string{"Line 1 of chat.txt has the time 10:75:00"}},
		{"Blank", "chat.txt", " \r\n\t\n", []string{"chat.txt is empty"}},
		{"OnlyBOM", "chat.txt", "\uFEFF", []string{"chat.txt is empty"}},
		{"CSV", "timeline.csv", "time,author,text\n10:00,Ana,hello\n", []string{"Line 1 of timeline.csv is not a Zoom chat line", "Slack export"}},
		{"PathInName", "/home/sam/Downloads/notes.txt", "hello\n", []string{"Line 1 of notes.txt"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := importer.Parse(tc.file, []byte(tc.data), opts)
			wantError(t, err, backend.EINVALID, tc.parts...)
		})
	}
	t.Run("TooLarge", func(t *testing.T) {
		_, err := importer.Parse("chat.txt", []byte(good), importer.Options{MaxBytes: 10})
		wantError(t, err, backend.ETOOLARGE, "chat.txt")
	})
}
