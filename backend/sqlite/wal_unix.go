//go:build unix

package sqlite

import (
	"os"
	"syscall"
)

// openNoBlock opens path for reading without ever blocking: a named pipe put
// where a file was expected would otherwise hang the open until a writer came.
func openNoBlock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
