package export

import (
	"context"
	"io"
)

// writeReviewHTML writes the review draft as one HTML file, with the same
// content as the Markdown draft and the timeline export's styles, escaping
// and picture.
func writeReviewHTML(ctx context.Context, w io.Writer, v *View) error {
	doc, err := newHTMLDoc(ctx, v)
	if err != nil {
		return err
	}
	doc.Review = newReviewDoc(v)
	doc.Title = "Post-incident review: " + v.Incident.Title
	doc.PageHeader = "Bridgelog · review draft · " + v.Incident.Title
	doc.Heading = v.Incident.Title
	doc.Subtitle = "Post-incident review (draft)"
	return renderHTML(w, "review.html", doc)
}
