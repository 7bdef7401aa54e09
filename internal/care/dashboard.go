package care

import "context"

// Due is a person with something due: a review, or actions past their date.
type Due struct {
	Person *Person
	Date   string // YYYY-MM-DD: the review date, or the earliest action date
	Count  int    // actions past their date
}

// DashboardMeeting is a meeting on the home screen, with who it is about.
type DashboardMeeting struct {
	Meeting *Meeting // without its details
	Person  *Person
}

// Dashboard is the coordinator's home screen.
type Dashboard struct {
	Meetings       []DashboardMeeting // today and the next 6 days, soonest first
	Reviews        []Due              // review dates before today+30 days, earliest first
	OverdueActions []Due              // people with actions past their date
	Recent         []*Person          // recently opened, newest first
}

// DashboardService gathers the home screen.
type DashboardService interface {
	// FindDashboard returns what is due as of today (YYYY-MM-DD).
	FindDashboard(ctx context.Context, today string) (*Dashboard, error)
	// MarkOpened records that a person's record was opened.
	MarkOpened(ctx context.Context, personID int64) error
}
