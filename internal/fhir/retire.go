package fhir

import (
	"encoding/json"
	"whatmatters/internal/care"
)

// Retired is the resource a removed unit is sent as: the same resource with
// its status set to what means "no longer" for its type (Goal cancelled,
// Task cancelled, Flag inactive, RelatedPerson active false, ...), and
// the extension ExtBase+"removed" true.
func Retired(r Resource) (Resource, error) {
	st, ok := retiredStatus[r.Type]
	if !ok || r.CreateOnly {
		return Resource{}, care.Errorf(care.EINVALID, "A %s cannot be retired: agreed versions are never changed", r.Type)
	}
	m, err := parse(r.JSON)
	if err != nil {
		return Resource{}, err
	}
	exts, _ := m["extension"].([]any)
	if r.Type == "Consent" {
		// The status says whether they consented: keep it beside.
		if s, _ := m["status"].(string); choiceFor(consentStatus, s) != "" {
			exts = append(exts, valueExt(care.SectionLegal, "consent", choiceFor(consentStatus, s)))
		}
	}
	if st[1] == "false" {
		m[st[0]] = false
	} else {
		m[st[0]] = st[1]
	}
	var keep []any
	for _, e := range exts {
		if eo, ok := e.(obj); ok && eo["url"] == extRemoved {
			continue
		}
		keep = append(keep, e)
	}
	m["extension"] = append(keep, obj{"url": extRemoved, "valueBoolean": true})
	raw, err := marshal(m)
	if err != nil {
		return Resource{}, err
	}
	out := r
	out.JSON = raw
	out.Unit.Removed = true
	return out, nil
}

// Bundle returns a collection Bundle of the resources, for export to a
// file: each entry's fullUrl is urn:uuid:<id> (every id is a UUID), and
// references between them are "Type/id" with the same ids.
func Bundle(rs []Resource) ([]byte, error) {
	entries := make([]any, 0, len(rs))
	for _, r := range rs {
		if !json.Valid(r.JSON) {
			return nil, care.Errorf(care.EINTERNAL, "a FHIR resource is not valid JSON")
		}
		entries = append(entries, obj{"fullUrl": "urn:uuid:" + r.ID, "resource": json.RawMessage(r.JSON)})
	}
	b := obj{"resourceType": "Bundle", "type": "collection", "entry": entries}
	if len(rs) > 0 {
		id := DerivedID(append([]string{"Bundle"}, refs(rs)...)...)
		b["id"] = id
		b["identifier"] = uuidIdentifier(id)
	}
	return marshal(b)
}

func refs(rs []Resource) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Ref() + "\x00" + string(r.JSON)
	}
	return out
}
