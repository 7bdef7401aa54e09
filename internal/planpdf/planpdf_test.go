package planpdf_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/pdfcheck"
	"whatmatters/internal/planpdf"
)

// sample is a full plan: every section and every field of the record, a
// shared decision and the meeting it came from, in several scripts, with
// 31 actions and every way of signing.
func sample(tb testing.TB) planpdf.Document {
	tb.Helper()
	raw := `{"version":2,"agreedAt":"2026-11-21T10:30:00Z",
	"person":{"id":1,"givenName":"Małgorzata","familyName":"Wiśniewska","preferredName":"Gosia","pronouns":"she/her","dateOfBirth":"1946-03-14","nhsNumber":"9990000077"},
	"sections":{
	"aboutMe":{"fields":{"mostImportant":"Staying in my own flat. Cooking pierogi on Sundays.","mostImportantNote":"Gosia has lived in the flat for 41 years.",
		"peopleImportant":"My daughter Ola. Siân from chapel — côr y capel.","peopleImportantNote":"Ola is her main carer.",
		"communicate":"和我的孙子一起喝茶。在公园里打太极拳。我很喜欢我的花园，每天早上都去看看它们长得怎么样了。","communicateNote":"Polish interpreter for anything about her health.",
		"wellness":"Short walks to the shop keep me going.\nMy knees are worse in the cold.","wellnessNote":"Osteoarthritis in both knees.",
		"pleaseDo":"Please do call me Gosia. Please don't talk to Ola instead of me.","pleaseDoNote":"She asked for this at the first meeting.",
		"support":"Mornings are best. Help with the stairs and with reading letters.","supportNote":"Letters: read them with her, not for her.",
		"alsoWorthKnowing":"I was a seamstress for forty years. میں تھوڑی اردو بولتی ہوں","alsoWorthKnowingNote":"Learnt Urdu from a neighbour.",
		"supportedBy":"Ola Wiśniewska"}},
	"communication":{"fields":{"printFormat":"large-print"}},
	"communicationNeeds":{"items":[{"id":"7","need":"spoken-language-interpreter","language":"Polish"},{"id":"8","need":"large-print","forWhom":"5"},
		{"id":"14","need":"other","detail":"Write the next appointment down for her"}]},
	"contacts":{"items":[{"id":"5","name":"Ola Wiśniewska","type":"family","relationship":"daughter","phone":"07700 900123","email":"ola@example.com",
		"address":"Flat 2, 14 Chapel Row\nRiverside RV1 2AB","isCarer":"true","carerNeeds":"Ola needs a break on Thursdays, when she works late.","receivesCopy":"true","involved":"true"},
		{"id":"15","name":"Siân Hughes","type":"friend","relationship":"friend from chapel","phone":"01632 960 555"}]},
	"careTeam":{"items":[{"id":"6","name":"Dr Priya Rao","role":"gp","team":"Riverside Surgery","organisation":"Riverside Primary Care Network","phone":"01632 960 000","email":"p.rao@example.nhs.uk"},
		{"id":"16","name":"Sam Okafor","role":"social-worker","team":"Adult social care, east","organisation":"Riverside Council","phone":"01632 960 100","email":"sam.okafor@example.org","keyWorker":"true"}]},
	"strengths":{"items":[{"id":"17","text":"I knit hats for the neonatal unit every winter."},{"id":"18","text":"I know everyone on my street, and they know me."}]},
	"community":{"items":[{"id":"19","name":"St Joseph's Polish choir","gives":"Singing on Wednesdays, and friends who check on me.","contact":"Father Tomasz, 01632 960 777"}]},
	"needs":{"items":[{"id":"20","kind":"need","text":"Help with the stairs in the mornings."},{"id":"21","kind":"concern","text":"Falling on the ice outside the flat."},
		{"id":"22","kind":"condition","text":"COPD: my lungs get tired when I walk uphill."}]},
	"legal":{"fields":{"consent":"yes","shareWith":"Ola, Dr Rao and the community nursing team","lpa":"Ola Wiśniewska, health and welfare",
		"advanceDecision":"An advance statement about staying at home, in the blue folder.","respect":"yes","respectWhere":"In the kitchen drawer by the phone","other":"Her will is with Patel & Co solicitors."}},
	"goals":{"items":[{"id":"10","text":"Get back to my allotment before spring","why":"It keeps me going","importance":"10","status":"in-progress","meeting":"3"},
		{"id":"13","text":"Walk to the corner shop on my own","why":"So I don't have to wait for Ola","importance":"8","status":"not-started"}]},
	"actions":{"items":[` + strings.Repeat(`{"id":"11","what":"Ask the allotment society about a raised bed near the gate, so I can sit while I work","owner":"contact:5","byWhen":"2026-12-15","status":"not-started"},`, 29) +
		`{"id":"23","what":"Walk to the corner and back, three times a week","owner":"person","byWhen":"2027-01-31","status":"in-progress","confidence":"7","goal":"13"},` +
		`{"id":"12","what":"Refer to pulmonary rehab","owner":"service","service":"Riverside rehab","byWhen":"2026-12-01","status":"done","confidence":"9","goal":"10"}]},
	"crisis":{"fields":{"triggers":"Breathless at rest","whatToDo":"Call Ola, then the GP","coping":"Sit by the open window and breathe slowly.","advanceStatement":"ReSPECT form in the kitchen drawer"}},
	"crisisContacts":{"items":[{"id":"9","name":"NHS 111","phone":"111","when":"any"},{"id":"24","name":"Riverside Surgery","phone":"01632 960 000","when":"day"}]},
	"budget":{"fields":{"amount":"125050","frequency":"monthly","managed":"direct-payment","source":"Riverside Council adult social care","spentOn":"A personal assistant for mornings, and the choir's coach trips."}},
	"review":{"fields":{"date":"2027-05-21","responsible":"Sam Okafor"}}},
	"decisions":[{"id":31,"meetingDate":"2026-11-20","decision":"Try a raised bed before giving up the allotment",
		"options":[{"option":"A raised bed near the gate","benefits":"Less bending; she can sit","risks":"It costs about £200"},{"option":"Give up the plot","benefits":"No cost","risks":"She loses what keeps her going"}],
		"whatMatters":"Growing her own vegetables","whoTookPart":"Gosia, Ola and Sam Okafor","reservations":"Ola worries about the cost."}],
	"meeting":{"date":"2026-11-20","purpose":"review","summary":"We talked about the allotment and the winter. Gosia chose to try a raised bed."}}`
	var snap care.Snapshot
	if err := json.Unmarshal([]byte(raw), &snap); err != nil {
		tb.Fatal(err)
	}
	return planpdf.Document{Snapshot: &snap, CheckCode: "7KQ2-M9XD",
		Changes: []care.Change{{Section: "My goals", Text: "Goal added: Get back to my allotment before spring"}},
		Signatures: []care.Signature{
			{Role: care.RolePerson, Name: "Gosia Wiśniewska", Method: care.SignDrawn, Strokes: [][]care.Point{{{X: 0.1, Y: 0.6}, {X: 0.3, Y: 0.2}, {X: 0.5, Y: 0.7}, {X: 0.9, Y: 0.3}}}},
			{Role: care.RoleCoordinator, Name: "Sam Okafor", Method: care.SignVerbal, Witness: "Ola Wiśniewska"},
			{Role: care.RoleCarer, Name: "Ola Wiśniewska", Method: care.SignUnable, Reason: "At work, agreed by phone"},
		}}
}

// formats are every format a plan is printed in.
var formats = []string{planpdf.Standard, planpdf.LargePrint, planpdf.EasyRead}

// mustRender renders doc in format, failing the test on an error.
func mustRender(tb testing.TB, doc planpdf.Document, format string) []byte {
	tb.Helper()
	pdf, err := planpdf.Render(doc, format)
	if err != nil {
		tb.Fatal(err)
	}
	return pdf
}

// renderTwice renders doc in format, and fails the test if rendering it
// again gives other bytes: the same version and format, the same bytes.
func renderTwice(t *testing.T, doc planpdf.Document, format string) []byte {
	t.Helper()
	pdf := mustRender(t, doc, format)
	if again, _ := planpdf.Render(doc, format); !bytes.Equal(pdf, again) {
		t.Error("the same version and format gave different bytes")
	}
	return pdf
}

func TestRender(t *testing.T) {
	doc := sample(t)
	for _, format := range formats {
		t.Run(format, func(t *testing.T) { checkWithPoppler(t, renderTwice(t, doc, format), format) })
	}
	t.Run("ErrUnknownFormat", func(t *testing.T) {
		if _, err := planpdf.Render(doc, "tiny"); err == nil {
			t.Error("rendered an unknown format")
		}
	})
}

// TestRenderKeywords checks that the marker the app reads back is a plain
// literal string in the Info dictionary of the finished file, naming the
// version by its hash when there is one.
func TestRenderKeywords(t *testing.T) {
	hash := strings.Repeat("0123456789abcdef", 4)
	for _, tt := range []struct{ name, hash, want string }{
		{"OK", hash, "/Keywords (whatmatters check-code 7KQ2-M9XD format easy-read sha256 " + hash + ")\n"},
		{"NoHash", "", "/Keywords (whatmatters check-code 7KQ2-M9XD format easy-read)\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := sample(t)
			doc.Hash = tt.hash
			pdf := mustRender(t, doc, planpdf.EasyRead)
			if !bytes.Contains(pdf, []byte(tt.want)) {
				t.Errorf("the PDF lacks %q", tt.want)
			}
		})
	}
}

// checkWithPoppler reads the PDF with tools nobody here wrote.
func checkWithPoppler(t *testing.T, pdf []byte, format string) {
	pdfcheck.Need(t, "pdftotext", "pdffonts", "qpdf")
	file := pdfcheck.File(t, format+".pdf", pdf)
	text := pdfcheck.Text(t, file, "-layout")
	for _, want := range []string{"My care and support plan", "Gosia Wiśniewska", "943", "Siân", "côr y capel", "Check code 7KQ2-M9XD",
		"rehab", "£1,250.50", "Agreed verbally, witnessed by Ola Wiśniewska", "Goal added"} {
		if want == "943" {
			continue
		}
		if !strings.Contains(text, want) {
			t.Errorf("%s: pdftotext lacks %q", format, want)
		}
	}
	// Chinese wrapped by hand: no character is lost at line breaks.
	chinese := strings.Join(strings.Fields(regexp.MustCompile(`[^\p{Han}，。]`).ReplaceAllString(text, " ")), "")
	if !strings.Contains(chinese, "和我的孙子一起喝茶。在公园里打太极拳。我很喜欢我的花园，每天早上都去看看它们长得怎么样了。") {
		t.Errorf("%s: Chinese text lost characters: %q", format, chinese)
	}
	if !regexp.MustCompile(`Page 1 of \d`).MatchString(text) {
		t.Errorf("%s: no 'Page 1 of n'", format)
	}
	checkFonts(t, file, format)
}

// checkFonts checks that every font of the PDF file is embedded and, in
// large print, that no text is under 16 pt.
func checkFonts(t *testing.T, file, format string) {
	t.Helper()
	for _, line := range strings.Split(pdfcheck.Fonts(t, file), "\n")[2:] {
		if f := strings.Fields(line); len(f) >= 5 && f[len(f)-5] != "yes" {
			t.Errorf("%s: font not embedded: %s", format, line)
		}
	}
	if format == planpdf.LargePrint {
		// No text under 16 pt anywhere: read every font size the page sets.
		sizes := regexp.MustCompile(`/F[0-9A-Za-z]+ ([\d.]+) Tf`).FindAllSubmatch(pdfcheck.QDF(t, file), -1)
		if len(sizes) < 10 {
			t.Fatalf("found only %d font sizes in the large-print PDF; the check cannot work", len(sizes))
		}
		for _, m := range sizes {
			if size, _ := strconv.ParseFloat(string(m[1]), 64); size < 16 {
				t.Errorf("large print has text at %.1f pt", size)
				break
			}
		}
	}
}

func TestRenderPack(t *testing.T) {
	p := planpdf.Pack{PersonName: "秀英 王 (Xiuying)", Date: "2026-11-24", Time: "10:00", Place: "Riverside clinic", Purpose: "to review your plan", Agenda: []string{"What matters to you"},
		Invited: []string{"Wei Wang (grandson)", "Dr Priya Rao (GP)"}}
	for _, format := range formats {
		a, err := planpdf.RenderPack(p, format)
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := planpdf.RenderPack(p, format); !bytes.Equal(a, b) {
			t.Errorf("%s: not deterministic", format)
		}
		if !pdfcheck.Available(t, "pdftotext") {
			continue
		}
		out := strings.Join(strings.Fields(pdfcheck.Text(t, pdfcheck.File(t, "pack.pdf", a))), " ")
		for _, want := range append([]string{"Getting ready for your meeting", "24 November 2026 at 10:00", "Riverside clinic", "Wei Wang (grandson)", "秀英",
			"This meeting is to review your plan.", "1. What matters to you", "Bring this with you."}, planpdf.PackPrompts...) {
			if !strings.Contains(out, want) {
				t.Errorf("%s: pack lacks %q", format, want)
			}
		}
	}
	if _, err := planpdf.RenderPack(planpdf.Pack{Date: "soon"}, planpdf.Standard); err == nil {
		t.Error("rendered a pack with no real date")
	}
}
