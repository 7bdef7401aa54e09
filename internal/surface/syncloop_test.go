package surface

import (
	"context"
	"errors"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/fhirsync"
)

// fakeClock hands each wait the loop asks for to the test, which ends it.
type fakeClock struct {
	waits   chan wait
	stopped chan struct{} // closed when the test is done with the loop
}

type wait struct {
	d    time.Duration
	fire chan time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{waits: make(chan wait), stopped: make(chan struct{})}
}

func (c *fakeClock) after(d time.Duration) <-chan time.Time {
	w := wait{d, make(chan time.Time, 1)}
	select {
	case c.waits <- w:
	case <-c.stopped:
	}
	return w.fire
}

// next is the loop's next wait; it fails if the loop asks for none soon.
func (c *fakeClock) next(t *testing.T) wait {
	t.Helper()
	select {
	case w := <-c.waits:
		return w
	case <-time.After(5 * time.Second):
		t.Fatal("the loop did not wait again")
		return wait{}
	}
}

// expect ends the next wait after checking it is want long.
func (c *fakeClock) expect(t *testing.T, want time.Duration) {
	t.Helper()
	w := c.next(t)
	if w.d != want {
		t.Fatalf("waited %v, want %v", w.d, want)
	}
	w.fire <- time.Time{}
}

// offline is the error a sync gives when the server cannot be reached.
var offline error = &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}

func TestSyncLoop(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		// At start, then every few minutes; soon again after a network
		// failure until the network returns; never while not ready.
		clk := newFakeClock()
		var ready atomic.Bool
		ready.Store(true)
		results := make(chan error, 10)
		var runs atomic.Int32
		l := newSyncLoop()
		l.after = clk.after
		l.ready = func(context.Context) bool { return ready.Load() }
		l.run = func(context.Context, func(fhirsync.Progress)) (fhirsync.Result, error) {
			runs.Add(1)
			return fhirsync.Result{}, <-results
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { l.loop(ctx); close(done) }()

		results <- nil
		clk.expect(t, SyncFirst) // the first sync, soon after start, works
		results <- offline
		clk.expect(t, SyncEvery) // so the next is in a few minutes; it fails for want of a network
		results <- &fhirsync.Error{Err: care.Errorf(care.EINVALID, "Could not reach the FHIR server at fhir.example.nhs.uk. Your 3 changes are kept and will be sent next time"), Network: true}
		clk.expect(t, SyncRetry) // so soon again: still offline (as the engine says)
		results <- errors.New("The FHIR server refused the credentials")
		clk.expect(t, SyncRetry) // the network is back, but the server refuses: no hurry now
		w := clk.next(t)
		if w.d != SyncEvery {
			t.Fatalf("waited %v, want %v", w.d, SyncEvery)
		}
		ready.Store(false) // signed out: nothing runs
		w.fire <- time.Time{}
		clk.expect(t, SyncPoll) // and it looks again shortly, still signed out
		if w = clk.next(t); w.d != SyncPoll {
			t.Fatalf("waited %v, want %v", w.d, SyncPoll)
		}
		if got := runs.Load(); got != 4 {
			t.Fatalf("ran %d syncs, want 4", got)
		}
		ready.Store(true)
		results <- nil
		l.kick() // settings saved: sync now, not after the wait
		if w = clk.next(t); w.d != SyncEvery {
			t.Fatalf("waited %v, want %v", w.d, SyncEvery)
		}
		cancel()
		close(clk.stopped)
		<-done
		if got := runs.Load(); got != 5 {
			t.Fatalf("ran %d syncs, want 5", got)
		}
	})

	t.Run("NeverTwoAtOnce", func(t *testing.T) {
		l := newSyncLoop()
		started, release := make(chan struct{}), make(chan struct{})
		var progress []fhirsync.Progress
		l.changed = func() {
			if running, p := l.state(); running {
				progress = append(progress, p)
			}
		}
		l.run = func(_ context.Context, report func(fhirsync.Progress)) (fhirsync.Result, error) {
			report(fhirsync.Progress{Stage: "push", Done: 1, Total: 2})
			close(started)
			<-release
			return fhirsync.Result{Pushed: 7}, nil
		}
		type answer struct {
			r   fhirsync.Result
			err error
			ran bool
		}
		first := make(chan answer)
		go func() {
			r, err, ran := l.once(context.Background())
			first <- answer{r, err, ran}
		}()
		<-started
		if running, p := l.state(); !running || p.Done != 1 || p.Total != 2 {
			t.Fatalf("state = %v %+v, want running with push 1 of 2", running, p)
		}
		if _, _, ran := l.once(context.Background()); ran {
			t.Fatal("a second sync ran while the first was running")
		}
		close(release)
		a := <-first
		if !a.ran || a.err != nil || a.r.Pushed != 7 {
			t.Fatalf("first = %+v, want ran with 7 pushed", a)
		}
		if running, _ := l.state(); running {
			t.Fatal("still running after the sync ended")
		}
		if len(progress) != 2 || progress[1].Done != 1 {
			t.Fatalf("progress seen = %+v, want the start and push 1 of 2", progress)
		}
	})
}

func TestOffline(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{offline, true},
		{context.DeadlineExceeded, true},
		{&fhirsync.Error{Err: care.Errorf(care.EINVALID, "Could not reach the FHIR server at x"), Network: true}, true},
		{&fhirsync.Error{Err: care.Errorf(care.EINVALID, "The FHIR server refused the credentials")}, false},
		{errors.New("malformed JSON"), false},
	} {
		if got := Offline(tt.err); got != tt.want {
			t.Errorf("Offline(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
