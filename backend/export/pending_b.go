package export

import (
	"io"

	"bridgelog/backend"
)

// Formats still being written; each moves to its own file.

func writeChat(io.Writer, *View) error                      { return errPending }

var errPending = backend.Errorf(backend.EINTERNAL, "This format is not available yet")
