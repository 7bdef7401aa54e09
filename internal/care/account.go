package care

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Account is a named person who signs in to What Matters.
type Account struct {
	ID        int64
	Name      string
	Role      string
	CreatedAt time.Time
	CreatedBy int64 // the account that added it; 0 for the first
}

// Validate checks and tidies the account's name and role. EINVALID with
// Field "name" or "role".
func (a *Account) Validate() error {
	actor := Actor{Name: a.Name, Role: a.Role}
	err := actor.Validate()
	a.Name, a.Role = actor.Name, actor.Role
	return err
}

// Actor is the account as the author of changes.
func (a *Account) Actor() Actor { return Actor{AccountID: a.ID, Name: a.Name, Role: a.Role} }

// Passphrase rules.
const (
	MinPassphrase = 10   // characters
	MaxPassphrase = 1024 // bytes
)

// ValidatePassphrase checks a new passphrase (and that it was typed the
// same twice). EINVALID with Field field or field+"Confirm".
func ValidatePassphrase(field, pass, confirm string) error {
	switch {
	case len(pass) > MaxPassphrase:
		return FieldError(field, "Passphrase must be 1,024 characters or fewer")
	case utf8.RuneCountInString(strings.TrimSpace(pass)) < MinPassphrase:
		return FieldError(field, "Passphrase must be at least 10 characters. A few words you will remember are best")
	case pass != confirm:
		return FieldError(field+"Confirm", "The passphrases do not match. Type the same passphrase twice")
	}
	return nil
}

// AccountSlots are an account's key slots and sign-in record, which only
// the account service and the sign-in code see.
type AccountSlots struct {
	KeySlot      string // the data key, wrapped by the passphrase (Argon2id costs recorded in it)
	RecoverySlot string // the data key, wrapped by the recovery code
	Failures     int    // wrong passphrases since the last sign-in
	LastFailure  time.Time
}

// AccountService keeps accounts and the secrets their slots open.
type AccountService interface {
	// CountAccounts says how many accounts there are.
	CountAccounts(ctx context.Context) (int, error)
	// CreateAccount adds an account with its slots. EINVALID, ECONFLICT
	// for a name already used.
	CreateAccount(ctx context.Context, a *Account, slots AccountSlots) error
	// FindAccountByName returns an account and its slots. ENOTFOUND.
	FindAccountByName(ctx context.Context, name string) (*Account, *AccountSlots, error)
	// FindAccounts lists the accounts, by name.
	FindAccounts(ctx context.Context) ([]*Account, error)
	// RecordSignIn records a sign-in attempt at a time: a success clears
	// the count of failures, a failure adds one.
	RecordSignIn(ctx context.Context, accountID int64, ok bool, at time.Time) error
	// SetKeySlot replaces an account's passphrase slot (a new passphrase).
	SetKeySlot(ctx context.Context, accountID int64, slot string) error
	// FindSecret returns a sealed secret, "" if there is none.
	FindSecret(ctx context.Context, name string) (string, error)
	// SetSecret stores a sealed secret and, in the same transaction, the
	// settings given; it removes the plaintext setting of the same name
	// (securely deleted) if there was one.
	SetSecret(ctx context.Context, name, sealed string, settings map[string]string) error
}

// Audit actions.
const (
	AuditSignIn        = "sign-in"
	AuditSignInFailed  = "sign-in-failed"
	AuditSignOut       = "sign-out"
	AuditLock          = "lock"
	AuditUnlock        = "unlock"
	AuditOpenRecord    = "open-record"
	AuditSearch        = "search"
	AuditExport        = "export"
	AuditPrint         = "print"
	AuditCopy          = "copy-recorded"
	AuditCheck         = "check"
	AuditImportCert    = "import-certificate"
	AuditBackup        = "backup"
	AuditRestore       = "restore"
	AuditAccountAdded  = "account-added"
	AuditAccountChange = "account-changed"
)

// AuditEvent is one row of the audit log: who did what, when, to whose
// record. Detail never holds what was searched for.
type AuditEvent struct {
	ID       int64
	At       time.Time
	Actor    Actor // the account; AccountID 0 for an unknown name or the command line
	Action   string
	PersonID int64
	Detail   string
}

// AuditService keeps the append-only, hash-chained audit log, and checks
// it, the history and every agreed snapshot.
type AuditService interface {
	// Audit appends an event, chained to the one before it.
	Audit(ctx context.Context, e *AuditEvent) error
	// FindAudit lists a person's audit events, newest first, and how many there are.
	FindAudit(ctx context.Context, personID int64, offset, limit int) ([]*AuditEvent, int, error)
	// VerifyIntegrity walks the history and audit chains and every agreed
	// snapshot, and reports the first problem of each.
	VerifyIntegrity(ctx context.Context) (*IntegrityReport, error)
}

// IntegrityReport is what VerifyIntegrity found; empty problems mean all is well.
type IntegrityReport struct {
	HistoryRows, AuditRows, Versions int
	Problems                         []string // plain words, naming the first broken row of each kind
}

// OK reports whether nothing was found wrong.
func (r *IntegrityReport) OK() bool { return len(r.Problems) == 0 }
