//go:build linux

package app_test

import (
	"context"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"bridgelog/app"
	"bridgelog/backend"
	"bridgelog/backend/cadence"
	"bridgelog/backend/clocks"
	"bridgelog/backend/notify"
	"bridgelog/backend/notify/dbustest"
	"bridgelog/backend/sqlite"
)

// TestReminderDBus runs the app's real reminder path (database, loop, sink,
// notify.Desktop) against a real notification daemon and watches the Notify
// call cross the session bus. Then it freezes the daemon (SIGSTOP) and checks
// that the in-app banner still comes at once, bound calls still answer, and
// the loop still stops promptly. It needs a session bus and dunst:
//
//	BRIDGELOG_DBUS_TEST=1 xvfb-run -a dbus-run-session -- go test ./app -run DBus -count=1
func TestReminderDBus(t *testing.T) {
	if os.Getenv("BRIDGELOG_DBUS_TEST") != "1" {
		t.Skip("set BRIDGELOG_DBUS_TEST=1 and run under xvfb-run and dbus-run-session with dunst installed")
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("no session bus: run the test under dbus-run-session")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	lines := dbustest.MonitorNotify(t, ctx)

	rig := startReminderApp(t, ctx)
	a, svc, entries, inc, clock, banners := rig.app, rig.svc, rig.entries, rig.inc, rig.clock, rig.banners
	defer a.Shutdown(context.Background())

	r := waitBanner(t, banners, 5*time.Second)
	if r.Kind != cadence.KindStatus {
		t.Fatalf("got a %s banner, want the status update reminder", r.Kind)
	}
	dbustest.WaitFor(t, lines, "member=Notify")
	dbustest.WaitFor(t, lines, `string "`+r.Title+`"`)

	t.Run("FrozenDaemon", func(t *testing.T) {
		pid := dbustest.DaemonPID(t)
		if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
			t.Fatal(err)
		}
		defer syscall.Kill(pid, syscall.SIGCONT)

		// A new overdue action: the poke must bring its banner at once.
		start := time.Now()
		if _, err := entries.CreateEntry(ctx, backend.EntryCreate{IncidentID: inc.ID, Line: backend.Parse("a: @jo fail over 1m"), OccurredAt: clock.T.Add(-5 * time.Minute)}); err != nil {
			t.Fatal(err)
		}
		a.Changed(inc.ID)
		got := waitBanner(t, banners, time.Second)
		bannerAfter := time.Since(start).Round(time.Millisecond)
		if got.Kind != cadence.KindActionCheckIn || time.Since(start) > 500*time.Millisecond {
			t.Errorf("got a %s banner after %v, want the check-in banner within 500 ms", got.Kind, time.Since(start))
		}
		// While the sink waits out the frozen daemon, the app still answers.
		callStart := time.Now()
		if _, err := svc.Board(ctx, inc.ID); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(callStart); d > 500*time.Millisecond {
			t.Errorf("Board took %v with the daemon frozen, want well under the 2 s deadline", d)
		}
		// The desktop queue is still waiting on the daemon; the next
		// reminder's banner must not wait for it.
		nextStart := time.Now()
		if _, err := entries.CreateEntry(ctx, backend.EntryCreate{IncidentID: inc.ID, Line: backend.Parse("a: @ana purge the cache 1m"), OccurredAt: clock.T.Add(-4 * time.Minute)}); err != nil {
			t.Fatal(err)
		}
		a.Changed(inc.ID)
		waitBanner(t, banners, time.Second)
		if d := time.Since(nextStart); d > 500*time.Millisecond {
			t.Errorf("got the next banner after %v, want it within 500 ms whatever the daemon does", d)
		}
		// Shutting down does not wait for the daemon either.
		closeStart := time.Now()
		a.Shutdown(context.Background())
		if d := time.Since(closeStart); d > time.Second {
			t.Errorf("shutting down took %v with the daemon frozen, want well under a second", d)
		}
		t.Logf("frozen daemon: banners after %v and %v, shut down in %v", bannerAfter,
			time.Since(nextStart).Round(time.Millisecond), time.Since(closeStart).Round(time.Millisecond))
	})
}

// TestReminderNoNotificationService runs the same reminder path on a session
// bus where no notification service exists and none can be started (the
// config in testdata has no service directories). The banner must still come
// at once, the desktop failure must be logged rather than waited on, and the
// app must keep answering and shut down promptly:
//
//	BRIDGELOG_DBUS_TEST=none dbus-run-session --config-file=app/testdata/session-no-services.conf -- go test -count=1 -v -run NoNotificationService ./app
func TestReminderNoNotificationService(t *testing.T) {
	if os.Getenv("BRIDGELOG_DBUS_TEST") != "none" {
		t.Skip("set BRIDGELOG_DBUS_TEST=none and run under dbus-run-session --config-file=app/testdata/session-no-services.conf")
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("no session bus: run the test under dbus-run-session")
	}
	// Make sure the bus really has no notification service, running or activatable.
	for _, method := range []string{"ListNames", "ListActivatableNames"} {
		out, err := exec.Command("dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
			"/org/freedesktop/DBus", "org.freedesktop.DBus."+method).Output()
		if err != nil {
			t.Fatalf("dbus-send %s: %v", method, err)
		}
		if strings.Contains(string(out), "org.freedesktop.Notifications") {
			t.Fatalf("%s lists org.freedesktop.Notifications: run under --config-file=app/testdata/session-no-services.conf", method)
		}
	}
	logs := captureLog(t)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()

	start := time.Now()
	rig := startReminderApp(t, ctx)
	a := rig.app
	defer a.Shutdown(context.Background())
	r := waitBanner(t, rig.banners, time.Second)
	bannerAfter := time.Since(start)
	if r.Kind != cadence.KindStatus {
		t.Fatalf("got a %s banner, want the status update reminder", r.Kind)
	}
	if bannerAfter > 500*time.Millisecond {
		t.Errorf("banner after %v, want it within 500 ms of starting", bannerAfter)
	}

	// The desktop send fails on its own goroutine, and says so in the log.
	line := logs.wait(t, "reminder "+r.Key+": desktop notification: ", 5*time.Second)
	failedAfter := time.Since(start)
	if !strings.Contains(line, "org.freedesktop.Notifications") {
		t.Errorf("logged %q, want the bus's reason (no org.freedesktop.Notifications)", line)
	}
	if strings.Contains(line, notify.ErrTimeout.Error()) || failedAfter >= notify.DefaultTimeout {
		t.Errorf("the send failed after %v with %q, want an immediate failure, not the %v deadline", failedAfter, line, notify.DefaultTimeout)
	}

	// The next reminder's banner comes at once, and bound calls answer.
	nextStart := time.Now()
	if _, err := rig.entries.CreateEntry(ctx, backend.EntryCreate{IncidentID: rig.inc.ID, Line: backend.Parse("a: @jo fail over 1m"), OccurredAt: rig.clock.T.Add(-5 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	a.Changed(rig.inc.ID)
	got := waitBanner(t, rig.banners, time.Second)
	nextAfter := time.Since(nextStart)
	if got.Kind != cadence.KindActionCheckIn || nextAfter > 500*time.Millisecond {
		t.Errorf("got a %s banner after %v, want the action check-in banner within 500 ms", got.Kind, nextAfter)
	}
	callStart := time.Now()
	if _, err := rig.svc.Board(ctx, rig.inc.ID); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(callStart); d > 500*time.Millisecond {
		t.Errorf("Board took %v, want well under a second", d)
	}
	logs.wait(t, "reminder "+got.Key+": desktop notification: ", 5*time.Second)

	closeStart := time.Now()
	a.Shutdown(context.Background())
	if d := time.Since(closeStart); d > time.Second {
		t.Errorf("shutting down took %v, want well under a second", d)
	}
	_, reason, _ := strings.Cut(strings.TrimSpace(line), "desktop notification: ")
	t.Logf("no notification service: banner after %v, desktop failure logged after %v (%s), next banner after %v, shut down in %v",
		bannerAfter.Round(time.Millisecond), failedAfter.Round(time.Millisecond), reason,
		nextAfter.Round(time.Millisecond), time.Since(closeStart).Round(time.Millisecond))
}

// logLines collects what the standard logger writes while a test runs.
type logLines struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (l *logLines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// captureLog sends the standard logger to a logLines (and stderr) until the test ends.
func captureLog(t *testing.T) *logLines {
	t.Helper()
	l := &logLines{}
	prev, flags := log.Writer(), log.Flags()
	log.SetOutput(io.MultiWriter(os.Stderr, l))
	t.Cleanup(func() { log.SetOutput(prev); log.SetFlags(flags) })
	return l
}

// wait returns the first logged line containing want, failing after within.
func (l *logLines) wait(t *testing.T, want string, within time.Duration) string {
	t.Helper()
	for deadline := time.Now().Add(within); ; time.Sleep(5 * time.Millisecond) {
		l.mu.Lock()
		text := l.buf.String()
		l.mu.Unlock()
		for line := range strings.Lines(text) {
			if strings.Contains(line, want) {
				return line
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no log line with %q within %v; logged:\n%s", want, within, text)
		}
	}
}

// reminderRig is the app's real reminder path over a fresh database: a SEV2
// declared 6 minutes ago whose first status update is overdue, the loop, the
// sink and notify.Desktop. banners receives every reminder:due event.
type reminderRig struct {
	app     *app.App
	svc     *clocks.Service
	entries backend.EntryService
	inc     *backend.Incident
	clock   *backend.FixedClock
	banners chan cadence.Reminder
}

// startReminderApp builds the rig and starts the app; the caller shuts it down.
func startReminderApp(t *testing.T, ctx context.Context) *reminderRig {
	t.Helper()
	// A SEV2 declared 6 minutes ago: the first status update is overdue.
	clock := &backend.FixedClock{T: time.Now().UTC().Truncate(time.Second)}
	db := sqlite.NewDB(filepath.Join(t.TempDir(), "bridgelog.db"), clock)
	if err := db.Open(); err != nil {
		t.Fatal(err)
	}
	incidents, entries := sqlite.NewIncidentService(db), sqlite.NewEntryService(db)
	inc, err := incidents.CreateIncident(ctx, backend.IncidentCreate{Title: "DBus test " + strconv.FormatInt(clock.T.UnixNano(), 36),
		Severity: backend.SEV2, DeclaredAt: clock.T.Add(-6 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	// An open action keeps the idle rule quiet, so exactly one reminder is due.
	if _, err := entries.CreateEntry(ctx, backend.EntryCreate{IncidentID: inc.ID, Line: backend.Parse("a: @sam roll back 30m"), OccurredAt: clock.T.Add(-6 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	calls := sqlite.NewCallService(db)
	policy := cadence.DefaultPolicy(time.UTC)
	policy.Rhythms[backend.SEV2] = func(r cadence.Rhythm) cadence.Rhythm { r.ActionAck = time.Hour; return r }(policy.Rhythms[backend.SEV2])
	svc := &clocks.Service{Calls: calls, Incidents: incidents, Entries: entries, Clock: clock, Policy: func() cadence.Policy { return policy }}

	banners := make(chan cadence.Reminder, 16)
	a := app.New(db.Close)
	a.Clock, a.Marks, a.Notifier = clock, calls, notify.NewDesktop("Bridgelog")
	a.Emit = func(name string, data any) {
		if r, ok := data.(cadence.Reminder); ok && name == backend.EventReminderDue {
			banners <- r
		}
	}
	a.Loop = cadence.NewLoop(clock, policy, svc.States, a.Deliver)
	svc.Changed = a.Changed
	a.Startup(ctx)
	return &reminderRig{app: a, svc: svc, entries: entries, inc: inc, clock: clock, banners: banners}

}

func waitBanner(t *testing.T, banners <-chan cadence.Reminder, within time.Duration) cadence.Reminder {
	t.Helper()
	select {
	case r := <-banners:
		return r
	case <-time.After(within):
		t.Fatalf("no reminder:due event within %v", within)
		return cadence.Reminder{}
	}
}
