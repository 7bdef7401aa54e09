package care

import "context"

// Actor is who is using the app: every change to a record is kept with
// their name and role.
type Actor struct {
	Name string
	Role string
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

// SettingsService keeps the app's own settings, such as who is using it.
type SettingsService interface {
	// FindActor returns who was last recorded as using the app, if anyone.
	FindActor(ctx context.Context) (Actor, bool, error)
	// SetActor records who is using the app. EINVALID for a missing name or role.
	SetActor(ctx context.Context, a Actor) error
	// FindSetting returns a stored setting, "" if there is none.
	FindSetting(ctx context.Context, key string) (string, error)
	// SetSettings stores several settings at once, or none.
	SetSettings(ctx context.Context, kv map[string]string) error
}
