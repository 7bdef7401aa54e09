package planpdf

import "unicode"

// gofpdf does no text shaping and no bidi. Arabic-script text (Arabic,
// Urdu in Naskh style) is therefore shaped here: each letter becomes its
// isolated, final, initial or medial presentation form, lam-alef becomes
// its ligature, and the run is reversed into visual order. Nastaliq, the
// usual Urdu style, needs a real shaper and is out of reach.

// forms holds a letter's presentation forms: isolated, final, initial,
// medial. A letter with no initial form joins only to the letter before it.
var forms = map[rune][4]rune{
	0x0621: {0xFE80, 0, 0, 0},
	0x0622: {0xFE81, 0xFE82, 0, 0}, 0x0623: {0xFE83, 0xFE84, 0, 0}, 0x0624: {0xFE85, 0xFE86, 0, 0},
	0x0625: {0xFE87, 0xFE88, 0, 0}, 0x0626: {0xFE89, 0xFE8A, 0xFE8B, 0xFE8C}, 0x0627: {0xFE8D, 0xFE8E, 0, 0},
	0x0628: {0xFE8F, 0xFE90, 0xFE91, 0xFE92}, 0x0629: {0xFE93, 0xFE94, 0, 0}, 0x062A: {0xFE95, 0xFE96, 0xFE97, 0xFE98},
	0x062B: {0xFE99, 0xFE9A, 0xFE9B, 0xFE9C}, 0x062C: {0xFE9D, 0xFE9E, 0xFE9F, 0xFEA0}, 0x062D: {0xFEA1, 0xFEA2, 0xFEA3, 0xFEA4},
	0x062E: {0xFEA5, 0xFEA6, 0xFEA7, 0xFEA8}, 0x062F: {0xFEA9, 0xFEAA, 0, 0}, 0x0630: {0xFEAB, 0xFEAC, 0, 0},
	0x0631: {0xFEAD, 0xFEAE, 0, 0}, 0x0632: {0xFEAF, 0xFEB0, 0, 0}, 0x0633: {0xFEB1, 0xFEB2, 0xFEB3, 0xFEB4},
	0x0634: {0xFEB5, 0xFEB6, 0xFEB7, 0xFEB8}, 0x0635: {0xFEB9, 0xFEBA, 0xFEBB, 0xFEBC}, 0x0636: {0xFEBD, 0xFEBE, 0xFEBF, 0xFEC0},
	0x0637: {0xFEC1, 0xFEC2, 0xFEC3, 0xFEC4}, 0x0638: {0xFEC5, 0xFEC6, 0xFEC7, 0xFEC8}, 0x0639: {0xFEC9, 0xFECA, 0xFECB, 0xFECC},
	0x063A: {0xFECD, 0xFECE, 0xFECF, 0xFED0}, 0x0641: {0xFED1, 0xFED2, 0xFED3, 0xFED4}, 0x0642: {0xFED5, 0xFED6, 0xFED7, 0xFED8},
	0x0643: {0xFED9, 0xFEDA, 0xFEDB, 0xFEDC}, 0x0644: {0xFEDD, 0xFEDE, 0xFEDF, 0xFEE0}, 0x0645: {0xFEE1, 0xFEE2, 0xFEE3, 0xFEE4},
	0x0646: {0xFEE5, 0xFEE6, 0xFEE7, 0xFEE8}, 0x0647: {0xFEE9, 0xFEEA, 0xFEEB, 0xFEEC}, 0x0648: {0xFEED, 0xFEEE, 0, 0},
	0x0649: {0xFEEF, 0xFEF0, 0, 0}, 0x064A: {0xFEF1, 0xFEF2, 0xFEF3, 0xFEF4},
	// Urdu and Persian letters.
	0x0679: {0xFB66, 0xFB67, 0xFB68, 0xFB69}, 0x067E: {0xFB56, 0xFB57, 0xFB58, 0xFB59}, 0x0686: {0xFB7A, 0xFB7B, 0xFB7C, 0xFB7D},
	0x0688: {0xFB88, 0xFB89, 0, 0}, 0x0691: {0xFB8C, 0xFB8D, 0, 0}, 0x0698: {0xFB8A, 0xFB8B, 0, 0},
	0x06A9: {0xFB8E, 0xFB8F, 0xFB90, 0xFB91}, 0x06AF: {0xFB92, 0xFB93, 0xFB94, 0xFB95}, 0x06BA: {0xFB9E, 0xFB9F, 0, 0},
	0x06BE: {0xFBAA, 0xFBAB, 0xFBAC, 0xFBAD}, 0x06C1: {0xFBA6, 0xFBA7, 0xFBA8, 0xFBA9}, 0x06CC: {0xFBFC, 0xFBFD, 0xFBFE, 0xFBFF},
	0x06D2: {0xFBAE, 0xFBAF, 0, 0}, 0x06D3: {0xFBB0, 0xFBB1, 0, 0},
}

// lamAlef maps the alef after a lam to the ligature's isolated form; +1 is final.
var lamAlef = map[rune]rune{0x0622: 0xFEF5, 0x0623: 0xFEF7, 0x0625: 0xFEF9, 0x0627: 0xFEFB}

func isArabic(r rune) bool { return unicode.Is(unicode.Arabic, r) && r < 0xFB50 }

// joinsNext reports whether a letter connects to the letter after it.
func joinsNext(r rune) bool { f, ok := forms[r]; return ok && f[2] != 0 }

// shapeArabic returns a run of Arabic-script text in presentation forms,
// in visual (left-to-right) order.
func shapeArabic(s string) string {
	var out []rune
	for _, c := range shapeClusters(s) {
		out = append(out, c.glyph)
	}
	return string(out)
}

// A cluster is one drawn character and the letters it stands for.
type cluster struct {
	glyph rune
	src   string // in logical order
}

// shapeClusters shapes s like shapeArabic, keeping with each presentation
// form the letters it was made from (for the text layer).
func shapeClusters(s string) []cluster {
	in := []rune(s)
	var out []cluster
	for i := 0; i < len(in); i++ {
		r := in[i]
		f, ok := forms[r]
		if !ok {
			out = append(out, cluster{r, string(r)}) // marks, digits, punctuation, spaces
			continue
		}
		prev := i > 0 && joinsNext(in[i-1])
		if r == 0x0644 && i+1 < len(in) && lamAlef[in[i+1]] != 0 {
			lig := lamAlef[in[i+1]]
			if prev {
				lig++
			}
			out = append(out, cluster{lig, string(in[i : i+2])})
			i++
			continue
		}
		next := i+1 < len(in) && forms[in[i+1]] != [4]rune{} && f[2] != 0
		g := f[0]
		switch {
		case prev && next:
			g = f[3]
		case prev:
			g = f[1]
		case next:
			g = f[2]
		}
		out = append(out, cluster{g, string(r)})
	}
	reverse(out)
	// Numbers read left to right inside right-to-left text.
	for i := 0; i < len(out); {
		j := i
		for j < len(out) && unicode.IsDigit(out[j].glyph) {
			j++
		}
		if j > i+1 {
			reverse(out[i:j])
		}
		i = max(j, i+1)
	}
	return out
}

func reverse(c []cluster) {
	for i, j := 0, len(c)-1; i < j; i, j = i+1, j-1 {
		c[i], c[j] = c[j], c[i]
	}
}
