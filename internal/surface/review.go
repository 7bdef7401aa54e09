package surface

import (
	"whatmatters/internal/binding"
	"whatmatters/internal/care"
	"whatmatters/internal/dto"
)

// The binding surface for reviews: what a review starts from (the last
// agreed plan), what a review decides about each earlier goal and action,
// and who took part last time.

// Review returns the person's last agreed goals and actions with where
// each stands now, and what has changed since that version was agreed.
// A person with no agreed version has an empty review. Errors: not_found.
func (x *ReviewBindings) Review(personID int64) (dto.ReviewDTO, error) {
	return binding.Do("Review", x.Ready, func() (dto.ReviewDTO, error) { return x.review(personID) })
}

func (x *ReviewBindings) review(personID int64) (dto.ReviewDTO, error) {
	rec, err := x.S.Records.FindRecord(x.Ctx(), personID)
	if err != nil {
		return dto.ReviewDTO{}, err
	}
	v, err := x.S.Versions.FindVersion(x.Ctx(), personID, 0)
	if care.ErrorCode(err) == care.ENOTFOUND {
		return dto.ReviewDTO{Items: []dto.ReviewItemDTO{}, Changes: []dto.ChangeDTO{}, Outcomes: dto.ReviewOutcomes()}, nil
	} else if err != nil {
		return dto.ReviewDTO{}, err
	}
	old, err := care.ReadSnapshot(v.Snapshot)
	if err != nil {
		return dto.ReviewDTO{}, err
	}
	draft, err := x.S.Versions.FindDraft(x.Ctx(), personID)
	if err != nil {
		return dto.ReviewDTO{}, err
	}
	return dto.ReviewDTO{Version: v.Number, Changes: dto.List(care.Diff(old, draft), dto.FromChange),
		Items: dto.List(care.ReviewEntries(old.View(), rec), dto.FromReviewEntry), Outcomes: dto.ReviewOutcomes()}, nil
}

// SetReviewOutcome records what a review decided about an earlier goal or
// action of section: done, carry on, or stop with a reason. It is an
// ordinary change to the item, kept in history. It returns the review.
// Errors: invalid (field "outcome" or "stopReason"), conflict, not_found.
func (x *ReviewBindings) SetReviewOutcome(personID int64, section string, in dto.ReviewOutcomeDTO) (dto.ReviewDTO, error) {
	return binding.Do("SetReviewOutcome", x.Ready, func() (dto.ReviewDTO, error) {
		rec, err := x.S.Records.FindRecord(x.Ctx(), personID)
		if err != nil {
			return dto.ReviewDTO{}, err
		}
		it, err := rec.Reviewed(section, in.ItemID, in.Outcome, in.StopReason)
		if err != nil {
			return dto.ReviewDTO{}, err
		}
		it.Version = in.Version
		if err := x.S.Records.SaveItem(x.WriteCtx(), it); err != nil {
			return dto.ReviewDTO{}, err
		}
		return x.review(personID)
	})
}

// LastParticipants lists who took part in the person's last meeting
// before meetingID (not the person, nor those who sent apologies), to
// offer for this one. Errors: not_found.
func (x *ReviewBindings) LastParticipants(meetingID int64) ([]dto.ParticipantDTO, error) {
	return binding.Do("LastParticipants", x.Ready, func() ([]dto.ParticipantDTO, error) {
		m, err := x.S.Meetings.FindMeetingByID(x.Ctx(), meetingID)
		if err != nil {
			return nil, err
		}
		ms, err := x.S.Meetings.FindMeetings(x.Ctx(), care.MeetingFilter{PersonID: m.PersonID})
		if err != nil {
			return nil, err
		}
		last := care.LastMeetingBefore(ms, m)
		if last == nil {
			return []dto.ParticipantDTO{}, nil
		}
		if last, err = x.S.Meetings.FindMeetingByID(x.Ctx(), last.ID); err != nil {
			return nil, err
		}
		return dto.List(last.Attendees(), dto.Offered), nil
	})
}
