package export

import (
	"context"
	"io"
)

// Formats still being written; each moves to its own file.

func writeHTML(context.Context, io.Writer, *View) error       { return errPending }
func writePDF(context.Context, io.Writer, *View) error        { return errPending }
func writeReview(context.Context, io.Writer, *View) error     { return errPending }
func writeReviewHTML(context.Context, io.Writer, *View) error { return errPending }
func writeICS(io.Writer, *View) error                         { return errPending }
