package readability

import (
	"strings"
	"unicode"
)

// SpanishSyllables counts the syllables of a Spanish word by the rules of
// the Real Academia Española's syllabification, described in the package
// comment under "Spanish".
//
// Like Syllables, it ignores surrounding punctuation, adds up the parts of
// a hyphenated word, reads a part with a digit as a number (in Spanish:
// "38,5" is "treinta y ocho coma cinco", 8 syllables) and reads an
// all-capital part without vowels letter by letter (CDC is "ce de ce").
// Every word with a letter or digit has at least one syllable; a string
// with none has none.
func SpanishSyllables(word string) int { return sumParts(word, spanishPartSyllables) }

// spanishPartSyllables counts one hyphen-free part of a word.
func spanishPartSyllables(part string) int {
	if n, ok := spanishNumberSyllables(part); ok {
		return n
	}
	letters := make([]rune, 0, len(part))
	upper, vowels := true, 0
	for _, r := range part {
		if !unicode.IsLetter(r) {
			continue // punctuation, apostrophes and the dots of EE. UU.
		}
		if !unicode.IsUpper(r) {
			upper = false
		}
		r = unicode.ToLower(r)
		if spanishVowel(r) != notVowel || r == 'y' {
			vowels++
		}
		letters = append(letters, r)
	}
	switch {
	case len(letters) == 0:
		return 0
	case upper && len(letters) >= 2 && vowels == 0:
		return spanishLetterNames(letters)
	}
	return max(1, spanishNuclei(letters))
}

// vowelKind sorts the vowel letters as Spanish syllabification does.
type vowelKind uint8

const (
	notVowel vowelKind = iota
	// strong (abierta) vowels are a, e, o with or without an accent: two
	// of them side by side are always in different syllables.
	strong
	// weak (cerrada) vowels are i, u and ü without an accent, and a "y"
	// that is not before a vowel: next to another vowel they glide.
	weak
	// stressed weak vowels, í and ú, are always a syllable's nucleus, and
	// break a diphthong with a strong vowel: dí-a, pa-ís, re-ú-ne.
	stressedWeak
)

// spanishVowel classifies a lower-case letter on its own; "y", "u" after
// "q" and "g", and "h" depend on their neighbours (see spanishNuclei).
func spanishVowel(r rune) vowelKind {
	switch r {
	case 'a', 'e', 'o', 'á', 'é', 'ó', 'à', 'è', 'ò', 'â', 'ê', 'ô', 'ä', 'ë', 'ö', 'ã', 'õ':
		return strong
	case 'i', 'u', 'ü', 'î', 'û':
		return weak
	case 'í', 'ú', 'ì', 'ù', 'ï':
		// A diaeresis on i (poetic "ruïdo") marks a hiatus, as an accent does.
		return stressedWeak
	}
	return notVowel
}

// weakBase is the plain letter of a weak vowel, so that two of the same
// letter (chi-i-ta, chi-í-ta) are told apart from a diphthong (cui-da-do).
func weakBase(r rune) rune {
	switch r {
	case 'i', 'í', 'ì', 'î', 'ï', 'y':
		return 'i'
	}
	return 'u'
}

// spanishNuclei counts the syllable nuclei of a lower-case word: one for
// each strong or stressed weak vowel, plus the weak vowels that have no
// vowel to glide onto. It works out first which letters are vowels:
//
//   - "u" after "q", and after "g" before e or i, is silent (que, guiso);
//     "ü" is always sounded (pin-güi-no).
//   - "y" before a vowel is a consonant (ya, ma-yo, le-yes); anywhere else
//     it is the weak vowel i (y, hoy, muy, rey).
//   - "h" between two vowels does not part them (prohi-bir, ahu-mar), but
//     an accent still does (a-hí, bú-ho).
func spanishNuclei(w []rune) int {
	kinds := make([]vowelKind, len(w))
	for i, r := range w {
		kinds[i] = spanishVowel(r)
		if r != 'u' || i == 0 {
			continue
		}
		switch w[i-1] {
		case 'q':
			kinds[i] = notVowel
		case 'g':
			if i+1 < len(w) && strings.ContainsRune("eiéíèìêî", w[i+1]) {
				kinds[i] = notVowel
			}
		}
	}
	for i := len(w) - 1; i >= 0; i-- {
		if w[i] == 'y' && (i+1 == len(w) || kinds[i+1] == notVowel) {
			kinds[i] = weak
		}
	}

	// Gather the vowels of each run, stepping over an "h" between vowels.
	n := 0
	run := make([]rune, 0, 4)
	runKinds := make([]vowelKind, 0, 4)
	flush := func() {
		n += runNuclei(run, runKinds)
		run, runKinds = run[:0], runKinds[:0]
	}
	for i, r := range w {
		switch {
		case kinds[i] != notVowel:
			run = append(run, r)
			runKinds = append(runKinds, kinds[i])
		case r == 'h' && len(run) > 0 && i+1 < len(w) && kinds[i+1] != notVowel:
			// prohibir, ahí: the h is silent and the vowels meet.
		default:
			flush()
		}
	}
	flush()
	return n
}

// runNuclei counts the nuclei in one run of adjacent vowels. Strong and
// stressed weak vowels are nuclei. A weak vowel glides onto a strong
// neighbour, or onto a stressed weak one of the other letter (cons-truí);
// the weak vowels left over pair into diphthongs of two different letters
// (cui-da-do, ciu-dad), and are nuclei of their own otherwise.
func runNuclei(run []rune, kinds []vowelKind) int {
	n := 0
	for i := 0; i < len(run); {
		if kinds[i] != weak {
			n++
			i++
			continue
		}
		end := i // the weak vowels are run[i:end]
		for end < len(run) && kinds[end] == weak {
			end++
		}
		lo, hi := i, end // those left without a strong neighbour
		if lo > 0 && glidesOnto(run[lo], run[lo-1], kinds[lo-1]) {
			lo++ // an off-glide: hoy, ai-re, cau-sa
		}
		if hi < len(run) && lo < hi && glidesOnto(run[hi-1], run[hi], kinds[hi]) {
			hi-- // an on-glide: a-gua, fie-bre, cons-truí
		}
		for k := lo; k < hi; n++ {
			if k+1 < hi && weakBase(run[k]) != weakBase(run[k+1]) {
				k += 2 // ui, iu: a diphthong
			} else {
				k++ // ii, uu: a hiatus
			}
		}
		i = end
	}
	return n
}

// glidesOnto reports whether the weak vowel w can share a syllable with its
// neighbour v of kind k.
func glidesOnto(w, v rune, k vowelKind) bool {
	switch k {
	case strong:
		return true
	case stressedWeak:
		return weakBase(w) != weakBase(v)
	}
	return false
}

// spanishLetterNames reads a vowel-less initialism letter by letter, with
// the Spanish names of the letters: be, ce, de, efe, ge, hache, …
func spanishLetterNames(lower []rune) int {
	n := 0
	for _, r := range lower {
		switch r {
		case 'b', 'c', 'd', 'g', 'k', 'p', 'q', 't', 'y':
			n++ // be, ce, de, ge, ka, pe, cu, te, ye
		case 'w':
			n += 3 // uve doble
		default:
			n += 2 // efe, hache, jota, ele, eme, ene, eñe, erre, ese, uve, equis, zeta
		}
	}
	return n
}
