package main

import (
	"embed"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"

	"bridgelog/app"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	_ = wails.Run(&options.App{
		Title:       "Bridgelog",
		AssetServer: &assetserver.Options{Assets: assets},
		Bind:        []any{&app.Incidents{}, &app.Timeline{}, &app.Settings{}},
	})
}
