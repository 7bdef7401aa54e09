package sqlite

import (
	"context"

	"whatmatters/internal/care"
)

// What is said in a meeting, attributed to who said it.

// AddContribution records what was said under the current agenda item and
// clears the actor's draft. EINVALID; ELOCKED once the meeting has ended.
func (s *MeetingService) AddContribution(ctx context.Context, c *care.Contribution) (err error) {
	defer wrap(&err, "AddContribution")
	if err := c.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := addContribution(ctx, tx, c); err != nil {
		return err
	}
	return tx.Commit()
}

func addContribution(ctx context.Context, tx *Tx, c *care.Contribution) error {
	m, err := findOpenMeeting(ctx, tx, c.MeetingID)
	if err != nil {
		return err
	}
	if m.StartedAt.IsZero() {
		return care.Errorf(care.EINVALID, "Start the meeting before recording what is said")
	}
	var speaker *care.Participant
	for _, p := range m.Participants {
		if p.ID == c.ParticipantID && !p.Removed {
			speaker = p
		}
	}
	if speaker == nil {
		return care.FieldError("speaker", "Choose who spoke from the people taking part")
	}
	if c.PersonsWords && speaker.Kind != care.ParticipantPerson {
		return care.FieldError("personsWords", "Only what the person themselves said can be marked as their own words")
	}
	c.AgendaItemID = m.CurrentItemID
	c.UUID, c.CreatedAt = newUUID(), tx.now
	if c.ID, err = insert(ctx, tx, `INSERT INTO contributions (uuid, meeting_id, agenda_item_id, participant_id, text, persons_words, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.UUID, c.MeetingID, c.AgendaItemID, c.ParticipantID, c.Text, c.PersonsWords, formatTime(c.CreatedAt), tx.actor.Name); err != nil {
		return err
	}
	if err := deleteDraft(ctx, tx, c.MeetingID, tx.actor.Name); err != nil {
		return err
	}
	return touchMeeting(ctx, tx, m.ID)
}

// findContributions reads what was said in a meeting, in order.
func findContributions(ctx context.Context, tx *Tx, meetingID int64) ([]*care.Contribution, error) {
	cs, err := queryAll(ctx, tx, scanContribution, `SELECT id, IFNULL(uuid, ''), meeting_id, agenda_item_id, participant_id, text, persons_words, created_at, created_by
		FROM contributions WHERE meeting_id = ? ORDER BY id`, meetingID)
	if err != nil {
		return nil, err
	}
	return cs, findCorrections(ctx, tx, meetingID, cs)
}

func scanContribution(row scanner) (*care.Contribution, error) {
	c := &care.Contribution{}
	var at string
	if err := row.Scan(&c.ID, &c.UUID, &c.MeetingID, &c.AgendaItemID, &c.ParticipantID, &c.Text, &c.PersonsWords, &at, &c.CreatedBy); err != nil {
		return nil, err
	}
	c.CreatedAt = parseTime(at)
	return c, nil
}
