// Bridgelog keeps an incident call's timeline and the IC's dashboard, offline.
// main only wires the parts together; see app/ and backend/.
package main

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"bridgelog/app"
	"bridgelog/app/cli"
	"bridgelog/backend"
	"bridgelog/backend/backup"
	"bridgelog/backend/cadence"
	"bridgelog/backend/export"
	"bridgelog/backend/instance"
	"bridgelog/backend/notify"
	"bridgelog/backend/settings"
	"bridgelog/backend/sqlite"
	"bridgelog/backend/wire"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	instance.Private()
	// Commands (list, export, import, help, --version...) run here and exit:
	// no window, no GTK, so they work over ssh and in scripts.
	if cli.IsCommand(os.Args[1:]) {
		instance.AttachConsole()
		os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bridgelog:", backend.ErrorMessage(err))
		os.Exit(1)
	}
}

func run() error {
	// The window needs a display. Without one GTK would panic, and only
	// after the database, its lock and its backups had been made: say so
	// now, with nothing created, and point to the commands.
	// (Writing the frontend's bindings opens no window and needs none.)
	if !generatingBindings {
		if err := instance.CheckDisplay(os.Getenv, 2*time.Second); err != nil {
			return err
		}
	}
	dbPath, err := instance.DBPath(os.Args[1:], os.Getenv)
	if err != nil {
		return err
	}
	// One window per database: a second launch finds the first over D-Bus and
	// brings it forward instead of opening a second writer. The id and the
	// lock follow the file, not the name it was given: a symbolic link or a
	// path with ".." meet the same window, a hard link the same lock.
	single := &options.SingleInstanceLock{UniqueId: instance.ID(dbPath)}

	lock, err := instance.AcquireDB(dbPath)
	if backend.ErrorCode(err) == backend.ECONFLICT {
		// Hand over to the running window; without a session bus, or with no
		// window listening under this file's id (a hard link), say where it
		// is instead. Either way this launch ends within a couple of seconds.
		if instance.SessionBusReachable(time.Second) {
			switch herr := app.HandOver(single.UniqueId, 2*time.Second); {
			case herr == nil:
				fmt.Fprintln(os.Stderr, "bridgelog: already open on", dbPath, "- brought that window forward")
				return nil
			case errors.Is(herr, errors.ErrUnsupported):
				fmt.Fprintln(os.Stderr, "bridgelog: already open on", dbPath, "- focusing that window")
				focusRunning(single)
				return err
			default:
				log.Printf("hand-over to the running window: %v", herr)
			}
		}
		return backend.Errorf(backend.ECONFLICT, "Bridgelog is already open on %s in another window: "+
			"switch to that window, or start with --db for another file", dbPath)
	} else if err != nil {
		return err
	}
	defer lock.Release()

	settingsPath, err := instance.SettingsPath()
	if err != nil {
		return err
	}
	clock, scale := appClock(os.Getenv("BRIDGELOG_TIME_SCALE"))
	// A message from the run that started this one (a restore it made), shown once.
	notice := os.Getenv(noticeEnv)
	os.Unsetenv(noticeEnv)
	relaunch := &app.Relaunch{}
	// Checked before Open, which switches the file to WAL and migrates it: a
	// damaged file must stay exactly as it is until the person decides.
	if h := backup.CheckStart(context.Background(), dbPath); !h.OK() {
		log.Printf("database %s: %s: %s", dbPath, h.Status, h.Detail)
		err = runRecovery(dbPath, h, clock, relaunch, single, notice)
	} else {
		err = runApp(dbPath, settingsPath, lock, clock, scale, relaunch, single, notice)
	}
	if err != nil {
		return err
	}
	return startAgain(relaunch, dbPath, clock)
}

// cleanExportLeftovers removes the temporary files killed exports left beside
// their targets and returns where exports note theirs (nil if nowhere).
func cleanExportLeftovers(clock backend.Clock) *export.Leftovers {
	// A PDF export killed mid-print left the incident's page and PDF in a
	// private temporary folder; a stale one goes now.
	if n := export.RemoveStalePDFFolders(clock.Now()); n > 0 {
		log.Printf("exports: removed %d folders killed PDF exports left", n)
	}
	path, err := instance.ExportNotesPath()
	if err != nil {
		return nil
	}
	notes := &export.Leftovers{Path: path}
	if removed, err := notes.Clean(); err != nil {
		log.Printf("exports: %v", err)
	} else if len(removed) > 0 {
		log.Printf("exports: removed %d temporary files killed exports left", len(removed))
	}
	return notes
}

// noticeEnv carries a message to the next run when Bridgelog starts itself again.
const noticeEnv = "BRIDGELOG_NOTICE"

// runApp runs the window on the healthy database at dbPath.
func runApp(dbPath, settingsPath string, lock *instance.Lock, clock backend.Clock, scale float64, relaunch *app.Relaunch, single *options.SingleInstanceLock, notice string) error {
	db := sqlite.NewDB(dbPath, clock)
	if err := db.Open(); err != nil {
		return fmt.Errorf("opening %s: %w", dbPath, err)
	}
	// A new database file exists only now: lock it too, so a hard link
	// made to it while this window runs meets the lock.
	if err := lock.HoldFile(dbPath); err != nil {
		db.Close()
		return err
	}
	prefs := &settings.Store{Path: settingsPath, Defaults: settings.Settings{ScribeName: instance.UserName()}}
	svc := wire.New(db, wire.Config{Clock: clock, Location: time.Local, Settings: prefs, TimeScale: scale})
	incidents, entries, calls, records := svc.Incidents, svc.Entries, svc.Calls, svc.Records
	scribe, call, policy := svc.Timeline, svc.Clocks, svc.Policy
	load := func() settings.Settings { s, _ := prefs.Load(); return s } // Load falls back to defaults

	// Backups: every ten minutes while an incident is unresolved, when one is
	// resolved, and on quit (after the loop stops, before the database closes).
	unresolved := app.Unresolved(calls)
	backups := svc.Backups
	// A backup killed mid-copy left a partial file; it goes now, not at the
	// next good backup.
	if removed, err := backups.CleanLeftovers(context.Background()); err != nil {
		log.Printf("backups: %v", err)
	} else if len(removed) > 0 {
		log.Printf("backups: removed %d unfinished copies a killed backup left", len(removed))
	}
	svc.Exports.Leftovers = cleanExportLeftovers(clock)
	backupLoop := backup.NewLoop(backups, func(ctx context.Context) (bool, error) {
		ids, err := unresolved(ctx)
		return len(ids) > 0, err
	})
	backupLoop.OnError = func(err error) { log.Printf("backups: %v", err) }
	resolved := &app.ResolvedWatch{Unresolved: unresolved, Resolved: func() { backupLoop.Request(backup.ReasonResolved) }}
	if err := resolved.Prime(context.Background()); err != nil {
		log.Printf("backups: %v", err)
	}

	a := app.New(app.QuitBackup(backups, relaunch), db.Close)
	a.Clock, a.Marks = clock, calls
	desktop := notify.NewDesktop("Bridgelog")
	desktop.Icon = notificationIcon()
	a.Notifier, a.Quiet = desktop, func() bool { return load().QuietMode }
	a.Loop = cadence.NewLoop(clock, policy(), call.States, a.Deliver)
	a.Loop.OnError = func(err error) { log.Printf("reminders: %v", err) }
	a.BackupLoop = backupLoop
	// Every change re-plans the reminders and may have resolved an incident.
	changed := func(id int64) { a.Changed(id); resolved.Changed(id) }
	call.Changed = changed
	single.OnSecondInstanceLaunch = func(options.SecondInstanceData) {
		log.Printf("another launch on %s: focusing this window", dbPath)
		a.Focus()
	}
	return wails.Run(&options.App{
		Title:            "Bridgelog",
		Width:            1360,
		Height:           860,
		MinWidth:         900,
		MinHeight:        560,
		BackgroundColour: &options.RGBA{R: 0x16, G: 0x1a, B: 0x21, A: 0xff},
		// Attachments are not among the embedded files, so the asset server
		// hands /attachments/{id} to the Handler.
		AssetServer:        &assetserver.Options{Assets: assets, Handler: &app.AttachmentHandler{Records: records}},
		OnStartup:          func(ctx context.Context) { app.SlowCaretBlink(); a.Startup(ctx) },
		OnShutdown:         a.Shutdown,
		ErrorFormatter:     app.FormatStoreError,
		SingleInstanceLock: single,
		// GPU compositing costs ~90 MB more in WebKit's web process (measured:
		// 158-214 MB PSS in all without it, 245-291 MB with it) and buys a text
		// app nothing.
		Linux: &linux.Options{ProgramName: "bridgelog", Icon: windowIcon, WebviewGpuPolicy: linux.WebviewGpuPolicyNever},
		// A file dropped on the window reaches the page as its path (runtime
		// OnFileDrop), so the line can attach it; WebKitGTK alone would only
		// type the file's URL into the line.
		DragAndDrop: &options.DragAndDrop{EnableFileDrop: true},
		Bind: []any{
			&app.Incidents{Store: incidents, Timeline: scribe, Settings: prefs, Changed: changed},
			&app.Timeline{Service: scribe, Entries: entries, Settings: prefs, Changed: changed},
			&app.Settings{Store: prefs, Changed: func() { a.Loop.SetPolicy(policy()) }},
			&app.Clocks{Service: call},
			&app.Reminders{Service: call, App: a},
			&app.Actions{Service: call},
			&app.Status{Service: call},
			&app.Handoff{Service: call},
			&app.Watch{Service: call},
			&app.Security{Service: call},
			&app.Paging{Service: call},
			&app.Exports{Dialogs: a, Service: svc.Exports},
			&app.Imports{Dialogs: a, Changed: changed, Service: svc.Imports},
			&app.Attachments{Records: records, Settings: prefs, Changed: changed, Clipboard: app.SystemClipboardImage},
			&app.Backups{Service: backups, Relaunch: relaunch, CloseWindow: a.Quit},
			&app.Recovery{Path: dbPath, Health: sqlite.Health{Status: sqlite.HealthOK}, Backups: backups,
				Relaunch: relaunch, Clock: clock, CloseWindow: a.Quit, Message: notice},
		},
	})
}

// runRecovery runs the window in recovery mode: the database at dbPath failed
// its check and stays unopened; the window says what is wrong and offers to
// restore a backup or move the file aside, then starts Bridgelog again.
func runRecovery(dbPath string, h sqlite.Health, clock backend.Clock, relaunch *app.Relaunch, single *options.SingleInstanceLock, notice string) error {
	a := app.New()
	single.OnSecondInstanceLaunch = func(options.SecondInstanceData) { a.Focus() }
	return wails.Run(&options.App{
		Title:              "Bridgelog",
		Width:              1000,
		Height:             720,
		MinWidth:           700,
		MinHeight:          480,
		BackgroundColour:   &options.RGBA{R: 0x16, G: 0x1a, B: 0x21, A: 0xff},
		AssetServer:        &assetserver.Options{Assets: assets},
		OnStartup:          a.Startup,
		OnShutdown:         a.Shutdown,
		ErrorFormatter:     app.FormatStoreError,
		SingleInstanceLock: single,
		Linux:              &linux.Options{ProgramName: "bridgelog", Icon: windowIcon, WebviewGpuPolicy: linux.WebviewGpuPolicyNever},
		Bind: []any{
			&app.Recovery{Path: dbPath, Health: h, Backups: backup.New(nil, sqlite.BackupDir(dbPath), clock),
				Relaunch: relaunch, Clock: clock, CloseWindow: a.Quit, Message: notice},
		},
	})
}

// startAgain does what the window asked for as it closed: nothing, or a
// restore (the database is closed and the lock still held) and a new run.
func startAgain(relaunch *app.Relaunch, dbPath string, clock backend.Clock) error {
	again, restore, notice := relaunch.Pending()
	if !again {
		return nil
	}
	if restore != "" {
		notice = app.RestoreNow(context.Background(), backup.New(nil, sqlite.BackupDir(dbPath), clock), restore, dbPath)
	}
	log.Printf("starting again: %s", notice)
	return app.StartAgain(append(os.Environ(), noticeEnv+"="+notice))
}

// focusRunning hands this launch to the running instance: Wails' single-instance
// lock sends our arguments to it over D-Bus and exits. Where that cannot happen
// (no session bus) the hidden window quits at once and the caller reports the lock.
func focusRunning(single *options.SingleInstanceLock) {
	_ = wails.Run(&options.App{
		Title:              "Bridgelog",
		StartHidden:        true,
		AssetServer:        &assetserver.Options{Assets: assets},
		SingleInstanceLock: single,
		OnStartup:          func(ctx context.Context) { runtime.Quit(ctx) },
	})
}

// appClock is the system clock, or, when BRIDGELOG_TIME_SCALE is a number
// above 1, a clock running that many times faster from launch. The fast clock
// is for UI tests and demos (a two-hour call in two minutes at 60); the
// reminder loop's sleeps shorten with it. Never set it on a real incident:
// the times it stamps are in the future.
func appClock(env string) (backend.Clock, float64) {
	if scale, err := strconv.ParseFloat(env, 64); err == nil && scale > 1 {
		log.Printf("BRIDGELOG_TIME_SCALE=%g: the clock runs %g times faster than real time (tests and demos only)", scale, scale)
		return backend.NewScaledClock(scale), scale
	}
	return backend.SystemClock{}, 1
}

// windowIcon is the window's icon (on X11 the _NET_WM_ICON a task bar and
// Alt+Tab show); 128 px is what window switchers draw at most, and the window
// carries its pixels for as long as it is open.
//
//go:embed build/icons/hicolor/128x128/apps/bridgelog.png
var windowIcon []byte

// notificationPNG is the icon a notification shows when no package installed one.
//
//go:embed build/icons/hicolor/256x256/apps/bridgelog.png
var notificationPNG []byte

// notificationIcon is the icon the desktop notifications show: the one a
// package installed beside the binary, else the embedded copy written to the
// user's cache folder at the first notification.
func notificationIcon() *notify.Icon {
	icon := &notify.Icon{PNG: notificationPNG}
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		icon.Installed = notify.InstalledIconPaths(exe)
	}
	if cache, err := os.UserCacheDir(); err == nil {
		icon.Dir = filepath.Join(cache, "bridgelog")
	}
	return icon
}
