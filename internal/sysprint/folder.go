package sysprint

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// folderPattern names each job's private folder inside the temp folder.
const folderPattern = "whatmatters-print-"

// Folder keeps the files being printed, each in its own private folder
// (mode 0700, the file 0600) made inside Root, so nothing with health data
// is ever written straight into a shared temp folder, and removes them:
// at once, after a delay, or when the app closes. The zero value is ready
// and uses os.TempDir().
type Folder struct {
	// Root is where the private folders are made ("" for os.TempDir()).
	Root string

	mu      sync.Mutex
	pending map[string]*time.Timer // job folder -> its removal timer
}

func (f *Folder) root() string {
	if f.Root != "" {
		return f.Root
	}
	return os.TempDir()
}

// Write puts data in a new private folder under the name (a plain file
// name, no folders) and returns the file's path. The caller removes it
// with Remove or RemoveAfter.
func (f *Folder) Write(name string, data []byte) (string, error) {
	if name == "" || name != filepath.Base(name) {
		return "", fmt.Errorf("sysprint: bad file name %q", name)
	}
	dir, err := os.MkdirTemp(f.root(), folderPattern+"*")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, name)
	file, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		_, err = file.Write(data)
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	return path, nil
}

// Remove deletes a file Write made, with its private folder, now.
func (f *Folder) Remove(path string) error {
	dir := filepath.Dir(path)
	f.mu.Lock()
	if t, ok := f.pending[dir]; ok {
		t.Stop()
		delete(f.pending, dir)
	}
	f.mu.Unlock()
	return removeJob(dir)
}

// RemoveAfter deletes a file Write made after d, for a viewer that is
// still reading it; Close removes it sooner if the app closes first.
func (f *Folder) RemoveAfter(path string, d time.Duration) {
	dir := filepath.Dir(path)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.pending == nil {
		f.pending = map[string]*time.Timer{}
	}
	if t, ok := f.pending[dir]; ok {
		t.Stop()
	}
	f.pending[dir] = time.AfterFunc(d, func() { f.Remove(path) })
}

// Pending reports how many files wait to be removed.
func (f *Folder) Pending() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.pending)
}

// Close removes every file still waiting for its delay, as the app closes.
func (f *Folder) Close() error {
	f.mu.Lock()
	dirs := make([]string, 0, len(f.pending))
	for dir, t := range f.pending {
		t.Stop()
		dirs = append(dirs, dir)
	}
	f.pending = nil
	f.mu.Unlock()
	var errs []error
	for _, dir := range dirs {
		errs = append(errs, removeJob(dir))
	}
	return errors.Join(errs...)
}

// ClearLeftovers removes the private folders an earlier run left behind
// (a crash, or a viewer's file when the app was killed). Folders it cannot
// remove, such as another user's, are left alone. It returns how many it
// removed.
func (f *Folder) ClearLeftovers() int {
	entries, err := os.ReadDir(f.root())
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		// Type comes from Lstat: a symbolic link is never followed.
		if !e.IsDir() || !strings.HasPrefix(e.Name(), folderPattern) {
			continue
		}
		if removeJob(filepath.Join(f.root(), e.Name())) == nil {
			n++
		}
	}
	return n
}

// removeJob removes one job's folder; one already gone is not an error.
func removeJob(dir string) error {
	if !strings.HasPrefix(filepath.Base(dir), folderPattern) {
		return fmt.Errorf("sysprint: %s is not a print folder", dir)
	}
	return os.RemoveAll(dir)
}
