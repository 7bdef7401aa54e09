// Package fhir maps a person's record to FHIR R4 resources (UK Core
// profiles where they apply) and back. It knows nothing of the store or
// the network: the store gathers a Record, Build makes the resources, and
// Decode reads a resource from a server back into the Unit it stands for.
// SYNC.md and the README ("FHIR") name the mapping choices.
package fhir

import (
	"encoding/json"
	"time"

	"whatmatters/internal/care"
)

// Kind says what a Unit is locally.
type Kind string

// The kinds of Unit.
const (
	KindPerson  Kind = "person"  // people + person_details + person_status → Patient
	KindFields  Kind = "fields"  // one non-list section (aboutMe, legal, crisis, budget, review, communication)
	KindItem    Kind = "item"    // one list item (a contact, a goal, an action...)
	KindVersion Kind = "version" // an agreed version: create-only
	KindMeeting Kind = "meeting" // a meeting → Encounter
)

// Record is everything about one person that travels, in local terms,
// with every reference between items given by UUID (never a local id).
type Record struct {
	Person   care.Person                  // with Details and UUID
	Status   *care.PersonStatus           // nil if supported
	Fields   map[string]map[string]string // section → key → value
	Items    []Item
	Versions []Version  // oldest first
	Meetings []*Meeting // with their participants
	// ChangedBy names, by Unit.Key(), who made a unit's newest change
	// ("Sam Okafor (Care coordinator)"); mutable resources carry it, so the
	// laptop that pulls the change can say who made it.
	ChangedBy map[string]string
}

// Item is one list item. Values are as care.Item's, except that values of
// reference fields (a contact's id in forWhom, an owner's id, a goal, a
// meeting, a contribution) are the UUIDs of what they name, or "".
type Item struct {
	Section string
	UUID    string
	Values  map[string]string
}

// Version is an agreed version, with its signed PDF in the person's format
// (nil when the caller has no signing key: the DocumentReference then
// carries only the snapshot).
type Version struct {
	*care.PlanVersion
	PDF       []byte
	PDFFormat string // standard, large-print or easy-read
}

// Meeting is a meeting with its participants.
type Meeting struct {
	*care.Meeting
	Participants []*care.Participant
	// Sources are, by participant UUID, the UUID of the contact or
	// care-team item a participant is (Participant.SourceItemID is local).
	Sources map[string]string
}

// Unit names one local thing that travels as one resource (a version
// travels as several, all with the same Unit).
type Unit struct {
	Kind    Kind
	Person  string // the person's UUID
	Section string // KindFields, KindItem
	UUID    string // the item's, version's or meeting's UUID; the person's for KindPerson and KindFields
	// Values are the unit's values in local terms (KindPerson: PersonKeys;
	// KindFields and KindItem: as in Record). Nil for versions and meetings.
	Values  map[string]string
	Removed bool     // a removed item or a cancelled meeting: a status change, never a deletion
	Version *Version // KindVersion, when decoded from a DocumentReference carrying the snapshot
	Meeting *Meeting // KindMeeting
}

// Key identifies the unit locally, such as "item/<uuid>" or "fields/<person>/aboutMe".
func (u Unit) Key() string {
	switch u.Kind {
	case KindFields:
		return string(u.Kind) + "/" + u.Person + "/" + u.Section
	default:
		return string(u.Kind) + "/" + u.UUID
	}
}

// Resource is one FHIR resource as it is sent.
type Resource struct {
	Type string // "Patient"
	ID   string // a UUID: ours, or for create-only resources one derived from the plan's hash
	// JSON is the resource without meta.versionId and meta.lastUpdated, and
	// the same bytes for the same Record, so comparing it with what was last
	// sent says whether it changed.
	JSON json.RawMessage
	// CreateOnly resources (an agreed version's CarePlan, DocumentReference,
	// Provenance) are sent once, by conditional create on Identifier
	// ("system|value"), never updated.
	CreateOnly bool
	Identifier string
	// Condition is the search a create-only resource is created on (the
	// If-None-Exist header): "identifier=<Identifier>" for a CarePlan and
	// a DocumentReference; for a Provenance, which has no identifier in R4
	// (so Identifier is ""), "target=CarePlan/<id>". Its id is derived from
	// the plan's hash too, so a PUT to it is as safe.
	Condition string
	Unit      Unit // what it stands for; Derived resources (a CareTeam) have Kind ""
}

// Ref is the resource's reference, "Patient/<id>".
func (r Resource) Ref() string { return r.Type + "/" + r.ID }

// Origin is what a server says about a resource's version.
type Origin struct {
	VersionID   string
	LastUpdated time.Time // the server's time, never this laptop's
	ChangedBy   string    // who changed it there, as the resource or server names them ("" if not known)
}

// The keys of a KindPerson unit's Values: the people columns, then the
// person_details keys (care.PersonDetails' json names) and the status.
const (
	KeyGivenName     = "givenName"
	KeyFamilyName    = "familyName"
	KeyPreferredName = "preferredName"
	KeyPronouns      = "pronouns"
	KeyDateOfBirth   = "dateOfBirth"
	KeyNHSNumber     = "nhsNumber"
	KeyStatus        = "status" // discharged, died, archived or ""
	KeyStatusDate    = "statusDate"
	KeyStatusReason  = "statusReason"
)
