package main

import (
	"context"
	"os"
	"path/filepath"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// The native file dialogs, in one place. WHATMATTERS_SAVE_DIR, for tests
// that drive the app from a browser where no dialog can be answered, makes
// "save" write into that folder and "open" read the named file from it.
// Printing never uses it: see print.go (and print_dev.go for tests).

// chooseSaveFile asks where to save a file; "" means the coordinator cancelled.
func chooseSaveFile(ctx context.Context, title, name string, pattern string) (string, error) {
	if dir := os.Getenv("WHATMATTERS_SAVE_DIR"); dir != "" {
		return filepath.Join(dir, name), nil
	}
	return runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{Title: title, DefaultFilename: name,
		Filters: []runtime.FileFilter{{DisplayName: title, Pattern: pattern}}})
}

// chooseOpenFile asks for a file to open; "" means cancelled.
func chooseOpenFile(ctx context.Context, title, pattern, testName string) (string, error) {
	if dir := os.Getenv("WHATMATTERS_SAVE_DIR"); dir != "" {
		return filepath.Join(dir, testName), nil
	}
	return runtime.OpenFileDialog(ctx, runtime.OpenDialogOptions{Title: title,
		Filters: []runtime.FileFilter{{DisplayName: title, Pattern: pattern}}})
}
