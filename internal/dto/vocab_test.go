package dto

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"testing"

	"whatmatters/internal/care"
)

// TestVocabularies checks that each list reaches the frontend whole and in
// care's order.
func TestVocabularies(t *testing.T) {
	v := Vocabularies()
	for _, tt := range []struct {
		name string
		got  []ChoiceDTO
		want []care.Choice
	}{
		{"MeetingPurposes", v.MeetingPurposes, care.MeetingPurposes},
		{"Attendances", v.Attendances, care.Attendances},
		{"SignatureRoles", v.SignatureRoles, care.SignatureRoles},
		{"SignatureMethods", v.SignatureMethods, care.SignatureMethods},
		{"PrintFormats", v.PrintFormats, care.PrintFormats},
		{"ContactTypes", v.ContactTypes, care.ContactTypes},
		{"ProfessionalRoles", v.ProfessionalRoles, care.ProfessionalRoles},
		{"CommunicationNeeds", v.CommunicationNeeds, care.CommunicationNeedChoices},
		{"GoalStatuses", v.GoalStatuses, care.GoalStatuses},
		{"ActionStatuses", v.ActionStatuses, care.ActionStatuses},
		{"HistoryActions", v.HistoryActions, care.HistoryActions},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.want) == 0 {
				t.Fatal("care has no choices for this list")
			}
			var got []care.Choice
			for _, c := range tt.got {
				got = append(got, care.Choice{Value: c.Value, Label: c.Label})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("SignatureMethods", func(t *testing.T) {
		for _, m := range []string{care.SignDrawn, care.SignVerbal, care.SignUnable} {
			if care.ChoiceLabel(care.SignatureMethods, m) == m {
				t.Errorf("method %q has no label", m)
			}
		}
	})
	t.Run("HistoryActions", func(t *testing.T) {
		for _, a := range []string{care.ActionCreate, care.ActionAdd, care.ActionEdit, care.ActionEditPersonsWords, care.ActionRemove} {
			if care.ChoiceLabel(care.HistoryActions, a) == a {
				t.Errorf("action %q has no label", a)
			}
		}
	})
}

var updateVocab = flag.Bool("update-vocab", false, "rewrite "+vocabFixture)

// vocabFixture is what the frontend's unit tests load as the vocabularies,
// so that they test against Go's lists, not a copy.
const vocabFixture = "../../frontend/src/test/vocabularies.json"

// TestVocabulariesFixture checks that the frontend's fixture is what
// Vocabularies returns; run with -update-vocab to rewrite it.
func TestVocabulariesFixture(t *testing.T) {
	got, err := json.MarshalIndent(Vocabularies(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *updateVocab {
		if err := os.WriteFile(vocabFixture, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(vocabFixture)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date: run go test -run TestVocabulariesFixture -update-vocab ./internal/dto", vocabFixture)
	}
}
