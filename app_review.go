package main

import (
	"time"

	"whatmatters/internal/care"
	"whatmatters/internal/dto"
)

// The binding surface for reviews: what a review starts from (the last
// agreed plan), what a review decides about each earlier goal and action,
// and who took part last time.

// Review returns the person's last agreed goals and actions with where
// each stands now, and what has changed since that version was agreed.
// A person with no agreed version has an empty review. Errors: not_found.
func (a *App) Review(personID int64) (dto.ReviewDTO, error) {
	return bind("Review", a.ready, func() (dto.ReviewDTO, error) { return a.review(personID) })
}

func (a *App) review(personID int64) (dto.ReviewDTO, error) {
	rec, err := a.s.Records.FindRecord(a.ctx, personID)
	if err != nil {
		return dto.ReviewDTO{}, err
	}
	v, err := a.s.Versions.FindVersion(a.ctx, personID, 0)
	if care.ErrorCode(err) == care.ENOTFOUND {
		return dto.ReviewDTO{Items: []dto.ReviewItemDTO{}, Changes: []dto.ChangeDTO{}, Outcomes: dto.ReviewOutcomes()}, nil
	} else if err != nil {
		return dto.ReviewDTO{}, err
	}
	old, err := care.ReadSnapshot(v.Snapshot)
	if err != nil {
		return dto.ReviewDTO{}, err
	}
	draft, err := a.draftSnapshot(rec)
	if err != nil {
		return dto.ReviewDTO{}, err
	}
	out := dto.ReviewDTO{Version: v.Number, Changes: dto.List(care.Diff(old, draft), dto.FromChange),
		Items: []dto.ReviewItemDTO{}, Outcomes: dto.ReviewOutcomes()}
	for _, e := range care.ReviewEntries(old.View(), rec) {
		statuses := care.GoalStatuses
		if e.Section == care.SectionActions {
			statuses = care.ActionStatuses
		}
		it := dto.ReviewItemDTO{Section: e.Section, UUID: e.UUID, Text: e.Text,
			AgreedStatus: care.ChoiceLabel(statuses, e.AgreedStatus)}
		if e.Item != nil {
			it.ItemID, it.ItemVersion = e.Item.ID, e.Item.Version
			it.Status = care.ChoiceLabel(statuses, e.Item.Values["status"])
			it.Outcome = care.ReviewOutcome(e.Section, e.Item.Values["status"])
			it.StopReason = e.Item.Values["stopReason"]
		}
		out.Items = append(out.Items, it)
	}
	return out, nil
}

// draftSnapshot is the person's plan as it would be agreed now, with the
// shared decisions of their meetings, to compare with the last version.
func (a *App) draftSnapshot(rec *care.Record) (*care.Snapshot, error) {
	snap := care.NewSnapshot(rec, 0, time.Now())
	ms, err := a.s.Meetings.FindMeetings(a.ctx, care.MeetingFilter{PersonID: rec.Person.ID})
	if err != nil {
		return nil, err
	}
	full := make([]*care.Meeting, 0, len(ms))
	for _, m := range ms {
		f, err := a.s.Meetings.FindMeetingByID(a.ctx, m.ID)
		if err != nil {
			return nil, err
		}
		full = append(full, f)
	}
	snap.AddMeetings(full)
	return snap, nil
}

// SetReviewOutcome records what a review decided about an earlier goal or
// action of section: done, carry on, or stop with a reason. It is an
// ordinary change to the item, kept in history. It returns the review.
// Errors: invalid (field "outcome" or "stopReason"), conflict, not_found.
func (a *App) SetReviewOutcome(personID int64, section string, in dto.ReviewOutcomeDTO) (dto.ReviewDTO, error) {
	return bind("SetReviewOutcome", a.ready, func() (dto.ReviewDTO, error) {
		rec, err := a.s.Records.FindRecord(a.ctx, personID)
		if err != nil {
			return dto.ReviewDTO{}, err
		}
		var item *care.Item
		for _, it := range rec.Items[section] {
			if it.ID == in.ItemID {
				item = it
			}
		}
		if item == nil || (section != care.SectionGoals && section != care.SectionActions) {
			return dto.ReviewDTO{}, care.Errorf(care.ENOTFOUND, "This goal or action is no longer in the plan")
		}
		values := make(map[string]string, len(item.Values)+2)
		for k, v := range item.Values {
			values[k] = v
		}
		if err := care.ReviewValues(section, in.Outcome, in.StopReason, values); err != nil {
			return dto.ReviewDTO{}, err
		}
		it := &care.Item{ID: item.ID, PersonID: personID, Section: section, Values: values, Version: in.Version}
		if err := a.s.Records.SaveItem(a.writeCtx(), it); err != nil {
			return dto.ReviewDTO{}, err
		}
		return a.review(personID)
	})
}

// LastParticipants lists who took part in the person's last meeting
// before meetingID (not the person, nor those who sent apologies), to
// offer for this one. Errors: not_found.
func (a *App) LastParticipants(meetingID int64) ([]dto.ParticipantDTO, error) {
	return bind("LastParticipants", a.ready, func() ([]dto.ParticipantDTO, error) {
		m, err := a.s.Meetings.FindMeetingByID(a.ctx, meetingID)
		if err != nil {
			return nil, err
		}
		ms, err := a.s.Meetings.FindMeetings(a.ctx, care.MeetingFilter{PersonID: m.PersonID})
		if err != nil {
			return nil, err
		}
		out := []dto.ParticipantDTO{}
		last := care.LastMeetingBefore(ms, m)
		if last == nil {
			return out, nil
		}
		if last, err = a.s.Meetings.FindMeetingByID(a.ctx, last.ID); err != nil {
			return nil, err
		}
		for _, p := range last.Attendees() {
			out = append(out, dto.ParticipantDTO{Name: p.Name, Role: p.Role, Kind: p.Kind, SourceItemID: p.SourceItemID,
				Attendance: "invited"})
		}
		return out, nil
	})
}
