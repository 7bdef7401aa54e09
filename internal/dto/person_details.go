package dto

import "whatmatters/internal/care"

// PersonDetailsDTO is the person's own details (care.PersonDetails): every
// one a plain string, "" when not recorded; the JSON names are the keys of
// the form's fields (Vocabularies' PersonDetails).
type PersonDetailsDTO struct {
	Address          string `json:"address"`
	Postcode         string `json:"postcode"`
	Phone            string `json:"phone"`
	Email            string `json:"email"`
	PreferredContact string `json:"preferredContact"`
	GPName           string `json:"gpName"`
	GPAddress        string `json:"gpAddress"`
	GPPhone          string `json:"gpPhone"`
	GPODSCode        string `json:"gpOdsCode"`
	LivesAlone       string `json:"livesAlone"`
	LivesWith        string `json:"livesWith"`
	AccessNotes      string `json:"accessNotes"`
	Gender           string `json:"gender"`
	Ethnicity        string `json:"ethnicity"`
	Religion         string `json:"religion"`
}

// FromPersonDetails converts the person's details.
func FromPersonDetails(d care.PersonDetails) PersonDetailsDTO { return PersonDetailsDTO(d) }

// ToPersonDetails is the details a form sent, or nil if it sent none.
func ToPersonDetails(in *PersonDetailsDTO) *care.PersonDetails {
	if in == nil {
		return nil
	}
	d := care.PersonDetails(*in)
	return &d
}
