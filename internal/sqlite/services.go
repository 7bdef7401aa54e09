package sqlite

import "whatmatters/internal/care"

// The services: each is a view of the one DB, implementing one of care's
// service interfaces, and holds nothing else.

var (
	_ care.PersonService      = (*PersonService)(nil)
	_ care.RecordService      = (*RecordService)(nil)
	_ care.MeetingService     = (*MeetingService)(nil)
	_ care.VersionService     = (*VersionService)(nil)
	_ care.CertificateService = (*CertificateService)(nil)
	_ care.DashboardService   = (*DashboardService)(nil)
	_ care.AccountService     = (*AccountService)(nil)
	_ care.AuditService       = (*AuditService)(nil)
	_ care.SettingsService    = (*SettingsService)(nil)
)

type (
	// PersonService stores people in SQLite.
	PersonService struct{ db *DB }

	// RecordService keeps the sections of people's records in SQLite.
	RecordService struct{ db *DB }

	// MeetingService keeps meetings in SQLite.
	MeetingService struct{ db *DB }

	// VersionService keeps agreed plan versions in SQLite. A version is known
	// beyond this database by its hash (and UUID); its number is the order a
	// person's plan shows its versions in on this computer, and nothing here
	// takes a person and a number for more than that.
	VersionService struct{ db *DB }

	// CertificateService keeps the certificates plans were signed with.
	CertificateService struct{ db *DB }

	// DashboardService gathers the coordinator's home screen from SQLite.
	DashboardService struct{ db *DB }

	// AccountService keeps accounts and sealed secrets in SQLite.
	AccountService struct{ db *DB }

	// AuditService keeps the audit log in SQLite and checks the chains.
	AuditService struct{ db *DB }

	// SettingsService keeps the app's settings in SQLite.
	SettingsService struct{ db *DB }
)

// NewPersonService returns a PersonService on db.
func NewPersonService(db *DB) *PersonService { return &PersonService{db} }

// NewRecordService returns a RecordService on db.
func NewRecordService(db *DB) *RecordService { return &RecordService{db} }

// NewMeetingService returns a MeetingService on db.
func NewMeetingService(db *DB) *MeetingService { return &MeetingService{db} }

// NewVersionService returns a VersionService on db.
func NewVersionService(db *DB) *VersionService { return &VersionService{db} }

// NewCertificateService returns a CertificateService on db.
func NewCertificateService(db *DB) *CertificateService { return &CertificateService{db} }

// NewDashboardService returns a DashboardService on db.
func NewDashboardService(db *DB) *DashboardService { return &DashboardService{db} }

// NewAccountService returns an AccountService on db.
func NewAccountService(db *DB) *AccountService { return &AccountService{db} }

// NewAuditService returns an AuditService on db.
func NewAuditService(db *DB) *AuditService { return &AuditService{db} }

// NewSettingsService returns a SettingsService on db.
func NewSettingsService(db *DB) *SettingsService { return &SettingsService{db} }
