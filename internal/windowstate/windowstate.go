// Package windowstate remembers where the app window was left: its size,
// its position and whether it was maximised, in a small JSON file in the
// user's configuration folder (window.json beside the default database).
// What is read back is checked first: a size that could not be a window, or
// a position off the screen the window opens on, gives way to the default,
// which fits a 1366×768 laptop screen.
package windowstate

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"

	"whatmatters/internal/atomicfile"
)

// The window's limits. The default leaves room for a title bar, a top
// panel and a task bar on a 1366×768 screen.
const (
	MinWidth      = 800
	MinHeight     = 600
	DefaultWidth  = 1200
	DefaultHeight = 680
	// maxSide is larger than any screen a coordinator will have; a
	// larger side is a damaged file.
	maxSide = 16384
	// grip is how much of the window's top edge, its title bar, must be
	// on the screen for the window to be where it can be moved.
	gripWidth, gripHeight = 100, 30
)

// State is where the window was left. X and Y are only used when Placed:
// a window never moved is centred. Width and Height are the window's
// normal size, kept while it is maximised.
type State struct {
	X         int  `json:"x"`
	Y         int  `json:"y"`
	Width     int  `json:"width"`
	Height    int  `json:"height"`
	Maximised bool `json:"maximised"`
	Placed    bool `json:"placed"`
}

// Default is the window on first start: centred, 1200×680.
func Default() State { return State{Width: DefaultWidth, Height: DefaultHeight} }

// Path is the file the state is kept in: window.json in the WhatMatters
// folder of the user's configuration folder, where the database is by
// default.
func Path() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "WhatMatters", "window.json"), nil
}

// Valid reports whether s could be a window: a size within the limits and
// a position not absurdly far from any screen. Where the screens are is
// checked when the window opens (Fit).
func (s State) Valid() bool {
	const far = 4 * maxSide
	return s.Width >= MinWidth && s.Width <= maxSide && s.Height >= MinHeight && s.Height <= maxSide &&
		s.X > -far && s.X < far && s.Y > -far && s.Y < far
}

// Load reads the state kept at path. A missing, unreadable or damaged
// file, or one that is not Valid, gives Default: where the window was is
// never worth an error.
func Load(path string) State {
	b, err := os.ReadFile(path)
	if err != nil {
		return Default()
	}
	var s State
	if json.Unmarshal(b, &s) != nil || !s.Valid() {
		return Default()
	}
	return s
}

// Save keeps s at path, atomically, creating the folder if need be.
func Save(path string, s State) error {
	if !s.Valid() {
		return errors.New("windowstate: not a window")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, append(b, '\n'))
}

// Fit is s for a screen of screenW×screenH: a window larger than the
// screen shrinks to it (never below the minimum), and a position that
// would leave the title bar off the screen is forgotten, so the window is
// centred. A zero screen (unknown) changes nothing.
func Fit(s State, screenW, screenH int) State {
	if screenW <= 0 || screenH <= 0 {
		return s
	}
	s.Width = max(min(s.Width, screenW), MinWidth)
	s.Height = max(min(s.Height, screenH), MinHeight)
	if s.Placed {
		visible := min(s.X+s.Width, screenW) - max(s.X, 0)
		if s.Y < 0 || s.Y > screenH-gripHeight || visible < gripWidth {
			s.Placed, s.X, s.Y = false, 0, 0
		}
	}
	return s
}

// Closed is the state to keep when the window closes: at x, y with size
// w×h, maximised or not. A maximised window keeps the normal size and
// position it had before (from was), to go back to when unmaximised. A
// minimised window (minimised true) keeps was as it is.
func Closed(was State, x, y, w, h int, maximised, minimised bool) State {
	switch {
	case minimised:
		return was
	case maximised:
		was.Maximised = true
		return was
	}
	return State{X: x, Y: y, Width: w, Height: h, Placed: true}
}
