package readability

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Syllables estimates how many syllables a word has when read aloud.
//
// The word may carry surrounding punctuation, apostrophes and hyphens; a
// hyphenated word counts the syllables of each part. A part that contains a
// digit is a number, counted by the number rule in the package comment. An
// all-capital part without vowels (CDC, NHS) is read letter by letter. Other
// parts go through the English rules described in the package comment.
// Every word has at least one syllable; a string with no letters or digits
// has none.
func Syllables(word string) int { return sumParts(word, partSyllables) }

// sumParts adds up count over the parts of a hyphenated word.
func sumParts(word string, count func(part string) int) int {
	total := 0
	for _, part := range strings.FieldsFunc(word, isWordJoiner) {
		total += count(part)
	}
	return total
}

// isWordJoiner reports whether r joins the parts of one written word, as the
// hyphen in "skin-to-skin" does.
func isWordJoiner(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011': // hyphen-minus, hyphen, non-breaking hyphen
		return true
	}
	return false
}

// partSyllables counts one hyphen-free part of a word.
func partSyllables(part string) int {
	if n, ok := numberSyllables(part); ok {
		return n
	}
	var b strings.Builder
	upper, letters, vowels := true, 0, 0
	var last rune
	for _, r := range part {
		if !unicode.IsLetter(r) {
			continue // punctuation and apostrophes carry no sound
		}
		letters++
		last = r
		if !unicode.IsUpper(r) {
			upper = false
		}
		r = foldVowel(unicode.ToLower(r))
		if isVowelLetter(r) || r == 'y' {
			vowels++
		}
		b.WriteRune(r)
	}
	switch {
	case letters == 0:
		return 0
	case upper && letters >= 2 && vowels == 0:
		return initialismSyllables(b.String())
	case last == 'é' || last == 'É':
		b.WriteByte('e') // a final é is sounded: café, fiancé
	}
	return englishSyllables(contraction(part, b.String()))
}

// numberSyllables applies the number rule: one syllable per digit (or
// other number sign), one for each decimal point or comma between digits
// ("point"), and two for a vulgar fraction such as ½ ("a half"). Letters
// in the part ("3rd", "24h") add nothing. ok is false when the part
// contains no number.
func numberSyllables(part string) (n int, ok bool) {
	prevDigit := false
	for i, r := range part {
		switch {
		case unicode.IsDigit(r):
			n++
			ok = true
			prevDigit = true
			continue
		case isVulgarFraction(r):
			n += 2
			ok = true
		case unicode.IsNumber(r) && !unicode.IsLetter(r):
			n++ // ², Ⅻ and other number signs: one syllable each
			ok = true
		case (r == '.' || r == ',') && prevDigit:
			next, _ := utf8.DecodeRuneInString(part[i+1:])
			if unicode.IsDigit(next) {
				n++
			}
		}
		prevDigit = false
	}
	return n, ok
}

func isVulgarFraction(r rune) bool {
	return r >= '\u00BC' && r <= '\u00BE' || r >= '\u2150' && r <= '\u215E'
}

// initialismSyllables reads a vowel-less initialism letter by letter; "w" is
// the only letter name with more than one syllable.
func initialismSyllables(lower string) int {
	n := 0
	for _, r := range lower {
		if r == 'w' {
			n += 3
		} else {
			n++
		}
	}
	return n
}

// contraction folds an English contraction into a plain spelling the
// rules can count: "n't" after a consonant adds a syllable (didn't, isn't),
// other clitics ('s, 'll, 're, 've, 'd, 'm) add none, except "'s" after a
// hissing sound (nurse's).
func contraction(original, lower string) string {
	o := strings.ToLower(strings.ReplaceAll(original, "\u2019", "'"))
	i := strings.LastIndexByte(o, '\'')
	if i <= 0 {
		return lower
	}
	stem, clitic := o[:i], o[i+1:]
	stemLetters := lettersOnly(stem)
	switch clitic {
	case "t":
		if strings.HasSuffix(stemLetters, "n") && len(stemLetters) > 1 && !isVowelLetter(rune(stemLetters[len(stemLetters)-2])) {
			// didn't → "diddent": the 'e' gives the extra syllable.
			return stemLetters[:len(stemLetters)-1] + "ent"
		}
		return stemLetters
	case "s":
		if hasSibilantEnd(stemLetters) {
			return stemLetters + "is"
		}
		return stemLetters
	case "ll", "re", "ve", "d", "m":
		return stemLetters
	}
	return lower
}

func lettersOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) {
			b.WriteRune(foldVowel(unicode.ToLower(r)))
		}
	}
	return b.String()
}

func hasSibilantEnd(w string) bool {
	for _, suf := range []string{"s", "x", "z", "ce", "se", "ze", "ge", "ch", "sh"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// foldVowel maps accented Latin vowels to their plain letter (naïve →
// naive).
func foldVowel(r rune) rune {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'æ':
		return 'a'
	case 'è', 'é', 'ê', 'ë':
		return 'e'
	case 'ì', 'í', 'î', 'ï':
		return 'i'
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø':
		return 'o'
	case 'ù', 'ú', 'û', 'ü':
		return 'u'
	case 'ý', 'ÿ':
		return 'y'
	}
	return r
}

func isVowelLetter(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// irregular holds the few common words whose spelling misleads every rule
// below. It is a function so that no table can be changed at run time.
func irregular(w string) (int, bool) {
	switch w {
	case "people", "peoples", "peopled":
		return 2, true
	case "business", "businesses":
		return 2 + strings.Count(w[8:], "es"), true
	case "evening", "evenings":
		return 2, true
	case "recipe", "recipes":
		return 3, true
	case "diabetes", "diabetic":
		return 4, true
	case "forehead", "foreheads":
		return 2, true
	case "soldier", "soldiers":
		return 2, true
	case "tongue", "tongues":
		return 1, true
	case "element", "elements":
		return 3, true
	case "naive":
		return 2, true
	case "wednesday", "wednesdays":
		return 2, true
	case "colonel":
		return 2, true
	case "science", "sciences":
		return 2 + strings.Count(w[7:], "es"), true
	}
	return 0, false
}

// compoundHeads are first halves of compounds whose end misleads the
// rules: a silent "e" (sometimes, homemade, lifetime), or "breast", whose
// compounds would otherwise read "-fed" as the silent "-ed" of pumped.
// Counting the halves apart keeps that "e" silent.
var compoundHeads = [...]string{"breast", "some", "home", "life", "fire", "care", "safe", "time", "side", "wide", "house", "where", "there", "whole", "note", "base", "bone", "nose", "stone"}

// silentESuffixes follow a stem whose final "e" stays silent
// (engorgement, careful, homeless, lateness, safely).
var silentESuffixes = [...]string{"ments", "ment", "fully", "ful", "less", "ness", "ly"}

// englishSyllables counts a lower-case, letters-only English word.
func englishSyllables(w string) int {
	if w == "" {
		return 0
	}
	if n, ok := irregular(w); ok {
		return n
	}
	for _, head := range compoundHeads {
		// "wherever" is "wher" + "ever", not "where" + "ver".
		if rest, ok := strings.CutPrefix(w, head); ok && len(rest) >= 3 && hasVowel(rest) && !strings.HasPrefix(rest, "ver") {
			return 1 + englishSyllables(rest)
		}
	}
	for _, suf := range silentESuffixes {
		stem, ok := strings.CutSuffix(w, suf)
		if !ok || len(stem) < 3 || stem[len(stem)-1] != 'e' {
			continue
		}
		c := stem[len(stem)-2]
		if isVowelLetter(rune(c)) || c == 'y' || hasSyllabicLE(stem) || !hasVowel(stem[:len(stem)-2]) {
			continue
		}
		return max(1, englishSyllables(stem[:len(stem)-1])) + englishSyllables(suf)
	}

	n := 0
	groups := vowelGroups(w)
	for _, g := range groups {
		n += 1 + hiatus(w, g)
	}
	n -= silentEndings(w, groups)
	n += syllabicEndings(w)
	return max(n, 1)
}

// group is a run of vowel letters w[start:end].
type group struct{ start, end int }

// vowelGroups finds the runs of vowel letters. "y" is a vowel after a
// consonant (gym, baby) and a consonant before a vowel at the start of a
// word or after a vowel (yes, player). "u" after "q", and after "g" before
// another vowel (guard, language), is the consonant /w/ or silent. "w" after
// a vowel and not before one belongs to the vowel (saw, bowl, newborn).
func vowelGroups(w string) []group {
	isV := make([]bool, len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		var next byte
		if i+1 < len(w) {
			next = w[i+1]
		}
		prevV := i > 0 && isV[i-1]
		switch {
		case isVowelLetter(rune(c)):
			isV[i] = true
			if c == 'u' && i > 0 && (w[i-1] == 'q' || w[i-1] == 'g' && gIsHard(w, i)) {
				isV[i] = false
			}
		case c == 'y':
			isV[i] = !(isVowelLetter(rune(next)) && (i == 0 || prevV))
		case c == 'w':
			isV[i] = prevV && !isVowelLetter(rune(next))
		}
	}
	var gs []group
	for i := 0; i < len(w); {
		if !isV[i] {
			i++
			continue
		}
		j := i
		for j < len(w) && isV[j] {
			j++
		}
		// A vowel "y" before another vowel starts a new syllable (crying,
		// embryo), unless an ending "e" follows it (dye, dyes).
		for k := i; k < j-1; k++ {
			if w[k] == 'y' && k > 0 && !isV[k-1] && !(w[k+1] == 'e' && isEnding(w, k+2, "", "s", "d")) {
				gs = append(gs, group{i, k + 1})
				i = k + 1
			}
		}
		gs = append(gs, group{i, j})
		i = j
	}
	return gs
}

// gIsHard reports whether the "u" at w[i] after "g" is silent or /w/
// (guard, guess, language, distinguish) rather than a vowel (argue,
// arguing, regular).
func gIsHard(w string, i int) bool {
	if i+1 >= len(w) || !isVowelLetter(rune(w[i+1])) {
		return false
	}
	rest := w[i+1:]
	if rest == "ing" || rest == "ings" {
		return false
	}
	if rest == "e" || rest == "es" || rest == "ed" {
		// -gue: silent after a vowel (league, fatigue), a syllable after a
		// consonant (argue).
		return i >= 2 && isVowelLetter(rune(w[i-2]))
	}
	return true
}

// isEnding reports whether w[at:] is one of the given endings.
func isEnding(w string, at int, endings ...string) bool {
	if at > len(w) {
		return false
	}
	for _, e := range endings {
		if w[at:] == e {
			return true
		}
	}
	return false
}

func hasVowel(s string) bool {
	return strings.ContainsAny(s, "aeiouy")
}

// hiatus counts the places inside one vowel group where two vowels are
// sounded apart (cre-ate, a-re-o-la, qui-et, me-di-um).
func hiatus(w string, g group) int {
	n := 0
	for k := g.start; k < g.end-1; k++ {
		if splitsBetween(w, g, k) {
			n++
		}
	}
	return n
}

// splitsBetween reports whether the vowels w[k] and w[k+1] of group g are in
// different syllables.
func splitsBetween(w string, g group, k int) bool {
	a, b := w[k], w[k+1]
	var before byte // the consonant before the group
	if g.start > 0 {
		before = w[g.start-1]
	}
	after := w[k+2:]
	atEnd := g.end == len(w)
	switch string([]byte{a, b}) {
	case "ia":
		// Palatal "-cia-", "-tia-", "-sia-", "-gia-" are one sound
		// (special, initial, Asia, Georgia) unless "-iate" follows
		// (appreciate) or the word starts there (giant).
		if k == g.start && strings.IndexByte("cstgx", before) >= 0 && g.start > 1 {
			return strings.HasPrefix(after, "t")
		}
		// "-liar" is /ljər/ (familiar, peculiar), but not in "liar".
		return !(k == g.start && before == 'l' && g.start > 1 && strings.HasPrefix(after, "r"))
	case "io":
		// -tion, -sion, -cion, -gion, -cious, -xious; -nion and -llion
		// (onion, million); -vior (behavior).
		if atEnd && k == g.end-2 {
			return true // radio, patio, ratio
		}
		if k == g.start && (strings.IndexByte("cstgx", before) >= 0 && g.start > 1 ||
			before == 'h' && g.start > 1 && (w[g.start-2] == 's' || w[g.start-2] == 'c') || // fashion, cushion
			before == 'n' && strings.HasPrefix(after, "n") ||
			before == 'l' && g.start > 1 && w[g.start-2] == 'l' ||
			before == 'v' && strings.HasPrefix(after, "r")) {
			return false
		}
		return true
	case "iu", "ii", "uo":
		return true
	case "eo":
		// surgeon, pigeon, luncheon, gorgeous, courageous; but geography.
		if k == g.start && (before == 'g' && g.start > 1 || before == 'c' || before == 'h' && g.start > 1 && w[g.start-2] == 'c') {
			return false
		}
		return true
	case "ua":
		return true // usual, actual; guard and equal lost their "u" already
	case "ue":
		// fluent, cruel, fuel; but blue, tissue(s), continued.
		return !atEnd && !isEnding(w, k+2, "s", "d")
	case "ui":
		// fluid, ruin, genuine; but fruit, suit, build.
		return strings.HasPrefix(after, "d") || strings.HasPrefix(after, "n") && !strings.HasPrefix(after, "ng")
	case "ie":
		switch {
		case isEnding(w, k+2, "", "s", "d"):
			return false // tie, babies, copied
		case strings.HasPrefix(after, "t"):
			return true // quiet, diet, society
		case strings.HasPrefix(after, "st") || isEnding(w, k+2, "r", "rs"):
			return strings.IndexByte("ct", before) < 0 // easier, happiest; but glacier
		case strings.HasPrefix(after, "nc") || strings.HasPrefix(after, "nt"):
			// client, experience, audience; but patient, ancient, efficient.
			return strings.IndexByte("ct", before) < 0 || before == 'c' && g.start > 1 && w[g.start-2] == 's'
		}
		return false
	case "ea":
		// area, idea, cornea; create, theater; react, reality.
		if atEnd {
			return true
		}
		if strings.HasPrefix(w, "crea") && k == 2 {
			return strings.HasPrefix(after, "t") && !strings.HasPrefix(after, "tur")
		}
		if strings.HasPrefix(w, "thea") && k == 2 {
			return true
		}
		return k == 1 && w[0] == 'r' && (strings.HasPrefix(after, "ct") || strings.HasPrefix(after, "pp") || strings.HasPrefix(after, "ss") || strings.HasPrefix(after, "li"))
	case "eu":
		return isEnding(w, k+2, "m", "ms") || k == 1 && w[0] == 'r' // museum; reunion, reuse
	case "ei":
		return k == 1 && w[0] == 'r' && !strings.HasPrefix(after, "g") || isEnding(w, k+2, "ng", "ngs") // reinforce, being
	case "oo":
		return k == 1 && w[0] == 'c' && (strings.HasPrefix(after, "p") || strings.HasPrefix(after, "r")) // cooperate, coordinate
	case "oe":
		// poem, poet, whoever; but toe, does, shoes, canoe.
		return !atEnd && !isEnding(w, k+2, "s", "d")
	case "oi":
		return strings.HasPrefix(after, "c") || isEnding(w, k+2, "ng", "ngs") // heroic; going, doing
	case "oa":
		return strings.HasPrefix(after, "ct") // proactive, retroactive
	case "ai", "ao":
		return strings.HasPrefix(after, "c") // mosaic, archaic
	}
	// A vowel before a final "-ing" is sounded apart (being, seeing, suing).
	return b == 'i' && isEnding(w, k+2, "ng", "ngs") && a != 'y'
}

// silentEndings counts the written vowels of w that are not sounded at the
// end of the word: a final silent "e" (make, massage), "-ed" not after t or
// d (pumped, called) and "-es" not after a hissing sound (makes, tubes).
func silentEndings(w string, gs []group) int {
	if len(gs) < 2 {
		return 0
	}
	last := gs[len(gs)-1]
	if last.end-last.start != 1 || w[last.start] != 'e' {
		return 0 // the ending vowel is part of a longer group (free, tried)
	}
	e := last.start
	prev := w[e-1]
	rest := w[e+1:]
	switch rest {
	case "":
		if hasSyllabicLE(w) {
			return 0 // table, nipple, acre
		}
		return 1
	case "d":
		if prev == 't' || prev == 'd' || syllabicBefore(w, e, 'l') || syllabicBefore(w, e, 'r') {
			return 0 // wanted, needed, cradled, hundred
		}
		return 1
	case "s":
		if strings.IndexByte("sxzcg", prev) >= 0 || prev == 'h' && e >= 2 && (w[e-2] == 'c' || w[e-2] == 's') ||
			syllabicBefore(w, e, 'l') || syllabicBefore(w, e, 'r') {
			return 0 // boxes, pages, washes, tables
		}
		return 1
	}
	return 0
}

// syllabicBefore reports whether w[e-1] is c and it follows a consonant
// other than c itself, so that "-le"/"-re" before w[e] forms a syllable
// (cradled, hundred) rather than a plain consonant (called, scarred).
func syllabicBefore(w string, e int, c byte) bool {
	if e < 2 || w[e-1] != c {
		return false
	}
	p := w[e-2]
	return !isVowelLetter(rune(p)) && p != 'y' && p != c && p != 'w'
}

// hasSyllabicLE reports whether w ends in consonant + "le" or "re", the
// ending that is its own syllable (ta-ble, ac-re).
func hasSyllabicLE(w string) bool {
	n := len(w)
	if n < 3 || w[n-1] != 'e' || (w[n-2] != 'l' && w[n-2] != 'r') {
		return false
	}
	return syllabicBefore(w, n-1, w[n-2])
}

// syllabicEndings counts endings whose consonants form a syllable of their
// own: "-ism"/"-asm" (spasm, mechanism) and "-thm" (rhythm).
func syllabicEndings(w string) int {
	for _, suf := range []string{"sm", "sms", "thm", "thms"} {
		if stem, ok := strings.CutSuffix(w, suf); ok && stem != "" {
			if suf[0] == 't' || isVowelLetter(rune(stem[len(stem)-1])) {
				return 1
			}
		}
	}
	return 0
}
