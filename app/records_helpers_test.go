package app_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"testing"
	"time"

	"bridgelog/app"
	"bridgelog/backend"
	"bridgelog/backend/sqlite"
)

// declared is when the test incident was declared: 21 November 2026, 14:00 UTC.
var declared = time.Date(2026, 11, 21, 14, 0, 0, 0, time.UTC)

// recs is the export, import and attachment bindings over a real database.
type recs struct {
	clock     *backend.FixedClock
	db        *sqlite.DB
	records   *sqlite.RecordService
	incidents backend.IncidentService
	inc       *backend.Incident
	changed   []int64
	dialogs   *dialogs
	exports   *app.Exports
	imports   *app.Imports
	attach    *app.Attachments
}

func mustRecs(tb testing.TB) *recs {
	tb.Helper()
	r := &recs{clock: &backend.FixedClock{T: declared}, dialogs: &dialogs{}}
	w := wired(tb, r.clock)
	r.db, r.records, r.incidents = w.DB, w.Records, w.Incidents
	changed := func(id int64) { r.changed = append(r.changed, id) }
	w.Exports.Getenv = func(string) string { return "" }
	w.Exports.Home = func() (string, error) { return tb.TempDir(), nil }
	r.exports = &app.Exports{Dialogs: r.dialogs, Service: w.Exports}
	r.imports = &app.Imports{Dialogs: r.dialogs, Changed: changed, Service: w.Imports}
	r.attach = &app.Attachments{Records: r.records, Settings: w.Settings, Changed: changed}

	ctx := context.Background()
	inc, err := r.incidents.CreateIncident(ctx, backend.IncidentCreate{Title: "EU logins failing", Severity: backend.SEV1, Author: "Priya"})
	if err != nil {
		tb.Fatal(err)
	}
	scribe := w.Timeline
	for _, line := range []string{"tl: logins fail for eu-west customers", "int: auth logs show token errors", "a: @sam roll back auth 10m"} {
		r.clock.Advance(time.Minute)
		if _, err := scribe.Add(ctx, inc.ID, line, time.Time{}, "Priya"); err != nil {
			tb.Fatal(err)
		}
	}
	if r.inc, err = r.incidents.FindIncident(ctx, inc.ID); err != nil {
		tb.Fatal(err)
	}
	return r
}

// dialogs stands in for the native file choosers, which need a window.
type dialogs struct {
	title, dir, name string
	answer           string
}

func (d *dialogs) SaveFile(title, dir, name string, _ []app.FileFilter) (string, error) {
	d.title, d.dir, d.name = title, dir, name
	return d.answer, nil
}

func (d *dialogs) OpenFile(title, dir string, _ []app.FileFilter) (string, error) {
	d.title, d.dir = title, dir
	return d.answer, nil
}

// pngBytes is a small real PNG image.
func pngBytes(tb testing.TB, w, h int) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, x%h, color.RGBA{R: 200, A: 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func b64(data []byte) string { return base64.StdEncoding.EncodeToString(data) }
