package care

import "context"

// Actor is who is using the app: the signed-in account. Every change to a
// record and every audit row is kept with the account, its name and role.
type Actor struct {
	AccountID int64
	Name      string
	Role      string
}

// Validate checks and tidies the actor's details. EINVALID with Field
// "name" or "role".
func (a *Actor) Validate() (err error) {
	var errs []error
	if a.Name, err = Required("name", "Your name", "your name", a.Name, MaxNameLen); err != nil {
		errs = append(errs, err)
	}
	if a.Role, err = Required("role", "Your role", "your role, for example care coordinator", a.Role, MaxNameLen); err != nil {
		errs = append(errs, err)
	}
	return joinErrors(errs)
}

type actorKey struct{}

// WithActor returns a context that carries who is making changes.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns who is making changes, and whether the context says.
func ActorFrom(ctx context.Context) (Actor, bool) {
	a, ok := ctx.Value(actorKey{}).(Actor)
	return a, ok && a.Name != ""
}

// ErrNoActor is returned by writes made without knowing who makes them.
var ErrNoActor = &Error{Code: EINVALID, Message: "Tell What Matters who you are before changing a record"}

// SettingsService keeps the app's own settings.
type SettingsService interface {
	// FindSetting returns a stored setting, "" if there is none.
	FindSetting(ctx context.Context, key string) (string, error)
	// SetSettings stores several settings at once, or none.
	SetSettings(ctx context.Context, kv map[string]string) error
}
