package readability

import (
	"math"
	"strings"
)

// Stats measures how hard a sequence of blocks is to read.
type Stats struct {
	// Words, Sentences and Syllables are totals over all blocks;
	// Polysyllables counts the words of three or more syllables.
	Words, Sentences, Syllables, Polysyllables int
	// FleschKincaidGrade is the U.S. school grade needed to read the
	// text; FleschReadingEase runs from about 0 (very hard) to 100 (very
	// easy); SMOG is the grade needed to understand it fully. All three
	// are rounded to one decimal and are 0 for text without a sentence.
	// A very simple text can have a negative grade.
	FleschKincaidGrade, FleschReadingEase, SMOG float64
	// Longest holds the three longest sentences by word count, longest
	// first, ties in reading order, with offsets into the source.
	Longest []Sentence
}

// longestKept is how many sentences Stats.Longest keeps.
const longestKept = 3

// Analyze splits each block into sentences and words and computes the
// readability scores. Each block ends a sentence, even without final
// punctuation: a heading or list item is a sentence of its own.
func Analyze(blocks []Block) Stats {
	var c Counter
	return c.Analyze(blocks)
}

// Counter counts syllables and remembers the words it has counted, so
// that measuring many texts, as a build of thousands of handouts does,
// counts each word once. It keeps the words of each language apart. The
// zero Counter is ready to use. It is not safe for concurrent use: keep
// one per goroutine.
type Counter struct {
	en, es memo
	// blockWords are the words of each block the last Analyze read.
	blockWords []int
}

// BlockWords returns how many words each block that the last Analyze or
// AnalyzeSpanish read has, in order, for checks of a block's length that
// would otherwise read it again. The next analysis reuses the slice.
func (c *Counter) BlockWords() []int { return c.blockWords }

// maxKnown bounds a Counter's memory: past that many words of one
// language (far more than a site's vocabulary, but not more than random
// text has) it starts over.
const maxKnown = 1 << 16

// memo remembers the syllables of the words of one language.
type memo map[string]int

// get returns the syllables of word, counting them with count the first
// time.
func (m *memo) get(word string, count func(string) int) int {
	if n, ok := (*m)[word]; ok {
		return n
	}
	if *m == nil || len(*m) >= maxKnown {
		*m = make(memo, 256)
	}
	n := count(word)
	// A copy of the word: it shares the memory of its whole block.
	(*m)[strings.Clone(word)] = n
	return n
}

// Syllables is the package's Syllables, remembered.
func (c *Counter) Syllables(word string) int { return c.en.get(word, Syllables) }

// SpanishSyllables is the package's SpanishSyllables, remembered.
func (c *Counter) SpanishSyllables(word string) int { return c.es.get(word, SpanishSyllables) }

// Analyze is the package's Analyze, counting syllables with c.
func (c *Counter) Analyze(blocks []Block) Stats {
	t := c.tally(blocks, english)
	st := Stats{Words: t.words, Sentences: t.sentences, Syllables: t.syllables, Polysyllables: t.polysyllables, Longest: t.longest}
	st.FleschKincaidGrade, st.FleschReadingEase, st.SMOG = scores(st.Words, st.Sentences, st.Syllables, st.Polysyllables)
	return st
}

// tally holds the counts that the formulas of every language start from.
type tally struct {
	words, sentences, syllables, polysyllables int
	longest                                    []Sentence
}

// tally splits each block into sentences and words by the rules of lang
// and counts them. Each block ends a sentence.
func (c *Counter) tally(blocks []Block, lang language) tally {
	var t tally
	var longest [longestKept]Sentence // the longest so far, longest first
	kept := 0
	c.blockWords = c.blockWords[:0]
	for _, b := range blocks {
		inBlock := t.words
		for _, s := range splitSentences(b.Text, lang, false) {
			EachWord(s.Text, func(w string, _ int) {
				var n int
				if lang == spanish {
					n = c.es.get(w, SpanishSyllables)
				} else {
					n = c.en.get(w, Syllables)
				}
				s.Words++
				t.syllables += n
				if n >= 3 {
					t.polysyllables++
				}
			})
			if s.Words == 0 {
				continue // a fragment without a word, such as a lone "…"
			}
			t.sentences++
			t.words += s.Words
			// Keep s if it is among the longest: after those as long, so
			// that ties stay in reading order.
			i := kept
			for i > 0 && longest[i-1].Words < s.Words {
				i--
			}
			if i < longestKept {
				s.Offset = b.SourceOffset(s.Offset)
				kept = min(kept+1, longestKept)
				copy(longest[i+1:kept], longest[i:kept-1])
				longest[i] = s
			}
		}
		c.blockWords = append(c.blockWords, t.words-inBlock)
	}
	t.longest = append([]Sentence(nil), longest[:kept]...)
	return t
}

// scores applies the formulas given in the package comment, rounded to
// one decimal. Without words or sentences every score is 0.
func scores(words, sentences, syllables, polysyllables int) (fk, ease, smog float64) {
	if words <= 0 || sentences <= 0 {
		return 0, 0, 0
	}
	wps := float64(words) / float64(sentences)
	spw := float64(syllables) / float64(words)
	fk = 0.39*wps + 11.8*spw - 15.59
	ease = 206.835 - 1.015*wps - 84.6*spw
	smog = 1.0430*math.Sqrt(float64(polysyllables)*30/float64(sentences)) + 3.1291
	return round1(fk), round1(ease), round1(smog)
}

// round1 rounds to one decimal, half away from zero, without a "-0".
func round1(x float64) float64 {
	r := math.Round(x*10) / 10
	if r == 0 {
		return 0
	}
	return r
}
