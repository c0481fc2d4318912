//go:build linux

package notify_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"bridgelog/backend/notify"
)

// TestDesktopDBus sends one real notification and watches it cross the session
// bus. It needs a session bus and a notification daemon D-Bus can start (dunst
// needs an X display), so it runs only when asked:
//
//	BRIDGELOG_DBUS_TEST=1 xvfb-run -a dbus-run-session -- go test -run DBus ./backend/notify
func TestDesktopDBus(t *testing.T) {
	if os.Getenv("BRIDGELOG_DBUS_TEST") != "1" {
		t.Skip("set BRIDGELOG_DBUS_TEST=1 and run under xvfb-run and dbus-run-session with dunst installed")
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("no session bus: run the test under dbus-run-session")
	}
	monitorPath, err := exec.LookPath("dbus-monitor")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	monitor := exec.CommandContext(ctx, monitorPath, "interface=org.freedesktop.Notifications,member=Notify")
	out, err := monitor.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := monitor.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); _ = monitor.Wait() }()

	lines := make(chan string, 64)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	// dbus-monitor reports losing its own name once it has become a monitor;
	// only then will it see our call.
	waitFor(t, lines, "member=NameLost")

	title := fmt.Sprintf("Bridgelog test %d", time.Now().UnixNano())
	d := notify.NewDesktop("Bridgelog")
	if err := d.Notify(ctx, title, "Status update due"); err != nil {
		t.Fatalf("Notify: %v", err)
	}
	waitFor(t, lines, "member=Notify")
	waitFor(t, lines, `string "Bridgelog"`)
	waitFor(t, lines, `string "`+title+`"`)

	t.Run("FrozenDaemonTimesOut", func(t *testing.T) {
		pid := daemonPID(t)
		if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
			t.Fatal(err)
		}
		// Thaw it whatever happens, so the stuck send finishes and the session ends cleanly.
		defer syscall.Kill(pid, syscall.SIGCONT)
		start := time.Now()
		err := d.Notify(ctx, title+" frozen", "nobody answers")
		elapsed := time.Since(start)
		if !errors.Is(err, notify.ErrTimeout) || elapsed < notify.DefaultTimeout || elapsed > notify.DefaultTimeout+time.Second {
			t.Errorf("got %v after %v, want ErrTimeout after %v", err, elapsed, notify.DefaultTimeout)
		}
		t.Logf("frozen daemon: Notify returned after %v", elapsed.Round(time.Millisecond))
	})
}

// daemonPID asks the bus which process owns the notification service.
func daemonPID(t *testing.T) int {
	t.Helper()
	out, err := exec.Command("dbus-send", "--session", "--print-reply=literal", "--dest=org.freedesktop.DBus",
		"/org/freedesktop/DBus", "org.freedesktop.DBus.GetConnectionUnixProcessID", "string:org.freedesktop.Notifications").Output()
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

// waitFor reads monitor lines until one contains want, failing after 10 s.
func waitFor(t *testing.T, lines <-chan string, want string) {
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
