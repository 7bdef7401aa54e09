package windowstate_test

import (
	"os"
	"path/filepath"
	"testing"

	"whatmatters/internal/windowstate"
)

func TestLoad(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "WhatMatters", "window.json")
		want := windowstate.State{X: 40, Y: 30, Width: 1000, Height: 650, Placed: true}
		if err := windowstate.Save(path, want); err != nil {
			t.Fatal(err)
		}
		if got := windowstate.Load(path); got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("file: %v, %v; want a private file", fi.Mode(), err)
		}
	})
	t.Run("Missing", func(t *testing.T) {
		if got := windowstate.Load(filepath.Join(t.TempDir(), "none.json")); got != windowstate.Default() {
			t.Errorf("got %+v, want the default", got)
		}
	})
	for name, body := range map[string]string{
		"Damaged":   `{"width": 1000, "hei`,
		"NotJSON":   "\x00\x01",
		"TooSmall":  `{"width": 10, "height": 10}`,
		"TooLarge":  `{"width": 100000, "height": 700}`,
		"Negative":  `{"width": -1200, "height": -700}`,
		"FarAway":   `{"x": 9000000, "y": 0, "width": 1200, "height": 700, "placed": true}`,
		"WrongType": `{"width": "wide"}`,
		"Empty":     ``,
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "window.json")
			if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
			if got := windowstate.Load(path); got != windowstate.Default() {
				t.Errorf("got %+v, want the default", got)
			}
		})
	}
}

func TestSave(t *testing.T) {
	t.Run("ErrNotAWindow", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "window.json")
		if err := windowstate.Save(path, windowstate.State{Width: 1, Height: 1}); err == nil {
			t.Error("saved a 1×1 window")
		}
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("a file was written: %v", err)
		}
	})
	t.Run("Replaces", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "window.json")
		for _, w := range []int{900, 1100} {
			if err := windowstate.Save(path, windowstate.State{Width: w, Height: 700}); err != nil {
				t.Fatal(err)
			}
		}
		if got := windowstate.Load(path).Width; got != 1100 {
			t.Errorf("width %d, want 1100", got)
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*tmp")); len(left) > 0 {
			t.Errorf("temporary files left: %v", left)
		}
	})
}

func TestDefaultFitsLaptop(t *testing.T) {
	// 1366×768 less a title bar (~40), a top panel or task bar (~40).
	d := windowstate.Default()
	if d.Width > 1366 || d.Height > 768-80 || d.Placed || d.Maximised {
		t.Errorf("default %+v does not fit a 1366×768 screen", d)
	}
	if got := windowstate.Fit(d, 1366, 768); got != d {
		t.Errorf("Fit changed the default: %+v", got)
	}
}

var fitTests = []struct {
	name   string
	in     windowstate.State
	sw, sh int
	want   windowstate.State
}{
	{"OnScreen", windowstate.State{X: 100, Y: 50, Width: 1000, Height: 650, Placed: true}, 1366, 768,
		windowstate.State{X: 100, Y: 50, Width: 1000, Height: 650, Placed: true}},
	{"LargerThanScreen", windowstate.State{X: 0, Y: 0, Width: 2400, Height: 1300, Placed: true}, 1366, 768,
		windowstate.State{X: 0, Y: 0, Width: 1366, Height: 768, Placed: true}},
	{"NeverBelowMinimum", windowstate.State{Width: 1000, Height: 700}, 640, 480,
		windowstate.State{Width: windowstate.MinWidth, Height: windowstate.MinHeight}},
	{"OffRight", windowstate.State{X: 2500, Y: 100, Width: 1000, Height: 650, Placed: true}, 1366, 768,
		windowstate.State{Width: 1000, Height: 650}},
	{"OffLeft", windowstate.State{X: -990, Y: 100, Width: 1000, Height: 650, Placed: true}, 1366, 768,
		windowstate.State{Width: 1000, Height: 650}},
	{"PartlyLeftStillReachable", windowstate.State{X: -500, Y: 100, Width: 1000, Height: 650, Placed: true}, 1366, 768,
		windowstate.State{X: -500, Y: 100, Width: 1000, Height: 650, Placed: true}},
	{"TitleBarAbove", windowstate.State{X: 100, Y: -20, Width: 1000, Height: 650, Placed: true}, 1366, 768,
		windowstate.State{Width: 1000, Height: 650}},
	{"OffBottom", windowstate.State{X: 100, Y: 760, Width: 1000, Height: 650, Placed: true}, 1366, 768,
		windowstate.State{Width: 1000, Height: 650}},
	{"ScreenUnknown", windowstate.State{X: 5000, Y: 50, Width: 3000, Height: 650, Placed: true}, 0, 0,
		windowstate.State{X: 5000, Y: 50, Width: 3000, Height: 650, Placed: true}},
	{"MaximisedKeepsNormalSize", windowstate.State{X: 10, Y: 10, Width: 1000, Height: 650, Placed: true, Maximised: true}, 1920, 1080,
		windowstate.State{X: 10, Y: 10, Width: 1000, Height: 650, Placed: true, Maximised: true}},
}

func TestFit(t *testing.T) {
	for _, tt := range fitTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := windowstate.Fit(tt.in, tt.sw, tt.sh); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestClosed(t *testing.T) {
	was := windowstate.State{X: 10, Y: 20, Width: 1000, Height: 650, Placed: true}
	t.Run("Normal", func(t *testing.T) {
		want := windowstate.State{X: 300, Y: 40, Width: 900, Height: 620, Placed: true}
		if got := windowstate.Closed(was, 300, 40, 900, 620, false, false); got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
	})
	t.Run("Maximised", func(t *testing.T) {
		want := was
		want.Maximised = true
		if got := windowstate.Closed(was, 0, 0, 1920, 1050, true, false); got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
	})
	t.Run("Unmaximised", func(t *testing.T) {
		max := was
		max.Maximised = true
		want := windowstate.State{X: 50, Y: 60, Width: 1000, Height: 650, Placed: true}
		if got := windowstate.Closed(max, 50, 60, 1000, 650, false, false); got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
	})
	t.Run("Minimised", func(t *testing.T) {
		if got := windowstate.Closed(was, -32000, -32000, 160, 28, false, true); got != was {
			t.Errorf("got %+v, want %+v", got, was)
		}
	})
}
