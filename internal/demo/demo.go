// Package demo loads fictional example people with full records, so that a
// newcomer sees the app working. Every person here is made up; the NHS
// numbers are in the 999 range that is never issued.
package demo

import (
	"context"
	"strconv"
	"strings"
	"time"

	"whatmatters/internal/care"
)

// Actor is who the example data is recorded as added by.
var Actor = care.Actor{Name: "What Matters example data", Role: "Example"}

type item struct {
	section string
	values  map[string]string
	// forContact, when set, is the index among this person's contacts whose
	// communication need this is.
	forContact int
}

type example struct {
	person  care.Person
	aboutMe map[string]string
	notes   map[string]string
	legal   map[string]string
	format  string
	items   []item
}

func v(kv ...string) map[string]string {
	m := make(map[string]string, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

var examples = []example{
	{
		person: care.Person{GivenName: "Małgorzata", FamilyName: "Wiśniewska", PreferredName: "Gosia", Pronouns: "she/her",
			DateOfBirth: "1944-03-14", NHSNumber: "9990000077", Details: care.PersonDetails{
				Address: "Flat 6, Kościuszko House\n27 Chapel Street\nRiverside", Postcode: "RV1 4QT", Phone: "01632 960 318",
				PreferredContact: "letter", GPName: "Riverside Surgery", GPAddress: "2 Station Road\nRiverside RV1 2AA",
				GPPhone: "01632 960 000", GPODSCode: "Y02345", LivesAlone: "yes",
				AccessNotes: "Second floor; the lift is often out of order. Knock loudly and wait: Gosia is hard of hearing and slow on her feet. Ola has a spare key.",
				Gender:      "Woman", Religion: "Roman Catholic", Ethnicity: "White Polish"}},
		aboutMe: v(
			"mostImportant", "Staying in my own flat, near my church and my daughter.\nCooking pierogi for the grandchildren on Sundays.",
			"peopleImportant", "My daughter Ola, who visits every day. My neighbour Mrs Patel. Father Tomasz at St Joseph's.",
			"communicate", "Polish is my first language. I understand English when people speak slowly, but for health matters I want a Polish interpreter. Big letters help me read.",
			"wellness", "Short walks to the shop. My sunflowers on the balcony 🌻. Knitting keeps my hands moving. My knees are worse in the cold.",
			"pleaseDo", "Please do call me Gosia. Please don't talk to Ola instead of me.",
			"support", "Mornings are best. Help with the stairs and with reading letters.",
			"alsoWorthKnowing", "I was a seamstress for forty years. Dziękuję!",
			"supportedBy", "Ola Wiśniewska (daughter)",
		),
		notes:  v("wellnessNote", "Osteoarthritis in both knees; physio referral made in October."),
		legal:  v("consent", "yes", "shareWith", "GP, district nurses, Ola", "respect", "no"),
		format: "large-print",
		items: []item{
			{section: care.SectionContacts, values: v("name", "Ola Wiśniewska", "type", "family", "relationship", "daughter",
				"phone", "07700 900123", "email", "ola.w@example.com", "isCarer", "true", "carerNeeds", "Works shifts; would like respite on weekends.",
				"receivesCopy", "true", "involved", "true")},
			{section: care.SectionContacts, values: v("name", "Meera Patel", "type", "friend", "relationship", "neighbour", "phone", "01632 960 441")},
			{section: care.SectionCommunicationNeeds, values: v("need", "spoken-language-interpreter", "language", "Polish")},
			{section: care.SectionCommunicationNeeds, values: v("need", "large-print")},
			{section: care.SectionCommunicationNeeds, values: v("need", "hearing-loop")}, // she is hard of hearing
			{section: care.SectionCareTeam, values: v("name", "Dr Priya Rao", "role", "gp", "organisation", "Riverside Surgery", "phone", "01632 960 000")},
			{section: care.SectionCareTeam, values: v("name", "Sam Okafor", "role", "social-worker", "team", "Community care coordination",
				"organisation", "Riverside Council", "phone", "01632 960 210", "email", "sam.okafor@example.org", "keyWorker", "true")},
			{section: care.SectionStrengths, values: v("text", "Determined and good humoured; still cooks for the family.")},
			{section: care.SectionCommunity, values: v("name", "St Joseph's Polish church", "gives", "Friends, Sunday lunch club, a lift home", "contact", "Father Tomasz, 01632 960 777")},
			{section: care.SectionNeeds, values: v("kind", "condition", "text", "Painful knees (osteoarthritis)")},
			{section: care.SectionNeeds, values: v("kind", "concern", "text", "Stairs to the flat are getting harder")},
		},
	},
	{
		person: care.Person{GivenName: "Siân", FamilyName: "Llywelyn", Pronouns: "she/her", DateOfBirth: "1958-11-02", NHSNumber: "9990000212",
			Details: care.PersonDetails{Address: "Tŷ Gwyn, Heol y Capel\nLlanfair Riverside", Postcode: "RV7 3LW", Phone: "07700 900 455",
				Email: "sian.llywelyn@example.com", PreferredContact: "text", GPName: "Llanfair Health Centre", GPPhone: "01632 960 520",
				GPODSCode: "W97016", LivesAlone: "no", LivesWith: "Her partner Gareth", AccessNotes: "Ring the bell and wait; Siân may not hear a knock.",
				Gender: "Woman", Religion: "Chapel (Welsh Baptist)"}},
		aboutMe: v(
			"mostImportant", "Singing with the chapel choir (côr y capel) and keeping my allotment.",
			"peopleImportant", "My partner Gareth. My brother Dafydd in Aberystwyth.",
			"communicate", "I wear hearing aids; please face me and use the hearing loop. Rwy'n siarad Cymraeg — I am happy in Welsh or English.",
			"wellness", "Type 2 diabetes, managed with tablets. I feel best after a morning on the allotment.",
			"pleaseDo", "Please do write things down for me. Please don't cover your mouth when you speak.",
			"support", "Gareth comes to appointments with me.",
		),
		legal:  v("consent", "yes", "shareWith", "GP and diabetes nurse", "lpa", "Gareth Morgan (health and welfare)"),
		format: "standard",
		items: []item{
			{section: care.SectionContacts, values: v("name", "Gareth Morgan", "type", "family", "relationship", "partner", "phone", "07700 900456",
				"isCarer", "true", "receivesCopy", "true", "involved", "true")},
			{section: care.SectionCommunicationNeeds, values: v("need", "hearing-loop")},
			{section: care.SectionCareTeam, values: v("name", "Rhys Evans", "role", "nurse", "team", "Diabetes", "organisation", "Bro Taf Health", "keyWorker", "true")},
			{section: care.SectionStrengths, values: v("text", "Grows her own vegetables; knows everyone in the village.")},
			{section: care.SectionCommunity, values: v("name", "Capel Bethel choir", "gives", "Singing twice a week and friends")},
			{section: care.SectionNeeds, values: v("kind", "condition", "text", "Type 2 diabetes")},
			{section: care.SectionNeeds, values: v("kind", "need", "text", "Hearing support in group conversations")},
		},
	},
	{
		person: care.Person{GivenName: "Ayesha", FamilyName: "Siddiqui", PreferredName: "عائشہ", Pronouns: "she/her", DateOfBirth: "1971-06-21", NHSNumber: "9990000352",
			Details: care.PersonDetails{Address: "41 Elm Grove\nRiverside", Postcode: "RV3 8DN", Phone: "07700 900 790",
				PreferredContact: "phone", GPName: "Riverside Surgery", GPPhone: "01632 960 000", GPODSCode: "Y02345",
				LivesAlone: "no", LivesWith: "Her husband Imran and their three children", Gender: "Woman", Religion: "Muslim", Ethnicity: "Pakistani"}},
		aboutMe: v(
			"mostImportant", "My children doing well at school. Praying at the mosque on Fridays. میرا خاندان سب سے اہم ہے۔",
			"peopleImportant", "My husband Imran and our three children. My sister Nadia.",
			"communicate", "I speak Urdu and some English. Pictures and easy read help me. Please use an Urdu interpreter, not my children.",
			"wellness", "Low mood since last winter. Walking with my sister helps.",
			"pleaseDo", "Please do see me with a female clinician when possible.",
		),
		legal:  v("consent", "not-asked"),
		format: "easy-read",
		items: []item{
			{section: care.SectionContacts, values: v("name", "Nadia Siddiqui", "type", "family", "relationship", "sister", "phone", "07700 900789", "involved", "true")},
			{section: care.SectionCommunicationNeeds, values: v("need", "spoken-language-interpreter", "language", "Urdu")},
			{section: care.SectionCommunicationNeeds, values: v("need", "easy-read")},
			{section: care.SectionCareTeam, values: v("name", "Hannah Cole", "role", "mental-health-practitioner", "team", "Talking therapies", "keyWorker", "true")},
			{section: care.SectionStrengths, values: v("text", "A loving mother; organised and resourceful.")},
			{section: care.SectionNeeds, values: v("kind", "concern", "text", "Feeling low and tired most days")},
		},
	},
	{
		person: care.Person{GivenName: "秀英", FamilyName: "王", PreferredName: "Xiuying", DateOfBirth: "1940-01-30", NHSNumber: "9990000425",
			Details: care.PersonDetails{Address: "12 Pagoda Court\nRiverside", Postcode: "RV2 5HY", Phone: "01632 960 882",
				PreferredContact: "through-contact", GPName: "Riverside Surgery", GPPhone: "01632 960 000", GPODSCode: "Y02345",
				LivesAlone: "no", LivesWith: "Her grandson Wei", AccessNotes: "Key safe by the front door: Wei gives the code by phone.", Ethnicity: "Chinese"}},
		aboutMe: v(
			"mostImportant", "和我的孙子一起喝茶。在公园里打太极拳。\nTea with my grandson and tai chi in the park.",
			"peopleImportant", "My grandson Wei, who lives with me. My sister 王𠀀, who phones from Hong Kong on Sundays (her name has a rare character).",
			"communicate", "I speak Cantonese. Please bring an interpreter. Large print helps.",
			"wellness", "Tai chi every morning. High blood pressure.",
		),
		legal:  v("consent", "yes", "shareWith", "GP and Wei", "respect", "yes", "respectWhere", "In the red folder by the front door"),
		format: "large-print",
		items: []item{
			{section: care.SectionContacts, values: v("name", "Wei Wang", "type", "carer", "relationship", "grandson", "phone", "07700 900321", "isCarer", "true",
				"carerNeeds", "Studying part time; needs evenings free.", "receivesCopy", "true", "involved", "true")},
			{section: care.SectionCommunicationNeeds, values: v("need", "spoken-language-interpreter", "language", "Cantonese")},
			{section: care.SectionCommunicationNeeds, values: v("need", "large-print")},
			{section: care.SectionCareTeam, values: v("name", "Li Na Chen", "role", "pharmacist", "organisation", "High Street Pharmacy")},
			{section: care.SectionCareTeam, values: v("name", "Dr Priya Rao", "role", "gp", "organisation", "Riverside Surgery", "keyWorker", "true")},
			{section: care.SectionCommunity, values: v("name", "Riverside Park tai chi group", "gives", "Exercise and company every morning")},
			{section: care.SectionNeeds, values: v("kind", "condition", "text", "High blood pressure")},
		},
	},
	{
		person: care.Person{GivenName: "Derek", FamilyName: "Johnson", Pronouns: "he/him", DateOfBirth: "1962-08-09", NHSNumber: "9990000492",
			Details: care.PersonDetails{Address: "Flat 2, 9 Canal Wharf\nRiverside", Postcode: "RV4 1BS", Phone: "07700 900 655",
				Email: "derek.johnson@example.com", PreferredContact: "text", GPName: "Canal Side Medical Practice", GPPhone: "01632 960 640",
				GPODSCode: "A81001", LivesAlone: "yes", AccessNotes: "Derek is Deaf: the doorbell flashes a light. Do not phone; text him when you arrive.",
				Gender: "Man"}},
		aboutMe: v(
			"mostImportant", "Watching the football with my mates at the Deaf club. Getting back to work.",
			"peopleImportant", "My son Liam. My friends at the Deaf club.",
			"communicate", "I am Deaf and use British Sign Language. Please book a BSL interpreter for every appointment. Text messages are fine; phone calls are not.",
			"wellness", "Recovering from a stroke in the spring. My left hand is weak.",
			"pleaseDo", "Please do look at me, not the interpreter. Please don't shout.",
			"support", "Help with forms and with getting to the gym for rehab.",
		),
		legal:  v("consent", "yes", "shareWith", "GP, stroke team, Liam", "advanceDecision", "Advance statement written in June; copy with Liam."),
		format: "standard",
		items: []item{
			{section: care.SectionContacts, values: v("name", "Liam Johnson", "type", "family", "relationship", "son", "phone", "07700 900654",
				"email", "liam.j@example.com", "isCarer", "true", "receivesCopy", "true", "involved", "true")},
			{section: care.SectionCommunicationNeeds, values: v("need", "bsl-interpreter")},
			{section: care.SectionCommunicationNeeds, values: v("need", "easy-read"), forContact: 1},
			{section: care.SectionCareTeam, values: v("name", "Aisha Bello", "role", "occupational-therapist", "team", "Community stroke team", "keyWorker", "true")},
			{section: care.SectionCareTeam, values: v("name", "Tom Hughes", "role", "physiotherapist", "team", "Community stroke team")},
			{section: care.SectionStrengths, values: v("text", "Stubborn in a good way; does his exercises every day.")},
			{section: care.SectionCommunity, values: v("name", "Riverside Deaf club", "gives", "Friends, football nights, BSL news")},
			{section: care.SectionNeeds, values: v("kind", "condition", "text", "Weak left hand after a stroke")},
			{section: care.SectionNeeds, values: v("kind", "need", "text", "Getting back to work part time")},
		},
	},
}

// Services are what seeding writes through.
type Services struct {
	People   care.PersonService
	Records  care.RecordService
	Versions care.VersionService
	// Seal makes each version's signed PDFs before it is agreed, as the app does.
	Seal care.Seal
	// Examples, if set, marks each person added as an example person, so
	// that they can be removed entirely later.
	Examples interface {
		MarkExample(ctx context.Context, personID int64) error
	}
}

// wave is a drawn signature: a few strokes in the box's 0..1 units.
var wave = [][]care.Point{
	{{X: 0.08, Y: 0.6}, {X: 0.18, Y: 0.3}, {X: 0.28, Y: 0.7}, {X: 0.38, Y: 0.35}, {X: 0.5, Y: 0.65}, {X: 0.62, Y: 0.4}},
	{{X: 0.66, Y: 0.7}, {X: 0.9, Y: 0.55}},
}

func signatures(ex example) []care.Signature {
	return []care.Signature{
		{Role: care.RolePerson, Name: ex.person.DisplayName(), Method: care.SignDrawn, Strokes: wave},
		{Role: care.RoleCoordinator, Name: "Sam Okafor", Method: care.SignVerbal, Witness: "Ola Wiśniewska"},
	}
}

// Seed adds the example people who are not there already (matched by NHS
// number, or by name and date of birth), each with a plan agreed and signed (the first person with two
// versions and a review draft), and returns how many it added. It stops at
// the first failure and returns it; people added before then stay.
func Seed(ctx context.Context, s Services, now time.Time) (int, error) {
	people, records := s.People, s.Records
	if _, ok := care.ActorFrom(ctx); !ok {
		ctx = care.WithActor(ctx, Actor)
	}
	added := 0
	for _, ex := range examples {
		existing, _, err := people.SearchPeople(ctx, care.PersonFilter{Query: ex.person.NHSNumber, IncludeInactive: true})
		if err != nil {
			return added, err
		} else if len(existing) > 0 {
			continue
		}
		p := ex.person
		if err := people.CreatePerson(ctx, &p); care.DuplicateOf(err) != 0 {
			continue // someone of that name and birthday is already recorded
		} else if err != nil {
			return added, err
		}
		if s.Examples != nil {
			if err := s.Examples.MarkExample(ctx, p.ID); err != nil {
				return added, err
			}
		}
		if err := saveFields(ctx, records, p.ID, care.SectionAboutMe, care.ActionEditPersonsWords, ex.aboutMe); err != nil {
			return added, err
		}
		if err := saveFields(ctx, records, p.ID, care.SectionAboutMe, care.ActionEdit, ex.notes); err != nil {
			return added, err
		}
		if err := saveFields(ctx, records, p.ID, care.SectionLegal, care.ActionEdit, ex.legal); err != nil {
			return added, err
		}
		if err := saveFields(ctx, records, p.ID, care.SectionCommunication, care.ActionEdit, v("printFormat", ex.format)); err != nil {
			return added, err
		}
		var contacts []int64
		for _, it := range ex.items {
			values := it.values
			if it.forContact > 0 {
				values = v("forWhom", strconv.FormatInt(contacts[it.forContact-1], 10))
				for k, val := range it.values {
					values[k] = val
				}
			}
			item := &care.Item{PersonID: p.ID, Section: it.section, Values: values}
			if err := records.SaveItem(ctx, item); err != nil {
				return added, err
			}
			if it.section == care.SectionContacts {
				contacts = append(contacts, item.ID)
			}
		}
		if err := seedPlan(ctx, s, ex, p.ID, contacts, now, added == 0); err != nil {
			return added, err
		}
		added++
	}
	return added, nil
}

// seedPlan gives an example person a plan and agrees it; with review, it
// also agrees a second version and leaves a review draft.
func seedPlan(ctx context.Context, s Services, ex example, id int64, contacts []int64, now time.Time, review bool) error {
	about := care.Decode(care.SectionAboutMe, ex.aboutMe).(care.AboutMe)
	first := strings.SplitN(about.MostImportant, "\n", 2)[0]
	g := care.Goal{Text: first, Why: "It is what matters most to me", Importance: 9, Status: "in-progress"}
	goal := care.NewItem(id, g)
	if err := s.Records.SaveItem(ctx, goal); err != nil {
		return err
	}
	owner := care.Owner{Kind: care.OwnerPerson}
	if len(contacts) > 0 {
		owner = care.Owner{Kind: care.OwnerContact, ID: contacts[0]}
	}
	for _, it := range []*care.Item{
		care.NewItem(id, care.Action{What: "Talk through what would help, and try it for a month", Owner: owner,
			ByWhen: now.AddDate(0, 1, 0).Format(care.DateLayout), Status: "not-started", Confidence: 7, Goal: goal.ID}),
		care.NewItem(id, care.CrisisContact{Name: "NHS 111", Phone: "111", When: "any"}),
	} {
		if err := s.Records.SaveItem(ctx, it); err != nil {
			return err
		}
	}
	if err := saveFields(ctx, s.Records, id, care.SectionReview, care.ActionEdit,
		v("date", now.AddDate(0, 6, 0).Format(care.DateLayout), "responsible", "Sam Okafor")); err != nil {
		return err
	}
	if _, err := s.Versions.AgreePlan(ctx, id, signatures(ex), s.Seal); err != nil {
		return err
	}
	if !review {
		return nil
	}
	// A review: the goal is achieved, a new one is added, and version 2 agreed...
	g.ID, g.UUID, g.Status = goal.ID, goal.UUID, "achieved"
	achieved := care.NewItem(id, g)
	achieved.Version = goal.Version
	if err := s.Records.SaveItem(ctx, achieved); err != nil {
		return err
	}
	if err := s.Records.SaveItem(ctx, care.NewItem(id, care.Goal{Text: "Cook pierogi for the street party", Importance: 8, Status: "not-started"})); err != nil {
		return err
	}
	if _, err := s.Versions.AgreePlan(ctx, id, signatures(ex), s.Seal); err != nil {
		return err
	}
	// ...and the next review has begun: a draft not yet agreed.
	return s.Records.SaveItem(ctx, care.NewItem(id, care.Goal{Text: "Learn to video call my sister in Kraków", Importance: 7, Status: "not-started"}))
}

func saveFields(ctx context.Context, records care.RecordService, id int64, section, action string, values map[string]string) error {
	if len(values) == 0 {
		return nil
	}
	changes := make([]care.FieldChange, 0, len(values))
	for k, val := range values {
		changes = append(changes, care.FieldChange{Key: k, Value: val})
	}
	return records.SaveFields(ctx, id, section, action, changes)
}
