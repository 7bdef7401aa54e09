package dto

import "whatmatters/internal/care"

// ChecklistItemDTO is one thing to arrange before a meeting, such as "Book
// a Polish interpreter".
type ChecklistItemDTO struct {
	ID        int64  `json:"id"`
	MeetingID int64  `json:"meetingId"`
	Label     string `json:"label"`
	Done      bool   `json:"done"`
	DoneAt    string `json:"doneAt"` // RFC 3339, "" until done
	DoneBy    string `json:"doneBy"`
}

// OpenChecklistItemDTO is an item not yet done, on the home screen, with
// its meeting and who it is about.
type OpenChecklistItemDTO struct {
	Item        ChecklistItemDTO `json:"item"`
	PersonID    int64            `json:"personId"`
	Person      string           `json:"person"`
	MeetingDate string           `json:"meetingDate"`
	MeetingTime string           `json:"meetingTime"`
}

// FromChecklistItem converts a checklist item.
func FromChecklistItem(c *care.ChecklistItem) ChecklistItemDTO {
	return ChecklistItemDTO{ID: c.ID, MeetingID: c.MeetingID, Label: c.Label, Done: c.Done(), DoneAt: Time(c.DoneAt), DoneBy: c.DoneBy}
}

// FromOpenChecklistItem converts an item for the home screen.
func FromOpenChecklistItem(o care.OpenChecklistItem) OpenChecklistItemDTO {
	return OpenChecklistItemDTO{Item: FromChecklistItem(o.Item), PersonID: o.Person.ID, Person: o.Person.DisplayName(),
		MeetingDate: o.Meeting.Date, MeetingTime: o.Meeting.Time}
}
