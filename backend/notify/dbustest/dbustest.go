//go:build linux

// Package dbustest holds what the D-Bus notification tests share: watching
// Notify calls cross the session bus, finding the notification daemon (to
// freeze it) and waiting for a line. Only tests import it.
package dbustest

import (
	"bufio"
	"context"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// MonitorNotify starts dbus-monitor on Notify calls and returns its lines once
// it is listening. The monitor stops when the test ends.
func MonitorNotify(t testing.TB, ctx context.Context) <-chan string {
	t.Helper()
	monitor := exec.CommandContext(ctx, "dbus-monitor", "interface=org.freedesktop.Notifications,member=Notify")
	out, err := monitor.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := monitor.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = monitor.Process.Kill(); _ = monitor.Wait() })
	lines := make(chan string, 256)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	// dbus-monitor reports losing its own name once it has become a monitor;
	// only then will it see the calls.
	WaitFor(t, lines, "member=NameLost")
	return lines
}

// DaemonPID asks the bus which process owns the notification service, waiting
// while D-Bus is still starting it for the first Notify.
func DaemonPID(t testing.TB) int {
	t.Helper()
	var out []byte
	var err error
	// Up to 10 s in 50 ms steps, counted rather than read from the wall clock.
	for attempt := 0; attempt < 200; attempt++ {
		if attempt > 0 {
			time.Sleep(50 * time.Millisecond)
		}
		out, err = exec.Command("dbus-send", "--session", "--print-reply=literal", "--dest=org.freedesktop.DBus",
			"/org/freedesktop/DBus", "org.freedesktop.DBus.GetConnectionUnixProcessID", "string:org.freedesktop.Notifications").Output()
		if err == nil {
			break
		}
	}
	if err != nil {
		t.Fatalf("dbus-send: %v", err)
	}
	fields := strings.Fields(string(out)) // "uint32 12345"
	pid, err := strconv.Atoi(fields[len(fields)-1])
	if err != nil || pid <= 1 {
		t.Fatalf("got %q, want the daemon's pid", out)
	}
	return pid
}

// WaitFor reads lines until one contains want, failing after 10 s.
func WaitFor(t testing.TB, lines <-chan string, want string) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatalf("dbus-monitor ended before %q appeared", want)
			}
			if strings.Contains(line, want) {
				return
			}
		case <-timeout:
			t.Fatalf("no %q from dbus-monitor within 10 s", want)
		}
	}
}
