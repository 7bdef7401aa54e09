package dto

import "whatmatters/internal/care"

// itemDisplay is each field of an item as the screens show it, by key;
// fields with nothing to show are left out. A reference to a contact left
// empty means the person, and is shown as their name.
func itemDisplay(r *care.Record, s care.SectionSpec, values map[string]string) map[string]string {
	out := map[string]string{}
	for _, f := range s.Fields {
		if v := fieldDisplay(r, s, f.Key, values[f.Key]); v != "" {
			out[f.Key] = v
		}
	}
	return out
}

// fieldDisplay is one value as the screens show it.
func fieldDisplay(r *care.Record, s care.SectionSpec, key, v string) string {
	return r.Display(s.Key, key, v)
}
