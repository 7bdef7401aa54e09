package care_test

import (
	"fmt"
	"testing"
	"time"

	"whatmatters/internal/care"
)

// TestDiff_AcrossLaptops compares a version agreed here with one agreed on
// another laptop, which numbers the same items its own way: items are
// matched by UUID, and a choice is named as the form names it.
func TestDiff_AcrossLaptops(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	need := func(id int64, uuid, what string) *care.Item {
		return &care.Item{ID: id, UUID: uuid, Section: care.SectionCommunicationNeeds, Values: map[string]string{"need": what}}
	}
	here := &care.Record{Person: &care.Person{ID: 1, GivenName: "Anna"}, Items: map[string][]*care.Item{
		care.SectionCommunicationNeeds: {need(3, "u-loop", "hearing-loop"), need(4, "u-large", "large-print")}}}
	there := &care.Record{Person: &care.Person{ID: 7, GivenName: "Anna"}, Items: map[string][]*care.Item{
		care.SectionCommunicationNeeds: {need(4, "u-loop", "hearing-loop"), need(9, "u-large", "large-print"), need(3, "u-bsl", "bsl-interpreter")}}}
	got := fmt.Sprint(care.Diff(care.NewSnapshot(here, 1, now), care.NewSnapshot(there, 2, now)))
	want := fmt.Sprint([]care.Change{{Section: care.FindSection(care.SectionCommunicationNeeds).Title,
		Text: "Communication need added: " + care.ChoiceLabel(care.FindSection(care.SectionCommunicationNeeds).Field("need").Choices, "bsl-interpreter")}})
	if got != want {
		t.Errorf("Diff = %s\nwant %s", got, want)
	}
}
