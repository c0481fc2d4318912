//go:build windows

package instance

import (
	"os"
	"syscall"
)

// AttachConsole gives the command line's output to the console it was typed
// in. Windows starts bridgelog.exe as a window program (it is linked with
// -H windowsgui, so that opening the window from the Start menu shows no
// console), and a window program has no standard output: without this,
// "bridgelog.exe list" typed in cmd.exe or PowerShell would print nothing.
// Output already redirected to a file or a pipe keeps going there.
func AttachConsole() {
	if os.Stdout != nil && os.Stderr != nil {
		return
	}
	const attachParentProcess = ^uint32(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if ok, _, _ := attach.Call(uintptr(attachParentProcess)); ok == 0 {
		return // started with no console around it: nothing to print to
	}
	if os.Stdout == nil {
		os.Stdout, _ = os.OpenFile("CONOUT$", os.O_WRONLY, 0)
	}
	if os.Stderr == nil {
		os.Stderr, _ = os.OpenFile("CONOUT$", os.O_WRONLY, 0)
	}
	if os.Stdin == nil {
		os.Stdin, _ = os.Open("CONIN$")
	}
}
