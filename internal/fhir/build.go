package fhir

import (
	"strings"

	"whatmatters/internal/care"
)

// PersonKeys are the keys of a KindPerson unit's Values, in order.
func PersonKeys() []string {
	keys := []string{KeyGivenName, KeyFamilyName, KeyPreferredName, KeyPronouns, KeyDateOfBirth, KeyNHSNumber}
	var d care.PersonDetails
	for _, f := range d.Fields() {
		keys = append(keys, f.Key)
	}
	return append(keys, KeyStatus, KeyStatusDate, KeyStatusReason)
}

// PersonValues are a person's Values as a KindPerson unit has them (empty
// ones left out).
func PersonValues(p *care.Person, st *care.PersonStatus) map[string]string {
	v := map[string]string{KeyGivenName: p.GivenName, KeyFamilyName: p.FamilyName, KeyPreferredName: p.PreferredName,
		KeyPronouns: p.Pronouns, KeyDateOfBirth: p.DateOfBirth, KeyNHSNumber: p.NHSNumber}
	d := p.Details
	for _, f := range d.Fields() {
		v[f.Key] = *f.Value
	}
	if st != nil {
		v[KeyStatus], v[KeyStatusDate], v[KeyStatusReason] = st.Kind, st.Date, st.Reason
	}
	return nonEmpty(v)
}

func nonEmpty(v map[string]string) map[string]string {
	out := make(map[string]string, len(v))
	for k, s := range v {
		if s != "" {
			out[k] = s
		}
	}
	return out
}

// Mapped local codes: goal, action and consent states, in FHIR terms.
var (
	goalLifecycle = map[string]string{"": "proposed", "not-started": "proposed", "in-progress": "active",
		"achieved": "completed", "no-longer-relevant": "cancelled"}
	taskStatus = map[string]string{"": "requested", "not-started": "ready", "in-progress": "in-progress",
		care.ActionDone: "completed", care.ActionNoLongerNeeded: "cancelled"}
	activityStatus = map[string]string{"": "not-started", "not-started": "not-started", "in-progress": "in-progress",
		care.ActionDone: "completed", care.ActionNoLongerNeeded: "cancelled"}
	consentStatus = map[string]string{"": "draft", "yes": "active", "no": "rejected", "not-asked": "proposed"}
)

// builder makes one record's resources.
type builder struct {
	r      *Record
	person string
	out    []Resource
	err    error
}

// Build returns every resource a person's record travels as, in a stable
// order (Patient first). Errors: care EINVALID if the record cannot be
// expressed (a UUID missing); ECONFLICT if an agreed version no longer
// matches its hash.
func Build(r *Record) ([]Resource, error) {
	if r == nil || !isID(r.Person.UUID) {
		return nil, care.Errorf(care.EINVALID, "The person has no UUID, so their record cannot be written as FHIR")
	}
	b := &builder{r: r, person: r.Person.UUID}
	b.patient()
	for _, s := range care.Schema {
		if !s.List {
			b.fields(s.Key, r.Fields[s.Key])
		}
	}
	for _, it := range r.Items {
		b.item(it)
	}
	b.careTeam()
	for i := range r.Versions {
		var prev *Version
		if i > 0 {
			prev = &r.Versions[i-1]
		}
		var next *Version
		if i+1 < len(r.Versions) {
			next = &r.Versions[i+1]
		}
		b.version(&r.Versions[i], prev, next)
	}
	for _, m := range r.Meetings {
		b.meeting(m)
	}
	if b.err != nil {
		return nil, b.err
	}
	return b.out, nil
}

// add writes one resource.
func (b *builder) add(res obj, u Unit, createOnly bool, identifier string) {
	b.addIf(res, u, createOnly, identifier, "")
}

// addIf writes one resource, created on condition (see Resource.Condition).
func (b *builder) addIf(res obj, u Unit, createOnly bool, identifier, condition string) {
	if b.err != nil {
		return
	}
	if who := b.r.ChangedBy[u.Key()]; who != "" && !createOnly && (u.Kind == KindPerson || u.Kind == KindFields || u.Kind == KindItem) {
		ext, _ := res["extension"].([]any)
		res["extension"] = append(ext, obj{"url": extLastChangedBy, "valueString": who})
	}
	raw, err := marshal(res)
	if err != nil {
		b.err = err
		return
	}
	if condition == "" && identifier != "" {
		condition = "identifier=" + identifier
	}
	b.out = append(b.out, Resource{Type: res["resourceType"].(string), ID: res["id"].(string), JSON: raw,
		CreateOnly: createOnly, Identifier: identifier, Condition: condition, Unit: u})
}

func (b *builder) fail(what string) {
	if b.err == nil {
		b.err = care.Errorf(care.EINVALID, "The record cannot be written as FHIR: %s has no UUID", what)
	}
}

func (b *builder) patientRef() obj { return ref("Patient", b.person) }

// patient is the person as a UK Core Patient.
func (b *builder) patient() {
	v := PersonValues(&b.r.Person, b.r.Status)
	p := obj{"resourceType": "Patient", "id": b.person, "meta": meta("UKCore-Patient")}
	ids := []any{}
	if v[KeyNHSNumber] != "" {
		// Our numbers are checked by their modulus-11 check digit only,
		// never traced on the Personal Demographics Service: "02", present
		// but not traced.
		ids = append(ids, obj{"system": NHSNumberSystem, "value": v[KeyNHSNumber], "extension": []any{obj{
			"url": NHSNumberVerification, "valueCodeableConcept": concept(NHSNumberVerificationSystem, "02", "Number present but not traced")}}})
	}
	p["identifier"] = append(ids, uuidIdentifier(b.person))
	names := []any{}
	official := obj{"use": "official"}
	put(official, "family", v[KeyFamilyName])
	if v[KeyGivenName] != "" {
		official["given"] = []any{v[KeyGivenName]}
	}
	if len(official) > 1 {
		names = append(names, official)
	}
	if v[KeyPreferredName] != "" {
		names = append(names, obj{"use": "usual", "given": []any{v[KeyPreferredName]}})
	}
	put(p, "name", names)
	var telecom []any
	if v["phone"] != "" {
		telecom = append(telecom, obj{"system": "phone", "value": v["phone"], "use": "home"})
	}
	if v["email"] != "" {
		telecom = append(telecom, obj{"system": "email", "value": v["email"], "use": "home"})
	}
	put(p, "telecom", telecom)
	put(p, "birthDate", v[KeyDateOfBirth])
	if v["address"] != "" || v["postcode"] != "" {
		a := obj{"use": "home"}
		put(a, "text", v["address"])
		put(a, "line", lines(v["address"]))
		put(a, "postalCode", v["postcode"])
		p["address"] = []any{a}
	}
	if v["gpName"] != "" || v["gpOdsCode"] != "" {
		gp := obj{}
		put(gp, "display", v["gpName"])
		if v["gpOdsCode"] != "" {
			gp["identifier"] = obj{"system": ODSSystem, "value": v["gpOdsCode"]}
		}
		p["generalPractitioner"] = []any{gp}
	}
	p["active"] = v[KeyStatus] == ""
	if v[KeyStatus] == care.StatusDied && v[KeyStatusDate] != "" {
		p["deceasedDateTime"] = v[KeyStatusDate]
	}
	put(p, "extension", extensions(personSection, v, KeyGivenName, KeyFamilyName, KeyPreferredName, KeyDateOfBirth,
		KeyNHSNumber, "phone", "email", "address", "postcode", "gpName", "gpOdsCode"))
	b.add(p, Unit{Kind: KindPerson, Person: b.person, UUID: b.person, Values: v}, false, "")
}

// lines are the non-empty lines of a text, for Address.line.
func lines(s string) []any {
	var out []any
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// label is the schema's label of a field.
func label(section, key string) string {
	if s := care.FindSection(section); s != nil {
		if f := s.Field(key); f != nil {
			return f.Label
		}
	}
	return key
}

// answers are QuestionnaireResponse items, one per non-empty value.
func answers(section string, values map[string]string, skip ...string) []any {
	not := map[string]bool{}
	for _, k := range skip {
		not[k] = true
	}
	var items []any
	for _, k := range orderedKeys(section, values) {
		if not[k] {
			continue
		}
		items = append(items, obj{"linkId": k, "text": label(section, k), "answer": []any{obj{"valueString": values[k]}}})
	}
	return items
}

// fields is one non-list section: legal as a Consent, the others as a
// QuestionnaireResponse.
func (b *builder) fields(section string, values map[string]string) {
	values = nonEmpty(values)
	if len(values) == 0 {
		return
	}
	u := Unit{Kind: KindFields, Person: b.person, Section: section, UUID: b.person, Values: values}
	if section == care.SectionLegal {
		b.consent(u)
		return
	}
	id := DerivedID(b.person, section)
	q := obj{"resourceType": "QuestionnaireResponse", "id": id, "meta": meta("UKCore-QuestionnaireResponse"),
		"identifier": uuidIdentifier(id), "questionnaire": QuestionnaireBase + section, "status": "completed",
		"subject": b.patientRef()}
	skip := []string{}
	if section == care.SectionAboutMe {
		// In the person's own words: the source is the person; the author
		// is who supported them to write it, or the person themselves.
		q["source"] = b.patientRef()
		if who := values["supportedBy"]; who != "" {
			q["author"] = obj{"display": who}
		} else {
			q["author"] = b.patientRef()
		}
		skip = append(skip, "supportedBy")
	}
	put(q, "item", answers(section, values, skip...))
	b.add(q, u, false, "")
}

// consent is the legal section: consent to share as a Consent, the rest
// in extensions.
func (b *builder) consent(u Unit) {
	id := DerivedID(b.person, u.Section)
	c := obj{"resourceType": "Consent", "id": id, "meta": meta("UKCore-Consent"), "identifier": []any{uuidIdentifier(id)},
		"status":     consentStatus[u.Values["consent"]],
		"scope":      concept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent"),
		"category":   []any{concept("http://loinc.org", "59284-0", "Patient Consent")},
		"patient":    b.patientRef(),
		"policyRule": obj{"text": "Sharing the personalised care and support plan with those the person names"}}
	put(c, "extension", extensions(u.Section, u.Values, "consent"))
	b.add(c, u, false, "")
}

// item is one list item as the resource its section travels as.
func (b *builder) item(it Item) {
	if !isID(it.UUID) {
		b.fail("an item")
		return
	}
	v := nonEmpty(it.Values)
	u := Unit{Kind: KindItem, Person: b.person, Section: it.Section, UUID: it.UUID, Values: v}
	switch it.Section {
	case care.SectionContacts:
		b.relatedPerson(u)
	case care.SectionCareTeam:
		b.practitioner(u)
	case care.SectionCommunicationNeeds:
		b.flag(u)
	case care.SectionGoals:
		b.goal(u)
	case care.SectionActions:
		b.task(u)
	default:
		q := obj{"resourceType": "QuestionnaireResponse", "id": it.UUID, "meta": meta("UKCore-QuestionnaireResponse"),
			"identifier": uuidIdentifier(it.UUID), "questionnaire": QuestionnaireBase + it.Section, "status": "completed",
			"subject": b.patientRef()}
		put(q, "item", answers(it.Section, v))
		b.add(q, u, false, "")
	}
}

func telecom(v map[string]string) []any {
	var t []any
	if v["phone"] != "" {
		t = append(t, obj{"system": "phone", "value": v["phone"]})
	}
	if v["email"] != "" {
		t = append(t, obj{"system": "email", "value": v["email"]})
	}
	return t
}

// relatedPerson is a contact (a carer's own needs in an extension).
func (b *builder) relatedPerson(u Unit) {
	v := u.Values
	p := obj{"resourceType": "RelatedPerson", "id": u.UUID, "meta": meta("UKCore-RelatedPerson"),
		"identifier": []any{uuidIdentifier(u.UUID)}, "active": true, "patient": b.patientRef()}
	rel := obj{}
	if v["type"] != "" {
		rel["coding"] = []any{coding(CodeBase+"contact-type", v["type"], care.ChoiceLabel(care.ContactTypes, v["type"]))}
	}
	put(rel, "text", v["relationship"])
	if len(rel) > 0 {
		p["relationship"] = []any{rel}
	}
	if v["name"] != "" {
		p["name"] = []any{obj{"text": v["name"]}}
	}
	put(p, "telecom", telecom(v))
	if v["address"] != "" {
		p["address"] = []any{obj{"text": v["address"]}}
	}
	put(p, "extension", extensions(u.Section, v, "type", "relationship", "name", "phone", "email", "address"))
	b.add(p, u, false, "")
}

// practitioner is a care-team member: the PractitionerRole carries the
// unit; the Practitioner (name and how to reach them) is derived.
func (b *builder) practitioner(u Unit) {
	v := u.Values
	pid := DerivedID(u.UUID, "Practitioner")
	pr := obj{"resourceType": "Practitioner", "id": pid, "meta": meta("UKCore-Practitioner"),
		"identifier": []any{uuidIdentifier(pid)}, "active": true}
	if v["name"] != "" {
		pr["name"] = []any{obj{"text": v["name"]}}
	}
	put(pr, "telecom", telecom(v))
	b.add(pr, Unit{Person: b.person, UUID: u.UUID}, false, "")

	role := obj{"resourceType": "PractitionerRole", "id": u.UUID, "meta": meta("UKCore-PractitionerRole"),
		"identifier": []any{uuidIdentifier(u.UUID)}, "active": true}
	who := ref("Practitioner", pid)
	put(who, "display", v["name"])
	role["practitioner"] = who
	if v["organisation"] != "" {
		role["organization"] = obj{"display": v["organisation"]}
	}
	if v["role"] != "" {
		role["code"] = []any{concept(CodeBase+"professional-role", v["role"], care.ChoiceLabel(care.ProfessionalRoles, v["role"]))}
	}
	put(role, "telecom", telecom(v))
	// A PractitionerRole names no patient: whose care team it is goes in
	// an extension.
	role["extension"] = append(extensions(u.Section, v, "name", "organisation", "role", "phone", "email"),
		obj{"url": ExtBase + "careTeam-person", "valueReference": b.patientRef()})
	b.add(role, u, false, "")
}

// careTeam is derived from the care-team items, the key worker with their
// own participant role.
func (b *builder) careTeam() {
	var parts []any
	for _, it := range b.r.Items {
		if it.Section != care.SectionCareTeam || !isID(it.UUID) {
			continue
		}
		roles := []any{}
		if r := it.Values["role"]; r != "" {
			roles = append(roles, concept(CodeBase+"professional-role", r, care.ChoiceLabel(care.ProfessionalRoles, r)))
		}
		if it.Values["keyWorker"] == "true" {
			roles = append(roles, concept(CodeBase+"care-team-role", "key-worker", "Key worker or care coordinator"))
		}
		p := obj{"member": ref("PractitionerRole", it.UUID)}
		put(p, "role", roles)
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		return
	}
	id := DerivedID(b.person, "CareTeam")
	t := obj{"resourceType": "CareTeam", "id": id, "meta": meta("UKCore-CareTeam"), "identifier": []any{uuidIdentifier(id)},
		"status": "active", "name": "Care team", "subject": b.patientRef(), "participant": parts}
	b.add(t, Unit{Person: b.person, UUID: b.person}, false, "")
}

// flag is a communication need (the Accessible Information Standard's
// flag step).
func (b *builder) flag(u Unit) {
	v := u.Values
	code := obj{}
	if v["need"] != "" {
		code["coding"] = []any{coding(CodeBase+"communication-need", v["need"], care.ChoiceLabel(care.CommunicationNeedChoices, v["need"]))}
	}
	put(code, "text", v["detail"])
	var placeholder []any
	if len(code) == 0 {
		code["text"] = "Communication need"
		placeholder = append(placeholder, obj{"url": extPlaceholder, "valueString": "code"})
	}
	f := obj{"resourceType": "Flag", "id": u.UUID, "meta": meta("UKCore-Flag"), "identifier": []any{uuidIdentifier(u.UUID)},
		"status": "active", "category": []any{obj{"text": "Communication and information needs"}}, "code": code,
		"subject": b.patientRef()}
	put(f, "extension", append(extensions(u.Section, v, "need", "detail"), placeholder...))
	b.add(f, u, false, "")
}

// goal is a goal in plain R4, the person's words in description.text.
func (b *builder) goal(u Unit) {
	v := u.Values
	text := v["text"]
	var placeholder []any
	if text == "" {
		text = "Goal"
		placeholder = append(placeholder, obj{"url": extPlaceholder, "valueString": "description"})
	}
	g := obj{"resourceType": "Goal", "id": u.UUID, "identifier": []any{uuidIdentifier(u.UUID)},
		"lifecycleStatus": goalLifecycle[v["status"]], "description": obj{"text": text}, "subject": b.patientRef()}
	if v["status"] == "achieved" {
		g["achievementStatus"] = concept("http://terminology.hl7.org/CodeSystem/goal-achievement", "achieved", "Achieved")
	}
	put(g, "statusReason", v["stopReason"])
	std := []string{"stopReason"}
	if v["text"] != "" {
		std = append(std, "text")
	}
	put(g, "extension", append(extensions(u.Section, v, std...), placeholder...))
	b.add(g, u, false, "")
}

// ownerRef is the reference to who does an action, from its stored owner
// (with a UUID in place of a local id).
func (b *builder) ownerRef(owner, service string) obj {
	kind, id, _ := strings.Cut(owner, ":")
	switch {
	case kind == care.OwnerPerson:
		return b.patientRef()
	case kind == care.OwnerContact && isID(id):
		return ref("RelatedPerson", id)
	case kind == care.OwnerProfessional && isID(id):
		return ref("PractitionerRole", id)
	case kind == care.OwnerService && service != "":
		return obj{"display": service}
	}
	return nil
}

// task is an action: owner as owner, by-when as the restriction's end.
func (b *builder) task(u Unit) {
	v := u.Values
	t := obj{"resourceType": "Task", "id": u.UUID, "meta": meta("UKCore-Task"), "identifier": []any{uuidIdentifier(u.UUID)},
		"status": taskStatus[v["status"]], "intent": "plan", "for": b.patientRef()}
	put(t, "description", v["what"])
	put(t, "owner", b.ownerRef(v["owner"], v["service"]))
	if v["byWhen"] != "" {
		t["restriction"] = obj{"period": obj{"end": v["byWhen"]}}
	}
	if v["stopReason"] != "" {
		t["statusReason"] = obj{"text": v["stopReason"]}
	}
	put(t, "extension", extensions(u.Section, v, "what", "byWhen", "stopReason"))
	b.add(t, u, false, "")
}
