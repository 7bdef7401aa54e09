// Package dto holds the shapes that cross to the frontend, and their
// conversions from the domain: plain fields, dates as strings, lists never
// null. Wails generates the TypeScript models from these types (namespace
// dto in frontend/wailsjs/go/models.ts); the bindings in package main use them.
package dto

import (
	"time"

	"whatmatters/internal/accounts"
	"whatmatters/internal/care"
)

// PersonDTO is a person as the frontend shows them.
type PersonDTO struct {
	ID            int64  `json:"id"`
	GivenName     string `json:"givenName"`
	FamilyName    string `json:"familyName"`
	PreferredName string `json:"preferredName"`
	Pronouns      string `json:"pronouns"`
	DateOfBirth   string `json:"dateOfBirth"` // YYYY-MM-DD
	NHSNumber     string `json:"nhsNumber"`   // shown as 943 476 5919, or ""
	DisplayName   string `json:"displayName"`
	// Details are the person's address, GP and other details.
	Details   PersonDetailsDTO `json:"details"`
	Version   int              `json:"version"`
	UpdatedAt string           `json:"updatedAt"` // RFC 3339
}

// FromPerson converts a person.
func FromPerson(p *care.Person) PersonDTO {
	return PersonDTO{
		ID: p.ID, GivenName: p.GivenName, FamilyName: p.FamilyName, PreferredName: p.PreferredName,
		Pronouns: p.Pronouns, DateOfBirth: p.DateOfBirth, NHSNumber: care.FormatNHSNumber(p.NHSNumber),
		DisplayName: p.DisplayName(), Version: p.Version, UpdatedAt: Time(p.UpdatedAt),
		Details: FromPersonDetails(p.Details),
	}
}

// PersonInput is what the add and change forms send.
type PersonInput struct {
	GivenName     string `json:"givenName"`
	FamilyName    string `json:"familyName"`
	PreferredName string `json:"preferredName"`
	Pronouns      string `json:"pronouns"`
	DateOfBirth   string `json:"dateOfBirth"` // YYYY-MM-DD
	NHSNumber     string `json:"nhsNumber"`
	// Details, if sent, are all the person's details at once; a change
	// without them leaves them as they are.
	Details *PersonDetailsDTO `json:"details"`
	Version int               `json:"version"` // for changes: the version being changed
	// DifferentFrom, when adding, lists the people the coordinator has said
	// this is not, though their name and date of birth match.
	DifferentFrom []int64 `json:"differentFrom"`
}

// TextRunDTO is a piece of text, marked if it matched a search.
type TextRunDTO struct {
	Text  string `json:"text"`
	Match bool   `json:"match"`
}

// PersonMatchDTO is one search result.
type PersonMatchDTO struct {
	Person  PersonDTO    `json:"person"`
	Name    []TextRunDTO `json:"name"`
	Snippet []TextRunDTO `json:"snippet"`
	// Status says, in plain words, why they are no longer supported; "" if they are.
	Status string `json:"status"`
}

// PeopleDTO is one page of search results.
type PeopleDTO struct {
	People []PersonMatchDTO `json:"people"`
	Total  int              `json:"total"`
}

// FromPersonMatch converts a search result.
func FromPersonMatch(m *care.PersonMatch) PersonMatchDTO {
	run := func(r care.TextRun) TextRunDTO { return TextRunDTO{Text: r.Text, Match: r.Match} }
	out := PersonMatchDTO{Person: FromPerson(m.Person), Name: List(m.Name, run), Snippet: List(m.Snippet, run)}
	if m.Status != nil {
		out.Status = m.Status.Summary()
	}
	return out
}

// UserDTO is who is using the app.
type UserDTO struct {
	Name string `json:"name"`
	Role string `json:"role"`
}

// FromSession is who s is signed in as; empty for no one.
func FromSession(s *accounts.Session) UserDTO {
	if s == nil {
		return UserDTO{}
	}
	return UserDTO{Name: s.Account.Name, Role: s.Account.Role}
}

// ChoiceDTO is one option of a choice field.
type ChoiceDTO struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// FieldSpecDTO describes one field, for drawing its input.
type FieldSpecDTO struct {
	Key      string `json:"key"`
	Label    string `json:"label"`
	Hint     string `json:"hint"`
	Kind     string `json:"kind"`
	Max      int    `json:"max"`
	Required bool   `json:"required"`
	// Conditional fields are required in some cases (care's RequiredWhen),
	// so are never labelled "(optional)".
	Conditional  bool        `json:"conditional"`
	Choices      []ChoiceDTO `json:"choices"`
	PersonsWords bool        `json:"personsWords"`
	NoteFor      string      `json:"noteFor"`
	Hidden       bool        `json:"hidden"`
}

// SectionSpecDTO describes one section of the record.
type SectionSpecDTO struct {
	Key      string         `json:"key"`
	Title    string         `json:"title"`
	Intro    string         `json:"intro"`
	List     bool           `json:"list"`
	Plan     bool           `json:"plan"`
	ItemName string         `json:"itemName"`
	Fields   []FieldSpecDTO `json:"fields"`
}

// FromSchema describes the record's sections, for drawing forms.
func FromSchema(schema []care.SectionSpec) []SectionSpecDTO {
	out := make([]SectionSpecDTO, 0, len(schema))
	for _, s := range schema {
		sd := SectionSpecDTO{Key: s.Key, Title: s.Title, Intro: s.Intro, List: s.List, Plan: s.Plan, ItemName: s.ItemName}
		for _, f := range s.Fields {
			fd := FieldSpecDTO{Key: f.Key, Label: f.Label, Hint: f.Hint, Kind: string(f.Kind), Max: f.Max,
				Required: f.Required, PersonsWords: f.PersonsWords, NoteFor: f.NoteFor, Hidden: f.Hidden, Choices: toChoiceDTOs(f.Choices),
				Conditional: f.RequiredWhen != nil}
			sd.Fields = append(sd.Fields, fd)
		}
		out = append(out, sd)
	}
	return out
}

// FieldDTO is one stored value of a non-list section.
type FieldDTO struct {
	Value     string `json:"value"`
	Version   int    `json:"version"`
	UpdatedAt string `json:"updatedAt"`
	UpdatedBy string `json:"updatedBy"`
	// Display is the value as the screens show it (see care.Record.Display).
	Display string `json:"display"`
}

// ItemDTO is one entry of a list section.
type ItemDTO struct {
	ID      int64             `json:"id"`
	Values  map[string]string `json:"values"`
	Version int               `json:"version"`
	// Display has each field's value as the screens show it, by key: names
	// for references, "£86.40", "1 June 2027". Sent, never read back.
	Display map[string]string `json:"display,omitempty"`
}

// RecordDTO is a person's whole record.
type RecordDTO struct {
	Person PersonDTO                      `json:"person"`
	Banner string                         `json:"banner"` // communication needs, "" if none
	Fields map[string]map[string]FieldDTO `json:"fields"`
	Items  map[string][]ItemDTO           `json:"items"`
	// AboutMeUpdated is when the person's words were last changed, "" if never.
	AboutMeUpdated string `json:"aboutMeUpdated"`
	// Checks are what the plan still lacks before it can be agreed.
	Checks []PlanCheckDTO `json:"checks"`
}

// PlanCheckDTO is one thing to fix in the plan, and where.
type PlanCheckDTO struct {
	Message string `json:"message"`
	Section string `json:"section"`
	ItemID  int64  `json:"itemId"`
}

// FromRecord converts a whole record, with the plan's checks.
func FromRecord(r *care.Record) RecordDTO {
	out := RecordDTO{Person: FromPerson(r.Person), Banner: care.CommunicationBanner(r), Fields: map[string]map[string]FieldDTO{},
		Items: map[string][]ItemDTO{}, AboutMeUpdated: Time(r.PersonsWordsUpdated())}
	for _, s := range care.Schema {
		if s.List {
			out.Items[s.Key] = List(r.Items[s.Key], func(it *care.Item) ItemDTO {
				return ItemDTO{ID: it.ID, Values: it.Values, Version: it.Version, Display: itemDisplay(r, s, it.Values)}
			})
			continue
		}
		fields := map[string]FieldDTO{}
		for k, f := range r.Fields[s.Key] {
			fields[k] = FieldDTO{Value: f.Value, Version: f.Version, UpdatedAt: Time(f.UpdatedAt), UpdatedBy: f.UpdatedBy,
				Display: fieldDisplay(r, s, k, f.Value)}
		}
		out.Fields[s.Key] = fields
	}
	out.Checks = List(care.PlanChecks(r), func(c care.PlanCheck) PlanCheckDTO {
		return PlanCheckDTO{Message: c.Message, Section: c.Section, ItemID: c.ItemID}
	})
	return out
}

// FieldChangeDTO is a new value for one field and the version it was made from.
type FieldChangeDTO struct {
	Key     string `json:"key"`
	Value   string `json:"value"`
	Version int    `json:"version"`
}

// HistoryEntryDTO is one kept change, with labels and values ready to
// show (the owner's name, "£86.40", "1 June 2027").
type HistoryEntryDTO struct {
	ID      int64  `json:"id"`
	At      string `json:"at"` // RFC 3339
	Actor   string `json:"actor"`
	Role    string `json:"role"`
	Action  string `json:"action"`
	Section string `json:"section"` // title, such as "About me"
	ItemID  int64  `json:"itemId"`
	Field   string `json:"field"` // label, such as "What is most important to me"
	Before  string `json:"before"`
	After   string `json:"after"`
	// Item names the entry the change was to ("Ola Nowak", "Swim (removed)").
	Item string `json:"item"`
	// Restorable says whether "Restore this" can bring back what it replaced.
	Restorable bool `json:"restorable"`
}

// HistoryDTO is one page of history.
type HistoryDTO struct {
	Entries []HistoryEntryDTO `json:"entries"`
	Total   int               `json:"total"`
}

// FromHistoryEntry converts a kept change, with its labels and its values
// as names (nil names: as the record alone names them).
func FromHistoryEntry(names *care.Names) func(h *care.HistoryEntry) HistoryEntryDTO {
	if names == nil {
		names = &care.Names{}
	}
	return func(h *care.HistoryEntry) HistoryEntryDTO {
		l := h.Shown(names)
		return HistoryEntryDTO{ID: l.ID, At: Time(l.At), Actor: l.Actor.Name, Role: l.Actor.Role, Action: l.Action,
			ItemID: l.ItemID, Field: l.Field, Section: l.Section, Before: l.Before, After: l.After, Item: l.Item,
			Restorable: h.Restorable()}
	}
}

// Convert turns a service's answer into its DTO, or passes its error on.
func Convert[T, D any](to func(T) D) func(T, error) (D, error) {
	return func(x T, err error) (D, error) {
		if err != nil {
			var zero D
			return zero, err
		}
		return to(x), nil
	}
}

// List converts each of xs; never nil, so the frontend gets [], not null.
func List[T, D any](xs []T, to func(T) D) []D {
	out := make([]D, 0, len(xs))
	for _, x := range xs {
		out = append(out, to(x))
	}
	return out
}

// Time is t as RFC 3339 UTC, "" for the zero time.
func Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
