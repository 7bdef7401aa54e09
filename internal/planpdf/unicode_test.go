package planpdf_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/pdfcheck"
	"whatmatters/internal/planpdf"
)

// Characters that used to crash gofpdf or draw as empty boxes.
const (
	sunflower = "🌻"          // U+1F33B, emoji beyond U+FFFF
	rareHan   = "𠀀"          // U+20000, CJK extension B: no embedded font has it
	unmapped  = "\U0010FFFD" // a private-use character of plane 16
	urdu      = "عائشہ صدیقی"
)

// hard is the sample plan with those characters, and format characters
// (zero-width space, joiners, soft hyphen, bidi controls, BOM, variation
// selector), in the person's name, About me, an action and a contact.
func hard(tb testing.TB) planpdf.Document {
	tb.Helper()
	doc := sample(tb)
	b, _ := json.Marshal(doc.Snapshot)
	var snap care.Snapshot
	if err := json.Unmarshal(b, &snap); err != nil {
		tb.Fatal(err)
	}
	snap.Person.PreferredName = "Go\u200Bsia\u00AD " + sunflower
	snap.Person.FamilyName = "Wiś\u200Dniew\u200Cska\u2066\u202E\u2069\uFEFF" + rareHan
	about := snap.Sections[care.SectionAboutMe]
	about.Fields = map[string]string{
		"mostImportant":   "My garden " + sunflower + "\uFE0F and tea ☕ → then a nap ✓ · £5 • " + unmapped,
		"peopleImportant": "My friend " + urdu + " from the market, and 王" + rareHan + "明.",
		"communicate":     "Call me \u200EGosia\u200F (\u202Aplease\u202C). Πες γεια. Привет. Ŵyr ŷd. 👩‍👩‍👧 🇵🇱",
	}
	snap.Sections[care.SectionAboutMe] = about
	actions := snap.Sections[care.SectionActions]
	actions.Items = append([]map[string]string{{"id": "20", "what": "Plant sunflowers " + sunflower + " by the gate " + rareHan + " " + unmapped, "owner": "person", "byWhen": "2026-12-15"}}, actions.Items[:3]...)
	snap.Sections[care.SectionActions] = actions
	contacts := snap.Sections[care.SectionContacts]
	contacts.Items = []map[string]string{{"id": "5", "name": "Ola Wiś\u200Bniewska " + sunflower, "relationship": "daughter " + rareHan, "phone": "07700 900123", "isCarer": "true"}}
	snap.Sections[care.SectionContacts] = contacts
	doc.Snapshot = &snap
	return doc
}

func TestRenderHardCharacters(t *testing.T) {
	doc := hard(t)
	for _, format := range formats {
		t.Run(format, func(t *testing.T) {
			pdf := renderTwice(t, doc, format)
			pdfcheck.Need(t, "pdftotext", "qpdf", "pdffonts")
			file := pdfcheck.File(t, format+".pdf", pdf)
			pdfcheck.Check(t, file)
			text := pdfcheck.Text(t, file)
			flat := strings.Join(strings.Fields(text), " ")
			for _, want := range []string{sunflower, rareHan, unmapped, urdu, "Gosia " + sunflower, "Wiśniewska",
				"☕ → then a nap ✓ · £5 •", "Πες γεια", "Привет", "Ŵyr ŷd", "Plant sunflowers " + sunflower, "Ola Wiśniewska " + sunflower} {
				if !strings.Contains(flat, want) {
					t.Errorf("pdftotext lacks %q", want)
				}
			}
			// (pdftotext itself wraps right-to-left words in U+202B and U+202C.)
			for _, r := range "\u200B\u200C\u200D\u00AD\u2066\u202E\u2069\uFEFF\uFE0F\u200E\u200F\u202A" {
				if strings.ContainsRune(text, r) {
					t.Errorf("the text layer has format character %U", r)
				}
			}
			for _, r := range text {
				if r >= 0xE000 && r <= 0xF8FF {
					t.Errorf("the text layer has a PUA code %U instead of the character", r)
					break
				}
			}
			if strings.Contains(text, "{nb}") {
				t.Error("page count alias not replaced")
			}
			if fonts := pdfcheck.Fonts(t, file); !strings.Contains(fonts, "emoji") {
				t.Errorf("no emoji font embedded:\n%s", fonts)
			}
			if format == planpdf.LargePrint { // substitutes and symbols too: nothing under 16 pt
				for _, m := range regexp.MustCompile(`/F[0-9a-f]+ ([\d.]+) Tf`).FindAllSubmatch(pdfcheck.QDF(t, file), -1) {
					if size, _ := strconv.ParseFloat(string(m[1]), 64); size < 16 {
						t.Errorf("large print has text at %.1f pt", size)
						break
					}
				}
			}
		})
	}
}

// TestPUANotEmoji: a Private Use Area character a person typed is theirs;
// it must not be drawn with the emoji font's glyph that the PUA mend puts
// at the same code.
func TestPUANotEmoji(t *testing.T) {
	doc := sample(t)
	snap := *doc.Snapshot
	snap.Person.PreferredName = "Gosia \uE000\uE001"
	doc.Snapshot = &snap
	pdf := mustRender(t, doc, planpdf.Standard)
	pdfcheck.Need(t, "pdffonts", "pdftotext")
	file := pdfcheck.File(t, "pua.pdf", pdf)
	if fonts := pdfcheck.Fonts(t, file); strings.Contains(fonts, "emoji") {
		t.Errorf("a PUA character was drawn with the emoji font:\n%s", fonts)
	}
	if !strings.Contains(pdfcheck.Text(t, file), "Gosia \uE000\uE001") {
		t.Error("the text layer lost the PUA characters")
	}
}

// TestFooter: the footer is regular weight and says "Page n of m" on every
// page of every format, even when a page break falls inside bold text.
func TestFooter(t *testing.T) {
	doc := sample(t)
	snap := *doc.Snapshot
	snap.Sections = map[string]care.SnapshotSection{}
	for k, v := range doc.Snapshot.Sections {
		snap.Sections[k] = v
	}
	// A signature name long enough to be written in bold across a page break.
	doc.Signatures = nil
	for i := 0; i < 40; i++ {
		doc.Signatures = append(doc.Signatures, care.Signature{Role: care.RolePerson, Name: strings.Repeat("Gosia Wiśniewska ", 12), Method: care.SignVerbal, Witness: "Ola"})
	}
	doc.Snapshot = &snap
	for _, format := range formats {
		pdf := mustRender(t, doc, format)
		pdfcheck.Need(t, "pdftotext", "qpdf")
		file := pdfcheck.File(t, format+".pdf", pdf)
		pages := pdfcheck.Pages(t, file)
		for i, page := range strings.Split(pdfcheck.Text(t, file), "\f") {
			if strings.TrimSpace(page) == "" {
				continue
			}
			want := "Page " + care.Itoa(int64(i+1)) + " of " + care.Itoa(int64(pages))
			if !strings.Contains(strings.Join(strings.Fields(page), " "), want) {
				t.Errorf("%s: page %d lacks %q", format, i+1, want)
			}
		}
	}
}

// TestRenderConcurrently renders from many goroutines at once (run with
// -race): fonts are shared between documents, nothing else is.
func TestRenderConcurrently(t *testing.T) {
	docs := []planpdf.Document{sample(t), hard(t)}
	want := make([][]byte, len(docs))
	for i, doc := range docs {
		var err error
		if want[i], err = planpdf.Render(doc, planpdf.Standard); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			i := g % len(docs)
			got, err := planpdf.Render(docs[i], planpdf.Standard)
			if err != nil {
				t.Error(err)
			} else if !bytes.Equal(got, want[i]) {
				t.Error("a concurrent render gave different bytes")
			}
			if _, err := planpdf.RenderPack(planpdf.Pack{PersonName: "秀英 " + sunflower, Date: "2026-11-24", Time: "10:00"}, planpdf.EasyRead); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}
