package care

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// Meeting purposes, participant kinds and attendance.
var (
	MeetingPurposes = []Choice{{"first-plan", "First plan"}, {"review", "Review"}, {"crisis", "Crisis"}}
	Attendances     = []Choice{{"invited", "Invited"}, {"present", "Present"}, {"remote", "Joined remotely"}, {"apologies", "Sent apologies"}}
)

// Participant kinds.
const (
	ParticipantPerson       = "person"       // the person the meeting is about
	ParticipantContact      = "contact"      // one of their personal contacts
	ParticipantProfessional = "professional" // one of their care team
	ParticipantOther        = "other"        // someone added for this meeting
)

// DefaultAgenda opens with the person's voice.
var DefaultAgenda = []string{
	"What matters to you", "What is working and not working", "Your strengths and who helps", "Goals",
	"Options and decisions", "Actions (who does what by when)", "If things go wrong (crisis plan)",
	"Money and personal budget", "Review",
}

// Meeting is a care-planning meeting about one person.
type Meeting struct {
	ID       int64
	UUID     string // random, version 4: the id that travels beyond this database
	PersonID int64
	Date     string // YYYY-MM-DD
	Time     string // HH:MM, 24-hour
	Place    string
	Remote   bool // by phone or video
	Purpose  string
	// PersonAbsentReason, if set, records why the person is not taking part;
	// otherwise they are always a participant.
	PersonAbsentReason string

	StartedAt     time.Time // zero until the meeting starts
	EndedAt       time.Time // zero until it ends
	CancelledAt   time.Time // zero unless cancelled before it started (see StatusService.CancelMeeting)
	CancelReason  string
	Summary       string
	CurrentItemID int64
	// Drafts are what each coordinator is typing as their next
	// contribution, saved as it is typed: one per author, oldest first.
	Drafts        []*Draft
	Version       int
	Participants  []*Participant
	Agenda        []*AgendaItem
	Contributions []*Contribution
	Decisions     []*Decision
}

// Draft is what one coordinator is typing in meeting mode, not yet added
// to the record, and who they have said is speaking. Each author has their
// own, so two coordinators on one meeting never replace each other's.
type Draft struct {
	// Author is the name of the actor who typed it; "" for a draft saved
	// before drafts were kept per author.
	Author    string
	SpeakerID int64
	Text      string
	UpdatedAt time.Time
}

// Closed says whether the meeting has ended or been cancelled: nothing in
// it can change any more.
func (m *Meeting) Closed() bool { return !m.EndedAt.IsZero() || !m.CancelledAt.IsZero() }

// DraftBy returns the draft of the named author, or nil.
func (m *Meeting) DraftBy(author string) *Draft {
	for _, d := range m.Drafts {
		if d.Author == author {
			return d
		}
	}
	return nil
}

// Participant is someone involved in a meeting.
type Participant struct {
	ID           int64
	UUID         string // random, version 4: the id that travels beyond this database
	MeetingID    int64
	Name         string
	Role         string
	Kind         string
	SourceItemID int64 // the contact or care-team entry, for those kinds
	Attendance   string
	Removed      bool
}

// AgendaItem is one item of a meeting's agenda, with its timer.
type AgendaItem struct {
	ID        int64
	UUID      string // random, version 4: the id that travels beyond this database
	MeetingID int64
	Position  int
	Title     string
	StartedAt time.Time // when it last became the current item, while it is
	Seconds   int       // time spent on it before StartedAt
}

// Contribution is something said in a meeting, attributed to who said it.
type Contribution struct {
	ID            int64
	UUID          string // random, version 4: the id that travels beyond this database
	MeetingID     int64
	AgendaItemID  int64
	ParticipantID int64
	Text          string
	// PersonsWords marks the person's own words, kept verbatim.
	PersonsWords bool
	CreatedAt    time.Time
	CreatedBy    string        // the name of the account that added it
	Corrections  []*Correction // oldest first (minutes.go)
}

// DecisionOption is one option discussed for a shared decision.
type DecisionOption struct {
	Option   string
	Benefits string
	Risks    string
}

// Decision is a shared decision made in a meeting.
type Decision struct {
	ID           int64
	UUID         string // random, version 4: the id that travels beyond this database
	MeetingID    int64
	AgendaItemID int64
	Decision     string
	Options      []DecisionOption
	WhatMatters  string // what matters to the person about it
	WhoTookPart  string
	Reservations string
	Version      int
}

// MeetingUpdate changes a meeting's arrangements; nil fields stay.
type MeetingUpdate struct {
	Date, Time, Place, Purpose, PersonAbsentReason *string
	Remote                                         *bool
	Version                                        int
}

// MeetingFilter narrows FindMeetings.
type MeetingFilter struct {
	PersonID int64  // 0 for everyone
	From, To string // YYYY-MM-DD, inclusive; "" for no limit
}

// Limits for meetings.
const (
	MaxContribution = 10000
	MaxAgendaItems  = 30
)

// Validate checks a meeting's arrangements, as of now. EINVALID per field.
func (m *Meeting) Validate(now time.Time) error {
	var errs []error
	if _, err := ParseDate("date", "Meeting date", m.Date); err != nil {
		errs = append(errs, err)
	}
	if _, err := ParseClock("time", "Meeting time", m.Time); err != nil {
		errs = append(errs, err)
	}
	var err error
	if m.Place, err = CleanText("place", "Place", m.Place, MaxShortText); err != nil {
		errs = append(errs, err)
	} else if m.Place == "" && !m.Remote {
		errs = append(errs, FieldError("place", "Enter where the meeting is, or choose phone or video"))
	}
	if ChoiceLabel(MeetingPurposes, m.Purpose) == m.Purpose {
		errs = append(errs, FieldError("purpose", "Select the purpose of the meeting"))
	}
	if m.PersonAbsentReason, err = CleanText("personAbsentReason", "Reason", m.PersonAbsentReason, MaxShortText); err != nil {
		errs = append(errs, err)
	}
	return joinErrors(errs)
}

// ParseClock checks a 24-hour time "HH:MM" and returns minutes after midnight.
func ParseClock(field, label, s string) (int, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 || !allDigits(h) || !allDigits(m) {
		return 0, FieldError(field, label+" must be a time like 14:30")
	}
	hh, _ := strconv.Atoi(h) // digits only, checked above
	mm, _ := strconv.Atoi(m)
	if hh > 23 || mm > 59 {
		return 0, FieldError(field, label+" must be a real time, like 14:30")
	}
	return hh*60 + mm, nil
}

// Owner is who owns an action this participant is to do: the person, the
// contact or care-team member they came from, or else the participant.
func (p *Participant) Owner() Owner {
	switch p.Kind {
	case ParticipantPerson:
		return Owner{Kind: OwnerPerson}
	case ParticipantContact, ParticipantProfessional:
		return Owner{Kind: p.Kind, ID: p.SourceItemID}
	}
	return Owner{Kind: OwnerParticipant, ID: p.ID}
}

// Validate checks a participant. EINVALID per field.
func (p *Participant) Validate() error {
	var errs []error
	var err error
	if p.Name, err = Required("name", "Name", "the participant's name", p.Name, MaxNameLen); err != nil {
		errs = append(errs, err)
	}
	if p.Role, err = CleanText("role", "Role", p.Role, MaxShortText); err != nil {
		errs = append(errs, err)
	}
	if ChoiceLabel(Attendances, p.Attendance) == p.Attendance {
		errs = append(errs, FieldError("attendance", "Select whether they were invited, present, joined remotely or sent apologies"))
	}
	switch p.Kind {
	case ParticipantPerson, ParticipantContact, ParticipantProfessional, ParticipantOther:
	default:
		errs = append(errs, FieldError("kind", "Choose who the participant is"))
	}
	return joinErrors(errs)
}

// Validate checks a contribution's text; the person's words are kept exactly.
func (c *Contribution) Validate() error {
	spec := FieldSpec{Key: "text", Label: "What was said", Kind: KindLongText, Max: MaxContribution}
	v, err := cleanLongText(&spec, c.Text)
	if err != nil {
		return err
	}
	if strings.TrimSpace(v) == "" {
		return FieldError("text", "Type what was said")
	}
	if c.ParticipantID <= 0 {
		return FieldError("speaker", "Choose who spoke")
	}
	return nil
}

// DecisionSpec names the parts of a shared decision (PRSB shared
// decision-making), for forms and the printed plan; each option discussed
// has the parts in DecisionOptionSpec.
var DecisionSpec = SectionSpec{Key: "decisions", Title: "Shared decisions", List: true, ItemName: "shared decision",
	Intro: "What was decided together, the options talked about, and what matters to the person about it.",
	Fields: []FieldSpec{
		{Key: "decision", Label: "What was decided", Kind: KindLongText, Max: MaxParagraph, Required: true},
		{Key: "whatMatters", Label: "What matters to the person about it", Kind: KindLongText, Max: MaxParagraph},
		{Key: "whoTookPart", Label: "Who took part", Kind: KindLongText, Max: MaxParagraph},
		{Key: "reservations", Label: "Reservations", Kind: KindLongText, Max: MaxParagraph},
	}}

// DecisionOptionSpec names the parts of one option of a shared decision.
var DecisionOptionSpec = SectionSpec{Key: "options", Title: "Options discussed", List: true, ItemName: "option",
	Fields: []FieldSpec{
		{Key: "option", Label: "Option", Kind: KindLongText, Max: MaxParagraph, Required: true},
		{Key: "benefits", Label: "Benefits", Kind: KindLongText, Max: MaxParagraph},
		{Key: "risks", Label: "Risks", Kind: KindLongText, Max: MaxParagraph},
	}}

// MeetingSummarySpec names what a plan keeps of the meeting it came from.
var MeetingSummarySpec = SectionSpec{Key: "meeting", Title: "Summary of the meeting", Fields: []FieldSpec{
	{Key: "date", Label: "Date of the meeting", Kind: KindDate},
	{Key: "purpose", Label: "Purpose of the meeting", Kind: KindChoice, Choices: MeetingPurposes},
	{Key: "summary", Label: "Summary", Kind: KindLongText, Max: MaxNote},
}}

// Validate checks a shared decision. EINVALID per field.
func (d *Decision) Validate() error {
	var errs []error
	long := func(spec *SectionSpec, key, suffix string, v *string) {
		f := *spec.Field(key)
		f.Key += suffix
		s, err := cleanLongText(&f, *v)
		if err != nil {
			errs = append(errs, err)
		} else if f.Required && s == "" {
			errs = append(errs, f.missing())
		} else {
			*v = s
		}
	}
	long(&DecisionSpec, "decision", "", &d.Decision)
	for i := range d.Options {
		o := &d.Options[i]
		long(&DecisionOptionSpec, "option", itoa(i), &o.Option)
		long(&DecisionOptionSpec, "benefits", itoa(i), &o.Benefits)
		long(&DecisionOptionSpec, "risks", itoa(i), &o.Risks)
	}
	long(&DecisionSpec, "whatMatters", "", &d.WhatMatters)
	long(&DecisionSpec, "whoTookPart", "", &d.WhoTookPart)
	long(&DecisionSpec, "reservations", "", &d.Reservations)
	return joinErrors(errs)
}

// MeetingService keeps meetings.
type MeetingService interface {
	// CreateMeeting schedules a meeting, with the person as a participant
	// (unless PersonAbsentReason says why not) and the default agenda.
	// EINVALID, ENOTFOUND (no such person).
	CreateMeeting(ctx context.Context, m *Meeting) error
	// FindMeetingByID returns a meeting with its participants, agenda,
	// contributions and decisions. ENOTFOUND.
	FindMeetingByID(ctx context.Context, id int64) (*Meeting, error)
	// FindMeetings returns meetings (without their details), soonest first.
	FindMeetings(ctx context.Context, filter MeetingFilter) ([]*Meeting, error)
	// UpdateMeeting changes its arrangements. EINVALID, ENOTFOUND, ECONFLICT.
	UpdateMeeting(ctx context.Context, id int64, upd MeetingUpdate) (*Meeting, error)

	// SaveParticipant adds (ID 0) or changes a participant. EINVALID, ENOTFOUND.
	SaveParticipant(ctx context.Context, p *Participant) error
	// RemoveParticipant takes someone out of a meeting. EINVALID if they
	// own actions from it or have spoken; ENOTFOUND.
	RemoveParticipant(ctx context.Context, participantID int64) error

	// SetAgenda replaces the agenda with items in this order: items with an
	// ID are kept (renamed if changed), ID 0 are added, missing ones are
	// dropped. EINVALID if a dropped item has contributions.
	SetAgenda(ctx context.Context, meetingID int64, items []AgendaItem) error
	// StartMeeting records the start and opens the first agenda item.
	StartMeeting(ctx context.Context, meetingID int64) error
	// MoveToItem makes an agenda item current, keeping each item's timer.
	MoveToItem(ctx context.Context, meetingID, itemID int64) error
	// SaveDraft keeps what the actor in ctx is typing, and who is
	// speaking, as their own draft: it never touches another author's.
	// Empty text with no speaker removes their draft. EINVALID, ENOTFOUND,
	// ELOCKED once the meeting has ended.
	SaveDraft(ctx context.Context, meetingID, speakerID int64, text string) error
	// AddContribution records what was said, under the current agenda item,
	// and clears the actor's own draft. EINVALID, ELOCKED once the meeting
	// has ended.
	AddContribution(ctx context.Context, c *Contribution) error
	// SaveDecision adds (ID 0) or changes a shared decision. EINVALID, ECONFLICT.
	SaveDecision(ctx context.Context, d *Decision) error
	// EndMeeting records the end time (HH:MM today, or now if "") and the
	// summary, and clears the actor's own draft; other authors' drafts are
	// kept. EINVALID if the end is before the start.
	EndMeeting(ctx context.Context, meetingID int64, endTime, summary string) error
}
