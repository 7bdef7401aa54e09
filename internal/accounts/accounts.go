// Package accounts signs people in: it keeps the data key wrapped once per
// account (Argon2id of the passphrase) and once per recovery code, records
// every attempt in the audit log, and holds who is signed in to this
// process. The app's bindings and the commands both use it.
package accounts

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/vault"
)

// Service is the one place that signs people in.
type Service struct {
	Store care.AccountService
	audit care.AuditService
	now   func() time.Time
	// params are the Argon2id costs of new slots; tests make them small
	// through vault.DefaultParams.
	params vault.Params
}

// New returns sign-in on the account store, auditing to audit.
func New(store care.AccountService, audit care.AuditService) *Service {
	return &Service{Store: store, audit: audit, now: time.Now, params: vault.DefaultParams}
}

// Session is a signed-in account and the data key its passphrase opened.
// It lives in this process only.
type Session struct {
	Account *care.Account
	Key     []byte
}

// Actor is who the session's changes and audit rows name.
func (s *Session) Actor() care.Actor { return s.Account.Actor() }

// Close forgets the data key.
func (s *Session) Close() {
	clear(s.Key)
	s.Key = nil
}

// errSignIn is the one message for a wrong name or passphrase, so neither
// can be guessed from it.
var errSignIn = care.FieldError("passphrase", "The name or passphrase is not right. Check them and try again")

// SetUp makes the first account and the data key; it refuses once any
// account exists. It returns the session and the recovery code, shown once.
func (x *Service) SetUp(ctx context.Context, a *care.Account, pass, confirm string) (*Session, string, error) {
	n, err := x.Store.CountAccounts(ctx)
	if err != nil {
		return nil, "", err
	}
	if n > 0 {
		return nil, "", care.Errorf(care.ECONFLICT, "What Matters already has accounts. Sign in, then add accounts from Accounts")
	}
	key := vault.NewDataKey()
	code, err := x.create(ctx, a, key, pass, confirm)
	if err != nil {
		return nil, "", err
	}
	s := &Session{Account: a, Key: key}
	return s, code, x.record(ctx, s.Actor(), care.AuditAccountAdded, "first account")
}

// Add makes another account, wrapping the signed-in session's data key
// for it. It returns the recovery code, shown once.
func (x *Service) Add(ctx context.Context, by *Session, a *care.Account, pass, confirm string) (string, error) {
	a.CreatedBy = by.Account.ID
	code, err := x.create(ctx, a, by.Key, pass, confirm)
	if err != nil {
		return "", err
	}
	return code, x.record(ctx, by.Actor(), care.AuditAccountAdded, a.Name)
}

func (x *Service) create(ctx context.Context, a *care.Account, key []byte, pass, confirm string) (string, error) {
	var errs []error
	if err := a.Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := care.ValidatePassphrase("passphrase", pass, confirm); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return "", errors.Join(errs...)
	}
	code := vault.RecoveryCode()
	keySlot, err := vault.Wrap(key, pass, x.params)
	if err != nil {
		return "", err
	}
	recoverySlot, err := vault.Wrap(key, code, x.params)
	if err != nil {
		return "", err
	}
	return code, x.Store.CreateAccount(ctx, a, care.AccountSlots{KeySlot: keySlot, RecoverySlot: recoverySlot})
}

// backOff is how long to wait after failures wrong passphrases in a row:
// nothing for the first three, then 2, 4, 8… seconds, at most a minute.
// The only account is never locked out for good.
func backOff(failures int) time.Duration {
	if failures < 3 {
		return 0
	}
	return min(time.Duration(1<<min(failures-2, 6))*time.Second, time.Minute)
}

// SignIn opens an account with its passphrase (or, with recovery, its
// recovery code). EINVALID with field "passphrase" for a wrong name or
// passphrase, or while waiting after several wrong ones.
func (x *Service) SignIn(ctx context.Context, name, secret string, recovery bool) (*Session, error) {
	if strings.TrimSpace(name) == "" {
		return nil, care.FieldError("name", "Enter your name, as your account was set up")
	}
	if secret == "" {
		return nil, care.FieldError("passphrase", "Enter your passphrase")
	}
	a, slots, err := x.Store.FindAccountByName(ctx, name)
	if care.ErrorCode(err) == care.ENOTFOUND {
		// Take as long as a real attempt, so a name cannot be tested by timing.
		vault.Unwrap(dummySlot(x.params), secret)
		x.record(ctx, care.Actor{Name: "(an unknown name)"}, care.AuditSignInFailed, "")
		return nil, errSignIn
	} else if err != nil {
		return nil, err
	}
	if wait := backOff(slots.Failures) - x.now().Sub(slots.LastFailure); wait > 0 {
		return nil, care.FieldError("passphrase", fmt.Sprintf("Too many wrong passphrases. Wait %d seconds, then try again", int(wait.Seconds())+1))
	}
	slot, what := slots.KeySlot, "passphrase"
	if recovery {
		slot, what, secret = slots.RecoverySlot, "recovery code", vault.NormalizeRecoveryCode(secret)
	}
	key, err := vault.Unwrap(slot, secret)
	if err != nil {
		if rerr := x.Store.RecordSignIn(ctx, a.ID, false, x.now()); rerr != nil && !readOnly(rerr) {
			return nil, rerr
		}
		x.record(ctx, a.Actor(), care.AuditSignInFailed, what)
		if recovery {
			return nil, care.FieldError("code", "The name or recovery code is not right. Check them and try again")
		}
		return nil, errSignIn
	}
	if err := x.Store.RecordSignIn(ctx, a.ID, true, x.now()); err != nil && !readOnly(err) {
		return nil, err
	}
	s := &Session{Account: a, Key: key}
	if err := x.record(ctx, s.Actor(), care.AuditSignIn, what); err != nil && !readOnly(err) {
		return nil, err
	}
	return s, nil
}

// readOnly reports whether err is the store refusing a write because the
// database is damaged and open read-only: signing in still works then, so
// the records can be read and a backup restored.
func readOnly(err error) bool { return care.ErrorCode(err) == care.ELOCKED }

// Recover signs in with the recovery code and sets a new passphrase.
func (x *Service) Recover(ctx context.Context, name, code, pass, confirm string) (*Session, error) {
	if err := care.ValidatePassphrase("passphrase", pass, confirm); err != nil {
		return nil, err
	}
	s, err := x.SignIn(ctx, name, code, true)
	if err != nil {
		return nil, err
	}
	slot, err := vault.Wrap(s.Key, pass, x.params)
	if err != nil {
		return nil, err
	}
	if err := x.Store.SetKeySlot(ctx, s.Account.ID, slot); err != nil {
		return nil, err
	}
	return s, x.record(ctx, s.Actor(), care.AuditAccountChange, "new passphrase, with the recovery code")
}

// Check confirms the signed-in account's passphrase, to unlock the app.
func (x *Service) Check(ctx context.Context, s *Session, pass string) error {
	again, err := x.SignIn(ctx, s.Account.Name, pass, false)
	if err != nil {
		return err
	}
	again.Close()
	return nil
}

func (x *Service) record(ctx context.Context, actor care.Actor, action, detail string) error {
	return x.audit.Audit(ctx, &care.AuditEvent{Actor: actor, Action: action, Detail: detail})
}

var dummy struct {
	sync.Mutex
	params vault.Params
	slot   string
}

// dummySlot is a slot no passphrase opens, made with the same costs.
func dummySlot(p vault.Params) string {
	dummy.Lock()
	defer dummy.Unlock()
	if dummy.slot == "" || dummy.params != p {
		dummy.params = p
		dummy.slot, _ = vault.Wrap(vault.NewDataKey(), vault.RecoveryCode(), p)
	}
	return dummy.slot
}
