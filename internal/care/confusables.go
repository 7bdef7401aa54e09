package care

import "unicode"

// confusableGroups lists, for each Latin letter (or pair of letters), the
// letters of the Latin, Greek and Cyrillic scripts that look like it, so
// that "Dеrek" typed with a Cyrillic е (U+0435) folds to "derek".
//
// Source: Unicode Technical Standard #39, confusables.txt, version 14.0.0:
// the rows whose source is one Latin, Greek or Cyrillic letter (other than
// ASCII and fullwidth, see below) and whose prototype is made only of the
// letters A–Z and a–z. Folding lower-cases afterwards, so the prototypes
// are listed in lower case here. Where this departs from the file:
//   - UTS #39 maps capital I (and Greek Ι, Cyrillic І and Ӏ, Latin Ɩ) to
//     "l", because I and l look alike in many fonts. Names are not folded
//     from one Latin letter to another ("Ian" and "lan" are different
//     people, and so are "rn" and "m", and 0 and O), so the look-alikes of
//     I fold to "i" here.
//   - Cyrillic Ы and Ю (prototypes "bl" and "lO") are left out: they are
//     ordinary Cyrillic letters that no Latin name is spelled with.
//   - Precomposed Greek and Cyrillic letters whose base letter is listed
//     (ё, ї, ά, ό, ...) are listed too: UTS #39 decomposes text (NFD)
//     before mapping it, and the standard library has no NFD.
//   - Letters that UTS #39 maps to something other than plain Latin
//     letters (Cyrillic н to small capital ʜ, Greek η to n with a line
//     below) are left as they are: they do not pass for a Latin letter.
//
// Fullwidth Latin letters (Ｄ, ｅ) are not in confusables.txt, which
// expects identifiers to be NFKC-normalised first; foldWidth does that
// step for letters.
var confusableGroups = map[string]string{
	"a":   "ɑΆΑάαАаӐӑӒӓ",
	"aa":  "Ꜳꜳ",
	"ae":  "ÆæӔӕ",
	"ao":  "Ꜵꜵ",
	"au":  "Ꜷꜷ",
	"av":  "ꜸꜹꜺꜻ",
	"ay":  "Ꜽꜽ",
	"b":   "ƄΒВЬꞴ",
	"c":   "ϲϹСсᴄ",
	"d":   "ԁ",
	"dz":  "Ǳǲǳʣ",
	"e":   "ΈΕЀЁЕеѐёҽӖӗꬲ",
	"f":   "ſϜẝꞘꞙꬵ",
	"ff":  "ﬀ",
	"ffi": "ﬃ",
	"ffl": "ﬄ",
	"fi":  "ﬁ",
	"fl":  "ﬂ",
	"g":   "ƍɡԌᶃ",
	"h":   "ΉΗНһ",
	"i":   "ıƖɩɪͺΊΐΙΪίιϊІЇіїӀӏꙇ",
	"ij":  "Ĳĳ",
	"j":   "ͿϳЈјꞲ",
	"k":   "ΚЌК",
	"l":   "ǀ",
	"lj":  "Ǉǈǉ",
	"ll":  "ǁ",
	"ls":  "ʪ",
	"lz":  "ʫ",
	"m":   "ΜϺМ",
	"n":   "Ν",
	"nj":  "Ǌǋǌ",
	"o":   "ΌΟοσόОоӦӧᴏᴑꬽ",
	"oe":  "Œœ",
	"oo":  "ꚘꚙꝎꝏ",
	"p":   "ΡρϱРр",
	"q":   "ԛ",
	"r":   "Ʀгѓᴦꭇꭈ",
	"s":   "ƽЅѕꜱ",
	"st":  "ﬆ",
	"t":   "ΤТ",
	"tf":  "ꝷ",
	"ts":  "ʦ",
	"u":   "ʋΰυϋύᴜꞟꭎꭒ",
	"ue":  "ᵫ",
	"uo":  "ꭣ",
	"v":   "νѴѵѶѷᴠ",
	"w":   "ɯѡԜԝᴡ",
	"x":   "ΧХхꞳ",
	"y":   "ɣʏΎΥΫγϒϓϔЎУуўҮүӮӯӰӱӲӳᶌỿꭚ",
	"z":   "Ζᴢ",
}

// confusables maps each look-alike letter to its Latin prototype.
var confusables = byLetter(confusableGroups)

// byLetter turns groups, each a key and the letters that become it, into
// a map from each letter to its key.
func byLetter[K comparable](groups map[K]string) map[rune]K {
	m := make(map[rune]K)
	for key, letters := range groups {
		for _, r := range letters {
			m[r] = key
		}
	}
	return m
}

// foldWidth turns a fullwidth Latin letter (Ｄ, ｅ) into its ASCII letter,
// as NFKC does; any other character is returned as it is.
func foldWidth(r rune) rune {
	if (r >= 'Ａ' && r <= 'Ｚ') || (r >= 'ａ' && r <= 'ｚ') {
		return r - 'Ａ' + 'A'
	}
	return r
}

// skeleton returns, in lower case, the Latin letters that r looks like,
// or "" if r is not a look-alike. It looks at r in the case it was typed
// in, as UTS #39 does: Greek capital Η looks like H, small η does not
// look like h.
func skeleton(r rune) string {
	if w := foldWidth(r); w != r {
		return string(unicode.ToLower(w))
	}
	return confusables[r]
}
