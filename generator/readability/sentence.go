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
	var out []Sentence
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '.' || r == '!' || r == '?' || r == '…' {
			if end, ok := sentenceEnd(text, i); ok {
				out = appendSentence(out, text, start, end)
				start, i = end, end
				continue
			}
		}
		i += size
	}
	return appendSentence(out, text, start, len(text))
}

func appendSentence(out []Sentence, text string, start, end int) []Sentence {
	s := text[start:end]
	trimmed := strings.TrimLeftFunc(s, unicode.IsSpace)
	start += len(s) - len(trimmed)
	trimmed = strings.TrimRightFunc(trimmed, unicode.IsSpace)
	n := countWords(trimmed)
	if n == 0 {
		return out
	}
	return append(out, Sentence{Text: trimmed, Offset: start, Words: n})
}

// sentenceEnd decides whether the terminator at text[i] ends a sentence
// and, if so, returns the offset just past it and any closing punctuation.
func sentenceEnd(text string, i int) (int, bool) {
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
	switch strings.ToLower(tok) {
	case "dr", "mr", "mrs", "ms", "prof", "st", "e.g", "i.e", "eg", "ie", "vs", "cf", "approx", "al", "fig", "ca":
		return 0, false
	case "no":
		if unicode.IsDigit(nr) {
			return 0, false
		}
	}
	if r, size := utf8.DecodeRuneInString(tok); size == len(tok) && unicode.IsUpper(r) {
		return 0, false // an initial
	}
	if strings.Contains(tok, ".") {
		return j, unicode.IsUpper(nr) // U.S., a.m., p.m.
	}
	return j, true
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
	case '"', '\'', '(', '[', '{', '“', '‘', '«', '‹':
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
	for _, field := range strings.Fields(text) {
		if isURLLike(field) {
			continue
		}
		for _, tok := range strings.FieldsFunc(field, isWordSeparator) {
			tok = strings.TrimFunc(tok, func(r rune) bool {
				return !unicode.IsLetter(r) && !unicode.IsNumber(r)
			})
			if tok != "" {
				out = append(out, tok)
			}
		}
	}
	return out
}

// countWords returns len(words(text)) without making the list: every
// sentence is counted, so this runs on every word of a handout.
func countWords(text string) int {
	n := 0
	for len(text) > 0 {
		start := strings.IndexFunc(text, isNotSpace)
		if start < 0 {
			break
		}
		text = text[start:]
		end := strings.IndexFunc(text, unicode.IsSpace)
		if end < 0 {
			end = len(text)
		}
		field := text[:end]
		text = text[end:]
		if isURLLike(field) {
			continue
		}
		word := false // the token so far holds a letter or digit
		for _, r := range field {
			switch {
			case isWordSeparator(r):
				if word {
					n++
				}
				word = false
			case isWordRune(r):
				word = true
			}
		}
		if word {
			n++
		}
	}
	return n
}

func isNotSpace(r rune) bool { return !unicode.IsSpace(r) }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }

func isWordSeparator(r rune) bool {
	switch r {
	case '—', '–', '/', '…', '|', '\\':
		return true
	}
	return false
}

func isURLLike(tok string) bool {
	lower := strings.ToLower(tok)
	if strings.Contains(lower, "://") || strings.HasPrefix(lower, "www.") {
		return true
	}
	at := strings.IndexByte(lower, '@')
	return at > 0 && strings.Contains(lower[at:], ".")
}
