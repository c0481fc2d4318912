package importer_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"bridgelog/backend/importer"
)

// chatLines are message bodies of the lengths people type in a call, from a
// word to a pasted log line.
var chatLines = []string{
	"ack",
	"checkout errors are back, 5xx on /pay at 12%",
	"TODO page the database on-call, they have not joined yet",
	"rolling back web-7 to the previous build now, ETA five minutes",
	"tl: error rate falling after the rollback 😀",
	"here is the log line: 2026-11-21T14:02:11Z ERROR pool exhausted (max=200, waiting=1843) in payments-api/db.go:217, retrying",
	"+1",
	"who owns the status page update?",
}

// writeZoomChat writes a Zoom saved chat (the newer layout, CRLF endings, as
// the Windows client saves it) of about size bytes and returns its path and
// its size. Each message is one second after the one before.
func writeZoomChat(tb testing.TB, size int) (string, int64) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "2026-11-21 09.00.00 Bridge", "meeting_saved_chat.txt")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		tb.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	written := 0
	for i := 0; written < size; i++ {
		s := 9*3600 + i%50000
		n, _ := fmt.Fprintf(w, "%02d:%02d:%02d From Person %d to Everyone:\r\n\t%s (%d)\r\n",
			s/3600, s/60%60, s%60, i%40, chatLines[i%len(chatLines)], i)
		written += n
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path, int64(written)
}

// heapUse is what one call allocated in all (TotalAlloc), the most heap in
// use while it ran and the heap its result holds after a collection, each
// above what was in use before it started.
type heapUse struct {
	total, peak, kept uint64
	took              time.Duration
}

// measureHeap runs f while a sampler reads the heap every millisecond.
func measureHeap(f func()) heapUse {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	s := startHeapSampler(before.HeapInuse)
	began := time.Now()
	f()
	took := time.Since(began)
	peak := s.Close()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	peak = max(peak, after.HeapInuse)
	u := heapUse{total: after.TotalAlloc - before.TotalAlloc, took: took}
	if peak > before.HeapInuse {
		u.peak = peak - before.HeapInuse
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if after.HeapInuse > before.HeapInuse {
		u.kept = after.HeapInuse - before.HeapInuse
	}
	return u
}

// heapSampler owns the goroutine that samples HeapInuse; Close stops it,
// waits for it and returns the highest value seen.
type heapSampler struct {
	stop chan struct{}
	wg   sync.WaitGroup
	peak uint64
}

func startHeapSampler(base uint64) *heapSampler {
	s := &heapSampler{stop: make(chan struct{}), peak: base}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		var m runtime.MemStats
		for {
			select {
			case <-s.stop:
				return
			case <-tick.C:
				runtime.ReadMemStats(&m)
				s.peak = max(s.peak, m.HeapInuse)
			}
		}
	}()
	return s
}

func (s *heapSampler) Close() uint64 {
	close(s.stop)
	s.wg.Wait()
	return s.peak
}

// BenchmarkParseFileMemory reports, per size of Zoom chat, the bytes
// allocated, the peak heap in use and the heap the result holds, each as a
// multiple of the file's size. The 25 MB chat holds more messages than one
// file may: its figures are those of reading up to the refusal.
func BenchmarkParseFileMemory(b *testing.B) {
	for _, mb := range []int{1, 5, 25} {
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			path, size := writeZoomChat(b, mb<<20)
			var u heapUse
			var res *importer.Result
			var err error
			for b.Loop() {
				res = nil
				u = measureHeap(func() { res, err = importer.ParseFile(path, importer.Options{Zone: time.UTC}) })
			}
			n := 0
			if res != nil {
				n = len(res.Messages)
			}
			in := float64(size)
			b.ReportMetric(float64(u.total)/in, "alloc/input")
			b.ReportMetric(float64(u.peak)/in, "peak/input")
			b.ReportMetric(float64(u.kept)/in, "result/input")
			b.Logf("%d MB chat: %d messages, allocated %.1f MB (%.1fx), peak heap %.1f MB (%.1fx), result %.1f MB (%.1fx), %v, error: %v",
				mb, n, mib(u.total), float64(u.total)/in, mib(u.peak), float64(u.peak)/in,
				mib(u.kept), float64(u.kept)/in, u.took.Round(time.Millisecond), err)
		})
	}
}

func mib(n uint64) float64 { return float64(n) / (1 << 20) }

// TestParseFileMemory bounds the heap a 5 MB Zoom chat takes while it is
// read: the file is streamed a line at a time and its messages are
// allocated once, so the peak is a small multiple of the file. Reading the
// whole text, splitting it into lines and growing the list of messages
// took a peak of 13 times the file and allocated 28 times it.
func TestParseFileMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads a 5 MB chat")
	}
	path, size := writeZoomChat(t, 5<<20)
	var res *importer.Result
	var err error
	u := measureHeap(func() { res, err = importer.ParseFile(path, importer.Options{Zone: time.UTC}) })
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(res.Messages), 55452; got != want {
		t.Fatalf("got %d messages, want %d", got, want)
	}
	t.Logf("%.1f MB chat: allocated %.1f MB (%.1fx), peak heap %.1f MB (%.1fx), result %.1f MB (%.1fx) in %v",
		mib(uint64(size)), mib(u.total), float64(u.total)/float64(size), mib(u.peak), float64(u.peak)/float64(size),
		mib(u.kept), float64(u.kept)/float64(size), u.took.Round(time.Millisecond))
	if limit := 10 * uint64(size); u.peak > limit {
		t.Errorf("got a peak heap of %.1f MB, want at most %.1f MB (10x the file)", mib(u.peak), mib(limit))
	}
	if limit := 15 * uint64(size); u.total > limit {
		t.Errorf("got %.1f MB allocated, want at most %.1f MB (15x the file)", mib(u.total), mib(limit))
	}
	runtime.KeepAlive(res)
}
