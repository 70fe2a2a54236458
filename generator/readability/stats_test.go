package readability

import (
	"reflect"
	"testing"
)

// TestScores checks the formulas against examples worked by hand:
//
//	FK   = 0.39 × words/sentences + 11.8 × syllables/words − 15.59
//	Ease = 206.835 − 1.015 × words/sentences − 84.6 × syllables/words
//	SMOG = 1.0430 × √(polysyllables × 30 / sentences) + 3.1291
func TestScores(t *testing.T) {
	tests := []struct {
		name                              string
		words, sentences, syllables, poly int
		wantFK, wantEase, wantSMOG        float64
	}{
		// 20 words a sentence, 1.5 syllables a word:
		// FK 7.8 + 17.7 − 15.59 = 9.91; Ease 206.835 − 20.3 − 126.9 = 59.635;
		// SMOG 1.043 × √60 + 3.1291 = 1.043 × 7.74597 + 3.1291 = 11.208.
		{"textbook prose", 100, 5, 150, 10, 9.9, 59.6, 11.2},
		// 10 words a sentence, 4/3 syllables a word:
		// FK 3.9 + 15.7333 − 15.59 = 4.0433; Ease 206.835 − 10.15 − 112.8 = 83.885;
		// SMOG 1.043 × √20 + 3.1291 = 4.66444 + 3.1291 = 7.7935.
		{"plain handout", 30, 3, 40, 2, 4.0, 83.9, 7.8},
		// One short sentence of one-syllable words, "Wash your hands now":
		// FK 1.56 + 11.8 − 15.59 = −2.23; Ease 206.835 − 4.06 − 84.6 = 118.175;
		// SMOG 0 + 3.1291.
		{"below first grade", 4, 1, 4, 0, -2.2, 118.2, 3.1},
		// 25 words a sentence, 2 syllables a word:
		// FK 9.75 + 23.6 − 15.59 = 17.76; Ease 206.835 − 25.375 − 169.2 = 12.26;
		// SMOG 1.043 × √240 + 3.1291 = 16.15819 + 3.1291 = 19.2873.
		{"journal abstract", 25, 1, 50, 8, 17.8, 12.3, 19.3},
		{"no words", 0, 0, 0, 0, 0, 0, 0},
		{"words but no sentence", 3, 0, 3, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fk, ease, smog := scores(tt.words, tt.sentences, tt.syllables, tt.poly)
			if fk != tt.wantFK || ease != tt.wantEase || smog != tt.wantSMOG {
				t.Errorf("scores(%d, %d, %d, %d) = %v, %v, %v; want %v, %v, %v",
					tt.words, tt.sentences, tt.syllables, tt.poly, fk, ease, smog, tt.wantFK, tt.wantEase, tt.wantSMOG)
			}
		})
	}
}

func TestAnalyze(t *testing.T) {
	blocks := []Block{
		{Text: "Feed your baby often.", Offset: 0},
		{Text: "Hand expression", Offset: 30},
		{Text: "Wash your hands. Use a warm cloth on the breast before you start to express milk.", Offset: 50},
		{Text: "Rest when you can.", Offset: 140},
	}
	got := Analyze(blocks)
	// Words 4 + 2 + 3 + 13 + 4 = 26 in 5 sentences; syllables
	// 6 + 4 + 3 + 15 + 4 = 32; one polysyllable (ex-pres-sion).
	// FK 0.39 × 5.2 + 11.8 × 32/26 − 15.59 = 0.961; Ease 206.835 − 5.278 −
	// 104.123 = 97.434; SMOG 1.043 × √6 + 3.1291 = 5.684.
	want := Stats{
		Words: 26, Sentences: 5, Syllables: 32, Polysyllables: 1,
		FleschKincaidGrade: 1.0, FleschReadingEase: 97.4, SMOG: 5.7,
		Longest: []Sentence{
			{Text: "Use a warm cloth on the breast before you start to express milk.", Offset: 67, Words: 13},
			{Text: "Feed your baby often.", Offset: 0, Words: 4},
			{Text: "Rest when you can.", Offset: 140, Words: 4}, // ties keep reading order
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Analyze()\n got %+v\nwant %+v", got, want)
	}
}

func TestAnalyzeEmpty(t *testing.T) {
	for _, blocks := range [][]Block{nil, {{Text: "— … *", Offset: 0}}} {
		if got := Analyze(blocks); !reflect.DeepEqual(got, Stats{}) {
			t.Errorf("Analyze(%+v) = %+v, want the zero Stats", blocks, got)
		}
	}
}

func TestSyllablesSpecialTokens(t *testing.T) {
	tests := []struct {
		word string
		want int
	}{
		{"", 0},
		{"—", 0},
		{"7", 1},             // seven is 2, but the rule is one per digit
		{"24", 2},            // twen-ty-four is 3
		{"38.5", 4},          // three, eight, point, five
		{"100.4", 5},         // one, zero, zero, point, four
		{"1,000", 5},         // comma between digits reads like a point
		{"1½", 3},            // one and a half: 1 + 2
		{"3rd", 1},           // letters after digits add nothing
		{"CDC", 3},           // read letter by letter
		{"WWW", 9},           // double-u is three syllables
		{"NIH", 1},           // has a vowel, so read as a word: a known limit
		{"mL", 1},            // not all capitals
		{"skin-to-skin", 3},  // hyphenated parts add up
		{"let-down", 2},      //
		{"breastfeeding", 3}, //
		{"(breast,", 1},      // punctuation is ignored
		{"don't", 1},         // contractions
		{"didn't", 2},        //
		{"Isn’t", 2},         // curly apostrophe
		{"nurse's", 2},       // possessive after a hissing sound
		{"baby's", 2},        //
		{"you'll", 1},        //
		{"café", 2},          // accented vowels fold; the é is not silent
		{"naïve", 2},         // irregular table
		{"SOMETIMES", 2},     // case does not matter for vowelled words
	}
	for _, tt := range tests {
		if got := Syllables(tt.word); got != tt.want {
			t.Errorf("Syllables(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
}
