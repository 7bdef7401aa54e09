package fhir

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

	"whatmatters/internal/care"
)

// MaxResource is the largest resource Decode reads, in bytes.
const MaxResource = 64 << 20

// Decode reads a resource fetched from a server into the unit it stands
// for, and its origin. Resources no unit stands for (a CareTeam, which is
// derived; a type this app does not read) give ok false. A Patient this app
// did not write (from a GP system) decodes as far as its standard fields go.
// Errors: care EINVALID with a plain message for malformed JSON or a resource
// missing what it must have.
func Decode(raw []byte) (_ Unit, _ Origin, ok bool, err error) {
	if len(raw) > MaxResource {
		return Unit{}, Origin{}, false, care.Errorf(care.EINVALID, "The FHIR resource is too large to read")
	}
	m, err := parse(raw)
	if err != nil {
		return Unit{}, Origin{}, false, err
	}
	r := &reader{}
	typ := r.str(m, "resourceType")
	if r.err != nil || typ == "" {
		return Unit{}, Origin{}, false, care.Errorf(care.EINVALID, "The FHIR resource could not be read: it has no resourceType")
	}
	if len(typ) > 64 || !isID(typ) {
		return Unit{}, Origin{}, false, care.Errorf(care.EINVALID, "The FHIR resource could not be read: its resourceType is not a FHIR type")
	}
	r.typ = typ
	id := r.str(m, "id")
	if r.err == nil && !isID(id) {
		r.fail("it has no valid id")
	}
	o := r.origin(m)
	if r.err != nil {
		return Unit{}, Origin{}, false, r.err
	}
	u, ok := r.unit(typ, id, m)
	if r.err != nil {
		return Unit{}, Origin{}, false, r.err
	}
	return u, o, ok, nil
}

// parse reads one JSON object, numbers kept as written.
func parse(raw []byte) (obj, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, care.Errorf(care.EINVALID, "The FHIR resource could not be read: it is not valid JSON")
	}
	if dec.More() {
		return nil, care.Errorf(care.EINVALID, "The FHIR resource could not be read: there is more after the resource")
	}
	m, ok := v.(obj)
	if !ok {
		return nil, care.Errorf(care.EINVALID, "The FHIR resource could not be read: it is not a JSON object")
	}
	return m, nil
}

func (r *reader) origin(m obj) Origin {
	var o Origin
	if mt := r.obj(m, "meta"); mt != nil {
		o.VersionID = r.str(mt, "versionId")
		if s := r.str(mt, "lastUpdated"); s != "" {
			t, err := time.Parse(time.RFC3339Nano, s)
			if err != nil {
				r.fail("meta.lastUpdated is not a time")
			}
			o.LastUpdated = t
		}
	}
	// Our own extension names the coordinator; a server's meta.author
	// (Medplum's) names the account that wrote it, such as a laptop's
	// client: the first is the better answer to "who changed it there".
	if e := r.ext(m, extLastChangedBy); e != nil {
		o.ChangedBy = r.str(e, "valueString")
	}
	if mt := r.obj(m, "meta"); mt != nil && o.ChangedBy == "" {
		if a := r.obj(mt, "author"); a != nil {
			o.ChangedBy = r.str(a, "display")
		}
	}
	return o
}

// patientOf is the person's UUID from a "Patient/<uuid>" reference.
func (r *reader) patientOf(m obj, key string) string {
	p := r.obj(m, key)
	if p == nil {
		r.fail(key + " is missing")
		return ""
	}
	id := r.refID(p, "Patient")
	if id == "" {
		r.fail(key + " does not name a Patient")
	}
	return id
}

func (r *reader) removed(m obj) bool {
	if e := r.ext(m, extRemoved); e != nil {
		b, _ := r.boolean(e, "valueBoolean")
		return b
	}
	return false
}

// ours reports whether a resource is one this app wrote: it carries our
// UUID identifier for its id. Other systems' Flags, Goals, Consents... of
// the same patient are not the person's record here, and are not read.
func (r *reader) ours(m obj, id string) bool {
	var ids []obj
	if o, ok := m["identifier"].(obj); ok {
		ids = []obj{o}
	} else {
		ids = r.objs(m, "identifier")
	}
	for _, i := range ids {
		if r.str(i, "system") == UUIDSystem && r.str(i, "value") == "urn:uuid:"+id {
			return true
		}
	}
	return false
}

func (r *reader) unit(typ, id string, m obj) (Unit, bool) {
	if typ != "Patient" && typ != "DocumentReference" && !r.ours(m, id) {
		return Unit{}, false
	}
	switch typ {
	case "Patient":
		return Unit{Kind: KindPerson, Person: id, UUID: id, Values: r.patient(m), Removed: r.removed(m)}, true
	case "QuestionnaireResponse":
		section, ok := strings.CutPrefix(r.str(m, "questionnaire"), QuestionnaireBase)
		s := care.FindSection(section)
		if !ok || s == nil || section == care.SectionLegal || s.List && (section == care.SectionContacts || section == care.SectionCareTeam ||
			section == care.SectionCommunicationNeeds || section == care.SectionGoals || section == care.SectionActions) {
			return Unit{}, false
		}
		person := r.patientOf(m, "subject")
		v := map[string]string{}
		for _, it := range r.objs(m, "item") {
			key := r.str(it, "linkId")
			for _, a := range r.objs(it, "answer") {
				if s := r.str(a, "valueString"); s != "" {
					v[key] = s
				}
			}
		}
		if section == care.SectionAboutMe {
			if a := r.obj(m, "author"); a != nil && r.str(a, "reference") == "" {
				put2(v, "supportedBy", r.str(a, "display"))
			}
		}
		u := Unit{Person: person, Section: section, Values: v, Removed: r.removed(m)}
		if s.List {
			u.Kind, u.UUID = KindItem, id
		} else {
			u.Kind, u.UUID = KindFields, person
		}
		return u, true
	case "Consent":
		person := r.patientOf(m, "patient")
		v := map[string]string{}
		r.values(m, care.SectionLegal, v)
		put2(v, "consent", choiceFor(consentStatus, r.str(m, "status")))
		return Unit{Kind: KindFields, Person: person, Section: care.SectionLegal, UUID: person, Values: v, Removed: r.removed(m)}, true
	case "RelatedPerson":
		return r.item(m, id, "patient", care.SectionContacts, r.relatedPerson), true
	case "PractitionerRole":
		return r.practitionerRole(m, id)
	case "Flag":
		return r.item(m, id, "subject", care.SectionCommunicationNeeds, r.flag), true
	case "Goal":
		return r.item(m, id, "subject", care.SectionGoals, r.goal), true
	case "Task":
		return r.item(m, id, "for", care.SectionActions, r.task), true
	case "DocumentReference":
		return r.document(m)
	case "Encounter":
		return r.encounter(m, id)
	}
	return Unit{}, false
}

func put2(v map[string]string, key, s string) {
	if s != "" {
		v[key] = s
	}
}

// item reads a list item's resource: its value extensions, then what its
// section's read adds from the standard slots.
func (r *reader) item(m obj, id, patientKey, section string, read func(obj, map[string]string)) Unit {
	person := r.patientOf(m, patientKey)
	v := map[string]string{}
	r.values(m, section, v)
	read(m, v)
	return Unit{Kind: KindItem, Person: person, Section: section, UUID: id, Values: v, Removed: r.removed(m)}
}

// telecom reads the first phone and email.
func (r *reader) telecom(m obj, v map[string]string) {
	for _, t := range r.objs(m, "telecom") {
		switch r.str(t, "system") {
		case "phone":
			if v["phone"] == "" {
				put2(v, "phone", r.str(t, "value"))
			}
		case "email":
			if v["email"] == "" {
				put2(v, "email", r.str(t, "value"))
			}
		}
	}
}

// addressText is an address as one text: its text, else its lines,
// town and district.
func (r *reader) addressText(a obj) string {
	if s := r.str(a, "text"); s != "" {
		return s
	}
	parts := r.strs(a, "line")
	for _, k := range []string{"city", "district"} {
		if s := r.str(a, k); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n")
}

// patient reads a Patient's values: ours, or a GP system's as far as its
// standard fields go.
func (r *reader) patient(m obj) map[string]string {
	v := map[string]string{}
	r.values(m, personSection, v)
	names := r.objs(m, "name")
	var official, usual obj
	for _, n := range names {
		switch r.str(n, "use") {
		case "official":
			if official == nil {
				official = n
			}
		case "usual", "nickname":
			if usual == nil {
				usual = n
			}
		}
	}
	if official == nil {
		for _, n := range names {
			if n2 := r.str(n, "use"); n2 != "usual" && n2 != "nickname" && n2 != "old" && n2 != "maiden" {
				official = n
				break
			}
		}
	}
	if official == nil && len(names) > 0 && usual == nil {
		official = names[0]
	}
	if official != nil {
		put2(v, KeyGivenName, strings.Join(r.strs(official, "given"), " "))
		put2(v, KeyFamilyName, r.str(official, "family"))
	}
	if usual != nil {
		// Another system's usual name that is the official one says
		// nothing; ours is the preferred name as given.
		if g := strings.Join(r.strs(usual, "given"), " "); g != "" && (g != v[KeyGivenName] || r.ours(m, r.str(m, "id"))) {
			v[KeyPreferredName] = g
		}
	}
	put2(v, KeyDateOfBirth, r.str(m, "birthDate"))
	for _, id := range r.objs(m, "identifier") {
		if r.str(id, "system") != NHSNumberSystem {
			continue
		}
		n := strings.NewReplacer(" ", "", "-", "").Replace(r.str(id, "value"))
		if !care.ValidNHSNumber(n) {
			r.fail("its NHS number is not a valid NHS number")
			return v
		}
		v[KeyNHSNumber] = n
		break
	}
	r.telecom(m, v)
	var home obj
	for _, a := range r.objs(m, "address") {
		if home == nil || r.str(a, "use") == "home" && r.str(home, "use") != "home" {
			home = a
		}
	}
	if home != nil {
		put2(v, "address", r.addressText(home))
		put2(v, "postcode", r.str(home, "postalCode"))
	}
	if gps := r.objs(m, "generalPractitioner"); len(gps) > 0 {
		put2(v, "gpName", r.str(gps[0], "display"))
		if id := r.obj(gps[0], "identifier"); id != nil && r.str(id, "system") == ODSSystem {
			put2(v, "gpOdsCode", r.str(id, "value"))
		}
	}
	if v[KeyStatus] == "" {
		if d := r.str(m, "deceasedDateTime"); d != "" {
			v[KeyStatus] = care.StatusDied
			if len(d) >= 10 {
				v[KeyStatusDate] = d[:10]
			}
		} else if b, _ := r.boolean(m, "deceasedBoolean"); b {
			v[KeyStatus] = care.StatusDied
		}
	}
	return v
}

// coded is the code of the first coding of a concept in system.
func (r *reader) coded(c obj, system string) string {
	for _, cd := range r.objs(c, "coding") {
		if r.str(cd, "system") == system {
			return r.str(cd, "code")
		}
	}
	return ""
}

func (r *reader) relatedPerson(m obj, v map[string]string) {
	if rels := r.objs(m, "relationship"); len(rels) > 0 {
		put2(v, "type", r.coded(rels[0], CodeBase+"contact-type"))
		put2(v, "relationship", r.str(rels[0], "text"))
	}
	if ns := r.objs(m, "name"); len(ns) > 0 {
		name := r.str(ns[0], "text")
		if name == "" {
			name = strings.TrimSpace(strings.Join(append(r.strs(ns[0], "given"), r.str(ns[0], "family")), " "))
		}
		put2(v, "name", name)
	}
	r.telecom(m, v)
	if as := r.objs(m, "address"); len(as) > 0 {
		put2(v, "address", r.addressText(as[0]))
	}
}

func (r *reader) practitionerRole(m obj, id string) (Unit, bool) {
	v := map[string]string{}
	r.values(m, care.SectionCareTeam, v)
	person := ""
	if e := r.ext(m, ExtBase+"careTeam-person"); e != nil {
		person = r.extValue(e)
	}
	if p := r.obj(m, "practitioner"); p != nil {
		put2(v, "name", r.str(p, "display"))
	}
	if o := r.obj(m, "organization"); o != nil {
		put2(v, "organisation", r.str(o, "display"))
	}
	if cs := r.objs(m, "code"); len(cs) > 0 {
		put2(v, "role", r.coded(cs[0], CodeBase+"professional-role"))
	}
	r.telecom(m, v)
	delete(v, "person")
	if person == "" {
		// Not one of ours: a PractitionerRole names no patient.
		return Unit{}, false
	}
	removed := r.removed(m)
	return Unit{Kind: KindItem, Person: person, Section: care.SectionCareTeam, UUID: id, Values: v, Removed: removed}, true
}

// placeholder reports whether the element's text only fills a required
// slot (there was nothing to say).
func (r *reader) placeholder(m obj, element string) bool {
	for _, e := range r.objs(m, "extension") {
		if r.str(e, "url") == extPlaceholder && r.str(e, "valueString") == element {
			return true
		}
	}
	return false
}

func (r *reader) flag(m obj, v map[string]string) {
	if c := r.obj(m, "code"); c != nil {
		put2(v, "need", r.coded(c, CodeBase+"communication-need"))
		if !r.placeholder(m, "code") {
			put2(v, "detail", r.str(c, "text"))
		}
	}
}

func (r *reader) goal(m obj, v map[string]string) {
	if d := r.obj(m, "description"); d != nil && !r.placeholder(m, "description") {
		put2(v, "text", r.str(d, "text"))
	}
	put2(v, "stopReason", r.str(m, "statusReason"))
	if v["status"] == "" {
		if s := choiceFor(goalLifecycle, r.str(m, "lifecycleStatus")); s != "" {
			v["status"] = s
		}
	}
}

func (r *reader) task(m obj, v map[string]string) {
	put2(v, "what", r.str(m, "description"))
	if rs := r.obj(m, "restriction"); rs != nil {
		if p := r.obj(rs, "period"); p != nil {
			put2(v, "byWhen", r.str(p, "end"))
		}
	}
	if sr := r.obj(m, "statusReason"); sr != nil {
		put2(v, "stopReason", r.str(sr, "text"))
	}
	if v["status"] == "" {
		put2(v, "status", choiceFor(taskStatus, r.str(m, "status")))
	}
}

// document reads an agreed version from its DocumentReference: the
// snapshot must hash to the plan-hash identifier.
func (r *reader) document(m obj) (Unit, bool) {
	hash := ""
	uuid := ""
	for _, id := range r.objs(m, "identifier") {
		switch r.str(id, "system") {
		case PlanHashSystem:
			hash = r.str(id, "value")
		case UUIDSystem:
			uuid = strings.TrimPrefix(r.str(id, "value"), "urn:uuid:")
		}
	}
	if hash == "" {
		return Unit{}, false // not one of ours
	}
	person := r.patientOf(m, "subject")
	v := &Version{PlanVersion: &care.PlanVersion{UUID: uuid, Hash: hash, CheckCode: care.CheckCode(hash)}}
	for _, c := range r.objs(m, "content") {
		a := r.obj(c, "attachment")
		if a == nil {
			continue
		}
		data, err := base64.StdEncoding.DecodeString(r.str(a, "data"))
		if err != nil {
			r.fail("an attachment is not base64")
			return Unit{}, false
		}
		switch r.str(a, "contentType") {
		case "application/pdf":
			v.PDF = data
		case "application/json":
			v.Snapshot = data
		}
	}
	if v.Snapshot == nil {
		r.fail("it does not carry the agreed plan")
		return Unit{}, false
	}
	if care.Hash(v.Snapshot) != hash {
		r.fail("the agreed plan it carries does not match its hash")
		return Unit{}, false
	}
	if d := r.str(m, "date"); d != "" {
		t, err := time.Parse(time.RFC3339Nano, d)
		if err != nil {
			r.fail("date is not a time")
		}
		v.AgreedAt = t
	}
	if as := r.objs(m, "author"); len(as) > 0 {
		v.AgreedBy.Name = r.str(as[0], "display")
	}
	v.Superseded = r.str(m, "status") == "superseded"
	if e := r.ext(m, ExtBase+"version-number"); e != nil {
		v.Number, _ = r.integer(e, "valueInteger")
	}
	if e := r.ext(m, ExtBase+"agreed-by-role"); e != nil {
		v.AgreedBy.Role = r.str(e, "valueString")
	}
	if e := r.ext(m, ExtBase+"pdf-format"); e != nil {
		v.PDFFormat = r.str(e, "valueString")
	}
	if e := r.ext(m, ExtBase+"signatures"); e != nil {
		b, err := base64.StdEncoding.DecodeString(r.str(e, "valueBase64Binary"))
		if err != nil || json.Unmarshal(b, &v.Signatures) != nil {
			r.fail("its signatures could not be read")
			return Unit{}, false
		}
	}
	if !isID(v.UUID) {
		r.fail("it has no version UUID")
	}
	return Unit{Kind: KindVersion, Person: person, UUID: v.UUID, Version: v}, true
}

// timeExt reads a dateTime extension.
func (r *reader) timeExt(m obj, url string) time.Time {
	e := r.ext(m, url)
	if e == nil {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, r.str(e, "valueDateTime"))
	if err != nil {
		r.fail("a time is not a time")
	}
	return t
}

func (r *reader) strExt(m obj, url string) string {
	if e := r.ext(m, url); e != nil {
		return r.extValue(e)
	}
	return ""
}

// encounter reads a meeting and its participants.
func (r *reader) encounter(m obj, id string) (Unit, bool) {
	if r.ext(m, ExtBase+"meeting-date") == nil {
		return Unit{}, false // not one of ours
	}
	person := r.patientOf(m, "subject")
	mt := &care.Meeting{UUID: id, Date: r.strExt(m, ExtBase+"meeting-date"), Time: r.strExt(m, ExtBase+"meeting-time"),
		Place: r.strExt(m, ExtBase+"meeting-place"), Purpose: r.strExt(m, ExtBase+"meeting-purpose"),
		PersonAbsentReason: r.strExt(m, ExtBase+"meeting-personAbsentReason"), CancelReason: r.strExt(m, ExtBase+"meeting-cancelReason"),
		Summary: r.strExt(m, ExtBase+"meeting-summary"), Remote: r.strExt(m, ExtBase+"meeting-remote") == "true",
		StartedAt: r.timeExt(m, ExtBase+"meeting-startedAt"), EndedAt: r.timeExt(m, ExtBase+"meeting-endedAt"),
		CancelledAt: r.timeExt(m, ExtBase+"meeting-cancelledAt")}
	out := &Meeting{Meeting: mt, Sources: map[string]string{}}
	for _, p := range r.objs(m, "participant") {
		cp := &care.Participant{UUID: r.strExt(p, ExtBase+"participant-uuid"), Kind: r.strExt(p, ExtBase+"participant-kind"),
			Attendance: r.strExt(p, ExtBase+"participant-attendance"), Removed: r.strExt(p, ExtBase+"participant-removed") == "true"}
		if ts := r.objs(p, "type"); len(ts) > 0 {
			cp.Role = r.str(ts[0], "text")
		}
		if ind := r.obj(p, "individual"); ind != nil {
			cp.Name = r.str(ind, "display")
		}
		if !isID(cp.UUID) {
			r.fail("a participant has no UUID")
			return Unit{}, false
		}
		if src := r.strExt(p, ExtBase+"participant-source"); src != "" {
			out.Sources[cp.UUID] = src
		}
		out.Participants = append(out.Participants, cp)
	}
	if len(out.Sources) == 0 {
		out.Sources = nil
	}
	mt.Participants = out.Participants
	return Unit{Kind: KindMeeting, Person: person, UUID: id, Meeting: out, Removed: r.str(m, "status") == "cancelled"}, true
}

// retiredStatus is, by type, the element and value that mean "no longer".
var retiredStatus = map[string][2]string{
	"RelatedPerson": {"active", "false"}, "Practitioner": {"active", "false"}, "PractitionerRole": {"active", "false"},
	"Flag": {"status", "inactive"}, "Goal": {"lifecycleStatus", "cancelled"}, "Task": {"status", "cancelled"},
	"QuestionnaireResponse": {"status", "stopped"}, "Consent": {"status", "inactive"}, "CareTeam": {"status", "inactive"},
	"Encounter": {"status", "cancelled"}, "Patient": {"active", "false"},
}
