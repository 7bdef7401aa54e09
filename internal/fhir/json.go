package fhir

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"whatmatters/internal/care"
)

// The systems and addresses this mapping writes.
const (
	// ExtBase is where this app's own extensions are named: a value with
	// no standard slot goes in an extension ExtBase+"<section>-<key>".
	ExtBase = "https://whatmatters.app/fhir/StructureDefinition/"
	// CodeBase is where this app's own code systems are named.
	CodeBase = "https://whatmatters.app/fhir/CodeSystem/"
	// QuestionnaireBase names the questionnaire of a section answered in a
	// QuestionnaireResponse: QuestionnaireBase+"<section>".
	QuestionnaireBase = "https://whatmatters.app/fhir/Questionnaire/"
	// PlanHashSystem is the identifier system of an agreed version's
	// SHA-256 (hex), on its CarePlan, DocumentReference and Provenance.
	PlanHashSystem = "https://whatmatters.app/fhir/plan-hash"
	// UUIDSystem is the identifier system of our UUIDs (value urn:uuid:…).
	UUIDSystem = "urn:ietf:rfc:3986"
	// NHSNumberSystem is the NHS number's identifier system.
	NHSNumberSystem = "https://fhir.nhs.uk/Id/nhs-number"
	// ODSSystem is the system of an organisation's ODS code.
	ODSSystem = "https://fhir.nhs.uk/Id/ods-organization-code"
	// UKCore is where the UK Core profiles are named.
	UKCore = "https://fhir.hl7.org.uk/StructureDefinition/"
	// NHSNumberVerification is the UK Core extension of the NHS number's
	// verification status, with its code system.
	NHSNumberVerification       = UKCore + "Extension-UKCore-NHSNumberVerificationStatus"
	NHSNumberVerificationSystem = "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland"

	extRemoved       = ExtBase + "removed"
	extPlaceholder   = ExtBase + "placeholder" // names an element whose text only fills a required slot
	extLastChangedBy = ExtBase + "last-changed-by"
	personSection    = "person"
)

// obj is a JSON object being built or read.
type obj = map[string]any

// marshal writes v as compact JSON without HTML escaping: map keys are
// sorted, so the same value gives the same bytes.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, care.Errorf(care.EINTERNAL, "FHIR resource not written: %v", err)
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// DerivedID is a UUID (version 5 layout) made from SHA-256 of the parts:
// the same parts always give the same id, so two laptops make the same
// id for the same thing (a version's CarePlan, a section's resource).
func DerivedID(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	b := h[:16]
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	s := hex.EncodeToString(b)
	return s[:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:]
}

func ref(typ, id string) obj { return obj{"reference": typ + "/" + id} }

func uuidIdentifier(id string) obj {
	return obj{"system": UUIDSystem, "value": "urn:uuid:" + id}
}

func meta(profile string) obj {
	if profile == "" {
		return nil
	}
	return obj{"profile": []any{UKCore + profile}}
}

func coding(system, code, display string) obj {
	c := obj{"system": system, "code": code}
	if display != "" {
		c["display"] = display
	}
	return c
}

func concept(system, code, display string) obj {
	return obj{"coding": []any{coding(system, code, display)}}
}

// put sets key to v unless v is empty.
func put(m obj, key string, v any) {
	switch x := v.(type) {
	case string:
		if x == "" {
			return
		}
	case []any:
		if len(x) == 0 {
			return
		}
	case obj:
		if len(x) == 0 {
			return
		}
	case nil:
		return
	}
	m[key] = v
}

// fieldKind is the schema's kind of a section's field ("" if unknown).
func fieldKind(section, key string) care.FieldKind {
	if s := care.FindSection(section); s != nil {
		if f := s.Field(key); f != nil {
			return f.Kind
		}
	}
	return ""
}

// orderedKeys are the non-empty keys of values in the schema's order,
// then any others sorted.
func orderedKeys(section string, values map[string]string) []string {
	var keys []string
	seen := map[string]bool{}
	var order []string
	if section == personSection {
		order = PersonKeys()
	} else if s := care.FindSection(section); s != nil {
		for _, f := range s.Fields {
			order = append(order, f.Key)
		}
	}
	for _, k := range order {
		if values[k] != "" && !seen[k] {
			keys = append(keys, k)
			seen[k] = true
		}
	}
	var rest []string
	for k, v := range values {
		if v != "" && !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(keys, rest...)
}

// refTypes are the resource types that reference fields name.
func refType(section, key string) string {
	switch fieldKind(section, key) {
	case care.KindContactRef:
		return "RelatedPerson"
	case care.KindGoalRef:
		return "Goal"
	case care.KindRef:
		if key == "meeting" {
			return "Encounter"
		}
	}
	return ""
}

// valueExt is the extension carrying one local value with no standard
// slot: typed as the schema's field is (yes/no as boolean, a scale as
// integer, a reference as Reference), else as text.
func valueExt(section, key, v string) obj {
	e := obj{"url": ExtBase + section + "-" + key}
	switch kind := fieldKind(section, key); {
	case kind == care.KindBool && v == "true":
		e["valueBoolean"] = true
	case kind == care.KindScale:
		if n, err := strconv.Atoi(v); err == nil {
			e["valueInteger"] = n
			return e
		}
		e["valueString"] = v
	case refType(section, key) != "" && isID(v):
		e["valueReference"] = ref(refType(section, key), v)
	default:
		e["valueString"] = v
	}
	return e
}

// extensions are the value extensions for every non-empty key of values
// not in std, in order.
func extensions(section string, values map[string]string, std ...string) []any {
	skip := map[string]bool{}
	for _, k := range std {
		skip[k] = true
	}
	var out []any
	for _, k := range orderedKeys(section, values) {
		if !skip[k] {
			out = append(out, valueExt(section, k, values[k]))
		}
	}
	return out
}

// isID reports whether s is a valid FHIR id.
func isID(s string) bool {
	if len(s) < 1 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// choiceFor finds the first local value whose code maps to code.
func choiceFor(m map[string]string, code string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if m[k] == code {
			return k
		}
	}
	return ""
}
