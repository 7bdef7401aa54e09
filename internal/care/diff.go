package care

import (
	"reflect"
	"strings"
)

// Change is one difference between two versions, in plain words.
type Change struct {
	Section string // the section's title
	Text    string
}

// Diff says what changed from old to new, in plain words: goals added or
// achieved, actions added or done, About me edits, changes to other
// sections, and shared decisions added or changed. The snapshots may be
// in different formats: only their typed views are compared.
func Diff(old, new *Snapshot) []Change {
	out := diffPerson(old.Person, new.Person)
	o, n := old.View(), new.View()
	for _, spec := range Schema {
		if spec.List {
			out = append(out, diffItems(spec, o.Entries(spec.Key), n.Entries(spec.Key))...)
			continue
		}
		ov, nv := ValuesOf(o.Values(spec.Key)), ValuesOf(n.Values(spec.Key))
		for _, f := range spec.Fields {
			before, after := ov[f.Key], nv[f.Key]
			if before == after {
				continue
			}
			var text string
			switch {
			case before == "":
				text = f.Label + ": added"
			case after == "":
				text = f.Label + ": removed"
			default:
				text = f.Label + ": changed"
			}
			if f.Kind == KindChoice || f.Kind == KindDate || f.Kind == KindMoney {
				text = f.Label + ": " + display(f, before, "not set") + " → " + display(f, after, "not set")
			}
			out = append(out, Change{spec.Title, text})
		}
	}
	return append(out, diffDecisions(old.Decisions, new.Decisions)...)
}

// diffPerson says which of the person's details changed: "Preferred
// name: Gosia → Małgosia"; an NHS number or date of birth as it is read.
func diffPerson(old, new SnapshotPerson) []Change {
	var out []Change
	ov, nv := reflect.ValueOf(old), reflect.ValueOf(new)
	for i := range ov.NumField() {
		f := ov.Type().Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Type.Kind() != reflect.String || key == "" || key == "-" {
			continue
		}
		before, after := ov.Field(i).String(), nv.Field(i).String()
		if before == after {
			continue
		}
		label := personFieldLabels[key]
		if label == "" {
			label = f.Name
		}
		show := func(v string) string {
			if v == "" {
				return "not set"
			}
			return Shorten((&Names{}).Display("person", key, v), 60)
		}
		out = append(out, Change{"Personal details", label + ": " + show(before) + " → " + show(after)})
	}
	return out
}

// diffDecisions says which shared decisions were added, changed or removed.
func diffDecisions(old, new []SnapshotDecision) []Change {
	title, name := DecisionSpec.Title, DecisionSpec.ItemName
	name = strings.ToUpper(name[:1]) + name[1:]
	byID := map[int64]SnapshotDecision{}
	for _, d := range old {
		byID[d.ID] = d
	}
	var out []Change
	for _, d := range new {
		o, ok := byID[d.ID]
		delete(byID, d.ID)
		switch {
		case !ok:
			out = append(out, Change{title, name + " added: " + short(d.Decision)})
		case !reflect.DeepEqual(o, d):
			out = append(out, Change{title, name + " changed: " + short(d.Decision)})
		}
	}
	for _, o := range old {
		if _, gone := byID[o.ID]; gone {
			out = append(out, Change{title, name + " removed: " + short(o.Decision)})
		}
	}
	return out
}

func display(f FieldSpec, v, empty string) string {
	if v == "" {
		return empty
	}
	return DisplayValue(f, v)
}

// DisplayValue shows a stored value as a person reads it: choice labels,
// UK dates, pounds and pence, "7 out of 10", "Yes". References (owners,
// goals, contacts) are returned as stored: only the caller can name them.
func DisplayValue(f FieldSpec, v string) string {
	switch {
	case v == "":
		return ""
	case f.Kind == KindChoice:
		return ChoiceLabel(f.Choices, v)
	case f.Kind == KindDate:
		return FormatDate(v)
	case f.Kind == KindMoney:
		return FormatPence(v)
	case f.Kind == KindScale:
		return v + " out of 10"
	case f.Kind == KindBool:
		return "Yes"
	}
	return v
}

// diffItems says which items of a list were added, removed, changed, or
// (goals and actions) had their status changed. Items are matched by ID.
func diffItems(spec SectionSpec, old, new []Entry) []Change {
	title := func(v map[string]string) string { return short(DisplayValue(spec.Fields[0], v[spec.Fields[0].Key])) }
	// Items are the same item by UUID where both versions have one (a
	// version agreed on another laptop numbers its items its own way),
	// else by id.
	key := func(e Entry) string {
		if u := e.ItemUUID(); u != "" {
			return "u" + u
		}
		return "i" + itoa(int(e.ItemID()))
	}
	hasUUIDs := len(old) > 0 && len(new) > 0 && old[0].ItemUUID() != "" && new[0].ItemUUID() != ""
	if !hasUUIDs {
		key = func(e Entry) string { return "i" + itoa(int(e.ItemID())) }
	}
	byID := map[string]Entry{}
	for _, o := range old {
		byID[key(o)] = o
	}
	name := spec.ItemName
	cap := strings.ToUpper(name[:1]) + name[1:]
	var out []Change
	for _, n := range new {
		o, ok := byID[key(n)]
		delete(byID, key(n))
		nv := ValuesOf(n)
		switch {
		case !ok:
			out = append(out, Change{spec.Title, cap + " added: " + title(nv)})
		case status(o) != status(n) && status(n) != "":
			out = append(out, Change{spec.Title, cap + " " + strings.ToLower(ChoiceLabel(spec.Field("status").Choices, status(n))) + ": " + title(nv)})
		default:
			ov := ValuesOf(o)
			for _, f := range spec.Fields {
				if ov[f.Key] != nv[f.Key] && !f.Hidden {
					out = append(out, Change{spec.Title, cap + " changed: " + title(nv)})
					break
				}
			}
		}
	}
	for _, o := range old {
		if _, gone := byID[key(o)]; gone {
			out = append(out, Change{spec.Title, cap + " removed: " + title(ValuesOf(o))})
		}
	}
	return out
}
