package care_test

import (
	"testing"
	"time"

	"whatmatters/internal/care"
)

var backupDueTests = []struct {
	name string
	last string // RFC 3339, "" for never
	want bool
}{
	{"Never", "", true},
	{"JustNow", "2026-12-01T10:30:00Z", false},
	{"SixDays", "2026-11-25T10:30:00Z", false},
	{"ExactlySevenDays", "2026-11-24T10:30:00Z", false},
	{"SevenDaysAndASecond", "2026-11-24T10:29:59Z", true},
	{"AMonth", "2026-11-01T10:30:00Z", true},
}

func TestBackupDue(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 30, 0, 0, time.UTC)
	for _, tt := range backupDueTests {
		t.Run(tt.name, func(t *testing.T) {
			var last time.Time
			if tt.last != "" {
				last, _ = time.Parse(time.RFC3339, tt.last)
			}
			if got := care.BackupDue(last, now); got != tt.want {
				t.Errorf("BackupDue(%s) = %v, want %v", tt.last, got, tt.want)
			}
		})
	}
}
