package backend

import "context"

type authorKey struct{}

// WithAuthor names the person a write is made by, for the change log.
func WithAuthor(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, authorKey{}, name)
}

// AuthorFrom is the person WithAuthor named, or "".
func AuthorFrom(ctx context.Context) string {
	s, _ := ctx.Value(authorKey{}).(string)
	return s
}
