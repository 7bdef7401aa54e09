package main

import (
	"whatmatters/internal/dto"
)

// The binding surface for meetings' checklists: what to book before each
// meeting, as the person's communication needs ask.

// MeetingChecklist returns what to arrange before a meeting. Errors: not_found.
func (a *App) MeetingChecklist(meetingID int64) ([]dto.ChecklistItemDTO, error) {
	return bind("MeetingChecklist", a.ready, func() ([]dto.ChecklistItemDTO, error) {
		items, err := a.s.Checklists.FindChecklist(a.ctx, meetingID)
		return dto.List(items, dto.FromChecklistItem), err
	})
}

// SetChecklistItemDone ticks or unticks an item, keeping who and when.
// Errors: not_found, locked (the meeting has ended).
func (a *App) SetChecklistItemDone(itemID int64, done bool) (dto.ChecklistItemDTO, error) {
	return bind("SetChecklistItemDone", a.ready, func() (dto.ChecklistItemDTO, error) {
		c, err := a.s.Checklists.SetChecklistItemDone(a.writeCtx(), itemID, done)
		if err != nil {
			return dto.ChecklistItemDTO{}, err
		}
		return dto.FromChecklistItem(c), nil
	})
}

// OpenChecklist lists, for the home screen, what is still to book for
// meetings that have not ended, soonest first.
func (a *App) OpenChecklist() ([]dto.OpenChecklistItemDTO, error) {
	return bind("OpenChecklist", a.ready, func() ([]dto.OpenChecklistItemDTO, error) {
		items, err := a.s.Checklists.FindOpenChecklist(a.ctx)
		return dto.List(items, dto.FromOpenChecklistItem), err
	})
}
