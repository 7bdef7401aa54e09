package planpdf_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/pdfcheck"
	"whatmatters/internal/planpdf"
)

// sample is a full plan in several scripts.
func sample(tb testing.TB) planpdf.Document {
	tb.Helper()
	raw := `{"version":2,"agreedAt":"2026-11-21T10:30:00Z",
	"person":{"id":1,"givenName":"Małgorzata","familyName":"Wiśniewska","preferredName":"Gosia","pronouns":"she/her","dateOfBirth":"1946-03-14","nhsNumber":"9990000077"},
	"sections":{
	"aboutMe":{"fields":{"mostImportant":"Staying in my own flat. Cooking pierogi on Sundays.","peopleImportant":"My daughter Ola. Siân from chapel — côr y capel.","communicate":"和我的孙子一起喝茶。在公园里打太极拳。我很喜欢我的花园，每天早上都去看看它们长得怎么样了。","supportedBy":"Ola Wiśniewska"}},
	"goals":{"items":[{"id":"10","text":"Get back to my allotment before spring","why":"It keeps me going","importance":"10","status":"in-progress"}]},
	"actions":{"items":[` + strings.Repeat(`{"id":"11","what":"Ask the allotment society about a raised bed near the gate, so I can sit while I work","owner":"contact:5","byWhen":"2026-12-15","status":"not-started"},`, 30) + `{"id":"12","what":"Refer to pulmonary rehab","owner":"service","service":"Riverside rehab","byWhen":"2026-12-01"}]},
	"contacts":{"items":[{"id":"5","name":"Ola Wiśniewska","relationship":"daughter","phone":"07700 900123","isCarer":"true","type":"family"}]},
	"careTeam":{"items":[{"id":"6","name":"Dr Priya Rao","role":"gp","keyWorker":"true","phone":"01632 960 000"}]},
	"communicationNeeds":{"items":[{"id":"7","need":"spoken-language-interpreter","language":"Polish"},{"id":"8","need":"large-print","forWhom":"5"}]},
	"crisis":{"fields":{"triggers":"Breathless at rest","whatToDo":"Call Ola, then the GP"}},
	"crisisContacts":{"items":[{"id":"9","name":"NHS 111","phone":"111","when":"any"}]},
	"budget":{"fields":{"amount":"125050","frequency":"monthly","managed":"direct-payment"}},
	"review":{"fields":{"date":"2027-05-21","responsible":"Sam Okafor"}}}}`
	var snap care.Snapshot
	if err := json.Unmarshal([]byte(raw), &snap); err != nil {
		tb.Fatal(err)
	}
	return planpdf.Document{Snapshot: &snap, CheckCode: "7KQ2-M9XD",
		Changes: []care.Change{{Section: "My goals", Text: "Goal added: Get back to my allotment before spring"}},
		Signatures: []care.Signature{
			{Role: care.RolePerson, Name: "Gosia Wiśniewska", Method: care.SignDrawn, Strokes: [][]care.Point{{{X: 0.1, Y: 0.6}, {X: 0.3, Y: 0.2}, {X: 0.5, Y: 0.7}, {X: 0.9, Y: 0.3}}}},
			{Role: care.RoleCoordinator, Name: "Sam Okafor", Method: care.SignVerbal, Witness: "Ola Wiśniewska"},
		}}
}

func TestRender(t *testing.T) {
	doc := sample(t)
	for _, format := range []string{planpdf.Standard, planpdf.LargePrint, planpdf.EasyRead} {
		t.Run(format, func(t *testing.T) {
			a, err := planpdf.Render(doc, format)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := planpdf.Render(doc, format)
			if !bytes.Equal(a, b) {
				t.Error("the same version and format gave different bytes")
			}
			checkWithPoppler(t, a, format)
		})
	}
	t.Run("ErrUnknownFormat", func(t *testing.T) {
		if _, err := planpdf.Render(doc, "tiny"); err == nil {
			t.Error("rendered an unknown format")
		}
	})
}

// checkWithPoppler reads the PDF with tools nobody here wrote.
func checkWithPoppler(t *testing.T, pdf []byte, format string) {
	if !pdfcheck.Available(t, "pdftotext", "pdffonts", "qpdf") {
		t.Skip("poppler-utils or qpdf not installed")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, format+".pdf")
	os.WriteFile(file, pdf, 0o600)
	if out, err := exec.Command("pdftotext", "-layout", file, "-").Output(); err != nil {
		t.Fatal(err)
	} else {
		text := string(out)
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
	}
	if out, err := exec.Command("pdffonts", file).Output(); err == nil {
		for _, line := range strings.Split(string(out), "\n")[2:] {
			if f := strings.Fields(line); len(f) >= 5 && f[len(f)-5] != "yes" {
				t.Errorf("%s: font not embedded: %s", format, line)
			}
		}
	}
	if format == planpdf.LargePrint {
		// No text under 16 pt anywhere: read every font size the page sets.
		out, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", file, filepath.Join(dir, "q.pdf")).CombinedOutput()
		if err != nil {
			t.Fatalf("qpdf: %v %s", err, out)
		}
		q, _ := os.ReadFile(filepath.Join(dir, "q.pdf"))
		sizes := regexp.MustCompile(`/F[0-9A-Za-z]+ ([\d.]+) Tf`).FindAllSubmatch(q, -1)
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
	p := planpdf.Pack{PersonName: "秀英 王 (Xiuying)", Date: "2026-11-24", Time: "10:00", Place: "Riverside clinic", Purpose: "Review",
		Invited: []string{"Wei Wang (grandson)", "Dr Priya Rao (GP)"}}
	for _, format := range []string{planpdf.Standard, planpdf.LargePrint, planpdf.EasyRead} {
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
		file := filepath.Join(t.TempDir(), "pack.pdf")
		os.WriteFile(file, a, 0o600)
		raw, _ := exec.Command("pdftotext", file, "-").Output()
		out := strings.Join(strings.Fields(string(raw)), " ")
		for _, want := range append([]string{"Getting ready for your meeting", "24 November 2026 at 10:00", "Riverside clinic", "Wei Wang (grandson)", "秀英"}, planpdf.PackPrompts...) {
			if !strings.Contains(out, want) {
				t.Errorf("%s: pack lacks %q", format, want)
			}
		}
	}
	if _, err := planpdf.RenderPack(planpdf.Pack{Date: "soon"}, planpdf.Standard); err == nil {
		t.Error("rendered a pack with no real date")
	}
}
