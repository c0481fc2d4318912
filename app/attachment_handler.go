package app

import (
	"bytes"
	"context"
	"log"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"bridgelog/backend"
)

// AttachmentPrefix is the path the webview loads attachments from:
// <img src="/attachments/42">.
const AttachmentPrefix = "/attachments/"

// AttachmentHandler serves stored attachments to the webview. Wails' asset
// server calls it for every request its embedded files cannot answer, so
// anything that is not an attachment gets a plain 404.
type AttachmentHandler struct {
	Records backend.RecordService
}

func (h *AttachmentHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, AttachmentPrefix)
	if !ok || !allDigits(rest) {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "Attachments can only be read.", http.StatusMethodNotAllowed)
		return
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	a, data, err := h.Records.AttachmentData(context.WithoutCancel(r.Context()), id)
	if backend.ErrorCode(err) == backend.ENOTFOUND {
		http.NotFound(w, r)
		return
	} else if err != nil {
		log.Printf("attachment %d: %v", id, err)
		http.Error(w, "The attachment could not be read.", http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", servedType(a.MIME))
	hd.Set("X-Content-Type-Options", "nosniff")
	// A file is evidence to look at, never a page to run: even if it were
	// HTML, it could not script, load or navigate anything.
	hd.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	// Attachments never change once stored.
	hd.Set("Cache-Control", "private, max-age=3600")
	if cd := mime.FormatMediaType("inline", map[string]string{"filename": a.Name}); cd != "" {
		hd.Set("Content-Disposition", cd)
	}
	if a.SHA256 != "" {
		hd.Set("ETag", `"`+a.SHA256+`"`)
	}
	// ServeContent answers HEAD, ranges and If-None-Match.
	http.ServeContent(w, r, "", a.CreatedAt, bytes.NewReader(data))
}

// servedType is the Content-Type for a stored MIME type. The store keeps only
// PNG, JPEG and plain text; anything else is served as opaque bytes.
func servedType(m string) string {
	base, _, _ := mime.ParseMediaType(m)
	switch {
	case base == "image/png" || base == "image/jpeg":
		return base
	case strings.HasPrefix(base, "text/"):
		return "text/plain; charset=utf-8"
	}
	return "application/octet-stream"
}

func allDigits(s string) bool {
	if s == "" || len(s) > 18 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
