package readability

// SpanishStats measures how hard a sequence of Spanish blocks is to read,
// with the formulas made for Spanish. It has no English grade: the
// English formulas never run on Spanish text, and Stats has no Spanish
// score.
type SpanishStats struct {
	// Words, Sentences and Syllables are totals over all blocks, with
	// syllables counted by SpanishSyllables.
	Words, Sentences, Syllables int
	// Inflesz is the Szigriszt-Pazos perspicuity index, the score that the
	// INFLESZ scale grades: about 0 (very hard) to 100 (very easy), 55 or
	// more being normal. Band is its grade on that scale.
	Inflesz float64
	Band    InfleszBand
	// FernandezHuerta is Fernández Huerta's reading ease (lecturabilidad),
	// on the same kind of 0–100 scale, 60–70 being normal for adults.
	// Both scores are rounded to one decimal and are 0, with no Band, for
	// text without a sentence.
	FernandezHuerta float64
	// Longest holds the three longest sentences by word count, longest
	// first, ties in reading order, with offsets into the source.
	Longest []Sentence
}

// AnalyzeSpanish splits each block into sentences and words by the
// Spanish rules (SplitSpanishSentences, SpanishSyllables) and computes the
// Spanish scores. Each block ends a sentence, as in Analyze.
func AnalyzeSpanish(blocks []Block) SpanishStats {
	var c Counter
	return c.AnalyzeSpanish(blocks)
}

// AnalyzeSpanish is the package's AnalyzeSpanish, counting syllables with
// c.
func (c *Counter) AnalyzeSpanish(blocks []Block) SpanishStats {
	t := c.tally(blocks, spanish)
	st := SpanishStats{Words: t.words, Sentences: t.sentences, Syllables: t.syllables, Longest: t.longest}
	st.Inflesz, st.Band, st.FernandezHuerta = spanishScores(st.Words, st.Sentences, st.Syllables)
	return st
}

// spanishScores applies the formulas given in the package comment,
// rounded to one decimal, and grades the rounded Szigriszt-Pazos score.
// Without words or sentences both scores are 0 and the grade InfleszNone.
func spanishScores(words, sentences, syllables int) (szigriszt float64, band InfleszBand, fernandezHuerta float64) {
	if words <= 0 || sentences <= 0 {
		return 0, InfleszNone, 0
	}
	wps := float64(words) / float64(sentences)
	spw := float64(syllables) / float64(words)
	szigriszt = round1(206.835 - 62.3*spw - wps)
	fernandezHuerta = round1(206.84 - 60*spw - 1.02*wps)
	return szigriszt, InfleszBandOf(szigriszt), fernandezHuerta
}

// InfleszBand is a grade of the INFLESZ scale (Barrio-Cantalejo et al.,
// 2008), which reads the Szigriszt-Pazos index for texts for patients.
type InfleszBand uint8

// The grades of the INFLESZ scale, from hardest to easiest. InfleszNone is
// the grade of a text without a sentence.
const (
	InfleszNone         InfleszBand = iota
	InfleszVeryHard                 // muy difícil: below 40
	InfleszSomewhatHard             // algo difícil: 40 to below 55
	InfleszNormal                   // normal: 55 to below 65
	InfleszFairlyEasy               // bastante fácil: 65 to 80
	InfleszVeryEasy                 // muy fácil: above 80
)

// InfleszBandOf grades a Szigriszt-Pazos score on the INFLESZ scale. The
// published scale gives its inner limits to both neighbours ("40–55",
// "55–65"); this package gives 40, 55 and 65 to the easier grade, so that
// "INFLESZ ≥ 55" means "normal or easier", and keeps the scale's own
// "< 40" and "> 80", so 80 is still bastante fácil. Grade the rounded
// score, as SpanishStats does, so that the grade agrees with the number
// shown.
func InfleszBandOf(score float64) InfleszBand {
	switch {
	case score < 40:
		return InfleszVeryHard
	case score < 55:
		return InfleszSomewhatHard
	case score < 65:
		return InfleszNormal
	case score <= 80:
		return InfleszFairlyEasy
	}
	return InfleszVeryEasy
}

// String returns the grade's name on the scale, in Spanish ("algo
// difícil"), or "" for InfleszNone.
func (b InfleszBand) String() string {
	switch b {
	case InfleszVeryHard:
		return "muy difícil"
	case InfleszSomewhatHard:
		return "algo difícil"
	case InfleszNormal:
		return "normal"
	case InfleszFairlyEasy:
		return "bastante fácil"
	case InfleszVeryEasy:
		return "muy fácil"
	}
	return ""
}
