package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"whatmatters/internal/care"
	"whatmatters/internal/database"
	"whatmatters/internal/testenv"
)

func TestSeedDemo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	var out bytes.Buffer
	if err := run([]string{"seed-demo", "-db", path}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Made the account Sam Okafor. Its recovery code, shown only now: ") ||
		!strings.Contains(out.String(), "\nAdded 5 example people to ") {
		t.Errorf("output = %q", out.String())
	}
	out.Reset()
	if err := run([]string{"seed-demo", "-db", path}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "Added 0 example people") {
		t.Errorf("second run output = %q", out.String())
	}

	s := database.NewServices(testenv.OpenDB(t, path))
	ctx := context.Background()
	search := func(q string) []string {
		t.Helper()
		matches, _, err := s.People.SearchPeople(ctx, care.PersonFilter{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, m := range matches {
			names = append(names, m.Person.DisplayName())
		}
		return names
	}
	for q, want := range map[string]string{
		"gosia":       "Gosia Wiśniewska",
		"wisniew":     "Gosia Wiśniewska",
		"pierogi":     "Gosia Wiśniewska",
		"sian":        "Siân Llywelyn",
		"Cymraeg":     "Siân Llywelyn",
		"عائشہ":       "عائشہ Siddiqui",
		"秀英":          "Xiuying 王",
		"太极拳":         "Xiuying 王",
		"999 000 049": "Derek Johnson",
		"9/8/1962":    "Derek Johnson",
	} {
		if got := search(q); len(got) != 1 || got[0] != want {
			t.Errorf("search %q = %v, want [%s]", q, got, want)
		}
	}

	for id, want := range map[int64]int{1: 2, 2: 1, 5: 1} {
		vs, err := s.Versions.FindVersions(ctx, id)
		if err != nil || len(vs) != want {
			t.Errorf("person %d: %d versions, want %d (%v)", id, len(vs), want, err)
		}
	}
	gosia, _ := s.Records.FindRecord(ctx, 1)
	if n := len(gosia.Items[care.SectionGoals]); n != 3 {
		t.Errorf("Gosia's review draft has %d goals, want 3", n)
	}

	people, _, _ := s.People.SearchPeople(ctx, care.PersonFilter{Query: "Derek"})
	rec, err := s.Records.FindRecord(ctx, people[0].Person.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := care.CommunicationBanner(rec), "British Sign Language interpreter; Easy read (for Liam Johnson, carer)"; got != want {
		t.Errorf("banner = %q, want %q", got, want)
	}
}
