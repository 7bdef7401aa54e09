package database

import "runtime"

// InBackground runs f in a goroutine on a thread of its own at a lower
// priority, where the operating system allows it: opening a large
// database while the window starts should not slow the window's first
// frame. The thread ends with f (it stays locked, so the lower priority
// goes with it).
func InBackground(f func()) {
	go func() {
		runtime.LockOSThread()
		lowerPriority()
		f()
	}()
}
