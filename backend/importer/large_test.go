package importer_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"bridgelog/backend/importer"
)

// TestLargeZoomChat parses a 100,000-line saved chat: a long incident's
// chat must preview without a wait a person notices.
func TestLargeZoomChat(t *testing.T) {
	var b strings.Builder
	const messages = 50000
	for i := range messages {
		s := i % 86400
		fmt.Fprintf(&b, "%02d:%02d:%02d From Person %d to Everyone:\r\n\tmessage %d, checking the queue 😀\r\n", s/3600, s/60%60, s%60, i%40, i)
	}
	data := []byte(b.String())
	began := time.Now()
	res, err := importer.Parse("meeting_saved_chat.txt", data, opts)
	took := time.Since(began)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("parsed %d lines (%d KB) into %d messages in %v", 2*messages, len(data)>>10, len(res.Messages), took)
	if len(res.Messages) != messages {
		t.Fatalf("got %d messages, want %d", len(res.Messages), messages)
	}
	checkInvariants(t, res)
	if last := res.Messages[messages-1]; last.Text != "message 49999, checking the queue 😀" || last.Line != 2*messages-1 {
		t.Errorf("last: got %q at line %d", last.Text, last.Line)
	}
}
