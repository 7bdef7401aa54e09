package mock

import (
	"context"

	"whatmatters/internal/care"
)

var _ care.MinutesService = (*MinutesService)(nil)

// MinutesService is a care.MinutesService whose method calls its function
// field.
type MinutesService struct {
	CorrectContributionFn func(ctx context.Context, c *care.Correction) error
}

// CorrectContribution calls CorrectContributionFn.
func (s *MinutesService) CorrectContribution(ctx context.Context, c *care.Correction) error {
	return s.CorrectContributionFn(ctx, c)
}
