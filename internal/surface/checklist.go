package surface

import (
	"whatmatters/internal/binding"
	"whatmatters/internal/dto"
)

// The binding surface for meetings' checklists: what to book before each
// meeting, as the person's communication needs ask.

// MeetingChecklist returns what to arrange before a meeting. Errors: not_found.
func (x *ChecklistBindings) MeetingChecklist(meetingID int64) ([]dto.ChecklistItemDTO, error) {
	return binding.Do("MeetingChecklist", x.Ready, func() ([]dto.ChecklistItemDTO, error) {
		items, err := x.S.Checklists.FindChecklist(x.Ctx(), meetingID)
		return dto.List(items, dto.FromChecklistItem), err
	})
}

// SetChecklistItemDone ticks or unticks an item, keeping who and when.
// Errors: not_found, locked (the meeting has ended).
func (x *ChecklistBindings) SetChecklistItemDone(itemID int64, done bool) (dto.ChecklistItemDTO, error) {
	return binding.Do("SetChecklistItemDone", x.Ready, func() (dto.ChecklistItemDTO, error) {
		c, err := x.S.Checklists.SetChecklistItemDone(x.WriteCtx(), itemID, done)
		if err != nil {
			return dto.ChecklistItemDTO{}, err
		}
		return dto.FromChecklistItem(c), nil
	})
}

// OpenChecklist lists, for the home screen, what is still to book for
// meetings that have not ended, soonest first.
func (x *ChecklistBindings) OpenChecklist() ([]dto.OpenChecklistItemDTO, error) {
	return binding.Do("OpenChecklist", x.Ready, func() ([]dto.OpenChecklistItemDTO, error) {
		items, err := x.S.Checklists.FindOpenChecklist(x.Ctx())
		return dto.List(items, dto.FromOpenChecklistItem), err
	})
}
