package main

import (
	"log/slog"
	"strconv"

	"whatmatters/internal/accounts"
	"whatmatters/internal/care"
	"whatmatters/internal/dto"
)

// The binding surface for accounts, signing in, locking and the audit log.

// AuthStatus says whether the app is set up, who is signed in, whether it
// is locked, and what the integrity check found.
func (a *App) AuthStatus() (dto.AuthDTO, error) {
	return bind("AuthStatus", a.opened, func() (dto.AuthDTO, error) {
		a.afterFirstScreen(a.ctx)
		n, err := a.s.Accounts.CountAccounts(a.ctx)
		if err != nil {
			return dto.AuthDTO{}, err
		}
		out := dto.AuthDTO{SetUp: n > 0, LockMinutes: accounts.LockMinutes(a.ctx, a.s.Settings), Problems: []string{}}
		if s, locked := a.user.State(); s != nil {
			out.SignedIn, out.Locked, out.User = true, locked, dto.FromSession(s)
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
func (a *App) begin(s *accounts.Session, err error) (dto.UserDTO, error) {
	if err != nil {
		return dto.UserDTO{}, err
	}
	a.user.Begin(s)
	if err := a.plans.Load(a.ctx, s.Key); err != nil {
		slog.Error("sealing the signing key", "err", err)
	}
	return dto.FromSession(s), nil
}

// SetUp makes the first account, signs it in and returns its recovery
// code, to be shown once. Errors: invalid (with fields), conflict once
// set up.
func (a *App) SetUp(in dto.AccountInput) (dto.NewAccountDTO, error) {
	return bind("SetUp", a.opened, func() (dto.NewAccountDTO, error) {
		s, code, err := a.signIn.SetUp(a.ctx, &care.Account{Name: in.Name, Role: in.Role}, in.Passphrase, in.PassphraseConfirm)
		u, err := a.begin(s, err)
		return dto.NewAccountDTO{User: u, RecoveryCode: code}, err
	})
}

// SignIn signs an account in with its passphrase. Errors: invalid (field
// "name" or "passphrase"; a wrong name or passphrase, or a wait after
// several).
func (a *App) SignIn(name, passphrase string) (dto.UserDTO, error) {
	return bind("SignIn", a.opened, func() (dto.UserDTO, error) {
		return a.begin(a.signIn.SignIn(a.ctx, name, passphrase, false))
	})
}

// RecoverAccount signs in with the recovery code and sets a new
// passphrase. Errors: invalid (fields "name", "code", "passphrase",
// "passphraseConfirm").
func (a *App) RecoverAccount(name, code, passphrase, confirm string) (dto.UserDTO, error) {
	return bind("RecoverAccount", a.opened, func() (dto.UserDTO, error) {
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
func (a *App) Unlock(passphrase string) (dto.UserDTO, error) {
	return bind("Unlock", a.user.SignedIn, func() (dto.UserDTO, error) {
		s := a.user.Session()
		if err := a.signIn.Check(a.ctx, s, passphrase); err != nil {
			return dto.UserDTO{}, err
		}
		a.user.Unlock()
		a.record(care.AuditUnlock, 0, "")
		return dto.FromSession(s), nil
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
func (a *App) Accounts() ([]dto.AccountDTO, error) {
	return bind("Accounts", a.ready, func() ([]dto.AccountDTO, error) {
		l, err := a.s.Accounts.FindAccounts(a.ctx)
		return dto.List(l, func(ac *care.Account) dto.AccountDTO {
			return dto.AccountDTO{Name: ac.Name, Role: ac.Role, CreatedAt: dto.Time(ac.CreatedAt)}
		}), err
	})
}

// AddAccount adds an account for someone else, who can then sign in with
// their own passphrase; it returns their recovery code, shown once.
// Errors: invalid (with fields).
func (a *App) AddAccount(in dto.AccountInput) (dto.NewAccountDTO, error) {
	return bind("AddAccount", a.ready, func() (dto.NewAccountDTO, error) {
		ac := &care.Account{Name: in.Name, Role: in.Role}
		code, err := a.signIn.Add(a.ctx, a.user.Session(), ac, in.Passphrase, in.PassphraseConfirm)
		return dto.NewAccountDTO{User: dto.UserDTO{Name: ac.Name, Role: ac.Role}, RecoveryCode: code}, err
	})
}

// RecordAccess lists who has opened this person's record and what they
// did with it, newest first, 100 at a time: for the coordinator and for a
// subject-access request. Errors: not_found.
func (a *App) RecordAccess(personID int64, offset int) (dto.AuditDTO, error) {
	return bind("RecordAccess", a.ready, func() (dto.AuditDTO, error) {
		if _, err := a.s.People.FindPersonByID(a.ctx, personID); err != nil {
			return dto.AuditDTO{}, err
		}
		events, total, err := a.s.Audit.FindAudit(a.ctx, personID, offset, 100)
		return dto.AuditDTO{Total: total, Entries: dto.List(events, func(e *care.AuditEvent) dto.AuditEntryDTO {
			return dto.AuditEntryDTO{At: dto.Time(e.At), Who: e.Actor.Name, Role: e.Actor.Role, Action: e.Words()}
		})}, err
	})
}
