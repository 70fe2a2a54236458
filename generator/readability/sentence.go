package readability

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is one sentence of text.
type Sentence struct {
	// Text is the sentence without surrounding space.
	Text string
	// Offset is the byte offset where Text starts: within the string given
	// to SplitSentences, or within the Markdown source in Stats.Longest.
	Offset int
	// Words is the number of words in Text.
	Words int
}

// SplitSentences splits text into sentences. The end of text always ends a
// sentence, so text without final punctuation is still one. Fragments
// without a word (a lone "…") are dropped.
//
// A sentence ends after ".", "!", "?" or an ellipsis, together with any
// closing quotes or brackets after it, when the text ends there or white
// space follows and the next word does not start with a lower-case letter.
// A period is not an end inside a token (2.5, 38.5, e.g., example.com),
// after a title or a Latin or reference abbreviation (Dr., Mr., Mrs., Ms.,
// Prof., St., e.g., i.e., vs., cf., approx., et al., fig., ca.), after "no."
// before a number, or after a single capital letter (an initial, as in
// "J. Smith"; the price is that "vitamin D. Then" stays one sentence). An
// ellipsis or a dotted
// abbreviation such as "U.S." or "p.m." ends a sentence only before a
// capital letter; "etc." ends one before a capital letter like any word.
func SplitSentences(text string) []Sentence {
	return splitSentences(text, english, true)
}

// SplitSpanishSentences splits Spanish text into sentences by the rule of
// SplitSentences, with the abbreviations of Spanish instead of English
// ones: a period does not end a sentence after Dr., Dra., Sr., Sra.,
// Srta., Ud., Uds., Lic., Prof., p. ej., ej., aprox., núm., pág., tel.,
// fig., cap., vol., art., máx., mín., vs., cf., izq., dcha., avda. or the
// EE. of EE. UU. The opening ¿ and ¡ are skipped, like opening quotes,
// when looking at the next word; a decimal comma (38,5) is inside a token
// and so never an end.
func SplitSpanishSentences(text string) []Sentence {
	return splitSentences(text, spanish, true)
}

// language selects the rules of one language: abbreviations and
// syllables here, and the formulas in Analyze and AnalyzeSpanish.
type language uint8

const (
	english language = iota
	spanish
)

// splitSentences is SplitSentences in language lang; without count, it
// leaves Words at 0 and keeps fragments without a word, for a caller that
// goes through every word anyway (Analyze).
func splitSentences(text string, lang language, count bool) []Sentence {
	var out []Sentence
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '.' || r == '!' || r == '?' || r == '…' {
			if end, ok := sentenceEnd(text, i, lang); ok {
				out = appendSentence(out, text, start, end, count)
				start, i = end, end
				continue
			}
		}
		i += size
	}
	return appendSentence(out, text, start, len(text), count)
}

func appendSentence(out []Sentence, text string, start, end int, count bool) []Sentence {
	s := text[start:end]
	trimmed := strings.TrimLeftFunc(s, unicode.IsSpace)
	start += len(s) - len(trimmed)
	trimmed = strings.TrimRightFunc(trimmed, unicode.IsSpace)
	n := 0
	if count {
		if n = countWords(trimmed); n == 0 {
			return out
		}
	} else if trimmed == "" {
		return out
	}
	return append(out, Sentence{Text: trimmed, Offset: start, Words: n})
}

// sentenceEnd decides whether the terminator at text[i] ends a sentence
// and, if so, returns the offset just past it and any closing punctuation.
func sentenceEnd(text string, i int, lang language) (int, bool) {
	// Take the whole run of terminators: "?!", "...", "!!!".
	j, dots, ellipsis, exclaim := i, 0, false, false
run:
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		switch r {
		case '.':
			dots++
		case '…':
			ellipsis = true
		case '!', '?':
			exclaim = true
		default:
			break run
		}
		j += size
	}
	if dots >= 2 && !exclaim {
		ellipsis = true
	}
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !isCloser(r) {
			break
		}
		j += size
	}
	if j == len(text) {
		return j, true
	}
	if r, _ := utf8.DecodeRuneInString(text[j:]); !unicode.IsSpace(r) {
		return 0, false // inside a token: 2.5, e.g., example.com
	}
	next := strings.TrimLeftFunc(text[j:], func(r rune) bool { return unicode.IsSpace(r) || isOpener(r) })
	if next == "" {
		return j, true
	}
	nr, _ := utf8.DecodeRuneInString(next)
	switch {
	case unicode.IsLower(nr):
		return 0, false // an abbreviation we do not know, or a quotation going on
	case exclaim:
		return j, true
	case ellipsis:
		return j, unicode.IsUpper(nr)
	}
	tok := tokenBefore(text, i)
	if isAbbreviation(strings.ToLower(tok), lang, nr) {
		return 0, false
	}
	if r, size := utf8.DecodeRuneInString(tok); size == len(tok) && unicode.IsUpper(r) {
		return 0, false // an initial
	}
	if strings.Contains(tok, ".") {
		return j, unicode.IsUpper(nr) // U.S., a.m., p.m.
	}
	return j, true
}

// isAbbreviation reports whether the lower-case token before a period is
// an abbreviation after which no sentence ends, when the next word starts
// with next.
func isAbbreviation(tok string, lang language, next rune) bool {
	if lang == spanish {
		switch tok {
		case "dr", "dra", "drs", "dras", "sr", "sra", "sres", "sras", "srta", "srtas",
			"ud", "uds", "vd", "vds", "lic", "lcdo", "lcda", "prof", "profa", "ing",
			"p.ej", "ej", "aprox", "núm", "nro", "pág", "págs", "tel", "tfno",
			"fig", "cap", "vol", "art", "máx", "mín", "vs", "cf", "izq", "dcha",
			"avda", "av", "ee":
			return true
		}
		return false
	}
	switch tok {
	case "dr", "mr", "mrs", "ms", "prof", "st", "e.g", "i.e", "eg", "ie", "vs", "cf", "approx", "al", "fig", "ca":
		return true
	case "no":
		return unicode.IsDigit(next)
	}
	return false
}

// tokenBefore returns the letters and inner periods just before text[i],
// without leading brackets or quotes.
func tokenBefore(text string, i int) string {
	k := i
	for k > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:k])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		k -= size
	}
	return text[k:i]
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '}', '”', '’', '»', '›':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '{', '“', '‘', '«', '‹', '¿', '¡':
		return true
	}
	return false
}

// words splits text into words: runs separated by white space, dashes
// (— and –), slashes and ellipses, trimmed of surrounding punctuation,
// that contain a letter or digit. A hyphenated word is one word. Tokens
// that look like URLs or e-mail addresses (://, www., a@b.c) are not
// words.
func words(text string) []string {
	var out []string
	EachWord(text, func(w string, _ int) { out = append(out, w) })
	return out
}

// EachWord calls f with each word of text, as Analyze counts them, and its
// byte offset in text: runs separated by white space, dashes (— and –),
// slashes and ellipses, trimmed of surrounding punctuation, that contain a
// letter or digit. A hyphenated word is one word; tokens that look like
// URLs or e-mail addresses are not words. It makes no list and reads ASCII
// a byte at a time: it runs on every word of every handout.
func EachWord(text string, f func(word string, off int)) {
	for i := 0; i < len(text); {
		if size := spaceAt(text, i); size > 0 {
			i += size
			continue
		}
		start := i // a field runs to the next space
		for i < len(text) && spaceAt(text, i) == 0 {
			if text[i] < utf8.RuneSelf {
				i++
			} else {
				_, size := utf8.DecodeRuneInString(text[i:])
				i += size
			}
		}
		if field := text[start:i]; !isURLLike(field) {
			fieldWords(field, start, f)
		}
	}
}

// spaceAt returns the size of the white-space character at text[i], or 0.
func spaceAt(text string, i int) int {
	if c := text[i]; c < utf8.RuneSelf {
		if c == ' ' || c >= '\t' && c <= '\r' {
			return 1
		}
		return 0
	}
	if r, size := utf8.DecodeRuneInString(text[i:]); unicode.IsSpace(r) {
		return size
	}
	return 0
}

// fieldWords calls f with the words of one field, which starts at byte off
// of the text: the parts between separators, trimmed of what is not a
// letter or digit.
func fieldWords(field string, off int, f func(word string, off int)) {
	tok := 0 // where the current part starts
	for j := 0; ; {
		sep := 0
		switch {
		case j == len(field):
		case field[j] < utf8.RuneSelf:
			if c := field[j]; c != '/' && c != '|' && c != '\\' {
				j++
				continue
			}
			sep = 1
		default:
			r, size := utf8.DecodeRuneInString(field[j:])
			if !isWordSeparator(r) {
				j += size
				continue
			}
			sep = size
		}
		if w, lead := trimWord(field[tok:j]); w != "" {
			f(w, off+tok+lead)
		}
		if j == len(field) {
			return
		}
		j += sep
		tok = j
	}
}

// trimWord trims s of what is not a letter or digit at either end, and
// returns how many bytes went from the front.
func trimWord(s string) (string, int) {
	lead := 0
	for lead < len(s) {
		r, size := rune(s[lead]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[lead:])
		}
		if isWordRune(r) {
			break
		}
		lead += size
	}
	end := len(s)
	for end > lead {
		r, size := rune(s[end-1]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeLastRuneInString(s[:end])
		}
		if isWordRune(r) {
			break
		}
		end -= size
	}
	return s[lead:end], lead
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// countWords returns len(words(text)) without making the list.
func countWords(text string) int {
	n := 0
	EachWord(text, func(string, int) { n++ })
	return n
}

func isWordSeparator(r rune) bool {
	switch r {
	case '—', '–', '/', '…', '|', '\\':
		return true
	}
	return false
}

func isURLLike(tok string) bool {
	if tok == "" || strings.IndexByte(tok, ':') < 0 && strings.IndexByte(tok, '@') < 0 && (tok[0]|0x20) != 'w' {
		return false // most words: no scheme, no e-mail, not www.
	}
	if strings.Contains(tok, "://") || len(tok) >= 4 && strings.EqualFold(tok[:4], "www.") {
		return true
	}
	at := strings.IndexByte(tok, '@')
	return at > 0 && strings.Contains(tok[at:], ".")
}
