package readability

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// spanishNumberSyllables reads the numbers in part aloud in Spanish and
// counts their syllables: "24" is "veinticuatro" (4), "38,5" and "38.5"
// are "treinta y ocho coma cinco" (8), "1.000" and "1,000" are "mil" (1),
// "1½" is "uno y medio" (5). Letters after the digits ("3er", "10mg", the
// º of "1.º") add nothing. ok is false when part holds no number.
//
// A comma or period between digits is a thousands separator when every
// group after it has three digits and the first group does not start with
// 0 (1.000, 2,500, 1.000.000); otherwise the last one is the decimal
// separator (38,5, 0,125, 100.4). Other runs of digits in one part (8:30)
// are read one after another.
func spanishNumberSyllables(part string) (n int, ok bool) {
	fracAfterDigit := false
	for i := 0; i < len(part); {
		r, size := rune(part[i]), 1
		if r >= 0x80 {
			r, size = utf8.DecodeRuneInString(part[i:])
		}
		switch {
		case r >= '0' && r <= '9':
			end := numberEnd(part, i)
			n += readNumber(part[i:end])
			ok = true
			i = end
			fracAfterDigit = true
			continue
		case isVulgarFraction(r):
			if fracAfterDigit {
				n++ // "y": uno y medio
			}
			n += fractionSyllables(r)
			ok = true
		case unicode.IsDigit(r):
			n += 2 // a digit of another script: most digit names have two
			ok = true
		case unicode.IsNumber(r) && !unicode.IsLetter(r):
			n++ // ², Ⅻ and other number signs: one syllable each
			ok = true
		}
		fracAfterDigit = false
		i += size
	}
	return n, ok
}

// numberEnd returns the end of the number that starts at part[i]: digits
// with single commas or periods between them.
func numberEnd(part string, i int) int {
	j := i
	for j < len(part) {
		c := part[j]
		switch {
		case c >= '0' && c <= '9':
			j++
		case (c == '.' || c == ',') && j+1 < len(part) && part[j+1] >= '0' && part[j+1] <= '9':
			j++
		default:
			return j
		}
	}
	return j
}

// readNumber counts the syllables of an ASCII number with separators, as
// numberEnd delimits it.
func readNumber(num string) int {
	var groups []string
	var seps []byte
	start := 0
	for i := 0; i < len(num); i++ {
		if num[i] == '.' || num[i] == ',' {
			groups = append(groups, num[start:i])
			seps = append(seps, num[i])
			start = i + 1
		}
	}
	groups = append(groups, num[start:])
	if len(groups) == 1 {
		return integerSyllables(num)
	}
	thousands := groups[0][0] != '0' && len(groups[0]) <= 3
	for i, g := range groups[1:] {
		thousands = thousands && len(g) == 3 && seps[i] == seps[0]
	}
	if thousands {
		return integerSyllables(strings.Join(groups, ""))
	}
	last := len(groups) - 1
	return integerSyllables(strings.Join(groups[:last], "")) + 2 + integerSyllables(groups[last]) // "coma"
}

// integerSyllables reads a string of ASCII digits as a Spanish cardinal:
// each leading zero is "cero", and a number too long to name (past the
// billones) is read digit by digit.
func integerSyllables(digits string) int {
	n := 0
	for len(digits) > 1 && digits[0] == '0' {
		n += 2 // cero
		digits = digits[1:]
	}
	if len(digits) > 15 {
		for _, d := range digits {
			n += cardinalSyllables(uint64(d - '0'))
		}
		return n
	}
	var v uint64
	for _, d := range digits {
		v = v*10 + uint64(d-'0')
	}
	return n + cardinalSyllables(v)
}

// cardinalSyllables counts the syllables of n said as a Spanish cardinal
// number, below 10^15: the syllables of the words spellCardinal writes.
func cardinalSyllables(n uint64) int {
	total := 0
	for _, w := range strings.Fields(spellCardinal(n)) {
		total += spanishPartSyllables(w)
	}
	return total
}

// spellCardinal writes n, below 10^15, in Spanish words.
func spellCardinal(n uint64) string {
	if n == 0 {
		return "cero"
	}
	var b strings.Builder
	spellScaled(&b, n, false)
	return strings.TrimSpace(b.String())
}

// spellScaled writes n followed by the right scale words. apocope says
// that a noun follows (mil, millones), so that "uno" becomes "un"
// (veintiún mil, un millón).
func spellScaled(b *strings.Builder, n uint64, apocope bool) {
	const million = 1_000_000
	const billion = million * million // a Spanish "billón"
	switch {
	case n >= billion:
		hi := n / billion
		if hi == 1 {
			b.WriteString("un billón ")
		} else {
			spellScaled(b, hi, true)
			b.WriteString("billones ")
		}
		n %= billion
	case n >= million:
		hi := n / million // below 10^6: "mil millones" for 10^9
		if hi == 1 {
			b.WriteString("un millón ")
		} else {
			spellScaled(b, hi, true)
			b.WriteString("millones ")
		}
		n %= million
	case n >= 1000:
		hi := n / 1000
		if hi > 1 {
			spellBelowThousand(b, hi, true)
		}
		b.WriteString("mil ")
		n %= 1000
	default:
		spellBelowThousand(b, n, apocope)
		return
	}
	if n > 0 {
		spellScaled(b, n, apocope)
	}
}

// spellBelowThousand writes 1 ≤ n ≤ 999.
func spellBelowThousand(b *strings.Builder, n uint64, apocope bool) {
	hundreds := [...]string{"", "ciento", "doscientos", "trescientos", "cuatrocientos", "quinientos", "seiscientos", "setecientos", "ochocientos", "novecientos"}
	units := [...]string{"", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
		"diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve",
		"veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve"}
	tens := [...]string{"", "", "", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"}
	if n == 100 {
		b.WriteString("cien ")
		return
	}
	if h := n / 100; h > 0 {
		b.WriteString(hundreds[h] + " ")
	}
	n %= 100
	var w string
	switch {
	case n == 0:
		return
	case n < 30:
		w = units[n]
	case n%10 == 0:
		w = tens[n/10]
	default:
		w = tens[n/10] + " y " + units[n%10]
	}
	if apocope {
		if s, ok := strings.CutSuffix(w, "uno"); ok {
			w = s + "un"
			if s == "veinti" {
				w = "veintiún"
			}
		}
	}
	b.WriteString(w + " ")
}

// fractionSyllables reads a vulgar fraction: ½ "medio", ¼ "cuarto", and
// the others with two words ("tres cuartos", "un tercio").
func fractionSyllables(r rune) int {
	switch r {
	case '½', '¼':
		return 2
	}
	return 3
}
