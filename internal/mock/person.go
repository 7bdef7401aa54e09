// Package mock holds function-field mocks of the care service interfaces,
// for testing code that calls them without a database.
package mock

import (
	"context"

	"whatmatters/internal/care"
)

var _ care.PersonService = (*PersonService)(nil)

// PersonService is a care.PersonService whose methods call the matching
// function field.
type PersonService struct {
	FindPersonByIDFn func(ctx context.Context, id int64) (*care.Person, error)
	SearchPeopleFn   func(ctx context.Context, filter care.PersonFilter) ([]*care.PersonMatch, int, error)
	CreatePersonFn   func(ctx context.Context, p *care.Person, differentFrom ...int64) error
	UpdatePersonFn   func(ctx context.Context, id int64, upd care.PersonUpdate) (*care.Person, error)
}

// FindPersonByID calls FindPersonByIDFn.
func (s *PersonService) FindPersonByID(ctx context.Context, id int64) (*care.Person, error) {
	return s.FindPersonByIDFn(ctx, id)
}

// SearchPeople calls SearchPeopleFn.
func (s *PersonService) SearchPeople(ctx context.Context, filter care.PersonFilter) ([]*care.PersonMatch, int, error) {
	return s.SearchPeopleFn(ctx, filter)
}

// CreatePerson calls CreatePersonFn.
func (s *PersonService) CreatePerson(ctx context.Context, p *care.Person, differentFrom ...int64) error {
	return s.CreatePersonFn(ctx, p, differentFrom...)
}

// UpdatePerson calls UpdatePersonFn.
func (s *PersonService) UpdatePerson(ctx context.Context, id int64, upd care.PersonUpdate) (*care.Person, error) {
	return s.UpdatePersonFn(ctx, id, upd)
}
