package care

import (
	"reflect"
	"strconv"
	"strings"
)

// The one mapping layer between the stored form of a record (each field's
// value as text, keyed by the schema's field key: the JSON of an item, the
// rows of record_fields, a format-1 snapshot, the frontend's forms) and
// the types of types.go. Nothing else in Go reads an item's values by key:
// the store's queries that read them in SQL take the keys from StoredKey.
//
// Stored text is read as the schema's Clean leaves it: bools "true" or "",
// scales and references as decimal numbers, money as whole pence, owners
// as Owner.String.

// Entry is one typed item of a list section: a Contact, CareTeamMember,
// CommunicationNeed, Strength, CommunityConnection, Need, Goal, Action or
// CrisisContact.
type Entry interface {
	ItemID() int64
	ItemUUID() string
}

// ItemID returns the item's ID.
func (c Contact) ItemID() int64             { return c.ID }
func (c CareTeamMember) ItemID() int64      { return c.ID }
func (c CommunicationNeed) ItemID() int64   { return c.ID }
func (c Strength) ItemID() int64            { return c.ID }
func (c CommunityConnection) ItemID() int64 { return c.ID }
func (c Need) ItemID() int64                { return c.ID }
func (c Goal) ItemID() int64                { return c.ID }
func (c Action) ItemID() int64              { return c.ID }
func (c CrisisContact) ItemID() int64       { return c.ID }

// ItemUUID returns the item's UUID.
func (c Contact) ItemUUID() string             { return c.UUID }
func (c CareTeamMember) ItemUUID() string      { return c.UUID }
func (c CommunicationNeed) ItemUUID() string   { return c.UUID }
func (c Strength) ItemUUID() string            { return c.UUID }
func (c CommunityConnection) ItemUUID() string { return c.UUID }
func (c Need) ItemUUID() string                { return c.UUID }
func (c Goal) ItemUUID() string                { return c.UUID }
func (c Action) ItemUUID() string              { return c.UUID }
func (c CrisisContact) ItemUUID() string       { return c.UUID }

// sectionTypes is the Go type of each section's items (or, for a section
// that is not a list, of its values), and planFields the index of the
// field of Plan that holds the section: both read from Plan, whose fields
// are the sections, named in JSON by the sections' keys.
var sectionTypes, planFields = planSections()

func planSections() (map[string]reflect.Type, map[string]int) {
	types, fields := map[string]reflect.Type{}, map[string]int{}
	t := reflect.TypeFor[Plan]()
	for i := range t.NumField() {
		f := t.Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		typ := f.Type
		if typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		types[key], fields[key] = typ, i
	}
	return types, fields
}

var (
	ownerType = reflect.TypeFor[Owner]()
	penceType = reflect.TypeFor[*int64]()
)

// decode sets the value-tagged fields of the struct dst points to from
// stored values.
func decode(values map[string]string, dst any) {
	v := reflect.ValueOf(dst).Elem()
	for i := 0; i < v.NumField(); i++ {
		key := v.Type().Field(i).Tag.Get("value")
		s := values[key]
		if key == "" || s == "" {
			continue
		}
		f := v.Field(i)
		switch f.Type() {
		case ownerType:
			o, _ := ParseOwner(s)
			f.Set(reflect.ValueOf(o))
			continue
		case penceType:
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				f.Set(reflect.ValueOf(&n))
			}
			continue
		}
		switch f.Kind() {
		case reflect.String:
			f.SetString(s)
		case reflect.Bool:
			f.SetBool(s == "true")
		case reflect.Int, reflect.Int64:
			n, _ := strconv.ParseInt(s, 10, 64)
			f.SetInt(n)
		}
	}
}

// encode returns the stored values of a typed item or section, without
// empty ones.
func encode(src any) map[string]string {
	out := map[string]string{}
	v := reflect.ValueOf(src)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return out
	}
	for i := 0; i < v.NumField(); i++ {
		key := v.Type().Field(i).Tag.Get("value")
		if key == "" {
			continue
		}
		var s string
		f := v.Field(i)
		switch {
		case f.Type() == ownerType:
			s = f.Interface().(Owner).String()
		case f.Type() == penceType:
			if !f.IsNil() {
				s = strconv.FormatInt(f.Elem().Int(), 10)
			}
		case f.Kind() == reflect.String:
			s = f.String()
		case f.Kind() == reflect.Bool && f.Bool():
			s = "true"
		case (f.Kind() == reflect.Int || f.Kind() == reflect.Int64) && f.Int() != 0:
			s = strconv.FormatInt(f.Int(), 10)
		}
		if s != "" {
			out[key] = s
		}
	}
	return out
}

// ValuesOf returns the stored values of a typed item (an Entry) or of a
// typed section (AboutMe, Budget...), keyed by the schema's field keys:
// what the forms show and the store keeps.
func ValuesOf(v any) map[string]string { return encode(v) }

// FieldValue returns the stored value of one field of a typed item or
// section, by the schema's field key: for code that walks the schema, such
// as the printed plan's labelled fields.
func FieldValue(v any, key string) string { return encode(v)[key] }

// StoredKey returns the key under which field (as named in Go) of the
// item or section type T is stored: its value tag, the key decode and
// encode use. It is for a store that reads stored values in its own
// queries (SQLite's json_extract), so those queries use this mapping and
// no other. It panics for a field that is not stored, so a query built
// from it when the store's package starts fails at once.
func StoredKey[T any](field string) string {
	t := reflect.TypeFor[T]()
	if f, ok := t.FieldByName(field); ok && f.Tag.Get("value") != "" {
		return f.Tag.Get("value")
	}
	panic("care: " + t.Name() + "." + field + " is not stored")
}

// Decode reads stored values as the type of section's items (or, for a
// section that is not a list, of its values), returned by value: a
// Contact, a Budget... It returns nil for an unknown section.
func Decode(section string, values map[string]string) any {
	t, ok := sectionTypes[section]
	if !ok {
		return nil
	}
	p := reflect.New(t)
	decode(values, p.Interface())
	return p.Elem().Interface()
}

// decodeItem reads a stored item as T.
func decodeItem[T Entry](it *Item) T {
	var t T
	decode(it.Values, &t)
	setIdentity(&t, it.ID, it.UUID)
	return t
}

func setIdentity(dst any, id int64, uuid string) {
	v := reflect.ValueOf(dst).Elem()
	v.FieldByName("ID").SetInt(id)
	v.FieldByName("UUID").SetString(uuid)
}

// NewItem is e as an item of its section, to save for a person: its ID
// and UUID are e's, its Version the caller's to set.
func NewItem(personID int64, e Entry) *Item {
	return &Item{ID: e.ItemID(), UUID: e.ItemUUID(), PersonID: personID, Section: SectionOf(e), Values: encode(e)}
}

// SectionOf returns the key of the section whose items (or values) are of
// v's type, or "".
func SectionOf(v any) string {
	t := reflect.TypeOf(v)
	for key, st := range sectionTypes {
		if st == t {
			return key
		}
	}
	return ""
}

func itemsOf[T Entry](r *Record, section string) []T {
	var out []T
	for _, it := range r.Items[section] {
		out = append(out, decodeItem[T](it))
	}
	return out
}

func fieldsOf[T any](r *Record, section string) T {
	var t T
	values := map[string]string{}
	for k, f := range r.Fields[section] {
		values[k] = f.Value
	}
	decode(values, &t)
	return t
}

// Typed accessors on a record: each list section's items, oldest first,
// and each other section's values.

// Contacts returns the person's personal contacts.
func (r *Record) Contacts() []Contact { return itemsOf[Contact](r, SectionContacts) }

// CareTeam returns the person's care team.
func (r *Record) CareTeam() []CareTeamMember { return itemsOf[CareTeamMember](r, SectionCareTeam) }

// CommunicationNeeds returns the communication needs of the person and their contacts.
func (r *Record) CommunicationNeeds() []CommunicationNeed {
	return itemsOf[CommunicationNeed](r, SectionCommunicationNeeds)
}

// Strengths returns the person's strengths.
func (r *Record) Strengths() []Strength { return itemsOf[Strength](r, SectionStrengths) }

// Community returns the person's community connections.
func (r *Record) Community() []CommunityConnection {
	return itemsOf[CommunityConnection](r, SectionCommunity)
}

// Needs returns the person's needs, concerns and health conditions.
func (r *Record) Needs() []Need { return itemsOf[Need](r, SectionNeeds) }

// Goals returns the plan's goals.
func (r *Record) Goals() []Goal { return itemsOf[Goal](r, SectionGoals) }

// Actions returns the plan's actions.
func (r *Record) Actions() []Action { return itemsOf[Action](r, SectionActions) }

// CrisisContacts returns who to call if things go wrong.
func (r *Record) CrisisContacts() []CrisisContact {
	return itemsOf[CrisisContact](r, SectionCrisisContacts)
}

// AboutMe returns the About me section.
func (r *Record) AboutMe() AboutMe { return fieldsOf[AboutMe](r, SectionAboutMe) }

// Communication returns the format for printed plans.
func (r *Record) Communication() Communication {
	return fieldsOf[Communication](r, SectionCommunication)
}

// Legal returns the legal section.
func (r *Record) Legal() Legal { return fieldsOf[Legal](r, SectionLegal) }

// Crisis returns what to do if things go wrong.
func (r *Record) Crisis() Crisis { return fieldsOf[Crisis](r, SectionCrisis) }

// Budget returns the personal budget.
func (r *Record) Budget() Budget { return fieldsOf[Budget](r, SectionBudget) }

// Review returns when the plan will be reviewed.
func (r *Record) Review() Review { return fieldsOf[Review](r, SectionReview) }

// Plan returns the whole record, typed.
func (r *Record) Plan() *Plan {
	return &Plan{
		AboutMe: r.AboutMe(), Communication: r.Communication(), CommunicationNeeds: r.CommunicationNeeds(),
		Contacts: r.Contacts(), CareTeam: r.CareTeam(), Strengths: r.Strengths(), Community: r.Community(),
		Needs: r.Needs(), Legal: r.Legal(), Goals: r.Goals(), Actions: r.Actions(), Crisis: r.Crisis(),
		CrisisContacts: r.CrisisContacts(), Budget: r.Budget(), Review: r.Review(),
	}
}

// planFromSections reads the sections of a format-1 snapshot: each item's
// values with its "id".
func planFromSections(sections map[string]SnapshotSection) *Plan {
	r := &Record{Fields: map[string]map[string]RecordField{}, Items: map[string][]*Item{}}
	for key, sec := range sections {
		if len(sec.Fields) > 0 {
			r.Fields[key] = map[string]RecordField{}
			for k, v := range sec.Fields {
				r.Fields[key][k] = RecordField{Value: v}
			}
		}
		for _, values := range sec.Items {
			id, _ := strconv.ParseInt(values["id"], 10, 64)
			r.Items[key] = append(r.Items[key], &Item{ID: id, Section: key, Values: values})
		}
	}
	return r.Plan()
}

// Entries returns the items of a list section, typed, as Entries; nil for
// a section that is not a list.
func (p *Plan) Entries(section string) []Entry {
	f, ok := p.section(section)
	if !ok || f.Kind() != reflect.Slice {
		return nil
	}
	out := make([]Entry, f.Len())
	for i := range out {
		out[i] = f.Index(i).Interface().(Entry)
	}
	return out
}

// Values returns the typed values of a section that is not a list
// (AboutMe, Communication, Legal, Crisis, Budget or Review); nil for a list.
func (p *Plan) Values(section string) any {
	f, ok := p.section(section)
	if !ok || f.Kind() == reflect.Slice {
		return nil
	}
	return f.Interface()
}

// section returns the field of p that holds section.
func (p *Plan) section(section string) (reflect.Value, bool) {
	i, ok := planFields[section]
	if !ok {
		return reflect.Value{}, false
	}
	return reflect.ValueOf(p).Elem().Field(i), true
}

// Heading returns the person's words under an About me heading (one of
// AboutMeHeadings' values), and the professional's note beside them.
func (a AboutMe) Heading(key string) (words, note string) {
	v := encode(a)
	return v[key], v[key+"Note"]
}

// status is the status of a goal or an action, or "".
func status(e Entry) string {
	switch x := e.(type) {
	case Goal:
		return x.Status
	case Action:
		return x.Status
	}
	return ""
}
