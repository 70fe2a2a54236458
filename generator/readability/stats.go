package readability

import (
	"math"
	"sort"
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
	var st Stats
	var all []Sentence
	// A handout uses a few hundred different words, most of them many
	// times: counting each once halves the work.
	counted := make(map[string]int, 256)
	for _, b := range blocks {
		for _, s := range SplitSentences(b.Text) {
			st.Sentences++
			for _, w := range words(s.Text) {
				n, ok := counted[w]
				if !ok {
					n = Syllables(w)
					counted[w] = n
				}
				st.Words++
				st.Syllables += n
				if n >= 3 {
					st.Polysyllables++
				}
			}
			s.Offset = b.SourceOffset(s.Offset)
			all = append(all, s)
		}
	}
	st.FleschKincaidGrade, st.FleschReadingEase, st.SMOG = scores(st.Words, st.Sentences, st.Syllables, st.Polysyllables)
	sort.SliceStable(all, func(i, j int) bool { return all[i].Words > all[j].Words })
	st.Longest = append([]Sentence(nil), all[:min(longestKept, len(all))]...)
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
