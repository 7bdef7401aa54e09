package dto

import "whatmatters/internal/care"

// PersonStatusDTO says whether a person is still supported and, if not,
// why, from when, and when their record may be deleted.
type PersonStatusDTO struct {
	Supported  bool   `json:"supported"`
	Kind       string `json:"kind"`
	KindLabel  string `json:"kindLabel"`
	Date       string `json:"date"`
	Reason     string `json:"reason"`
	Summary    string `json:"summary"` // "Discharged on 1 June 2027"
	RecordedAt string `json:"recordedAt"`
	RecordedBy string `json:"recordedBy"`
	// DeletableFrom is the first day the record may be deleted (YYYY-MM-DD);
	// RetentionYears the period it is kept.
	DeletableFrom  string `json:"deletableFrom"`
	RetentionYears int    `json:"retentionYears"`
}

// PersonStatusInput is a discharge, death or archive as typed.
type PersonStatusInput struct {
	Kind   string `json:"kind"`
	Date   string `json:"date"`
	Reason string `json:"reason"`
	// Confirm goes ahead although a meeting is in progress.
	Confirm bool `json:"confirm"`
}

// FromPersonStatus converts a status (nil: supported) with the retention period.
func FromPersonStatus(st *care.PersonStatus, years int) PersonStatusDTO {
	if st == nil {
		return PersonStatusDTO{Supported: true, RetentionYears: years}
	}
	return PersonStatusDTO{Kind: st.Kind, KindLabel: care.ChoiceLabel(care.StatusKinds, st.Kind), Date: st.Date, Reason: st.Reason,
		Summary: st.Summary(), RecordedAt: Time(st.RecordedAt), RecordedBy: st.RecordedBy,
		DeletableFrom: st.DeletableFrom(years), RetentionYears: years}
}
