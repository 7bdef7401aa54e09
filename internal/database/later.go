package database

import (
	"sync"
	"time"
)

// Later runs f on a goroutine once start is called, or after wait at the
// latest: the window opens the database once its page has loaded, so the
// check of a large database does not slow the first frame.
func Later(wait time.Duration, f func()) (start func()) {
	start = sync.OnceFunc(func() { go f() })
	time.AfterFunc(wait, start)
	return start
}
