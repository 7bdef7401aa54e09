//go:build benchwindow

// Command emptywindow is an empty Wails v2 window, the yardstick for the
// app's start-up time in scripts/bench-startup.sh: the same size, colours
// and build flags as the app, a page with nothing but a header. It is not
// part of the app; the benchwindow tag keeps it out of every other build.
package main

import (
	"embed"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
)

//go:embed dist
var assets embed.FS

func main() {
	err := wails.Run(&options.App{
		Title:            "Empty window",
		Width:            1200,
		Height:           680,
		BackgroundColour: &options.RGBA{R: 240, G: 244, B: 245, A: 255},
		AssetServer:      &assetserver.Options{Assets: assets},
	})
	if err != nil {
		panic(err)
	}
}
