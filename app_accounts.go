package main

import (
	"log/slog"
	"strconv"
	"strings"

	"whatmatters/internal/care"
)

// The binding surface for accounts, signing in, locking and the audit log.

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

const (
	defaultLockMinutes = 5
	minLockMinutes     = 1
	maxLockMinutes     = 15
)

// AuthStatus says whether the app is set up, who is signed in, whether it
// is locked, and what the integrity check found.
func (a *App) AuthStatus() (_ AuthDTO, err error) {
	defer recoverBinding(&err)
	if a.problem != nil {
		return AuthDTO{}, a.problem
	}
	n, err := a.accounts.store.CountAccounts(a.ctx)
	if err != nil {
		return AuthDTO{}, err
	}
	out := AuthDTO{SetUp: n > 0, LockMinutes: a.lockMinutes(), Problems: []string{}}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.sess != nil {
		out.SignedIn, out.Locked = true, a.locked
		out.User = UserDTO{Name: a.sess.account.Name, Role: a.sess.account.Role}
	}
	if a.integrity != nil {
		out.Checked = true
		out.Problems = append(out.Problems, a.integrity.Problems...)
	}
	return out, nil
}

func (a *App) lockMinutes() int {
	v, _ := a.settings.FindSetting(a.ctx, "lock.minutes")
	if n, err := strconv.Atoi(v); err == nil && n >= minLockMinutes && n <= maxLockMinutes {
		return n
	}
	return defaultLockMinutes
}

// begin makes s the signed-in session, replacing any other, and seals a
// signing key stored in plaintext by an earlier version.
func (a *App) begin(s *session) UserDTO {
	a.mu.Lock()
	if a.sess != nil && a.sess != s {
		a.sess.close()
	}
	a.sess, a.locked = s, false
	a.mu.Unlock()
	if err := a.plans.Load(a.ctx, s.key); err != nil {
		slog.Error("sealing the signing key", "err", err)
	}
	return UserDTO{Name: s.account.Name, Role: s.account.Role}
}

// SetUp makes the first account, signs it in and returns its recovery
// code, to be shown once. Errors: invalid (with fields), conflict once
// set up.
func (a *App) SetUp(in AccountInput) (_ NewAccountDTO, err error) {
	defer recoverBinding(&err)
	if a.problem != nil {
		return NewAccountDTO{}, a.problem
	}
	s, code, err := a.accounts.setUp(a.ctx, &care.Account{Name: in.Name, Role: in.Role}, in.Passphrase, in.PassphraseConfirm)
	if err != nil {
		return NewAccountDTO{}, err
	}
	return NewAccountDTO{User: a.begin(s), RecoveryCode: code}, nil
}

// SignIn signs an account in with its passphrase. Errors: invalid (field
// "name" or "passphrase"; a wrong name or passphrase, or a wait after
// several).
func (a *App) SignIn(name, passphrase string) (_ UserDTO, err error) {
	defer recoverBinding(&err)
	if a.problem != nil {
		return UserDTO{}, a.problem
	}
	s, err := a.accounts.signIn(a.ctx, name, passphrase, false)
	if err != nil {
		return UserDTO{}, err
	}
	return a.begin(s), nil
}

// RecoverAccount signs in with the recovery code and sets a new
// passphrase. Errors: invalid (fields "name", "code", "passphrase",
// "passphraseConfirm").
func (a *App) RecoverAccount(name, code, passphrase, confirm string) (_ UserDTO, err error) {
	defer recoverBinding(&err)
	if a.problem != nil {
		return UserDTO{}, a.problem
	}
	s, err := a.accounts.recoverAccount(a.ctx, name, code, passphrase, confirm)
	if err != nil {
		return UserDTO{}, err
	}
	return a.begin(s), nil
}

// SignOut signs the account out and forgets its key.
func (a *App) SignOut() (err error) {
	defer recoverBinding(&err)
	a.record(care.AuditSignOut, 0, "")
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.sess != nil {
		a.sess.close()
	}
	a.sess, a.locked = nil, false
	return nil
}

// Lock hides everything until the signed-in account's passphrase is
// entered again; the screen underneath, and anything typed, is kept.
func (a *App) Lock() (err error) {
	defer recoverBinding(&err)
	a.mu.Lock()
	wasOpen := a.sess != nil && !a.locked
	a.locked = a.sess != nil
	a.mu.Unlock()
	if wasOpen {
		a.record(care.AuditLock, 0, "")
	}
	return nil
}

// Unlock checks the signed-in account's passphrase and unlocks the app.
// Errors: invalid (field "passphrase"), sign_in if no one is signed in.
func (a *App) Unlock(passphrase string) (_ UserDTO, err error) {
	defer recoverBinding(&err)
	s := a.current()
	if s == nil {
		return UserDTO{}, care.Errorf(care.ESIGNIN, "Sign in to What Matters first")
	}
	if err := a.accounts.check(a.ctx, s, passphrase); err != nil {
		return UserDTO{}, err
	}
	a.mu.Lock()
	a.locked = false
	a.mu.Unlock()
	a.record(care.AuditUnlock, 0, "")
	return UserDTO{Name: s.account.Name, Role: s.account.Role}, nil
}

// SetLockMinutes sets how long without input before the app locks, 1 to
// 15 minutes. Errors: invalid (field "lockMinutes").
func (a *App) SetLockMinutes(minutes int) (err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return err
	}
	if minutes < minLockMinutes || minutes > maxLockMinutes {
		return care.FieldError("lockMinutes", "Choose between 1 and 15 minutes")
	}
	if err := a.settings.SetSettings(a.ctx, map[string]string{"lock.minutes": strconv.Itoa(minutes)}); err != nil {
		return err
	}
	a.record(care.AuditAccountChange, 0, "lock after "+strconv.Itoa(minutes)+" minutes")
	return nil
}

// AccountDTO is an account, for the list of accounts.
type AccountDTO struct {
	Name      string `json:"name"`
	Role      string `json:"role"`
	CreatedAt string `json:"createdAt"`
}

// Accounts lists the accounts.
func (a *App) Accounts() (_ []AccountDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return nil, err
	}
	list, err := a.accounts.store.FindAccounts(a.ctx)
	if err != nil {
		return nil, err
	}
	out := make([]AccountDTO, 0, len(list))
	for _, ac := range list {
		out = append(out, AccountDTO{Name: ac.Name, Role: ac.Role, CreatedAt: formatTime(ac.CreatedAt)})
	}
	return out, nil
}

// AddAccount adds an account for someone else, who can then sign in with
// their own passphrase; it returns their recovery code, shown once.
// Errors: invalid (with fields).
func (a *App) AddAccount(in AccountInput) (_ NewAccountDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return NewAccountDTO{}, err
	}
	ac := &care.Account{Name: in.Name, Role: in.Role}
	code, err := a.accounts.add(a.ctx, a.current(), ac, in.Passphrase, in.PassphraseConfirm)
	if err != nil {
		return NewAccountDTO{}, err
	}
	return NewAccountDTO{User: UserDTO{Name: ac.Name, Role: ac.Role}, RecoveryCode: code}, nil
}

// auditWords says what an audit action was, in plain words.
var auditWords = map[string]string{
	care.AuditOpenRecord: "Opened the record", care.AuditExport: "Saved the signed plan", care.AuditPrint: "Printed the plan",
	care.AuditCopy: "Recorded who has a copy", care.AuditCheck: "Checked a plan",
}

// RecordAccess lists who has opened this person's record and what they
// did with it, newest first, 100 at a time: for the coordinator and for a
// subject-access request. Errors: not_found.
func (a *App) RecordAccess(personID int64, offset int) (_ AuditDTO, err error) {
	defer recoverBinding(&err)
	if err := a.ready(); err != nil {
		return AuditDTO{}, err
	}
	if _, err := a.people.FindPersonByID(a.ctx, personID); err != nil {
		return AuditDTO{}, err
	}
	events, total, err := a.audit.FindAudit(a.ctx, personID, offset, 100)
	if err != nil {
		return AuditDTO{}, err
	}
	out := AuditDTO{Entries: make([]AuditEntryDTO, 0, len(events)), Total: total}
	for _, e := range events {
		words := auditWords[e.Action]
		if words == "" {
			words = strings.ReplaceAll(e.Action, "-", " ")
		}
		if e.Detail != "" {
			words += " (" + e.Detail + ")"
		}
		out.Entries = append(out.Entries, AuditEntryDTO{At: formatTime(e.At), Who: e.Actor.Name, Role: e.Actor.Role, Action: words})
	}
	return out, nil
}

// userName is the signed-in account's name, "" if no one is signed in.
func (a *App) userName() string {
	if s := a.current(); s != nil {
		return s.account.Name
	}
	return ""
}
