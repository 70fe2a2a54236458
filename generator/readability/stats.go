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
// counts each word once. The zero Counter is ready to use. It is not safe
// for concurrent use: keep one per goroutine.
type Counter struct {
	known map[string]int
	// blockWords are the words of each block the last Analyze read.
	blockWords []int
}

// BlockWords returns how many words each block that the last Analyze read
// has, in order, for checks of a block's length that would otherwise read
// it again. The next Analyze reuses the slice.
func (c *Counter) BlockWords() []int { return c.blockWords }

// maxKnown bounds a Counter's memory: past that many words (far more than
// a site's vocabulary, but not more than random text has) it starts over.
const maxKnown = 1 << 16

// Syllables is the package's Syllables, remembered.
func (c *Counter) Syllables(word string) int {
	if n, ok := c.known[word]; ok {
		return n
	}
	if c.known == nil || len(c.known) >= maxKnown {
		c.known = make(map[string]int, 256)
	}
	n := Syllables(word)
	// A copy of the word: it shares the memory of its whole block.
	c.known[strings.Clone(word)] = n
	return n
}

// Analyze is the package's Analyze, counting syllables with c.
func (c *Counter) Analyze(blocks []Block) Stats {
	var st Stats
	var longest [longestKept]Sentence // the longest so far, longest first
	kept := 0
	c.blockWords = c.blockWords[:0]
	for _, b := range blocks {
		inBlock := st.Words
		for _, s := range splitSentences(b.Text, false) {
			EachWord(s.Text, func(w string, _ int) {
				n := c.Syllables(w)
				s.Words++
				st.Syllables += n
				if n >= 3 {
					st.Polysyllables++
				}
			})
			if s.Words == 0 {
				continue // a fragment without a word, such as a lone "…"
			}
			st.Sentences++
			st.Words += s.Words
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
		c.blockWords = append(c.blockWords, st.Words-inBlock)
	}
	st.FleschKincaidGrade, st.FleschReadingEase, st.SMOG = scores(st.Words, st.Sentences, st.Syllables, st.Polysyllables)
	st.Longest = append([]Sentence(nil), longest[:kept]...)
	return st
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
