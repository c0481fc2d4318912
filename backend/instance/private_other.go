//go:build !unix

package instance

// Private does nothing where there is no umask: on Windows the user's profile
// folders are private already.
func Private() {}
