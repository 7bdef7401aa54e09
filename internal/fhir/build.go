package fhir

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

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

// versionIDs are the ids of an agreed version's resources, from its hash.
func versionID(hash, typ string) string { return DerivedID(hash, typ) }

func instant(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// version is an agreed version: a CarePlan, a DocumentReference carrying
// the signed PDF and the snapshot, and a Provenance for the signatures.
func (b *builder) version(v *Version, prev, next *Version) {
	if v.PlanVersion == nil || v.Hash == "" || !isID(v.UUID) {
		b.fail("an agreed version")
		return
	}
	if err := v.Intact(); err != nil {
		b.err = err // ECONFLICT: changed outside the app
		return
	}
	snap, err := care.ReadSnapshot(v.Snapshot)
	if err != nil {
		b.err = err
		return
	}
	identifier := PlanHashSystem + "|" + v.Hash
	hashID := obj{"system": PlanHashSystem, "value": v.Hash}
	// The three resources stand for the same Unit, with the version.
	u := Unit{Kind: KindVersion, Person: b.person, UUID: v.UUID, Version: v}
	cpID, docID, provID := versionID(v.Hash, "CarePlan"), versionID(v.Hash, "DocumentReference"), versionID(v.Hash, "Provenance")
	title := "Personalised care and support plan, version " + care.Itoa(int64(v.Number))

	cp := obj{"resourceType": "CarePlan", "id": cpID, "meta": meta("UKCore-CarePlan"),
		"identifier": []any{hashID, uuidIdentifier(v.UUID)}, "status": "active", "intent": "plan", "title": title,
		"subject": b.patientRef(), "created": instant(v.AgreedAt)}
	period := obj{"start": instant(v.AgreedAt)}
	if v.Superseded {
		// A later version replaced it before it ran its course.
		cp["status"] = "revoked"
		if next != nil && next.PlanVersion != nil {
			period["end"] = instant(next.AgreedAt)
		}
	}
	cp["period"] = period
	if prev != nil && prev.PlanVersion != nil && prev.Hash != "" {
		cp["replaces"] = []any{ref("CarePlan", versionID(prev.Hash, "CarePlan"))}
	}
	if v.AgreedBy.Name != "" {
		cp["author"] = obj{"display": v.AgreedBy.Name}
	}
	contributors := []any{b.patientRef()}
	for _, s := range v.Signatures {
		if s.Role != care.RolePerson && s.Name != "" {
			contributors = append(contributors, obj{"display": s.Name})
		}
	}
	cp["contributor"] = contributors
	plan := snap.View()
	var goals []any
	for _, g := range plan.Goals {
		if isID(g.UUID) {
			goals = append(goals, ref("Goal", g.UUID))
		}
	}
	put(cp, "goal", goals)
	var acts []any
	for _, a := range plan.Actions {
		d := obj{"status": activityStatus[a.Status]}
		if _, ok := activityStatus[a.Status]; !ok {
			d["status"] = "unknown"
		}
		put(d, "description", a.What)
		if a.ByWhen != "" {
			d["scheduledPeriod"] = obj{"end": a.ByWhen}
		}
		if p := b.performer(plan, a); p != nil {
			d["performer"] = []any{p}
		}
		if g := plan.Goal(a.Goal); g != nil && isID(g.UUID) {
			d["goal"] = []any{ref("Goal", g.UUID)}
		}
		acts = append(acts, obj{"detail": d})
	}
	put(cp, "activity", acts)
	b.add(cp, u, true, identifier)

	doc := obj{"resourceType": "DocumentReference", "id": docID, "meta": meta("UKCore-DocumentReference"),
		"masterIdentifier": hashID, "identifier": []any{hashID, uuidIdentifier(v.UUID)}, "status": "current",
		"type": obj{"text": "Personalised care and support plan"}, "subject": b.patientRef(), "date": instant(v.AgreedAt),
		"description": title + ", check code " + v.CheckCode}
	if v.Superseded {
		doc["status"] = "superseded"
	}
	if v.AgreedBy.Name != "" {
		doc["author"] = []any{obj{"display": v.AgreedBy.Name}}
	}
	if prev != nil && prev.PlanVersion != nil && prev.Hash != "" {
		doc["relatesTo"] = []any{obj{"code": "replaces", "target": ref("DocumentReference", versionID(prev.Hash, "DocumentReference"))}}
	}
	var content []any
	if len(v.PDF) > 0 {
		sum := sha1.Sum(v.PDF)
		content = append(content, obj{"attachment": obj{"contentType": "application/pdf", "language": "en-GB",
			"data": base64.StdEncoding.EncodeToString(v.PDF), "size": len(v.PDF), "hash": base64.StdEncoding.EncodeToString(sum[:]),
			"title": title + " (signed PDF)", "creation": instant(v.AgreedAt)}})
	}
	sum := sha1.Sum(v.Snapshot)
	content = append(content, obj{"attachment": obj{"contentType": "application/json",
		"data": base64.StdEncoding.EncodeToString(v.Snapshot), "size": len(v.Snapshot), "hash": base64.StdEncoding.EncodeToString(sum[:]),
		"title": "The plan as agreed (canonical JSON; its SHA-256 is the plan-hash identifier)", "creation": instant(v.AgreedAt)}})
	doc["content"] = content
	sigs, err := json.Marshal(v.Signatures)
	if err != nil {
		b.err = care.Errorf(care.EINTERNAL, "signatures not written: %v", err)
		return
	}
	exts := []any{obj{"url": ExtBase + "version-number", "valueInteger": v.Number},
		obj{"url": ExtBase + "signatures", "valueBase64Binary": base64.StdEncoding.EncodeToString(sigs)}}
	if v.AgreedBy.Role != "" {
		exts = append(exts, obj{"url": ExtBase + "agreed-by-role", "valueString": v.AgreedBy.Role})
	}
	if v.PDFFormat != "" && len(v.PDF) > 0 {
		exts = append(exts, obj{"url": ExtBase + "pdf-format", "valueString": v.PDFFormat})
	}
	doc["extension"] = exts
	b.add(doc, u, true, identifier)

	b.provenance(u, provID, cpID, docID, hashID)
}

// performer is who does an action in a snapshot's plan.
func (b *builder) performer(plan *care.Plan, a care.Action) obj {
	switch a.Owner.Kind {
	case care.OwnerPerson:
		return b.patientRef()
	case care.OwnerContact:
		if c := plan.Contact(a.Owner.ID); c != nil {
			r := obj{}
			if isID(c.UUID) {
				r = ref("RelatedPerson", c.UUID)
			}
			put(r, "display", c.Name)
			return nilIfEmpty(r)
		}
	case care.OwnerProfessional:
		if m := plan.CareTeamMember(a.Owner.ID); m != nil {
			r := obj{}
			if isID(m.UUID) {
				r = ref("PractitionerRole", m.UUID)
			}
			put(r, "display", m.Name)
			return nilIfEmpty(r)
		}
	case care.OwnerService:
		if a.Service != "" {
			return obj{"display": a.Service}
		}
	}
	return nil
}

func nilIfEmpty(m obj) obj {
	if len(m) == 0 {
		return nil
	}
	return m
}

// provenance is the agreement and its signatures: who signed and how.
func (b *builder) provenance(u Unit, id, cpID, docID string, hashID obj) {
	v := u.Version
	agents := []any{}
	var signatures []any
	if v.AgreedBy.Name != "" {
		a := obj{"type": concept("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author"),
			"who": obj{"display": v.AgreedBy.Name}}
		if v.AgreedBy.Role != "" {
			a["role"] = []any{obj{"text": v.AgreedBy.Role}}
		}
		agents = append(agents, a)
	}
	for _, s := range v.Signatures {
		who := obj{"display": s.Name}
		if s.Role == care.RolePerson {
			who = b.patientRef()
			put(who, "display", s.Name)
		}
		exts := []any{obj{"url": ExtBase + "signature-method", "valueCode": s.Method}}
		if s.Witness != "" {
			exts = append(exts, obj{"url": ExtBase + "signature-witness", "valueString": s.Witness})
		}
		if s.Reason != "" {
			exts = append(exts, obj{"url": ExtBase + "signature-unable-reason", "valueString": s.Reason})
		}
		agents = append(agents, obj{"type": concept("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "attester", "Attester"),
			"role": []any{concept(CodeBase+"signature-role", s.Role, care.ChoiceLabel(care.SignatureRoles, s.Role))},
			"who":  who, "extension": exts})
		if s.Method == care.SignDrawn && len(s.Strokes) > 0 {
			strokes, err := json.Marshal(s.Strokes)
			if err != nil {
				b.err = care.Errorf(care.EINTERNAL, "signature not written: %v", err)
				return
			}
			signatures = append(signatures, obj{"type": []any{coding("urn:iso-astm:E1762-95:2013", "1.2.840.10065.1.12.1.7", "Consent Signature")},
				"when": instant(v.AgreedAt), "who": who, "sigFormat": "application/json", "data": base64.StdEncoding.EncodeToString(strokes)})
		}
	}
	if len(agents) == 0 {
		agents = append(agents, obj{"who": obj{"display": "What Matters"}})
	}
	p := obj{"resourceType": "Provenance", "id": id, "meta": meta("UKCore-Provenance"),
		"target": []any{ref("CarePlan", cpID), ref("DocumentReference", docID)}, "recorded": instant(v.AgreedAt),
		"activity": obj{"text": "Agreed and signed"}, "agent": agents,
		"extension": []any{obj{"url": ExtBase + "plan-hash", "valueIdentifier": hashID}}}
	put(p, "signature", signatures)
	// R4's Provenance has no identifier: it is created on its target.
	b.addIf(p, u, true, "", "target=CarePlan/"+cpID)
}

// encounterStatus is a meeting's state as an Encounter's status.
func encounterStatus(m *care.Meeting) string {
	switch {
	case !m.CancelledAt.IsZero():
		return "cancelled"
	case !m.EndedAt.IsZero():
		return "finished"
	case !m.StartedAt.IsZero():
		return "in-progress"
	}
	return "planned"
}

// meeting is a meeting as an Encounter with its participants.
func (b *builder) meeting(m *Meeting) {
	if m == nil || m.Meeting == nil || !isID(m.UUID) {
		b.fail("a meeting")
		return
	}
	e := obj{"resourceType": "Encounter", "id": m.UUID, "meta": meta("UKCore-Encounter"), "identifier": []any{uuidIdentifier(m.UUID)},
		"status": encounterStatus(m.Meeting), "subject": b.patientRef()}
	if m.Remote {
		e["class"] = coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "VR", "virtual")
	} else {
		e["class"] = coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory")
	}
	e["type"] = []any{obj{"text": "Personalised care and support planning meeting"}}
	if m.Purpose != "" {
		e["reasonCode"] = []any{obj{"coding": []any{coding(CodeBase+"meeting-purpose", m.Purpose, care.ChoiceLabel(care.MeetingPurposes, m.Purpose))}}}
	}
	period := obj{}
	switch {
	case !m.StartedAt.IsZero():
		period["start"] = instant(m.StartedAt)
	case m.Date != "":
		period["start"] = m.Date
	}
	if !m.EndedAt.IsZero() {
		period["end"] = instant(m.EndedAt)
	}
	put(e, "period", period)
	if m.Place != "" {
		e["location"] = []any{obj{"location": obj{"display": m.Place}}}
	}
	var parts []any
	for _, p := range m.Participants {
		if !isID(p.UUID) {
			b.fail("a meeting's participant")
			return
		}
		ep := obj{}
		if p.Role != "" {
			ep["type"] = []any{obj{"text": p.Role}}
		}
		who := obj{}
		src := m.Sources[p.UUID]
		switch {
		case p.Kind == care.ParticipantContact && isID(src):
			who = ref("RelatedPerson", src)
		case p.Kind == care.ParticipantProfessional && isID(src):
			who = ref("PractitionerRole", src)
		}
		put(who, "display", p.Name)
		put(ep, "individual", nilIfEmpty(who))
		exts := []any{obj{"url": ExtBase + "participant-uuid", "valueString": p.UUID}}
		for _, kv := range [][2]string{{"kind", p.Kind}, {"attendance", p.Attendance}, {"source", src}} {
			if kv[1] != "" {
				exts = append(exts, obj{"url": ExtBase + "participant-" + kv[0], "valueString": kv[1]})
			}
		}
		if p.Removed {
			exts = append(exts, obj{"url": ExtBase + "participant-removed", "valueBoolean": true})
		}
		ep["extension"] = exts
		parts = append(parts, ep)
	}
	put(e, "participant", parts)
	var exts []any
	for _, kv := range [][2]string{{"date", m.Date}, {"time", m.Time}, {"place", m.Place}, {"purpose", m.Purpose},
		{"personAbsentReason", m.PersonAbsentReason}, {"cancelReason", m.CancelReason}, {"summary", m.Summary}} {
		if kv[1] != "" {
			exts = append(exts, obj{"url": ExtBase + "meeting-" + kv[0], "valueString": kv[1]})
		}
	}
	for _, kv := range []struct {
		k string
		t time.Time
	}{{"startedAt", m.StartedAt}, {"endedAt", m.EndedAt}, {"cancelledAt", m.CancelledAt}} {
		if !kv.t.IsZero() {
			exts = append(exts, obj{"url": ExtBase + "meeting-" + kv.k, "valueDateTime": instant(kv.t)})
		}
	}
	if m.Remote {
		exts = append(exts, obj{"url": ExtBase + "meeting-remote", "valueBoolean": true})
	}
	put(e, "extension", exts)
	b.add(e, Unit{Kind: KindMeeting, Person: b.person, UUID: m.UUID, Removed: !m.CancelledAt.IsZero(), Meeting: m}, false, "")
}
