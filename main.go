// Bridgelog keeps an incident call's timeline and the IC's dashboard, offline.
// main only wires the parts together; see app/ and backend/.
package main

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"bridgelog/app"
	"bridgelog/backend"
	"bridgelog/backend/instance"
	"bridgelog/backend/settings"
	"bridgelog/backend/sqlite"
	"bridgelog/backend/timeline"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bridgelog:", backend.ErrorMessage(err))
		os.Exit(1)
	}
}

func run() error {
	dbPath, err := instance.DBPath(os.Args[1:], os.Getenv)
	if err != nil {
		return err
	}
	// One window per database: the same path always gives the same id, so a second
	// launch finds the first over D-Bus and focuses it instead of opening a writer.
	single := &options.SingleInstanceLock{UniqueId: "bridgelog." + shortHash(dbPath)}

	lock, err := instance.Acquire(dbPath + ".lock")
	if err != nil {
		focusRunning(single)
		return err
	}
	defer lock.Release()

	settingsPath, err := instance.SettingsPath()
	if err != nil {
		return err
	}
	clock := backend.SystemClock{}
	db := sqlite.NewDB(dbPath, clock)
	if err := db.Open(); err != nil {
		return fmt.Errorf("opening %s: %w", dbPath, err)
	}
	prefs := &settings.Store{Path: settingsPath, Defaults: settings.Settings{ScribeName: instance.UserName()}}
	incidents, entries := sqlite.NewIncidentService(db), sqlite.NewEntryService(db)
	scribe := &timeline.Service{Incidents: incidents, Entries: entries, Clock: clock, Location: time.Local}

	a := app.New(db.Close)
	single.OnSecondInstanceLaunch = func(options.SecondInstanceData) { a.Focus() }
	return wails.Run(&options.App{
		Title:              "Bridgelog",
		Width:              1360,
		Height:             860,
		MinWidth:           900,
		MinHeight:          560,
		BackgroundColour:   &options.RGBA{R: 0x16, G: 0x1a, B: 0x21, A: 0xff},
		AssetServer:        &assetserver.Options{Assets: assets},
		OnStartup:          a.Startup,
		OnShutdown:         a.Shutdown,
		ErrorFormatter:     app.FormatError,
		SingleInstanceLock: single,
		Linux:              &linux.Options{ProgramName: "bridgelog", WebviewGpuPolicy: linux.WebviewGpuPolicyOnDemand},
		Bind: []any{
			&app.Incidents{Store: incidents, Timeline: scribe, Settings: prefs},
			&app.Timeline{Service: scribe, Entries: entries, Settings: prefs},
			&app.Settings{Store: prefs},
		},
	})
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

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(filepath.Clean(s)))
	return hex.EncodeToString(sum[:8])
}
