package main

import (
	"context"
	"path/filepath"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// The native file dialogs, in one place. Printing never uses them: see
// print.go.

// dialogDir, when it returns a folder, answers every dialog with a file in
// it: "save" writes there and "open" reads the named test file. Only
// development builds set it (dialogs_dev.go), for tests that drive the app
// from a browser where no dialog can be answered.
var dialogDir = func() string { return "" }

// chooseSaveFile asks where to save a file; "" means the coordinator cancelled.
func chooseSaveFile(ctx context.Context, title, name string, pattern string) (string, error) {
	if dir := dialogDir(); dir != "" {
		return filepath.Join(dir, name), nil
	}
	return runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{Title: title, DefaultFilename: name,
		Filters: []runtime.FileFilter{{DisplayName: title, Pattern: pattern}}})
}

// chooseOpenFile asks for a file to open; "" means cancelled.
func chooseOpenFile(ctx context.Context, title, pattern, testName string) (string, error) {
	if dir := dialogDir(); dir != "" {
		return filepath.Join(dir, testName), nil
	}
	return runtime.OpenFileDialog(ctx, runtime.OpenDialogOptions{Title: title,
		Filters: []runtime.FileFilter{{DisplayName: title, Pattern: pattern}}})
}
