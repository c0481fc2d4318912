package app_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"bridgelog/app"
	"bridgelog/backend"
)

// writeZoomChat writes a Zoom saved chat of about size bytes, messages of
// the lengths people type a second apart, and returns its path and size.
func writeZoomChat(tb testing.TB, size int) (string, int64) {
	tb.Helper()
	lines := []string{
		"ack", "checkout errors are back, 5xx on /pay at 12%",
		"TODO page the database on-call, they have not joined yet",
		"rolling back web-7 to the previous build now, ETA five minutes",
		"tl: error rate falling after the rollback 😀",
		"here is the log line: 2026-11-21T14:02:11Z ERROR pool exhausted (max=200, waiting=1843) in payments-api/db.go:217, retrying",
		"+1", "who owns the status page update?",
	}
	path := filepath.Join(tb.TempDir(), "meeting_saved_chat.txt")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	written := 0
	for i := 0; written < size; i++ {
		s := 9*3600 + i%50000
		n, _ := fmt.Fprintf(w, "%02d:%02d:%02d From Person %d to Everyone:\r\n\t%s (%d)\r\n", s/3600, s/60%60, s%60, i%40, lines[i%len(lines)], i)
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

// heapPeak runs f while a goroutine it owns samples HeapInuse every
// millisecond, and returns what f allocated and the highest heap in use,
// both above what was in use before.
func heapPeak(f func()) (total, peak uint64) {
	runtime.GC()
	var before, m runtime.MemStats
	runtime.ReadMemStats(&before)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	high := before.HeapInuse
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		var s runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				runtime.ReadMemStats(&s)
				high = max(high, s.HeapInuse)
			}
		}
	}()
	f()
	close(stop)
	wg.Wait()
	runtime.ReadMemStats(&m)
	return m.TotalAlloc - before.TotalAlloc, max(high, m.HeapInuse) - before.HeapInuse
}

// BenchmarkImportMemory reports the memory of importing a Zoom chat as the
// command line does, per size of chat, as multiples of the file's size: the
// preview (reading the file, marking messages already imported), then the
// import of every message (reading it again, and the store's transaction).
func BenchmarkImportMemory(b *testing.B) {
	for _, mb := range []int{1, 5, 25} {
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			path, size := writeZoomChat(b, mb<<20)
			var preview, imported struct{ total, peak uint64 }
			var took time.Duration
			var p app.ImportPreview
			var res backend.ImportResult
			var err error
			for b.Loop() {
				r := mustRecs(b)
				req := app.ImportRequest{IncidentID: r.inc.ID, Path: path, Day: "2026-11-21", Zone: "UTC"}
				began := time.Now()
				preview.total, preview.peak = heapPeak(func() { p, err = r.imports.Preview(req) })
				if err == nil {
					every := make([]int, len(p.Messages))
					for i := range every {
						every[i] = i
					}
					p = app.ImportPreview{}
					imported.total, imported.peak = heapPeak(func() { res, err = r.imports.Import(req, every) })
				}
				took = time.Since(began)
			}
			in := float64(size)
			b.ReportMetric(float64(preview.peak)/in, "preview-peak/input")
			b.ReportMetric(float64(imported.peak)/in, "import-peak/input")
			b.Logf("%d MB chat: preview allocated %.0f MB (%.1fx), peak heap %.0f MB (%.1fx); import of %d allocated %.0f MB (%.1fx), peak heap %.0f MB (%.1fx); %v in all; error: %v",
				mb, mib(preview.total), float64(preview.total)/in, mib(preview.peak), float64(preview.peak)/in,
				res.Added, mib(imported.total), float64(imported.total)/in, mib(imported.peak), float64(imported.peak)/in, took.Round(time.Millisecond), err)
		})
	}
}

func mib(n uint64) float64 { return float64(n) / (1 << 20) }

// TestImports_PreviewRefusesEarly previews a 25 MB chat of 275,000 messages:
// it is refused with the limit and what to do once the 100,001st message is
// read, holding a small part of the file's size. Reading it whole first took
// 18 times the file, and 17 s until the store refused it.
func TestImports_PreviewRefusesEarly(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 25 MB chat")
	}
	path, size := writeZoomChat(t, 25<<20)
	r := mustRecs(t)
	var err error
	total, peak := heapPeak(func() {
		_, err = r.imports.Preview(app.ImportRequest{IncidentID: r.inc.ID, Path: path, Day: "2026-11-21", Zone: "UTC"})
	})
	t.Logf("%.0f MB chat: allocated %.0f MB, peak heap %.0f MB before the refusal", mib(uint64(size)), mib(total), mib(peak))
	if got, want := backend.ErrorCode(err), backend.ETOOLARGE; got != want {
		t.Fatalf("got %q (%v), want %q", got, err, want)
	}
	for _, part := range []string{"more than 100,000 messages", "line 200,001", "split the file"} {
		if !strings.Contains(backend.ErrorMessage(err), part) {
			t.Errorf("got %q, want it to say %q", backend.ErrorMessage(err), part)
		}
	}
	if limit := 4 * uint64(size); peak > limit {
		t.Errorf("got a peak heap of %.0f MB, want at most %.0f MB (4x the file)", mib(peak), mib(limit))
	}
}
