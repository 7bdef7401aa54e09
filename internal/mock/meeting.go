package mock

import (
	"context"

	"whatmatters/internal/care"
)

var _ care.MeetingService = (*MeetingService)(nil)

// MeetingService is a care.MeetingService whose methods call the matching
// function field.
type MeetingService struct {
	CreateMeetingFn     func(ctx context.Context, m *care.Meeting) error
	FindMeetingByIDFn   func(ctx context.Context, id int64) (*care.Meeting, error)
	FindMeetingsFn      func(ctx context.Context, filter care.MeetingFilter) ([]*care.Meeting, error)
	UpdateMeetingFn     func(ctx context.Context, id int64, upd care.MeetingUpdate) (*care.Meeting, error)
	SaveParticipantFn   func(ctx context.Context, p *care.Participant) error
	RemoveParticipantFn func(ctx context.Context, participantID int64) error
	SetAgendaFn         func(ctx context.Context, meetingID int64, items []care.AgendaItem) error
	StartMeetingFn      func(ctx context.Context, meetingID int64) error
	MoveToItemFn        func(ctx context.Context, meetingID, itemID int64) error
	SaveDraftFn         func(ctx context.Context, meetingID, speakerID int64, text string) error
	AddContributionFn   func(ctx context.Context, c *care.Contribution) error
	SaveDecisionFn      func(ctx context.Context, d *care.Decision) error
	EndMeetingFn        func(ctx context.Context, meetingID int64, endTime, summary string) error
}

// CreateMeeting calls CreateMeetingFn.
func (s *MeetingService) CreateMeeting(ctx context.Context, m *care.Meeting) error {
	return s.CreateMeetingFn(ctx, m)
}

// FindMeetingByID calls FindMeetingByIDFn.
func (s *MeetingService) FindMeetingByID(ctx context.Context, id int64) (*care.Meeting, error) {
	return s.FindMeetingByIDFn(ctx, id)
}

// FindMeetings calls FindMeetingsFn.
func (s *MeetingService) FindMeetings(ctx context.Context, f care.MeetingFilter) ([]*care.Meeting, error) {
	return s.FindMeetingsFn(ctx, f)
}

// UpdateMeeting calls UpdateMeetingFn.
func (s *MeetingService) UpdateMeeting(ctx context.Context, id int64, upd care.MeetingUpdate) (*care.Meeting, error) {
	return s.UpdateMeetingFn(ctx, id, upd)
}

// SaveParticipant calls SaveParticipantFn.
func (s *MeetingService) SaveParticipant(ctx context.Context, p *care.Participant) error {
	return s.SaveParticipantFn(ctx, p)
}

// RemoveParticipant calls RemoveParticipantFn.
func (s *MeetingService) RemoveParticipant(ctx context.Context, id int64) error {
	return s.RemoveParticipantFn(ctx, id)
}

// SetAgenda calls SetAgendaFn.
func (s *MeetingService) SetAgenda(ctx context.Context, meetingID int64, items []care.AgendaItem) error {
	return s.SetAgendaFn(ctx, meetingID, items)
}

// StartMeeting calls StartMeetingFn.
func (s *MeetingService) StartMeeting(ctx context.Context, meetingID int64) error {
	return s.StartMeetingFn(ctx, meetingID)
}

// MoveToItem calls MoveToItemFn.
func (s *MeetingService) MoveToItem(ctx context.Context, meetingID, itemID int64) error {
	return s.MoveToItemFn(ctx, meetingID, itemID)
}

// SaveDraft calls SaveDraftFn.
func (s *MeetingService) SaveDraft(ctx context.Context, meetingID, speakerID int64, text string) error {
	return s.SaveDraftFn(ctx, meetingID, speakerID, text)
}

// AddContribution calls AddContributionFn.
func (s *MeetingService) AddContribution(ctx context.Context, c *care.Contribution) error {
	return s.AddContributionFn(ctx, c)
}

// SaveDecision calls SaveDecisionFn.
func (s *MeetingService) SaveDecision(ctx context.Context, d *care.Decision) error {
	return s.SaveDecisionFn(ctx, d)
}

// EndMeeting calls EndMeetingFn.
func (s *MeetingService) EndMeeting(ctx context.Context, meetingID int64, endTime, summary string) error {
	return s.EndMeetingFn(ctx, meetingID, endTime, summary)
}
