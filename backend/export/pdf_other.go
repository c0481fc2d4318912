//go:build !linux

package export

import (
	"os/exec"
	"time"
)

// isolateChromium has no namespaces to use outside Linux: Chromium's own
// switches are the only wall there.
func isolateChromium(cmd *exec.Cmd, isolate bool) {
	// A helper that outlives the browser keeps its standard error open.
	cmd.WaitDelay = 5 * time.Second
}
