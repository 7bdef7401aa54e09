package windowstate

import (
	"context"
	"log/slog"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Window is the remembered state of the app's one window, for the Wails
// options: Open before the window, Place when its page is ready, Keep
// before it closes.
type Window struct {
	path  string
	state State
	once  sync.Once
}

// Open reads the state kept for the user ("" keeps nothing).
func Open() *Window {
	path, err := Path()
	if err != nil {
		return &Window{state: Default()}
	}
	return &Window{path: path, state: Load(path)}
}

// Options sets the window's size and start state in o, and its hooks:
// Place before o's own OnDomReady, Keep as OnBeforeClose.
func (w *Window) Options(o *options.App) *options.App {
	o.Width, o.Height = w.state.Width, w.state.Height
	o.MinWidth, o.MinHeight = MinWidth, MinHeight
	if w.state.Maximised {
		o.WindowStartState = options.Maximised
	}
	ready := o.OnDomReady
	o.OnDomReady = func(ctx context.Context) {
		w.Place(ctx)
		if ready != nil {
			ready(ctx)
		}
	}
	o.OnBeforeClose = w.Keep
	return o
}

// Place fits the window to the screen it opened on and moves it where it
// was left, once (a reloaded page does not move it again).
func (w *Window) Place(ctx context.Context) {
	w.once.Do(func() {
		screens, err := runtime.ScreenGetAll(ctx)
		if err != nil {
			return
		}
		var sw, sh int
		for _, s := range screens {
			if s.IsCurrent || (sw == 0 && s.IsPrimary) {
				sw, sh = s.Size.Width, s.Size.Height
			}
		}
		fit := Fit(w.state, sw, sh)
		if w.state.Maximised {
			return
		}
		if fit.Width != w.state.Width || fit.Height != w.state.Height {
			runtime.WindowSetSize(ctx, fit.Width, fit.Height)
		}
		if fit.Placed {
			runtime.WindowSetPosition(ctx, fit.X, fit.Y)
		}
	})
}

// Keep saves where the window is as it closes; it never stops the close.
func (w *Window) Keep(ctx context.Context) (prevent bool) {
	if w.path == "" {
		return false
	}
	x, y := runtime.WindowGetPosition(ctx)
	width, height := runtime.WindowGetSize(ctx)
	s := Closed(w.state, x, y, width, height, runtime.WindowIsMaximised(ctx), runtime.WindowIsMinimised(ctx))
	if !s.Valid() {
		return false
	}
	if err := Save(w.path, s); err != nil {
		slog.Warn("window position not kept", "err", err)
	}
	return false
}
