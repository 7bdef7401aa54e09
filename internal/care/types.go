package care

import (
	"strconv"
	"strings"
)

// The things a person's record and plan are made of, as Go types. Each
// field tagged `value:"key"` is the schema field with that key (see
// Schema, which draws the forms); mapping.go converts between these types
// and the stored values, and TestSchemaMatchesTypes checks that the two
// agree. ID and UUID are the item's: ID is local to this database, UUID
// travels beyond it.
//
// The json tags are format 2 of an agreed snapshot (see Snapshot).

// Contact is one of the person's personal contacts: family, a carer, a
// friend, an advocate or a legal representative.
type Contact struct {
	ID           int64  `json:"id"`
	UUID         string `json:"uuid,omitempty"`
	Name         string `json:"name,omitempty" value:"name"`
	Type         string `json:"type,omitempty" value:"type"` // one of ContactTypes
	Relationship string `json:"relationship,omitempty" value:"relationship"`
	Phone        string `json:"phone,omitempty" value:"phone"`
	Email        string `json:"email,omitempty" value:"email"`
	Address      string `json:"address,omitempty" value:"address"`
	IsCarer      bool   `json:"isCarer,omitempty" value:"isCarer"`
	CarerNeeds   string `json:"carerNeeds,omitempty" value:"carerNeeds"`
	ReceivesCopy bool   `json:"receivesCopy,omitempty" value:"receivesCopy"`
	Involved     bool   `json:"involved,omitempty" value:"involved"`
}

// CareTeamMember is a professional or service in the person's care team;
// at most one is the key worker.
type CareTeamMember struct {
	ID           int64  `json:"id"`
	UUID         string `json:"uuid,omitempty"`
	Name         string `json:"name,omitempty" value:"name"`
	Role         string `json:"role,omitempty" value:"role"` // one of ProfessionalRoles
	Team         string `json:"team,omitempty" value:"team"`
	Organisation string `json:"organisation,omitempty" value:"organisation"`
	Phone        string `json:"phone,omitempty" value:"phone"`
	Email        string `json:"email,omitempty" value:"email"`
	KeyWorker    bool   `json:"keyWorker,omitempty" value:"keyWorker"`
}

// CommunicationNeed is how the person, or one of their contacts, needs
// information given to them (Accessible Information Standard).
type CommunicationNeed struct {
	ID       int64  `json:"id"`
	UUID     string `json:"uuid,omitempty"`
	Need     string `json:"need,omitempty" value:"need"` // one of CommunicationNeedChoices
	Language string `json:"language,omitempty" value:"language"`
	Detail   string `json:"detail,omitempty" value:"detail"`
	ForWhom  int64  `json:"forWhom,omitempty" value:"forWhom"` // a contact's ID; 0 for the person
}

// Strength is something the person is good at, or that helps.
type Strength struct {
	ID   int64  `json:"id"`
	UUID string `json:"uuid,omitempty"`
	Text string `json:"text,omitempty" value:"text"`
}

// CommunityConnection is a group, club or place that is part of the
// person's support.
type CommunityConnection struct {
	ID      int64  `json:"id"`
	UUID    string `json:"uuid,omitempty"`
	Name    string `json:"name,omitempty" value:"name"`
	Gives   string `json:"gives,omitempty" value:"gives"`
	Contact string `json:"contact,omitempty" value:"contact"`
}

// Need is a need, a concern or a health condition, in plain words.
type Need struct {
	ID   int64  `json:"id"`
	UUID string `json:"uuid,omitempty"`
	Kind string `json:"kind,omitempty" value:"kind"` // need, concern or condition
	Text string `json:"text,omitempty" value:"text"`
}

// Goal is what the person wants to achieve, in their own words.
type Goal struct {
	ID           int64  `json:"id"`
	UUID         string `json:"uuid,omitempty"`
	Text         string `json:"text,omitempty" value:"text"`
	Why          string `json:"why,omitempty" value:"why"`
	Importance   int    `json:"importance,omitempty" value:"importance"` // 1 to 10; 0 if not asked
	Status       string `json:"status,omitempty" value:"status"`         // one of GoalStatuses
	StopReason   string `json:"stopReason,omitempty" value:"stopReason"` // why it stopped, from a review
	Meeting      int64  `json:"meeting,omitempty" value:"meeting"`       // the meeting it was set in, or 0
	Contribution int64  `json:"contribution,omitempty" value:"contribution"`
}

// Action is who will do what, and by when.
type Action struct {
	ID           int64  `json:"id"`
	UUID         string `json:"uuid,omitempty"`
	What         string `json:"what,omitempty" value:"what"`
	Owner        Owner  `json:"owner,omitzero" value:"owner"`
	Service      string `json:"service,omitempty" value:"service"`       // the service's name, when Owner is OwnerService
	ByWhen       string `json:"byWhen,omitempty" value:"byWhen"`         // YYYY-MM-DD, or ""
	Status       string `json:"status,omitempty" value:"status"`         // one of ActionStatuses
	StopReason   string `json:"stopReason,omitempty" value:"stopReason"` // why it stopped, from a review
	Confidence   int    `json:"confidence,omitempty" value:"confidence"`
	Goal         int64  `json:"goal,omitempty" value:"goal"` // the goal it is for, or 0
	Meeting      int64  `json:"meeting,omitempty" value:"meeting"`
	Contribution int64  `json:"contribution,omitempty" value:"contribution"`
}

// CrisisContact is a number to call if things go wrong.
type CrisisContact struct {
	ID    int64  `json:"id"`
	UUID  string `json:"uuid,omitempty"`
	Name  string `json:"name,omitempty" value:"name"`
	Phone string `json:"phone,omitempty" value:"phone"`
	When  string `json:"when,omitempty" value:"when"` // day, night or any
}

// AboutMe is the seven About Me headings in the person's words, each with
// a professional's note beside it.
type AboutMe struct {
	MostImportant        string `json:"mostImportant,omitempty" value:"mostImportant"`
	MostImportantNote    string `json:"mostImportantNote,omitempty" value:"mostImportantNote"`
	PeopleImportant      string `json:"peopleImportant,omitempty" value:"peopleImportant"`
	PeopleImportantNote  string `json:"peopleImportantNote,omitempty" value:"peopleImportantNote"`
	Communicate          string `json:"communicate,omitempty" value:"communicate"`
	CommunicateNote      string `json:"communicateNote,omitempty" value:"communicateNote"`
	Wellness             string `json:"wellness,omitempty" value:"wellness"`
	WellnessNote         string `json:"wellnessNote,omitempty" value:"wellnessNote"`
	PleaseDo             string `json:"pleaseDo,omitempty" value:"pleaseDo"`
	PleaseDoNote         string `json:"pleaseDoNote,omitempty" value:"pleaseDoNote"`
	Support              string `json:"support,omitempty" value:"support"`
	SupportNote          string `json:"supportNote,omitempty" value:"supportNote"`
	AlsoWorthKnowing     string `json:"alsoWorthKnowing,omitempty" value:"alsoWorthKnowing"`
	AlsoWorthKnowingNote string `json:"alsoWorthKnowingNote,omitempty" value:"alsoWorthKnowingNote"`
	SupportedBy          string `json:"supportedBy,omitempty" value:"supportedBy"`
}

// Communication is the format the person needs printed plans in.
type Communication struct {
	PrintFormat string `json:"printFormat,omitempty" value:"printFormat"` // one of PrintFormats, or ""
}

// Legal is consent to share, powers of attorney and advance decisions.
type Legal struct {
	Consent         string `json:"consent,omitempty" value:"consent"`
	ShareWith       string `json:"shareWith,omitempty" value:"shareWith"`
	LPA             string `json:"lpa,omitempty" value:"lpa"`
	AdvanceDecision string `json:"advanceDecision,omitempty" value:"advanceDecision"`
	Respect         string `json:"respect,omitempty" value:"respect"`
	RespectWhere    string `json:"respectWhere,omitempty" value:"respectWhere"`
	Other           string `json:"other,omitempty" value:"other"`
}

// Crisis is what to do if things go wrong.
type Crisis struct {
	Triggers         string `json:"triggers,omitempty" value:"triggers"`
	WhatToDo         string `json:"whatToDo,omitempty" value:"whatToDo"`
	Coping           string `json:"coping,omitempty" value:"coping"`
	AdvanceStatement string `json:"advanceStatement,omitempty" value:"advanceStatement"`
}

// Budget is the person's personal budget.
type Budget struct {
	AmountPence *int64 `json:"amountPence,omitempty" value:"amount"` // whole pence; nil if not given
	Frequency   string `json:"frequency,omitempty" value:"frequency"`
	Managed     string `json:"managed,omitempty" value:"managed"`
	Source      string `json:"source,omitempty" value:"source"`
	SpentOn     string `json:"spentOn,omitempty" value:"spentOn"`
}

// Review is when the plan will be reviewed, and by whom.
type Review struct {
	Date        string `json:"date,omitempty" value:"date"` // YYYY-MM-DD, or ""
	Responsible string `json:"responsible,omitempty" value:"responsible"`
}

// Plan is a person's record and plan, typed: what an agreed version
// freezes and what the printed plan, the checks and the diff read.
type Plan struct {
	AboutMe            AboutMe               `json:"aboutMe,omitzero"`
	Communication      Communication         `json:"communication,omitzero"`
	CommunicationNeeds []CommunicationNeed   `json:"communicationNeeds,omitempty"`
	Contacts           []Contact             `json:"contacts,omitempty"`
	CareTeam           []CareTeamMember      `json:"careTeam,omitempty"`
	Strengths          []Strength            `json:"strengths,omitempty"`
	Community          []CommunityConnection `json:"community,omitempty"`
	Needs              []Need                `json:"needs,omitempty"`
	Legal              Legal                 `json:"legal,omitzero"`
	Goals              []Goal                `json:"goals,omitempty"`
	Actions            []Action              `json:"actions,omitempty"`
	Crisis             Crisis                `json:"crisis,omitzero"`
	CrisisContacts     []CrisisContact       `json:"crisisContacts,omitempty"`
	Budget             Budget                `json:"budget,omitzero"`
	Review             Review                `json:"review,omitzero"`
}

// Contact returns the contact with this ID, or nil.
func (p *Plan) Contact(id int64) *Contact { return find(p.Contacts, id) }

// CareTeamMember returns the care-team member with this ID, or nil.
func (p *Plan) CareTeamMember(id int64) *CareTeamMember { return find(p.CareTeam, id) }

// Goal returns the goal with this ID, or nil.
func (p *Plan) Goal(id int64) *Goal { return find(p.Goals, id) }

func find[T Entry](items []T, id int64) *T {
	for i := range items {
		if id != 0 && items[i].ItemID() == id {
			return &items[i]
		}
	}
	return nil
}

// OwnerKind says who does an action. It is an alias of string so that
// stored owners ("contact:12") can still be built from the constants.
type OwnerKind = string

// Owner kinds.
const (
	OwnerPerson       OwnerKind = "person"       // the person themselves
	OwnerContact      OwnerKind = "contact"      // one of their personal contacts
	OwnerProfessional OwnerKind = "professional" // one of their care team
	OwnerParticipant  OwnerKind = "participant"  // someone added to a meeting
	OwnerService      OwnerKind = "service"      // a service, named in the action's Service
)

// Owner is who does an action: the zero Owner is not chosen yet; a
// contact, professional or participant has their ID.
type Owner struct {
	Kind OwnerKind
	ID   int64
}

// IsZero reports whether no one has been chosen.
func (o Owner) IsZero() bool { return o.Kind == "" }

// String is the owner as stored: "", "person", "service", or "contact:12",
// "professional:7", "participant:3".
func (o Owner) String() string {
	if o.ID == 0 {
		return o.Kind
	}
	return o.Kind + ":" + strconv.FormatInt(o.ID, 10)
}

// MarshalText writes the owner as stored.
func (o Owner) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText reads an owner as stored. EINVALID.
func (o *Owner) UnmarshalText(b []byte) error {
	v, err := ParseOwner(string(b))
	if err == nil {
		*o = v
	}
	return err
}

// ParseOwner reads an owner as stored: "" (not chosen yet), "person",
// "service", or "contact:ID", "professional:ID", "participant:ID". EINVALID.
func ParseOwner(v string) (Owner, error) {
	switch v {
	case "", OwnerPerson, OwnerService:
		return Owner{Kind: v}, nil
	}
	k, num, ok := strings.Cut(v, ":")
	if !ok || (k != OwnerContact && k != OwnerProfessional && k != OwnerParticipant) {
		return Owner{}, Errorf(EINVALID, "unknown owner %q", v)
	}
	id, err := strconv.ParseInt(num, 10, 64)
	if err != nil || id <= 0 {
		return Owner{}, Errorf(EINVALID, "unknown owner %q", v)
	}
	return Owner{Kind: k, ID: id}, nil
}
