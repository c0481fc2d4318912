//go:build !unix

package sqlite

import "os"

// openNoBlock opens path for reading. Elsewhere than Unix a file path cannot
// name a pipe that blocks the open.
func openNoBlock(path string) (*os.File, error) { return os.Open(path) }
