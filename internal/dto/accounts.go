package dto

// AuthDTO tells the frontend what to show first.
type AuthDTO struct {
	SetUp       bool     `json:"setUp"` // there is at least one account
	SignedIn    bool     `json:"signedIn"`
	Locked      bool     `json:"locked"`
	User        UserDTO  `json:"user"`
	LockMinutes int      `json:"lockMinutes"` // lock after this long without input
	Checked     bool     `json:"checked"`     // the integrity check at start has finished
	Problems    []string `json:"problems"`    // what it found wrong, in plain words
}

// AccountInput is a new account.
type AccountInput struct {
	Name              string `json:"name"`
	Role              string `json:"role"`
	Passphrase        string `json:"passphrase"`
	PassphraseConfirm string `json:"passphraseConfirm"`
}

// NewAccountDTO is a new account and its recovery code, shown once.
type NewAccountDTO struct {
	User         UserDTO `json:"user"`
	RecoveryCode string  `json:"recoveryCode"`
}

// AuditEntryDTO is one audit event about a person's record.
type AuditEntryDTO struct {
	At     string `json:"at"`
	Who    string `json:"who"`
	Role   string `json:"role"`
	Action string `json:"action"` // in plain words
}

// AuditDTO is a page of audit events and how many there are.
type AuditDTO struct {
	Entries []AuditEntryDTO `json:"entries"`
	Total   int             `json:"total"`
}

// AccountDTO is an account, for the list of accounts.
type AccountDTO struct {
	Name      string `json:"name"`
	Role      string `json:"role"`
	CreatedAt string `json:"createdAt"`
}
