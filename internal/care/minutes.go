package care

import (
	"context"
	"strings"
	"time"
)

// What was said in a meeting, after it: corrections to contributions, made
// only by the person who added them, each kept in history. The original
// words are never changed or deleted.

// Correction is one correction of a contribution: new words, or the
// contribution struck through, with why.
type Correction struct {
	ID             int64
	UUID           string // random, version 4: the id that travels beyond this database
	MeetingID      int64  // the meeting it was said in; 0 for whichever it was
	ContributionID int64
	Text           string // the corrected words; "" when struck through
	Struck         bool   // struck through: it should not have been recorded
	Reason         string // why it was corrected
	// AfterAgreed is true when a plan had already been agreed from the
	// meeting: the correction is shown as one, and the agreed plan is not
	// changed.
	AfterAgreed bool
	CreatedAt   time.Time
	CreatedBy   string
}

// MaxCorrectionReason is the longest reason for a correction.
const MaxCorrectionReason = 1000

// Validate checks a correction: new words (as long as a contribution may
// be) or a strike through with a reason. EINVALID per field.
func (c *Correction) Validate() error {
	reason := FieldSpec{Key: "reason", Label: "Why it is corrected", Kind: KindLongText, Max: MaxCorrectionReason}
	r, err := cleanLongText(&reason, c.Reason)
	if err != nil {
		return err
	}
	if c.Struck {
		c.Text = ""
		if strings.TrimSpace(r) == "" {
			return FieldError("reason", "Say why this is struck through")
		}
		return nil
	}
	spec := FieldSpec{Key: "text", Label: "What was said", Kind: KindLongText, Max: MaxContribution}
	v, err := cleanLongText(&spec, c.Text)
	if err != nil {
		return err
	}
	if strings.TrimSpace(v) == "" {
		return FieldError("text", "Type the corrected words, or strike it through instead")
	}
	return nil
}

// Current is what a contribution says now: its last correction's words,
// or its own, and whether it is struck through.
func (c *Contribution) Current() (text string, struck bool) {
	if n := len(c.Corrections); n > 0 {
		last := c.Corrections[n-1]
		return last.Text, last.Struck
	}
	return c.Text, false
}

// Note says how and when the contribution was corrected, and by whom:
// "Corrected on 2 December 2026 by Sam Okafor: spelling".
func (k *Correction) Note() string {
	note := "Corrected on "
	if k.Struck {
		note = "Struck through on "
	}
	note += k.CreatedAt.Local().Format("2 January 2006") + " by " + k.CreatedBy
	if k.AfterAgreed {
		note += ", after the plan was agreed"
	}
	if k.Reason != "" {
		note += ": " + k.Reason
	}
	return note
}

// MinutesService corrects what was said in meetings.
type MinutesService interface {
	// CorrectContribution records a correction by the actor in ctx, who
	// must be the person who added the contribution (EINVALID
	// otherwise). EINVALID, ENOTFOUND.
	CorrectContribution(ctx context.Context, c *Correction) error
}
