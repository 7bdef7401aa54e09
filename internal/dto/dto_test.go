package dto

import (
	"testing"

	"whatmatters/internal/care"
)

func TestFromRecord(t *testing.T) {
	r := &care.Record{
		Person: &care.Person{ID: 1, GivenName: "Anna", FamilyName: "Nowak"},
		Fields: map[string]map[string]care.RecordField{},
		Items: map[string][]*care.Item{
			care.SectionContacts: {{ID: 5, Values: map[string]string{"name": "Piotr Nowak", "isCarer": "true"}}},
			care.SectionCommunicationNeeds: {
				{ID: 6, Values: map[string]string{"need": "spoken-language-interpreter", "language": "Polish"}},
				{ID: 7, Values: map[string]string{"need": "large-print", "forWhom": "5"}},
			},
		},
	}
	got := FromRecord(r)
	if want := "Spoken-language interpreter: Polish; Large print (for Piotr Nowak, carer)"; got.Banner != want {
		t.Errorf("banner = %q, want %q", got.Banner, want)
	}
	if got.Items[care.SectionStrengths] == nil {
		t.Error("empty lists must be [] for the frontend, not null")
	}
}
