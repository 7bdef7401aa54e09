//go:build dev

package surface

import (
	"os"
	"time"
)

// In development builds only, for tests that drive the app from a browser:
// WHATMATTERS_SYNC_EVERY (such as "1h") sets the wait between background
// syncs, so that a test decides when each laptop syncs.
func init() {
	if d, err := time.ParseDuration(os.Getenv("WHATMATTERS_SYNC_EVERY")); err == nil && d > 0 {
		syncEvery = d
	}
}
