package export

import (
	"context"
	"io"

	"bridgelog/backend"
)

// Write renders the report in opts.Format to w. It is the one code path the
// app, the clipboard and the command line all use.
func Write(ctx context.Context, w io.Writer, rep *backend.Report, opts Options) error {
	if err := opts.Validate(); err != nil {
		return err
	}
	if rep == nil || rep.Incident == nil {
		return backend.Errorf(backend.ENOTFOUND, "There is no incident to export")
	}
	v := NewView(rep, opts)
	switch opts.Format {
	case FormatMarkdown:
		return writeMarkdown(ctx, w, v)
	case FormatHTML:
		return writeHTML(ctx, w, v)
	case FormatPDF:
		return writePDF(ctx, w, v)
	case FormatJSON:
		return writeJSON(w, rep)
	case FormatCSV:
		return writeCSV(w, v)
	case FormatChat:
		return writeChat(w, v)
	case FormatReview:
		return writeReview(ctx, w, v)
	case FormatReviewHTML:
		return writeReviewHTML(ctx, w, v)
	case FormatICS:
		return writeICS(w, v)
	}
	return backend.Errorf(backend.EINVALID, "Unknown export format %q", opts.Format)
}
