package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"whatmatters/internal/care"
)

// Highlight markers: control characters, which stored text never holds.
const markOpen, markClose = "\x01", "\x02"

// writeSearch refreshes the person's entry in the search index, in the
// transaction that changed them.
func writeSearch(ctx context.Context, tx *Tx, personID int64) error {
	var names, nhs, dob, about string
	err := tx.QueryRowContext(ctx, `
		SELECT given_name || ' ' || family_name || ' ' || preferred_name, IFNULL(nhs_number, ''), replace(date_of_birth, '-', ''),
			IFNULL((SELECT group_concat(value, char(10)) FROM record_fields
				WHERE person_id = people.id AND section = ? AND key NOT LIKE '%Note' AND key != ?), '')
		FROM people WHERE id = ?`, care.SectionAboutMe, aboutMeSupportedBy, personID).Scan(&names, &nhs, &dob, &about)
	if err != nil {
		return err
	}
	postcode, phone, err := searchDetails(ctx, tx, personID)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM people_search WHERE rowid = ?`, personID); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO people_search (rowid, names, fold, nhs, dob, about, postcode, phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		personID, spaceCJK(names), care.FoldLetters(names), nhs, dob, spaceCJK(about), postcode, phone)
	return err
}

// isCJK reports whether r is written without spaces between words (Chinese,
// Japanese, Korean), so that each character is indexed as its own word.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// spaceCJK puts a space after each CJK character, so the tokenizer sees
// each as a word; unspaceCJK takes those spaces out again for display.
func spaceCJK(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r)
		if isCJK(r) {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func unspaceCJK(runs []care.TextRun) []care.TextRun {
	prevCJK := false
	for i := range runs {
		var b strings.Builder
		for _, r := range runs[i].Text {
			if r == ' ' && prevCJK {
				continue // the space spaceCJK added
			}
			b.WriteRune(r)
			prevCJK = isCJK(r)
		}
		runs[i].Text = b.String()
	}
	return runs
}

// SearchPeople returns the people matching filter, best first, and how
// many match in all. EINVALID if the query is too long or unreadable.
func (s *PersonService) SearchPeople(ctx context.Context, filter care.PersonFilter) (_ []*care.PersonMatch, _ int, err error) {
	defer wrap(&err, "SearchPeople")
	if !utf8.ValidString(filter.Query) || utf8.RuneCountInString(filter.Query) > care.MaxQueryLen {
		return nil, 0, care.FieldError("query", "Search must be 200 characters or fewer")
	}
	limit := filter.Limit
	if limit <= 0 {
		limit = care.DefaultPersonLimit
	} else if limit > care.MaxPersonLimit {
		limit = care.MaxPersonLimit
	}
	offset := max(filter.Offset, 0)

	tx, err := s.db.BeginTx(ctx, readOnly)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	only := supported("p")
	if filter.IncludeInactive {
		only = "1"
	}
	var out []*care.PersonMatch
	var total int
	if match := matchQuery(filter.Query); match == "" {
		out, total, err = listPeople(ctx, tx, filter.Query, only, limit, offset)
	} else {
		out, total, err = searchPeople(ctx, tx, match, only, limit, offset)
	}
	if err != nil {
		return nil, 0, err
	}
	return out, total, findMatchStatuses(ctx, tx, out)
}

// searchPeople runs an FTS5 match, ranked, and counts the matches.
func searchPeople(ctx context.Context, tx *Tx, match, only string, limit, offset int) ([]*care.PersonMatch, int, error) {
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT s.rowid FROM people_search s JOIN people p ON p.id = s.rowid
		WHERE people_search MATCH ? AND `+only+` LIMIT ?)`,
		match, care.MaxCounted+1).Scan(&total); err != nil {
		return nil, 0, err
	}
	order := `ORDER BY bm25(people_search, 10.0, 10.0, 8.0, 8.0, 1.0, 8.0, 8.0), p.family_name COLLATE NOCASE, p.id`
	if total > care.MaxCounted {
		order = `ORDER BY s.rowid` // too many to rank usefully; the index's own order is cheap
	}
	out, err := queryAll(ctx, tx, scanMatch, `
		SELECT `+personColumns("p.")+`,
			highlight(people_search, 0, char(1), char(2)),
			CASE WHEN s.about != '' THEN snippet(people_search, 4, char(1), char(2), '…', 12) ELSE '' END
		FROM people_search s JOIN people p ON p.id = s.rowid
		WHERE people_search MATCH ? AND `+only+`
		`+order+`
		LIMIT ? OFFSET ?`, match, limit, offset)
	if err == nil {
		err = matchDetails(ctx, tx, out)
	}
	return out, total, err
}

// scanMatch reads personColumns, then the names and the snippet with the
// words matched marked.
func scanMatch(row scanner) (*care.PersonMatch, error) {
	var names, snippet string
	p, err := scanPersonAnd(row, &names, &snippet)
	if err != nil {
		return nil, err
	}
	m := &care.PersonMatch{Person: p, Name: nameRuns(p, unspaceCJK(runs(names)))}
	if strings.Contains(snippet, markOpen) {
		m.Snippet = unspaceCJK(runs(snippet))
	}
	return m, nil
}

// listPeople lists everyone by name, for an empty query (or one with no
// words, such as "!!"): only then is a query with no words not a match.
func listPeople(ctx context.Context, tx *Tx, query, only string, limit, offset int) ([]*care.PersonMatch, int, error) {
	if strings.TrimSpace(query) != "" {
		return nil, 0, nil
	}
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM people p WHERE `+only).Scan(&total); err != nil {
		return nil, 0, err
	}
	out, err := queryAll(ctx, tx, scanListed, `SELECT `+personColumns("p.")+` FROM people p WHERE `+only+`
		ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE, id LIMIT ? OFFSET ?`, limit, offset)
	if err == nil {
		err = matchDetails(ctx, tx, out)
	}
	return out, total, err
}

// scanListed reads personColumns as a match of no words.
func scanListed(row scanner) (*care.PersonMatch, error) {
	p, err := scanPersonAnd(row)
	if err != nil {
		return nil, err
	}
	return &care.PersonMatch{Person: p, Name: []care.TextRun{{Text: p.DisplayName()}}}, nil
}

// matchQuery turns what was typed into an FTS5 query, or "" if it has no
// words. Every word must match the start of a word; a run of digits (with
// spaces or hyphens) matches the start of an NHS number or phone number;
// a date matches a date of birth exactly, and a whole postcode (with or
// without its space) the postcode; a word may also start a postcode.
func matchQuery(q string) string {
	q = strings.TrimSpace(q)
	if q == "" {
		return ""
	}
	if d, ok := parseQueryDate(q); ok {
		return `dob : "` + d + `"`
	}
	if pc := care.PostcodeKey(q); pc != "" {
		return `postcode : "` + pc + `"`
	}
	if digits := nhsDigits(q); digits != "" {
		return `{nhs phone} : "` + digits + `"*`
	}
	notWord := func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Mc, r)
	}
	var terms []string
	for _, w := range strings.FieldsFunc(dropHidden(q), notWord) {
		// Words are made only of letters and digits, so quoting is safe. CJK
		// characters are indexed one by one, so they are searched as a phrase.
		folded := care.FoldLetters(w)
		if folded == "" {
			continue // only marks or hidden characters
		}
		term := `{names fold about postcode} : "` + strings.TrimSpace(spaceCJK(folded)) + `"*`
		if folded != strings.ToLower(w) {
			// Folding changed more than case, as for look-alike letters
			// (Cyrillic "Анна" folds to "aннa"): the word as typed also
			// matches names and About me as the tokenizer reads them, so
			// genuine Greek or Cyrillic is found in any case.
			term = `({names about} : "` + strings.TrimSpace(spaceCJK(w)) + `"* OR ` + term + `)`
		}
		terms = append(terms, term)
	}
	return strings.Join(terms, " AND ")
}

// dropHidden removes format characters (zero-width spaces, joiners,
// direction marks), which folding drops too, so that a word pasted with
// one inside is searched as one word. Other hidden characters are letters
// or marks, so they stay inside their word and FoldLetters drops them.
func dropHidden(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
}

// parseQueryDate reads a typed date of birth: 1/4/1950, 01-04-1950,
// 1950-04-01 or 1 April 1950. It returns YYYYMMDD.
func parseQueryDate(q string) (string, bool) {
	for _, layout := range []string{"2/1/2006", "02/01/2006", "2-1-2006", "02-01-2006", "2006-01-02", "2 January 2006", "2 Jan 2006"} {
		if t, err := time.Parse(layout, q); err == nil {
			return t.Format("20060102"), true
		}
	}
	return "", false
}

// runs splits highlighted text into marked and unmarked pieces.
func runs(s string) []care.TextRun {
	var out []care.TextRun
	for s != "" {
		i := strings.Index(s, markOpen)
		if i < 0 {
			out = append(out, care.TextRun{Text: s})
			break
		}
		if i > 0 {
			out = append(out, care.TextRun{Text: s[:i]})
		}
		s = s[i+1:]
		j := strings.Index(s, markClose)
		if j < 0 {
			j = len(s)
		}
		out = append(out, care.TextRun{Text: s[:j], Match: true})
		s = strings.TrimPrefix(s[j:], markClose)
	}
	return out
}

// nameRuns marks the matched words of the display name, using the words
// the index marked in "given family preferred".
func nameRuns(p *care.Person, highlighted []care.TextRun) []care.TextRun {
	marked := map[string]bool{}
	for _, r := range highlighted {
		if r.Match {
			marked[r.Text] = true
		}
	}
	name := p.DisplayName()
	if len(marked) == 0 {
		return []care.TextRun{{Text: name}}
	}
	var out []care.TextRun
	start := 0
	flush := func(end int, match bool) {
		if end > start {
			if n := len(out); n > 0 && out[n-1].Match == match {
				out[n-1].Text += name[start:end]
			} else {
				out = append(out, care.TextRun{Text: name[start:end], Match: match})
			}
		}
		start = end
	}
	i := 0
	for i < len(name) {
		r, size := utf8.DecodeRuneInString(name[i:])
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r) {
			i += size
			continue
		}
		j := i
		for j < len(name) {
			r, size := utf8.DecodeRuneInString(name[j:])
			if !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r) {
				break
			}
			j += size
		}
		for w := range marked {
			if strings.HasPrefix(name[i:j], w) {
				flush(i, false)
				flush(i+len(w), true)
				break
			}
		}
		i = j
	}
	flush(len(name), false)
	return out
}

// searchDetails is what search keeps of the person's details: the
// postcode without its space, and the phone number's digits.
func searchDetails(ctx context.Context, tx *Tx, personID int64) (postcode, phone string, err error) {
	err = tx.QueryRowContext(ctx, `SELECT postcode, phone FROM person_details WHERE person_id = ?`, personID).Scan(&postcode, &phone)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	return care.PostcodeKey(postcode), care.PhoneDigits(phone), err
}

// matchDetails reads the details of each person found (one page of them),
// so that a result can show the postcode it was found by.
func matchDetails(ctx context.Context, tx *Tx, matches []*care.PersonMatch) error {
	for _, m := range matches {
		if err := findPersonDetails(ctx, tx, m.Person); err != nil {
			return err
		}
	}
	return nil
}
