package app_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"bridgelog/app"
)

func TestAttachmentHandler(t *testing.T) {
	r := mustRecs(t)
	img := pngBytes(t, 30, 10)
	shot, err := r.attach.Add(app.AttachmentRequest{IncidentID: r.inc.ID, Name: "grafana.png", Data: b64(img)})
	if err != nil {
		t.Fatal(err)
	}
	logText := []byte("<html><script>alert(1)</script> 502 from auth\n")
	logEntry, err := r.attach.Add(app.AttachmentRequest{IncidentID: r.inc.ID, Name: "auth.log", Data: b64(logText)})
	if err != nil {
		t.Fatal(err)
	}
	h := &app.AttachmentHandler{Records: r.records}
	do := func(method, path string, hdr ...string) *http.Response {
		req := httptest.NewRequest(method, path, nil)
		for i := 0; i+1 < len(hdr); i += 2 {
			req.Header.Set(hdr[i], hdr[i+1])
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w.Result()
	}
	imgPath := "/attachments/" + strconv.FormatInt(shot.Attachment.ID, 10)

	t.Run("Image", func(t *testing.T) {
		res := do("GET", imgPath)
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 || !bytes.Equal(body, img) {
			t.Fatalf("got %d with %d bytes, want 200 with the %d image bytes", res.StatusCode, len(body), len(img))
		}
		for k, want := range map[string]string{
			"Content-Type":            "image/png",
			"X-Content-Type-Options":  "nosniff",
			"Content-Security-Policy": "sandbox; default-src 'none'",
			"Cache-Control":           "private, max-age=3600",
			"Content-Length":          strconv.Itoa(len(img)),
		} {
			if got := res.Header.Get(k); got != want {
				t.Errorf("got %s %q, want %q", k, got, want)
			}
		}
	})
	t.Run("LogIsPlainText", func(t *testing.T) {
		res := do("GET", "/attachments/"+strconv.FormatInt(logEntry.Attachment.ID, 10))
		body, _ := io.ReadAll(res.Body)
		if got, want := res.Header.Get("Content-Type"), "text/plain; charset=utf-8"; got != want {
			t.Errorf("got Content-Type %q, want %q", got, want)
		}
		if !bytes.Equal(body, logText) {
			t.Errorf("got body %q, want %q", body, logText)
		}
	})
	t.Run("Head", func(t *testing.T) {
		res := do("HEAD", imgPath)
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 || len(body) != 0 || res.Header.Get("Content-Type") != "image/png" {
			t.Errorf("got %d, %d body bytes, type %q; want 200, no body, image/png", res.StatusCode, len(body), res.Header.Get("Content-Type"))
		}
	})
	t.Run("NotModified", func(t *testing.T) {
		etag := do("GET", imgPath).Header.Get("ETag")
		if etag == "" {
			t.Fatal("got no ETag")
		}
		if got := do("GET", imgPath, "If-None-Match", etag).StatusCode; got != http.StatusNotModified {
			t.Errorf("got %d for a cached copy, want 304", got)
		}
	})
	t.Run("NotFound", func(t *testing.T) {
		for _, p := range []string{"/attachments/999999", "/attachments/abc", "/attachments/1/x", "/attachments/",
			"/attachments/-1", "/attachments/1.png", "/favicon.ico", "/"} {
			if got := do("GET", p).StatusCode; got != http.StatusNotFound {
				t.Errorf("GET %s: got %d, want 404", p, got)
			}
		}
	})
	t.Run("ReadOnly", func(t *testing.T) {
		if got := do("POST", imgPath).StatusCode; got != http.StatusMethodNotAllowed {
			t.Errorf("got %d for POST, want 405", got)
		}
	})
}
