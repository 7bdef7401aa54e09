package dto

import "whatmatters/internal/care"

// VocabulariesDTO is every fixed list of choices the screens offer or name,
// each as care defines it, so that the frontend types none of them again.
type VocabulariesDTO struct {
	MeetingPurposes    []ChoiceDTO `json:"meetingPurposes"`
	Attendances        []ChoiceDTO `json:"attendances"`
	SignatureRoles     []ChoiceDTO `json:"signatureRoles"`
	SignatureMethods   []ChoiceDTO `json:"signatureMethods"`
	PrintFormats       []ChoiceDTO `json:"printFormats"`
	ContactTypes       []ChoiceDTO `json:"contactTypes"`
	ProfessionalRoles  []ChoiceDTO `json:"professionalRoles"`
	CommunicationNeeds []ChoiceDTO `json:"communicationNeeds"`
	GoalStatuses       []ChoiceDTO `json:"goalStatuses"`
	ActionStatuses     []ChoiceDTO `json:"actionStatuses"`
	// HistoryActions names each action a record's history shows.
	HistoryActions []ChoiceDTO `json:"historyActions"`
	// PersonDetails are the groups of fields of the person's own details.
	PersonDetails []SectionSpecDTO `json:"personDetails"`
}

// Vocabularies returns the fixed lists of choices, as care defines them.
func Vocabularies() VocabulariesDTO {
	return VocabulariesDTO{
		MeetingPurposes:    toChoiceDTOs(care.MeetingPurposes),
		Attendances:        toChoiceDTOs(care.Attendances),
		SignatureRoles:     toChoiceDTOs(care.SignatureRoles),
		SignatureMethods:   toChoiceDTOs(care.SignatureMethods),
		PrintFormats:       toChoiceDTOs(care.PrintFormats),
		ContactTypes:       toChoiceDTOs(care.ContactTypes),
		ProfessionalRoles:  toChoiceDTOs(care.ProfessionalRoles),
		CommunicationNeeds: toChoiceDTOs(care.CommunicationNeedChoices),
		GoalStatuses:       toChoiceDTOs(care.GoalStatuses),
		ActionStatuses:     toChoiceDTOs(care.ActionStatuses),
		HistoryActions:     toChoiceDTOs(care.HistoryActions),
		PersonDetails:      FromSchema(care.PersonDetailsSpec),
	}
}

// toChoiceDTOs converts choices in order; never nil, so the frontend always
// gets a list.
func toChoiceDTOs(cs []care.Choice) []ChoiceDTO {
	return List(cs, func(c care.Choice) ChoiceDTO { return ChoiceDTO{Value: c.Value, Label: c.Label} })
}
