package care

// The rules that look beyond one item of a record. The store calls them
// inside the transaction that saves or removes the item, on the record as
// it stands in that transaction.

// CheckItem applies the rules that look beyond one item about to be saved
// in section: one key worker at a time; an action's owner, if one of the
// person's contacts or care team, and its goal are in the record; a
// communication need belongs to the person or one of their contacts.
// values are the item's cleaned values and id its ID (0 for a new item).
// An owner who is a meeting participant is the caller's to check. EINVALID
// with Field set.
func (r *Record) CheckItem(section string, id int64, values map[string]string) error {
	switch e := Decode(section, values).(type) {
	case CareTeamMember:
		if !e.KeyWorker {
			return nil
		}
		for _, o := range r.CareTeam() {
			if o.ID != id && o.KeyWorker {
				return FieldError("keyWorker", o.Name+" is already the key worker. There can be only one: change "+o.Name+"'s details first")
			}
		}
	case Action:
		if err := r.CheckOwner(e.Owner); err != nil {
			return err
		}
		if e.Goal != 0 && r.item(SectionGoals, e.Goal) == nil {
			return FieldError("goal", "Choose one of the person's goals")
		}
	case CommunicationNeed:
		if e.ForWhom != 0 && r.item(SectionContacts, e.ForWhom) == nil {
			return FieldError("forWhom", "Choose the person or one of their contacts")
		}
	}
	return nil
}

// CheckOwner refuses an action owner who is one of the person's contacts
// or care team no longer in the record. An owner who is a meeting
// participant is the caller's to check. EINVALID with Field "owner".
func (r *Record) CheckOwner(o Owner) error {
	want := map[OwnerKind]string{OwnerContact: SectionContacts, OwnerProfessional: SectionCareTeam}[o.Kind]
	if want != "" && r.item(want, o.ID) == nil {
		return FieldError("owner", "The person chosen to do this is no longer in the record. Choose someone else")
	}
	return nil
}

// CheckRemove refuses to remove an item something else depends on: a goal
// that actions are for, a contact or professional who owns actions, a
// contact with communication needs recorded. EINVALID.
func (r *Record) CheckRemove(id int64) error {
	it := r.findItem(id)
	if it == nil {
		return nil
	}
	var owner Owner
	var what string
	switch it.Section {
	case SectionGoals:
		what = "This goal"
	case SectionContacts:
		owner = Owner{Kind: OwnerContact, ID: id}
		what = decodeItem[Contact](it).Name
	case SectionCareTeam:
		owner = Owner{Kind: OwnerProfessional, ID: id}
		what = decodeItem[CareTeamMember](it).Name
	default:
		return nil
	}
	n := 0
	for _, a := range r.Actions() {
		if (it.Section == SectionGoals && a.Goal == id) || (!owner.IsZero() && a.Owner == owner) {
			n++
		}
	}
	if n > 0 {
		return Errorf(EINVALID, "%s has %d %s in the plan. Change %s first", what, n, plural(n, "action", "actions"), plural(n, "it", "them"))
	}
	if it.Section == SectionContacts {
		for _, c := range r.CommunicationNeeds() {
			if c.ForWhom == id {
				return Errorf(EINVALID, "%s has communication needs recorded. Remove those first", what)
			}
		}
	}
	return nil
}

// item returns the item of section with this ID, or nil.
func (r *Record) item(section string, id int64) *Item {
	for _, it := range r.Items[section] {
		if it.ID == id {
			return it
		}
	}
	return nil
}

// findItem returns the item with this ID, of any section, or nil.
func (r *Record) findItem(id int64) *Item {
	for _, items := range r.Items {
		for _, it := range items {
			if it.ID == id {
				return it
			}
		}
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
