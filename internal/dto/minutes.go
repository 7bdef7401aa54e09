package dto

import (
	"whatmatters/internal/care"
)

// CorrectionDTO is one correction of a contribution, kept in history.
type CorrectionDTO struct {
	ID          int64  `json:"id"`
	Text        string `json:"text"`
	Struck      bool   `json:"struck"`
	Reason      string `json:"reason"`
	AfterAgreed bool   `json:"afterAgreed"`
	CreatedAt   string `json:"createdAt"`
	CreatedBy   string `json:"createdBy"`
	Note        string `json:"note"` // "Corrected on 2 December 2026 by Sam Okafor: spelling"
}

// CorrectionInput is what the correction form sends.
type CorrectionInput struct {
	ContributionID int64  `json:"contributionId"`
	Text           string `json:"text"`
	Struck         bool   `json:"struck"`
	Reason         string `json:"reason"`
}

// fromContribution converts a contribution for user, the name of who is
// using the app.
func fromContribution(c *care.Contribution, user string) ContributionDTO {
	current, struck := c.Current()
	return ContributionDTO{ID: c.ID, AgendaItemID: c.AgendaItemID, ParticipantID: c.ParticipantID, Text: c.Text,
		PersonsWords: c.PersonsWords, CreatedAt: Time(c.CreatedAt),
		Author: c.CreatedBy, Mine: user != "" && c.CreatedBy == user, Current: current, Struck: struck,
		Corrections: List(c.Corrections, func(k *care.Correction) CorrectionDTO {
			return CorrectionDTO{ID: k.ID, Text: k.Text, Struck: k.Struck, Reason: k.Reason, AfterAgreed: k.AfterAgreed,
				CreatedAt: Time(k.CreatedAt), CreatedBy: k.CreatedBy, Note: k.Note()}
		})}
}
