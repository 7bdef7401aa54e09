package surface

import (
	"context"
	"errors"
	"net"
	"sync"
	"time"

	"whatmatters/internal/fhirsync"
)

// How often the background sync runs.
const (
	// SyncEvery is the wait between syncs while a server is set.
	SyncEvery = 5 * time.Minute
	// SyncRetry is the wait after a sync failed for want of a network,
	// so that it syncs soon after the network returns.
	SyncRetry = 30 * time.Second
	// SyncPoll is how often the loop looks again when it cannot sync yet
	// (no one signed in, the app locked, no server set).
	SyncPoll = 20 * time.Second
	// SyncFirst is the wait at start, so the window opens first.
	SyncFirst = 3 * time.Second
	// progressEvery is the least time between two progress reports.
	progressEvery = 250 * time.Millisecond
)

// syncEvery is SyncEvery, unless a development build's tests change it
// (syncloop_dev.go).
var syncEvery = SyncEvery

// syncLoop runs syncs one at a time, for "Sync now" and in the background:
// soon after start, every SyncEvery while a server is set, and every
// SyncRetry after a failure for network reasons until one works.
type syncLoop struct {
	// run syncs once; ready says whether a sync may run now (someone
	// signed in and a server set); after waits (a fake clock in tests).
	run   func(ctx context.Context, progress func(fhirsync.Progress)) (fhirsync.Result, error)
	ready func(ctx context.Context) bool
	after func(d time.Duration) <-chan time.Time
	// changed, if set, is told whenever running or progress change.
	changed func()

	wake chan struct{}

	mu       sync.Mutex
	running  bool
	progress fhirsync.Progress
}

func newSyncLoop() *syncLoop { return &syncLoop{after: time.After, wake: make(chan struct{}, 1)} }

// state says whether a sync is running and how far it has got.
func (l *syncLoop) state() (bool, fhirsync.Progress) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.running, l.progress
}

// once runs one sync unless one is running already (ran false).
func (l *syncLoop) once(ctx context.Context) (r fhirsync.Result, err error, ran bool) {
	l.mu.Lock()
	if l.running || l.run == nil {
		l.mu.Unlock()
		return r, nil, false
	}
	l.running, l.progress = true, fhirsync.Progress{}
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		l.running, l.progress = false, fhirsync.Progress{}
		l.mu.Unlock()
		l.notify()
	}()
	l.notify()
	var told time.Time
	r, err = l.run(ctx, func(p fhirsync.Progress) {
		l.mu.Lock()
		l.progress = p
		// Told at most a few times a second: telling reads the status.
		now := time.Now()
		tell := now.Sub(told) >= progressEvery
		if tell {
			told = now
		}
		l.mu.Unlock()
		if tell {
			l.notify()
		}
	})
	return r, err, true
}

func (l *syncLoop) notify() {
	if l.changed != nil {
		l.changed()
	}
}

// kick makes the background loop look again now (settings were saved).
func (l *syncLoop) kick() {
	select {
	case l.wake <- struct{}{}:
	default:
	}
}

// loop runs the background sync until ctx ends.
func (l *syncLoop) loop(ctx context.Context) {
	wait := SyncFirst
	for {
		select {
		case <-ctx.Done():
			return
		case <-l.wake:
		case <-l.after(wait):
		}
		wait = l.next(ctx)
	}
}

// next syncs if it can and returns how long to wait before looking again.
func (l *syncLoop) next(ctx context.Context) time.Duration {
	if l.ready == nil || !l.ready(ctx) {
		return SyncPoll
	}
	_, err, ran := l.once(ctx)
	switch {
	case !ran, err == nil:
		return syncEvery
	case Offline(err):
		return SyncRetry
	}
	return syncEvery
}

// Offline is true when err says the server could not be reached (no
// network, the server down, a timeout: fhirsync.IsNetwork), rather than
// that it refused or answered badly.
func Offline(err error) bool {
	var ne net.Error
	return fhirsync.IsNetwork(err) || errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded)
}

// newSyncBindings returns the sync group over c, its loop syncing through c.Sync.
func newSyncBindings(c *Core) *SyncBindings {
	x := &SyncBindings{Core: c, loop: newSyncLoop()}
	x.loop.run = func(_ context.Context, progress func(fhirsync.Progress)) (fhirsync.Result, error) {
		return x.Sync.Sync(x.WriteCtx(), progress)
	}
	x.loop.changed = x.emitStatus
	x.loop.ready = func(ctx context.Context) bool {
		if x.Sync == nil || x.Ready() != nil {
			return false
		}
		st, err := x.Sync.Status(ctx)
		return err == nil && st.Configured
	}
	return x
}

// StartSync starts the background sync of the groups, which runs until
// ctx ends. (A function, not a method: Wails would bind a method.)
func StartSync(ctx context.Context, g Groups) { go g.SyncBindings.loop.loop(ctx) }
