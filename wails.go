package main

import (
	"context"
	"embed"
	"path/filepath"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"whatmatters/internal/desktop"
	"whatmatters/internal/windowstate"
)

// The Wails runtime, in this one file: the window (its state in
// internal/windowstate, one per database in internal/desktop) and the
// native file dialogs.

//go:embed all:frontend/dist
var assets embed.FS

// runWindow opens the app window on app and returns when it closes.
func runWindow(app *App) error {
	app.SyncBindings.Emit = runtime.EventsEmit // the header's sync status, as it changes
	// Size, position and maximised: where the window was left.
	return wails.Run(windowstate.Open().Options(&options.App{
		Title:            "What Matters",
		BackgroundColour: &options.RGBA{R: 240, G: 244, B: 245, A: 255},
		AssetServer:      &assetserver.Options{Assets: assets, Middleware: desktop.SecurityHeaders},
		OnStartup:        app.startup,
		OnShutdown:       app.shutdown,
		OnDomReady:       app.afterFirstScreen,
		Bind:             []any{app},
		ErrorFormatter:   formatError,
		Logger:           desktop.Log{},

		SingleInstanceLock: desktop.SingleInstance(app.dbPath, func() context.Context { return app.ctx }),
	}))
}

// chooseSaveFile asks where to save a file; "" means the coordinator
// cancelled. Printing never uses the dialogs. With hooks.saveDir set, a
// file of that name in it is the answer.
func chooseSaveFile(ctx context.Context, title, name string, pattern string) (string, error) {
	if dir := hooks.saveDir(); dir != "" {
		return filepath.Join(dir, name), nil
	}
	return runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{Title: title, DefaultFilename: name,
		Filters: []runtime.FileFilter{{DisplayName: title, Pattern: pattern}}})
}

// chooseOpenFile asks for a file to open; "" means cancelled. With
// hooks.saveDir set, the file testName in it is the answer.
func chooseOpenFile(ctx context.Context, title, pattern, testName string) (string, error) {
	if dir := hooks.saveDir(); dir != "" {
		return filepath.Join(dir, testName), nil
	}
	return runtime.OpenFileDialog(ctx, runtime.OpenDialogOptions{Title: title,
		Filters: []runtime.FileFilter{{DisplayName: title, Pattern: pattern}}})
}
