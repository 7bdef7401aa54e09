package care

// The sections of a person's record, named as in the PRSB care and support
// plan and About Me standards. The schema is the one place that says which
// fields a section has, their labels, limits and rules: the store validates
// against it and the frontend draws its forms from it. Each section's Go
// type is in types.go, converted to and from the stored values in
// mapping.go; TestSchemaMatchesTypes keeps the two in step.

// FieldKind says what a field holds and how it is checked.
type FieldKind string

// Field kinds.
const (
	KindText       FieldKind = "text"       // one line
	KindLongText   FieldKind = "longtext"   // paragraphs; line breaks allowed
	KindBool       FieldKind = "bool"       // "true" or ""
	KindChoice     FieldKind = "choice"     // one of Choices
	KindPhone      FieldKind = "phone"      // digits, spaces, + ( ) -
	KindEmail      FieldKind = "email"      // has an @ and no spaces
	KindContactRef FieldKind = "contactRef" // "" for the person, or the ID of one of their contacts
	KindScale      FieldKind = "scale"      // a whole number from 1 to 10
	KindMoney      FieldKind = "money"      // pounds and pence typed; stored as whole pence
	KindDate       FieldKind = "date"       // YYYY-MM-DD
	KindOwner      FieldKind = "owner"      // who does an action: see Owner
	KindGoalRef    FieldKind = "goalRef"    // the ID of one of the person's goals
	KindRef        FieldKind = "ref"        // an ID set by the app (a meeting, a contribution); never typed
)

// Choice is one option of a KindChoice field.
type Choice struct {
	Value string
	Label string
}

// Condition makes a field required when another field of the same item or
// section has a given value.
type Condition struct {
	Field string
	Value string
}

// FieldSpec describes one field.
type FieldSpec struct {
	Key      string
	Label    string
	Hint     string
	Kind     FieldKind
	Max      int // characters; 0 for bool and choice
	Required bool
	// RequiredWhen, if set, makes the field required when the condition holds.
	RequiredWhen *Condition
	Choices      []Choice
	// PersonsWords marks text in the person's own words: it can only be
	// changed by the explicit ActionEditPersonsWords, recorded as such.
	PersonsWords bool
	// NoteFor names the field this is a professional's note beside.
	NoteFor string
	// NotPast refuses a date before today (a review date).
	NotPast bool
	// Hidden fields are set by the app, not typed into a form.
	Hidden bool
}

// SectionSpec describes one section of the record. A list section holds
// any number of items, each with the Fields; any other section holds one
// value per field.
type SectionSpec struct {
	Key      string
	Title    string
	Intro    string
	List     bool
	ItemName string // for lists: "contact", as in "Add a contact"
	// Plan marks the sections of the care and support plan (goals, actions,
	// crisis plan, budget, review), as opposed to the person's record.
	Plan   bool
	Fields []FieldSpec
}

// Length limits.
const (
	MaxShortText = 200
	MaxAboutMe   = 20000
	MaxNote      = 5000
	MaxParagraph = 2000
	MaxPhone     = 40
	MaxEmail     = 254
)

// Actions recorded in history.
const (
	ActionEdit             = "edit"
	ActionEditPersonsWords = "edit-persons-words"
	ActionAdd              = "add"
	ActionRemove           = "remove"
	ActionCreate           = "create"
)

// Section keys.
const (
	SectionAboutMe            = "aboutMe"
	SectionCommunication      = "communication"
	SectionCommunicationNeeds = "communicationNeeds"
	SectionContacts           = "contacts"
	SectionCareTeam           = "careTeam"
	SectionStrengths          = "strengths"
	SectionCommunity          = "community"
	SectionNeeds              = "needs"
	SectionLegal              = "legal"
	SectionGoals              = "goals"
	SectionActions            = "actions"
	SectionCrisis             = "crisis"
	SectionCrisisContacts     = "crisisContacts"
	SectionBudget             = "budget"
	SectionReview             = "review"
)

// GoalStatuses and ActionStatuses are the states of goals and actions.
var (
	GoalStatuses = []Choice{{"not-started", "Not started"}, {"in-progress", "In progress"}, {"achieved", "Achieved"},
		{"no-longer-relevant", "No longer relevant"}}
	ActionStatuses = []Choice{{"not-started", "Not started"}, {"in-progress", "In progress"}, {ActionDone, "Done"},
		{ActionNoLongerNeeded, "No longer needed"}}
)

// The statuses of an action that is finished with, so never overdue.
const (
	ActionDone           = "done"
	ActionNoLongerNeeded = "no-longer-needed"
)

// AboutMeHeadings are the seven About Me headings, in order.
var AboutMeHeadings = []Choice{
	{"mostImportant", "What is most important to me"},
	{"peopleImportant", "People who are important to me"},
	{"communicate", "How I communicate and how to communicate with me"},
	{"wellness", "My wellness"},
	{"pleaseDo", "Please do and please don't"},
	{"support", "How and when to support me"},
	{"alsoWorthKnowing", "Also worth knowing about me"},
}

// CommunicationNeedChoices is the fixed set of needs (Accessible
// Information Standard), each label written as it appears in the banner.
var CommunicationNeedChoices = []Choice{
	{"large-print", "Large print"},
	{"easy-read", "Easy read"},
	{"braille", "Braille"},
	{"audio", "Audio"},
	{"bsl-interpreter", "British Sign Language interpreter"},
	{"spoken-language-interpreter", "Spoken-language interpreter"},
	{"lip-speaker", "Lip-speaker"},
	{"hearing-loop", "Hearing loop"},
	{"communication-aid", "Communication aid"},
	{"advocate", "Advocate"},
	{"other", "Other"},
}

// CommunicationNeedActions says how to meet each communication need
// (the "act" step of the Accessible Information Standard), as the printed
// plan tells everyone who reads it.
var CommunicationNeedActions = map[string]string{
	"large-print":                 "Give information in large print, at least 16 point.",
	"easy-read":                   "Give information in easy read: short sentences, one idea at a time, with pictures.",
	"braille":                     "Give information in braille.",
	"audio":                       "Give information as audio, or read it aloud.",
	"bsl-interpreter":             "Book a British Sign Language interpreter for appointments and meetings.",
	"spoken-language-interpreter": "Book an interpreter for appointments and meetings. Do not ask family to interpret.",
	"lip-speaker":                 "Book a lip-speaker for appointments and meetings.",
	"hearing-loop":                "Use a hearing loop in appointments and meetings.",
	"communication-aid":           "Give time to use the communication aid, and make sure it is to hand.",
	"advocate":                    "Book an advocate for appointments and meetings.",
}

// PrintFormats are the formats a plan can be printed in.
var PrintFormats = []Choice{
	{"standard", "Standard"},
	{"large-print", "Large print"},
	{"easy-read", "Easy read"},
}

// ProfessionalRoles are the roles of care-team members.
var ProfessionalRoles = []Choice{
	{"gp", "GP"}, {"nurse", "Nurse"}, {"social-worker", "Social worker"},
	{"occupational-therapist", "Occupational therapist"}, {"physiotherapist", "Physiotherapist"},
	{"pharmacist", "Pharmacist"}, {"mental-health-practitioner", "Mental-health practitioner"},
	{"housing", "Housing"}, {"voluntary-sector", "Voluntary sector"}, {"other", "Other"},
}

// ContactTypes are the kinds of personal contact.
var ContactTypes = []Choice{
	{"family", "Family"}, {"carer", "Carer"}, {"friend", "Friend"}, {"advocate", "Advocate"},
	{"legal-representative", "Legal representative"}, {"other", "Other"},
}

var yesNo = []Choice{{"yes", "Yes"}, {"no", "No"}}

func aboutMeFields() []FieldSpec {
	var fs []FieldSpec
	for _, h := range AboutMeHeadings {
		fs = append(fs,
			FieldSpec{Key: h.Value, Label: h.Label, Kind: KindLongText, Max: MaxAboutMe, PersonsWords: true},
			FieldSpec{Key: h.Value + "Note", Label: "Professional note: " + h.Label, Kind: KindLongText, Max: MaxNote, NoteFor: h.Value,
				Hint: "Shown beside the person's words, labelled as a professional's note"},
		)
	}
	return append(fs, FieldSpec{Key: "supportedBy", Label: "Supported to write this by", Kind: KindText, Max: MaxShortText,
		Hint: "Leave empty if the person wrote it themselves"})
}

// Schema is every section of a person's record, in the order shown.
var Schema = []SectionSpec{
	{Key: SectionAboutMe, Title: "About me", Intro: "In the person's own words.", Fields: aboutMeFields()},
	{Key: SectionCommunication, Title: "Format for printed plans", Fields: []FieldSpec{
		{Key: "printFormat", Label: "Which format does the person need their plan in?", Kind: KindChoice, Choices: PrintFormats},
	}},
	{Key: SectionCommunicationNeeds, Title: "Communication and information needs", List: true, ItemName: "communication need",
		Intro: "How the person, and their carers, need information given to them.", Fields: []FieldSpec{
			{Key: "need", Label: "Need", Kind: KindChoice, Required: true, Choices: CommunicationNeedChoices},
			{Key: "language", Label: "Language", Hint: "For a spoken-language interpreter", Kind: KindText, Max: 100,
				RequiredWhen: &Condition{"need", "spoken-language-interpreter"}},
			{Key: "detail", Label: "Details", Hint: "Required if the need is Other", Kind: KindText, Max: MaxShortText,
				RequiredWhen: &Condition{"need", "other"}},
			{Key: "forWhom", Label: "Whose need is this?", Kind: KindContactRef},
		}},
	{Key: SectionContacts, Title: "People who support me", List: true, ItemName: "contact",
		Intro: "Family, carers, friends, advocates and legal representatives.", Fields: []FieldSpec{
			{Key: "name", Label: "Name", Kind: KindText, Max: MaxNameLen, Required: true},
			{Key: "type", Label: "Type of contact", Kind: KindChoice, Required: true, Choices: ContactTypes},
			{Key: "relationship", Label: "Relationship to the person", Hint: "For example, daughter or neighbour", Kind: KindText, Max: 100},
			{Key: "phone", Label: "Phone number", Kind: KindPhone, Max: MaxPhone},
			{Key: "email", Label: "Email address", Kind: KindEmail, Max: MaxEmail},
			{Key: "address", Label: "Address", Kind: KindLongText, Max: 500},
			{Key: "isCarer", Label: "They are a carer", Kind: KindBool},
			{Key: "carerNeeds", Label: "The carer's own needs", Kind: KindLongText, Max: MaxNote},
			{Key: "receivesCopy", Label: "They may receive a copy of the plan", Kind: KindBool},
			{Key: "involved", Label: "The person wants them involved in meetings", Kind: KindBool},
		}},
	{Key: SectionCareTeam, Title: "My care team", List: true, ItemName: "professional",
		Intro: "Professionals and services, and the one key worker or care coordinator.", Fields: []FieldSpec{
			{Key: "name", Label: "Name", Kind: KindText, Max: MaxNameLen, Required: true},
			{Key: "role", Label: "Role", Kind: KindChoice, Required: true, Choices: ProfessionalRoles},
			{Key: "team", Label: "Team", Kind: KindText, Max: MaxShortText},
			{Key: "organisation", Label: "Organisation", Kind: KindText, Max: MaxShortText},
			{Key: "phone", Label: "Phone number", Kind: KindPhone, Max: MaxPhone},
			{Key: "email", Label: "Email address", Kind: KindEmail, Max: MaxEmail},
			{Key: "keyWorker", Label: "Key worker or care coordinator", Kind: KindBool},
		}},
	{Key: SectionStrengths, Title: "My strengths", List: true, ItemName: "strength",
		Intro: "What the person is good at, what works, and what and who helps.", Fields: []FieldSpec{
			{Key: "text", Label: "Strength", Kind: KindLongText, Max: MaxParagraph, Required: true},
		}},
	{Key: SectionCommunity, Title: "Community connections", List: true, ItemName: "community connection",
		Intro: "Groups, clubs, faith communities and places that are part of the person's support.", Fields: []FieldSpec{
			{Key: "name", Label: "Group or place", Kind: KindText, Max: MaxShortText, Required: true},
			{Key: "gives", Label: "What it gives the person", Kind: KindLongText, Max: MaxParagraph},
			{Key: "contact", Label: "Contact", Hint: "A name, phone number or email", Kind: KindText, Max: MaxShortText},
		}},
	{Key: SectionNeeds, Title: "Needs, concerns and health conditions", List: true, ItemName: "need or concern",
		Intro: "In plain words.", Fields: []FieldSpec{
			{Key: "kind", Label: "Type", Kind: KindChoice, Required: true,
				Choices: []Choice{{"need", "Need"}, {"concern", "Concern"}, {"condition", "Health condition"}}},
			{Key: "text", Label: "Description", Kind: KindLongText, Max: MaxParagraph, Required: true},
		}},
	{Key: SectionLegal, Title: "Legal", Fields: []FieldSpec{
		{Key: "consent", Label: "Has the person consented to share their plan?", Kind: KindChoice,
			Choices: []Choice{{"yes", "Yes"}, {"no", "No"}, {"not-asked", "Not asked yet"}}},
		{Key: "shareWith", Label: "Who may the plan be shared with?", Kind: KindText, Max: 500,
			RequiredWhen: &Condition{"consent", "yes"}},
		{Key: "lpa", Label: "Lasting power of attorney holder", Hint: "Name, and whether for health and welfare or property and finance",
			Kind: KindText, Max: MaxShortText},
		{Key: "advanceDecision", Label: "Advance decision or advance statement, and where it is kept", Kind: KindLongText, Max: MaxParagraph},
		{Key: "respect", Label: "Is there a ReSPECT form?", Kind: KindChoice, Choices: yesNo},
		{Key: "respectWhere", Label: "Where is the ReSPECT form kept?", Kind: KindText, Max: MaxShortText,
			RequiredWhen: &Condition{"respect", "yes"}},
		{Key: "other", Label: "Other legal information the person wants noted", Kind: KindLongText, Max: MaxParagraph},
	}},
}

func init() {
	Schema = append(Schema, planSchema...)
}

// planSchema is the care and support plan: the current draft, built in
// meetings and changed outside them.
var planSchema = []SectionSpec{
	{Key: SectionGoals, Title: "My goals", Plan: true, List: true, ItemName: "goal",
		Intro: "What the person wants to achieve, in their own words.", Fields: []FieldSpec{
			{Key: "text", Label: "Goal, in the person's words", Kind: KindLongText, Max: MaxParagraph, Required: true},
			{Key: "why", Label: "Why it matters to them", Kind: KindLongText, Max: MaxParagraph},
			{Key: "importance", Label: "How important is it to them, from 1 to 10?", Kind: KindScale},
			{Key: "status", Label: "Status", Kind: KindChoice, Choices: GoalStatuses},
			{Key: "stopReason", Label: "Why it stopped", Kind: KindLongText, Max: MaxParagraph},
			{Key: "meeting", Label: "Meeting", Kind: KindRef, Hidden: true},
			{Key: "contribution", Label: "Said in the meeting", Kind: KindRef, Hidden: true},
		}},
	{Key: SectionActions, Title: "Who will do what, and by when", Plan: true, List: true, ItemName: "action",
		Fields: []FieldSpec{
			{Key: "what", Label: "What will be done", Kind: KindLongText, Max: MaxParagraph, Required: true},
			{Key: "owner", Label: "Who will do it", Kind: KindOwner},
			{Key: "service", Label: "Name of the service", Kind: KindText, Max: MaxShortText,
				RequiredWhen: &Condition{"owner", OwnerService}},
			{Key: "byWhen", Label: "By when", Kind: KindDate},
			{Key: "status", Label: "Status", Kind: KindChoice, Choices: ActionStatuses},
			{Key: "stopReason", Label: "Why it stopped", Kind: KindLongText, Max: MaxParagraph},
			{Key: "confidence", Label: "How confident is the person that this will happen, from 1 to 10?", Kind: KindScale},
			{Key: "goal", Label: "Which goal is it for?", Kind: KindGoalRef},
			{Key: "meeting", Label: "Meeting", Kind: KindRef, Hidden: true},
			{Key: "contribution", Label: "Said in the meeting", Kind: KindRef, Hidden: true},
		}},
	{Key: SectionCrisis, Title: "If things go wrong", Plan: true, Fields: []FieldSpec{
		{Key: "triggers", Label: "Triggers and early warning signs", Kind: KindLongText, Max: MaxNote},
		{Key: "whatToDo", Label: "What should happen", Kind: KindLongText, Max: MaxNote},
		{Key: "coping", Label: "What helps me cope", Kind: KindLongText, Max: MaxNote},
		{Key: "advanceStatement", Label: "Advance statement or ReSPECT form, and where it is kept", Kind: KindText, Max: MaxShortText},
	}},
	{Key: SectionCrisisContacts, Title: "Who to call", Plan: true, List: true, ItemName: "crisis contact",
		Intro: "Numbers to call if things go wrong, day and night.", Fields: []FieldSpec{
			{Key: "name", Label: "Name or service", Kind: KindText, Max: MaxShortText, Required: true},
			{Key: "phone", Label: "Phone number", Kind: KindPhone, Max: MaxPhone, Required: true},
			{Key: "when", Label: "When to call", Kind: KindChoice, Required: true,
				Choices: []Choice{{"day", "Daytime"}, {"night", "Night time"}, {"any", "Day or night"}}},
		}},
	{Key: SectionBudget, Title: "My money (personal budget)", Plan: true, Fields: []FieldSpec{
		{Key: "amount", Label: "Amount", Hint: "In pounds and pence, for example 120.50", Kind: KindMoney},
		{Key: "frequency", Label: "How often", Kind: KindChoice, RequiredWhen: &Condition{"amount", "*"},
			Choices: []Choice{{"weekly", "Every week"}, {"four-weekly", "Every 4 weeks"}, {"monthly", "Every month"}, {"yearly", "Every year"}, {"once", "Once"}}},
		{Key: "managed", Label: "How it is managed", Kind: KindChoice,
			Choices: []Choice{{"direct-payment", "Direct payment"}, {"managed-account", "Managed account"}, {"third-party", "Third party"}, {"none", "None"}}},
		{Key: "source", Label: "Where the money comes from", Hint: "For example, the council's adult social care, or NHS continuing healthcare", Kind: KindText, Max: MaxShortText},
		{Key: "spentOn", Label: "What it is spent on", Kind: KindLongText, Max: MaxParagraph},
	}},
	{Key: SectionReview, Title: "When we will review this", Plan: true, Fields: []FieldSpec{
		{Key: "date", Label: "Review date", Kind: KindDate, NotPast: true},
		{Key: "responsible", Label: "Who is responsible for the review", Kind: KindText, Max: MaxShortText},
	}},
}

// FindSection returns the section with the given key, or nil.
func FindSection(key string) *SectionSpec {
	for i := range Schema {
		if Schema[i].Key == key {
			return &Schema[i]
		}
	}
	return nil
}

// Field returns the section's field with the given key, or nil.
func (s *SectionSpec) Field(key string) *FieldSpec {
	for i := range s.Fields {
		if s.Fields[i].Key == key {
			return &s.Fields[i]
		}
	}
	return nil
}

// ChoiceLabel returns the label of value among choices, or value itself.
func ChoiceLabel(choices []Choice, value string) string {
	for _, c := range choices {
		if c.Value == value {
			return c.Label
		}
	}
	return value
}
