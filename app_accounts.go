package main

import (
	"log/slog"
	"strconv"

	"whatmatters/internal/accounts"
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

// AccountDTO is an account, for the list of accounts.
type AccountDTO struct {
	Name      string `json:"name"`
	Role      string `json:"role"`
	CreatedAt string `json:"createdAt"`
}

// AuthStatus says whether the app is set up, who is signed in, whether it
// is locked, and what the integrity check found.
func (a *App) AuthStatus() (AuthDTO, error) {
	return bind("AuthStatus", a.opened, func() (AuthDTO, error) {
		n, err := a.s.Accounts.CountAccounts(a.ctx)
		if err != nil {
			return AuthDTO{}, err
		}
		out := AuthDTO{SetUp: n > 0, LockMinutes: accounts.LockMinutes(a.ctx, a.s.Settings), Problems: []string{}}
		if s, locked := a.user.State(); s != nil {
			out.SignedIn, out.Locked, out.User = true, locked, toUserDTO(s)
		}
		a.mu.Lock()
		defer a.mu.Unlock()
		if a.integrity != nil {
			out.Checked = true
			out.Problems = append(out.Problems, a.integrity.Problems...)
		}
		return out, nil
	})
}

// begin makes s the signed-in session, replacing any other, and seals a
// signing key stored in plaintext by an earlier version.
func (a *App) begin(s *accounts.Session, err error) (UserDTO, error) {
	if err != nil {
		return UserDTO{}, err
	}
	a.user.Begin(s)
	if err := a.plans.Load(a.ctx, s.Key); err != nil {
		slog.Error("sealing the signing key", "err", err)
	}
	return toUserDTO(s), nil
}

// SetUp makes the first account, signs it in and returns its recovery
// code, to be shown once. Errors: invalid (with fields), conflict once
// set up.
func (a *App) SetUp(in AccountInput) (NewAccountDTO, error) {
	return bind("SetUp", a.opened, func() (NewAccountDTO, error) {
		s, code, err := a.signIn.SetUp(a.ctx, &care.Account{Name: in.Name, Role: in.Role}, in.Passphrase, in.PassphraseConfirm)
		u, err := a.begin(s, err)
		return NewAccountDTO{User: u, RecoveryCode: code}, err
	})
}

// SignIn signs an account in with its passphrase. Errors: invalid (field
// "name" or "passphrase"; a wrong name or passphrase, or a wait after
// several).
func (a *App) SignIn(name, passphrase string) (UserDTO, error) {
	return bind("SignIn", a.opened, func() (UserDTO, error) {
		return a.begin(a.signIn.SignIn(a.ctx, name, passphrase, false))
	})
}

// RecoverAccount signs in with the recovery code and sets a new
// passphrase. Errors: invalid (fields "name", "code", "passphrase",
// "passphraseConfirm").
func (a *App) RecoverAccount(name, code, passphrase, confirm string) (UserDTO, error) {
	return bind("RecoverAccount", a.opened, func() (UserDTO, error) {
		return a.begin(a.signIn.Recover(a.ctx, name, code, passphrase, confirm))
	})
}

// SignOut signs the account out and forgets its key.
func (a *App) SignOut() error {
	return act("SignOut", nil, func() error {
		a.record(care.AuditSignOut, 0, "")
		a.user.End()
		return nil
	})
}

// Lock hides everything until the signed-in account's passphrase is
// entered again; the screen underneath, and anything typed, is kept.
func (a *App) Lock() error {
	return act("Lock", nil, func() error {
		if a.user.Lock() {
			a.record(care.AuditLock, 0, "")
		}
		return nil
	})
}

// Unlock checks the signed-in account's passphrase and unlocks the app.
// Errors: invalid (field "passphrase"), sign_in if no one is signed in.
func (a *App) Unlock(passphrase string) (UserDTO, error) {
	return bind("Unlock", a.user.SignedIn, func() (UserDTO, error) {
		s := a.user.Session()
		if err := a.signIn.Check(a.ctx, s, passphrase); err != nil {
			return UserDTO{}, err
		}
		a.user.Unlock()
		a.record(care.AuditUnlock, 0, "")
		return toUserDTO(s), nil
	})
}

// SetLockMinutes sets how long without input before the app locks, 1 to
// 15 minutes. Errors: invalid (field "lockMinutes").
func (a *App) SetLockMinutes(minutes int) error {
	return act("SetLockMinutes", a.ready, func() error {
		if err := accounts.SetLockMinutes(a.ctx, a.s.Settings, minutes); err != nil {
			return err
		}
		a.record(care.AuditAccountChange, 0, "lock after "+strconv.Itoa(minutes)+" minutes")
		return nil
	})
}

// Accounts lists the accounts.
func (a *App) Accounts() ([]AccountDTO, error) {
	return bind("Accounts", a.ready, func() ([]AccountDTO, error) {
		l, err := a.s.Accounts.FindAccounts(a.ctx)
		return list(l, func(ac *care.Account) AccountDTO {
			return AccountDTO{Name: ac.Name, Role: ac.Role, CreatedAt: formatTime(ac.CreatedAt)}
		}), err
	})
}

// AddAccount adds an account for someone else, who can then sign in with
// their own passphrase; it returns their recovery code, shown once.
// Errors: invalid (with fields).
func (a *App) AddAccount(in AccountInput) (NewAccountDTO, error) {
	return bind("AddAccount", a.ready, func() (NewAccountDTO, error) {
		ac := &care.Account{Name: in.Name, Role: in.Role}
		code, err := a.signIn.Add(a.ctx, a.user.Session(), ac, in.Passphrase, in.PassphraseConfirm)
		return NewAccountDTO{User: UserDTO{Name: ac.Name, Role: ac.Role}, RecoveryCode: code}, err
	})
}

// RecordAccess lists who has opened this person's record and what they
// did with it, newest first, 100 at a time: for the coordinator and for a
// subject-access request. Errors: not_found.
func (a *App) RecordAccess(personID int64, offset int) (AuditDTO, error) {
	return bind("RecordAccess", a.ready, func() (AuditDTO, error) {
		if _, err := a.s.People.FindPersonByID(a.ctx, personID); err != nil {
			return AuditDTO{}, err
		}
		events, total, err := a.s.Audit.FindAudit(a.ctx, personID, offset, 100)
		return AuditDTO{Total: total, Entries: list(events, func(e *care.AuditEvent) AuditEntryDTO {
			return AuditEntryDTO{At: formatTime(e.At), Who: e.Actor.Name, Role: e.Actor.Role, Action: e.Words()}
		})}, err
	})
}
