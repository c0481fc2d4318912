//go:build linux

package notify_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"testing"
	"time"

	"bridgelog/backend/notify"
	"bridgelog/backend/notify/dbustest"
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
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	lines := dbustest.MonitorNotify(t, ctx)

	title := fmt.Sprintf("Bridgelog test %d", time.Now().UnixNano())
	d := notify.NewDesktop("Bridgelog")
	d.Icon = &notify.Icon{PNG: iconPNG, Dir: t.TempDir()}
	if err := d.Notify(ctx, title, "Status update due"); err != nil {
		t.Fatalf("Notify: %v", err)
	}
	dbustest.WaitFor(t, lines, "member=Notify")
	dbustest.WaitFor(t, lines, `string "Bridgelog"`)
	// The app's icon goes as the notification's app_icon: a PNG file's path.
	dbustest.WaitFor(t, lines, `string "`+d.Icon.Path()+`"`)
	dbustest.WaitFor(t, lines, `string "`+title+`"`)

	t.Run("FrozenDaemonTimesOut", func(t *testing.T) {
		pid := dbustest.DaemonPID(t)
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
