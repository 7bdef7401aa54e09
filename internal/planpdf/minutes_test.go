package planpdf_test

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/pdfcheck"
	"whatmatters/internal/planpdf"
)

// sampleMinutes is a meeting with words in several scripts, the person's
// own words, a correction, a strike through, a decision, a goal and an
// action, and enough said to run over a page.
func sampleMinutes() planpdf.Minutes {
	m := planpdf.Minutes{PersonName: "Gosia Wiśniewska", Date: "2026-11-24", Time: "10:00", Ended: "11:15", Place: "At home",
		Purpose: "Review", Attended: []string{"Gosia Wiśniewska", "Ola Wiśniewska (daughter)", "Dr Priya Rao (GP)"},
		Apologies: []string{"Siân Hughes (friend from chapel)"}, Summary: "We talked about the garden and the choir."}
	m.Items = []planpdf.MinutesItem{
		{Title: "What matters to you", Said: []planpdf.Said{
			{Speaker: "Gosia Wiśniewska", Text: "Chcę wrócić do chóru 🎶 — I want to sing again", PersonsWords: true},
			{Speaker: "Ola Wiśniewska (daughter)", Text: "Mum gets tired after 4pm.", Note: "Corrected on 25 November 2026: it was 4pm, not 3pm"},
			{Speaker: "Dr Priya Rao (GP)", Struck: true, Note: "Struck through on 25 November 2026: said about someone else"},
			{Speaker: "Wei Wang (grandson)", Text: "和我的孙子一起喝茶。在公园里打太极拳。"},
			{Speaker: "Amira Haddad (advocate)", Text: "مرحبا بكم في الاجتماع"},
		}},
		{Title: "Goals", Said: []planpdf.Said{{Speaker: "Gosia Wiśniewska", Text: strings.Repeat("The garden matters to me every morning. ", 60), PersonsWords: true}}},
	}
	m.Decisions = []care.Decision{{Decision: "Try the day centre on Wednesdays", WhatMatters: "Being with people who speak Polish",
		Options:     []care.DecisionOption{{Option: "Day centre", Benefits: "Company", Risks: "Tiring"}, {Option: "Stay at home", Benefits: "Rest", Risks: "Lonely"}},
		WhoTookPart: "Gosia, Ola, Dr Rao", Reservations: "Ola worries about the transport"}}
	m.Goals = []string{"Sing with the choir at Christmas"}
	m.Actions = []planpdf.MinutesAction{{What: "Book the day centre taxi", Who: "Ola Wiśniewska", ByWhen: "1 December 2026"}}
	return m
}

func TestRenderMinutes(t *testing.T) {
	for _, format := range []string{planpdf.Standard, planpdf.LargePrint, planpdf.EasyRead} {
		t.Run(format, func(t *testing.T) {
			a, err := planpdf.RenderMinutes(sampleMinutes(), format)
			if err != nil {
				t.Fatal(err)
			}
			if b, _ := planpdf.RenderMinutes(sampleMinutes(), format); !bytes.Equal(a, b) {
				t.Errorf("not deterministic")
			}
			if dir := os.Getenv("MINUTES_OUT"); dir != "" {
				os.WriteFile(dir+"/minutes-"+format+".pdf", a, 0o600)
			}
			pdfcheck.Need(t, "pdftotext", "pdffonts", "qpdf")
			file := pdfcheck.File(t, "minutes-"+format+".pdf", a)
			if !pdfcheck.Check(t, file) {
				t.Error("qpdf --check failed")
			}
			text := strings.Join(strings.Fields(pdfcheck.Text(t, file)), " ")
			for _, want := range []string{"Notes of the meeting", "Gosia Wiśniewska", "24 November 2026 at 10:00, until 11:15", "At home",
				"Ola Wiśniewska (daughter)", "Sent apologies", "Siân Hughes", "What matters to you", "in their own words",
				"“Chcę wrócić do chóru", "I want to sing again”", "Mum gets tired after 4pm.", "Corrected on 25 November 2026",
				"Struck through", "said about someone else", "Try the day centre on Wednesdays", "Being with people who speak Polish",
				"Stay at home", "Ola worries about the transport", "Sing with the choir at Christmas", "Book the day centre taxi",
				"1 December 2026", "Page 1 of"} {
				if !strings.Contains(text, want) {
					t.Errorf("minutes lack %q", want)
				}
			}
			han := strings.Join(strings.Fields(regexp.MustCompile(`[^\p{Han}，。]`).ReplaceAllString(text, " ")), "")
			if !strings.Contains(han, "和我的孙子一起喝茶。在公园里打太极拳。") {
				t.Errorf("Chinese lost characters: %q", han)
			}
			if !strings.Contains(text, "مرحبا") && !strings.Contains(text, "ابحرم") {
				t.Errorf("Arabic lost: %q", text)
			}
			pages := pdfcheck.Pages(t, file)
			if pages < 2 {
				t.Fatalf("%d pages, want the sample to run over a page", pages)
			}
			// The mark is on every page, at its head and its foot.
			for p := 1; p <= pages; p++ {
				page := strings.Join(strings.Fields(pdfcheck.Text(t, file, "-f", strconv.Itoa(p), "-l", strconv.Itoa(p))), " ")
				if n := strings.Count(page, planpdf.MinutesMark); n < 2 {
					t.Errorf("page %d has the mark %d times, want at its head and foot", p, n)
				}
				if !strings.Contains(page, fmt.Sprintf("Page %d of %d", p, pages)) {
					t.Errorf("page %d is not numbered", p)
				}
			}
			checkFonts(t, file, format)
		})
	}
	t.Run("ErrFormat", func(t *testing.T) {
		if _, err := planpdf.RenderMinutes(sampleMinutes(), "tiny"); err == nil {
			t.Error("rendered an unknown format")
		}
		if _, err := planpdf.RenderMinutes(planpdf.Minutes{Date: "soon"}, planpdf.Standard); err == nil {
			t.Error("rendered minutes with no real date")
		}
	})
}
