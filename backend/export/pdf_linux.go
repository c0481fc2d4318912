package export

import (
	"os"
	"os/exec"
	"syscall"
	"time"
)

// isolateChromium starts Chromium in a process group of its own, so that a
// cancelled or timed-out print stops its helper processes too, and with
// isolate in new user and network namespaces: the network namespace has a
// loopback interface that is down and nothing else, so no inet connection
// can leave it. The user namespace maps only our own user and group, which
// any user may do where the system allows user namespaces at all.
func isolateChromium(cmd *exec.Cmd, isolate bool) {
	attr := &syscall.SysProcAttr{Setpgid: true}
	if isolate {
		attr.Cloneflags = syscall.CLONE_NEWUSER | syscall.CLONE_NEWNET
		attr.UidMappings = []syscall.SysProcIDMap{{ContainerID: os.Getuid(), HostID: os.Getuid(), Size: 1}}
		attr.GidMappings = []syscall.SysProcIDMap{{ContainerID: os.Getgid(), HostID: os.Getgid(), Size: 1}}
	}
	cmd.SysProcAttr = attr
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	// A helper that outlives the browser keeps its standard error open.
	cmd.WaitDelay = 5 * time.Second
}
