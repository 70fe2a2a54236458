package lint

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// initialisms are words in capitals that are read as names, not shouted:
// the organizations, documents and credentials a handout on breastfeeding
// names. Two-letter words are allowed without being listed. Add to the list
// when a handout needs another.
var initialisms = map[string]bool{
	"AAP": true, "ABM": true, "ACOG": true, "AHRQ": true, "BMI": true,
	"CDC": true, "COVID": true, "FAQ": true, "FDA": true, "HIV": true,
	"IBCLC": true, "ICU": true, "LLLI": true, "MRSA": true, "NHS": true,
	"NICE": true, "NICU": true, "UCIN": true, "NIH": true, "PDF": true, "SIDS": true,
	"UNICEF": true, "URL": true, "USA": true, "WHO": true, "WIC": true,
}

// isShouting reports whether a word, or a part of a hyphenated word, is
// written in capitals: three or more letters, all upper case, and not an
// initialism or the placeholder marker (reported on its own).
func isShouting(word string) bool {
	// Most words have a lower-case letter after the first: not capitals.
	if len(word) > 1 && word[1] >= 'a' && word[1] <= 'z' && strings.IndexByte(word, '-') < 0 {
		return false
	}
	for part := range strings.SplitSeq(word, "-") {
		for _, s := range []string{"'s", "’s", "'S", "’S"} {
			part = strings.TrimSuffix(part, s)
		}
		letters, upper := 0, 0
		for _, r := range part {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		}
		if letters >= 3 && upper == letters && !initialisms[part] && part != Marker {
			return true
		}
	}
	return false
}

// mayShout reports whether some run of text without spaces holds three
// upper-case letters: only then can a word in it be in capitals.
func mayShout(text string) bool {
	upper := 0
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c >= 'A' && c <= 'Z':
			upper++
		case c == ' ' || c == '\n':
			upper = 0
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsUpper(r) {
				upper++
			} else if unicode.IsSpace(r) {
				upper = 0
			}
			i += size
			continue
		}
		if upper >= 3 {
			return true
		}
		i++
	}
	return upper >= 3
}

// firstOffset returns the source offset of the first text inside n.
func firstOffset(n ast.Node) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if c.Type() == ast.TypeBlock && c.Lines() != nil && c.Lines().Len() > 0 {
			off = c.Lines().At(0).Start
			return ast.WalkStop, nil
		}
		if t, ok := c.(*ast.Text); ok {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return off
}

// lineStart returns the offset of the first character that is not a space
// on the line holding offset off: where a list's first marker is.
func lineStart(src []byte, off int) int {
	if off < 0 || off > len(src) {
		return off
	}
	start := off
	for start > 0 && src[start-1] != '\n' {
		start--
	}
	for start < off && (src[start] == ' ' || src[start] == '\t') {
		start++
	}
	return start
}

// clip shortens s to at most n characters, with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// plural writes a count with its noun: "1 source", "3 sources".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// trimFloat formats a setting without needless decimals: 7, 7.5.
func trimFloat(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}
