package planpdf

import "strings"

// howToReach is how to reach the key worker and the GP practice, for the
// first page, each like tmpl: the key worker's name, role and phone from
// the care team (name and phone), the practice's name and phone from the
// person's details.
// A plan agreed before the person's details were kept (no details in its
// snapshot) has none, so it prints as it always did.
func (r *renderer) howToReach(tmpl para) []para {
	details := r.snap.Person.Details
	if details == nil {
		return nil
	}
	var out []para
	add := func(label string, parts ...string) {
		var kept []string
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				kept = append(kept, p)
			}
		}
		if len(kept) == 0 {
			return
		}
		pa := tmpl
		pa.label, pa.text = label, strings.Join(kept, ", ")
		out = append(out, pa)
	}
	for _, m := range r.plan.CareTeam {
		if m.KeyWorker {
			add("My key worker", m.Name, m.Phone)
			break
		}
	}
	add("My GP practice", details.GPName, details.GPPhone)
	return out
}
