package accounts

import (
	"context"
	"strconv"
	"sync"

	"whatmatters/internal/care"
)

// Current is who is signed in to this process, and whether the app is
// locked. Every change and audit row names the signed-in account.
type Current struct {
	mu     sync.Mutex
	sess   *Session
	locked bool
}

// errSignInFirst is what every screen gets while no one is signed in.
var errSignInFirst = care.Errorf(care.ESIGNIN, "Sign in to What Matters first")

// Session returns the signed-in session, or nil.
func (c *Current) Session() *Session {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sess
}

// State returns the signed-in session (nil if none) and whether the app is locked.
func (c *Current) State() (*Session, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sess, c.locked
}

// Key is the signed-in account's data key, nil if no one is signed in.
func (c *Current) Key() []byte {
	if s := c.Session(); s != nil {
		return s.Key
	}
	return nil
}

// Begin makes s the signed-in session, unlocked, forgetting any other.
func (c *Current) Begin(s *Session) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sess != nil && c.sess != s {
		c.sess.Close()
	}
	c.sess, c.locked = s, false
}

// End signs out, forgetting the key, and returns who was signed in (nil if no one).
func (c *Current) End() *care.Account {
	c.mu.Lock()
	defer c.mu.Unlock()
	var was *care.Account
	if c.sess != nil {
		was = c.sess.Account
		c.sess.Close()
	}
	c.sess, c.locked = nil, false
	return was
}

// Lock locks the app if someone is signed in; it reports whether it was open.
func (c *Current) Lock() (wasOpen bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	wasOpen = c.sess != nil && !c.locked
	c.locked = c.sess != nil
	return wasOpen
}

// Unlock unlocks the app.
func (c *Current) Unlock() {
	c.mu.Lock()
	c.locked = false
	c.mu.Unlock()
}

// SignedIn is Ready without the lock: for saves that return nothing, so
// what was typed just before the app locked is kept. ESIGNIN if no one is
// signed in.
func (c *Current) SignedIn() error {
	if c.Session() == nil {
		return errSignInFirst
	}
	return nil
}

// Ready says whether a person's data may be served: someone is signed in
// and the app is not locked. ESIGNIN if not.
func (c *Current) Ready() error {
	switch s, locked := c.State(); {
	case s == nil:
		return errSignInFirst
	case locked:
		return care.Errorf(care.ESIGNIN, "What Matters is locked. Enter your passphrase to carry on")
	}
	return nil
}

// Context is ctx carrying the signed-in account, for changes.
func (c *Current) Context(ctx context.Context) context.Context {
	if s := c.Session(); s != nil {
		return care.WithActor(ctx, s.Actor())
	}
	return ctx
}

// The app locks after this many minutes without input.
const (
	settingLockMinutes = "lock.minutes"
	defaultLockMinutes = 5
	minLockMinutes     = 1
	maxLockMinutes     = 15
)

// LockMinutes is how long without input before the app locks.
func LockMinutes(ctx context.Context, settings care.SettingsService) int {
	v, _ := settings.FindSetting(ctx, settingLockMinutes)
	if n, err := strconv.Atoi(v); err == nil && n >= minLockMinutes && n <= maxLockMinutes {
		return n
	}
	return defaultLockMinutes
}

// SetLockMinutes sets how long without input before the app locks, 1 to
// 15 minutes. Errors: invalid (field "lockMinutes").
func SetLockMinutes(ctx context.Context, settings care.SettingsService, minutes int) error {
	if minutes < minLockMinutes || minutes > maxLockMinutes {
		return care.FieldError("lockMinutes", "Choose between 1 and 15 minutes")
	}
	return settings.SetSettings(ctx, map[string]string{settingLockMinutes: strconv.Itoa(minutes)})
}
