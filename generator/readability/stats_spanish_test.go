package readability

import (
	"reflect"
	"testing"
)

// TestSpanishScores checks the formulas against examples worked by hand:
//
//	Szigriszt-Pazos  = 206.835 − 62.3 × syllables/words − words/sentences
//	Fernández-Huerta = 206.84 − 60 × syllables/words − 1.02 × words/sentences
//
// (60 × syllables/words is Fernández Huerta's 0.60 × syllables per 100
// words.) The rows near 40, 55, 65 and 80 check that the grade is taken
// from the rounded score, and where each limit falls.
func TestSpanishScores(t *testing.T) {
	tests := []struct {
		name                       string
		words, sentences, syllable int
		wantSz                     float64
		wantBand                   InfleszBand
		wantFH                     float64
	}{
		// 20 words a sentence, 2 syllables a word: Sz 206.835 − 124.6 −
		// 20 = 62.235; FH 206.84 − 120 − 20.4 = 66.44. The widely copied
		// form with 1.02 × sentences per 100 words would give
		// 206.84 − 120 − 1.02 × 5 = 81.74: this row tells them apart.
		{"normal prose", 100, 5, 200, 62.2, InfleszNormal, 66.4},
		// 10 words a sentence, 1.8 syllables a word: Sz 206.835 − 112.14 −
		// 10 = 84.695; FH 206.84 − 108 − 10.2 = 88.64.
		{"plain handout", 100, 10, 180, 84.7, InfleszVeryEasy, 88.6},
		// 25 words in one sentence, 2.4 syllables a word: Sz 206.835 −
		// 149.52 − 25 = 32.315; FH 206.84 − 144 − 25.5 = 37.34.
		{"consent form", 25, 1, 60, 32.3, InfleszVeryHard, 37.3},
		// 8 words a sentence, 2.55 syllables a word: Sz 206.835 − 158.865
		// − 8 = 39.97, which rounds to 40.0; FH 206.84 − 153 − 8.16 = 45.68.
		{"rounds up to 40", 40, 5, 102, 40.0, InfleszSomewhatHard, 45.7},
		// 5.8 words a sentence, 68/29 syllables a word: Sz 206.835 −
		// 146.0828 − 5.8 = 54.952, which rounds to 55.0; FH 206.84 −
		// 140.6897 − 5.916 = 60.234.
		{"rounds up to 55", 29, 5, 68, 55.0, InfleszNormal, 60.2},
		// 36/7 words a sentence, 79/36 syllables a word: Sz 206.835 −
		// 136.7139 − 5.1429 = 64.978, rounded 65.0; FH 206.84 − 131.6667
		// − 5.2457 = 69.928.
		{"rounds up to 65", 36, 7, 79, 65.0, InfleszFairlyEasy, 69.9},
		// 5.25 words a sentence, 41/21 syllables a word: Sz 206.835 −
		// 121.6333 − 5.25 = 79.952, rounded 80.0, which is not above 80;
		// FH 206.84 − 117.1429 − 5.355 = 84.342.
		{"rounds up to 80", 21, 4, 41, 80.0, InfleszFairlyEasy, 84.3},
		{"no words", 0, 0, 0, 0, InfleszNone, 0},
		{"words but no sentence", 3, 0, 6, 0, InfleszNone, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sz, band, fh := spanishScores(tt.words, tt.sentences, tt.syllable)
			if sz != tt.wantSz || band != tt.wantBand || fh != tt.wantFH {
				t.Errorf("spanishScores(%d, %d, %d) = %v, %v, %v; want %v, %v, %v",
					tt.words, tt.sentences, tt.syllable, sz, band, fh, tt.wantSz, tt.wantBand, tt.wantFH)
			}
		})
	}
}

// TestInfleszBandOf checks each limit of the INFLESZ scale from both
// sides.
func TestInfleszBandOf(t *testing.T) {
	tests := []struct {
		score float64
		want  InfleszBand
		name  string
	}{
		{-12.5, InfleszVeryHard, "muy difícil"},
		{39.9, InfleszVeryHard, "muy difícil"},
		{40, InfleszSomewhatHard, "algo difícil"},
		{54.9, InfleszSomewhatHard, "algo difícil"},
		{55, InfleszNormal, "normal"},
		{64.9, InfleszNormal, "normal"},
		{65, InfleszFairlyEasy, "bastante fácil"},
		{80, InfleszFairlyEasy, "bastante fácil"},
		{80.1, InfleszVeryEasy, "muy fácil"},
		{121.3, InfleszVeryEasy, "muy fácil"},
	}
	for _, tt := range tests {
		got := InfleszBandOf(tt.score)
		if got != tt.want || got.String() != tt.name {
			t.Errorf("InfleszBandOf(%v) = %v (%q), want %v (%q)", tt.score, uint8(got), got, uint8(tt.want), tt.name)
		}
	}
	if s := InfleszNone.String(); s != "" {
		t.Errorf("InfleszNone.String() = %q, want \"\"", s)
	}
}

func TestAnalyzeSpanish(t *testing.T) {
	blocks := []Block{
		{Text: "¿Tiene fiebre?", Offset: 0},
		{Text: "Extracción manual", Offset: 20},
		{Text: "Lávese las manos. Ponga un paño tibio sobre el pecho antes de empezar.", Offset: 40},
		{Text: "Descanse cuando pueda.", Offset: 120},
	}
	got := AnalyzeSpanish(blocks)
	// Words and syllables, counted by hand:
	//   tie-ne fie-bre: 2 words, 4 syllables
	//   ex-trac-ción ma-nual: 2, 5
	//   lá-ve-se las ma-nos: 3, 6
	//   pon-ga un pa-ño ti-bio so-bre el pe-cho an-tes de em-pe-zar: 10, 18
	//   des-can-se cuan-do pue-da: 3, 7
	// 20 words, 5 sentences, 40 syllables: 4 words a sentence, 2
	// syllables a word. Sz 206.835 − 124.6 − 4 = 78.235; FH 206.84 − 120
	// − 4.08 = 82.76.
	want := SpanishStats{
		Words: 20, Sentences: 5, Syllables: 40,
		Inflesz: 78.2, Band: InfleszFairlyEasy, FernandezHuerta: 82.8,
		Longest: []Sentence{
			{Text: "Ponga un paño tibio sobre el pecho antes de empezar.", Offset: 59, Words: 10}, // 40 + 19 bytes: á takes two
			{Text: "Lávese las manos.", Offset: 40, Words: 3},
			{Text: "Descanse cuando pueda.", Offset: 120, Words: 3}, // ties keep reading order
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("AnalyzeSpanish()\n got %+v\nwant %+v", got, want)
	}
	if got := AnalyzeSpanish(nil); !reflect.DeepEqual(got, SpanishStats{}) {
		t.Errorf("AnalyzeSpanish(nil) = %+v, want the zero SpanishStats", got)
	}
}

// TestCounterLanguages checks that one Counter keeps the words of each
// language apart: "once" is one English syllable and two Spanish ones
// (on-ce), and "base" one and two (ba-se).
func TestCounterLanguages(t *testing.T) {
	var c Counter
	for range 2 {
		for _, tt := range []struct {
			word   string
			en, es int
		}{{"once", 1, 2}, {"base", 1, 2}, {"area", 3, 3}} {
			if got := c.Syllables(tt.word); got != tt.en {
				t.Errorf("Counter.Syllables(%q) = %d, want %d", tt.word, got, tt.en)
			}
			if got := c.SpanishSyllables(tt.word); got != tt.es {
				t.Errorf("Counter.SpanishSyllables(%q) = %d, want %d", tt.word, got, tt.es)
			}
		}
	}
	blocks := []Block{{Text: "Once base. Once base."}}
	if en, es := c.Analyze(blocks), c.AnalyzeSpanish(blocks); en.Syllables != 4 || es.Syllables != 8 {
		t.Errorf("the same text has %d English syllables and %d Spanish ones, want 4 and 8", en.Syllables, es.Syllables)
	}
}
