package fhir

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/json"
	"time"
	"whatmatters/internal/care"
)

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
