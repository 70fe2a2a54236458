package readability

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
)

// FuzzAnalyze feeds arbitrary Markdown through goldmark, Extract and
// Analyze and checks that nothing panics and every result is sane.
func FuzzAnalyze(f *testing.F) {
	addSeeds(f, "testdata/*.md",
		"", "...", "Dr.", "e.g.", "1.", "½", "“", "&amp;", "\\", "a\\\nb",
		"- [ ] ", "| a |\n|---|\n| b. c |", "`x`. Y.", "[a](b). C!", "WWW. NIH?",
		"don't. Isn’t!", "3.5.6. 7", "\u00a0.\u00a0A", "é.", "x-y-z-", "…A",
	)
	f.Fuzz(func(t *testing.T, md string) {
		src := []byte(md)
		blocks := Extract(parse(src), src)
		for _, b := range blocks {
			if b.Offset < -1 || b.Offset > len(src) {
				t.Fatalf("block %q: Offset %d outside the source (%d bytes)", b.Text, b.Offset, len(src))
			}
			for i := range len(b.Text) {
				if off := b.SourceOffset(i); off < -1 || off > len(src) {
					t.Fatalf("block %q: SourceOffset(%d) = %d outside the source", b.Text, i, off)
				}
			}
		}
		st := Analyze(blocks)
		for _, v := range []float64{st.FleschKincaidGrade, st.FleschReadingEase, st.SMOG} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("non-finite score in %+v", st)
			}
		}
		if st.Words < 0 || st.Sentences < 0 || st.Syllables < 0 || st.Polysyllables < 0 {
			t.Fatalf("negative count in %+v", st)
		}
		if st.Words < st.Sentences || st.Syllables < st.Words || st.Polysyllables > st.Words {
			t.Fatalf("inconsistent counts in %+v", st)
		}
		checkLongest(t, st.Longest, st.Sentences, len(src))
	})
}

// addSeeds seeds f with the Markdown files matching pattern and with more.
func addSeeds(f *testing.F, pattern string, more ...string) {
	files, _ := filepath.Glob(pattern)
	for _, path := range files {
		if src, err := os.ReadFile(path); err == nil {
			f.Add(string(src))
		}
	}
	for _, s := range more {
		f.Add(s)
	}
}

// checkLongest checks the longest sentences of a text of the given
// number of sentences, from a source of srcLen bytes: at most
// longestKept, at least one if there is a sentence, longest first, each
// inside the source.
func checkLongest(t *testing.T, longest []Sentence, sentences, srcLen int) {
	t.Helper()
	if len(longest) > longestKept || sentences > 0 && len(longest) == 0 {
		t.Fatalf("Longest has %d sentences for %d sentences", len(longest), sentences)
	}
	for i, s := range longest {
		if s.Words <= 0 || i > 0 && s.Words > longest[i-1].Words {
			t.Fatalf("Longest out of order: %+v", longest)
		}
		if s.Offset < -1 || s.Offset > srcLen {
			t.Fatalf("sentence %q: Offset %d outside the source", s.Text, s.Offset)
		}
	}
}

// FuzzSpanishSyllables checks what holds for any word: no panic; no
// syllable without a letter or number, at least one with one; at most one
// syllable per vowel letter in a word of letters alone (a part without a
// vowel counts one); the same count in lower case when every part has a
// vowel; and hyphenated parts that add up.
func FuzzSpanishSyllables(f *testing.F) {
	words, _ := os.ReadFile("testdata/silabas.txt")
	for _, line := range strings.Split(string(words), "\n") {
		if w, _, ok := strings.Cut(line, " "); ok && !strings.HasPrefix(w, "#") {
			f.Add(w)
		}
	}
	for _, s := range []string{"", "¿", "hhh", "yy", "ÜÍ", "q", "gü", "uuu", "38,5", "1.000.000,25", "0,0", "½¼", "99999999999999999999", "CDC", "a-", "-", "İ", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		n := SpanishSyllables(w)
		hasLetterOrNumber, hasNumber := false, false
		for _, r := range w {
			hasLetterOrNumber = hasLetterOrNumber || unicode.IsLetter(r) || unicode.IsNumber(r)
			hasNumber = hasNumber || unicode.IsNumber(r)
		}
		if hasLetterOrNumber != (n > 0) {
			t.Fatalf("SpanishSyllables(%q) = %d", w, n)
		}
		if hasNumber {
			return
		}
		bound, allVowelled := 0, true
		for _, part := range strings.FieldsFunc(w, isWordJoiner) {
			vowels, letters := 0, 0
			for _, r := range part {
				if unicode.IsLetter(r) {
					letters++
					if r := unicode.ToLower(r); spanishVowel(r) != notVowel || r == 'y' {
						vowels++
					}
				}
			}
			allVowelled = allVowelled && vowels > 0
			if letters > 0 {
				bound += max(vowels, 1)
			}
			if got, want := SpanishSyllables(part), spanishPartSyllables(part); got != want {
				t.Fatalf("part %q of %q: %d syllables alone, %d in the word", part, w, got, want)
			}
		}
		if allVowelled && n > bound {
			t.Fatalf("SpanishSyllables(%q) = %d, more than its %d vowels", w, n, bound)
		}
		if lower := strings.ToLower(w); allVowelled && SpanishSyllables(lower) != n {
			t.Fatalf("SpanishSyllables(%q) = %d but SpanishSyllables(%q) = %d", w, n, lower, SpanishSyllables(lower))
		}
	})
}

// FuzzAnalyzeSpanish feeds arbitrary Markdown through goldmark, Extract
// and AnalyzeSpanish and checks that nothing panics, that the counts and
// scores are sane and agree with each other, and that the Spanish
// sentences of each block cover it in order, with true offsets and word
// counts.
func FuzzAnalyzeSpanish(f *testing.F) {
	addSeeds(f, "testdata/es/*.md",
		"", "¿", "¡¿?!", "Dra.", "p. ej.", "38,5.", "1.º", "n.º 3.", "«Sí». No.", "EE. UU. Él.",
		"¿Qué? ¿qué?", "etc. Y", "a. m. P. m.", "…¿A", "Ñ. ñ.", "x,\u00a0.\u00a0Á",
	)
	f.Fuzz(func(t *testing.T, md string) {
		src := []byte(md)
		blocks := Extract(parse(src), src)
		for _, b := range blocks {
			pos := 0
			for _, s := range SplitSpanishSentences(b.Text) {
				if s.Offset < pos || s.Offset+len(s.Text) > len(b.Text) || b.Text[s.Offset:s.Offset+len(s.Text)] != s.Text {
					t.Fatalf("block %q: sentence %q at %d is not where it says, or overlaps", b.Text, s.Text, s.Offset)
				}
				if gap := b.Text[pos:s.Offset]; countWords(gap) != 0 {
					t.Fatalf("block %q: words %q between sentences were dropped", b.Text, gap)
				}
				if s.Words != countWords(s.Text) || s.Words == 0 {
					t.Fatalf("sentence %q: Words = %d, want %d", s.Text, s.Words, countWords(s.Text))
				}
				pos = s.Offset + len(s.Text)
			}
			if rest := b.Text[pos:]; countWords(rest) != 0 {
				t.Fatalf("block %q: trailing words %q were dropped", b.Text, rest)
			}
		}
		st := AnalyzeSpanish(blocks)
		var c Counter
		if again := c.AnalyzeSpanish(blocks); !reflect.DeepEqual(again, st) {
			t.Fatalf("Counter.AnalyzeSpanish = %+v, AnalyzeSpanish = %+v", again, st)
		}
		for _, v := range []float64{st.Inflesz, st.FernandezHuerta} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("non-finite score in %+v", st)
			}
		}
		if st.Words < st.Sentences || st.Syllables < st.Words || st.Sentences < 0 {
			t.Fatalf("inconsistent counts in %+v", st)
		}
		if (st.Sentences == 0) != (st.Band == InfleszNone) || st.Sentences > 0 && st.Band != InfleszBandOf(st.Inflesz) {
			t.Fatalf("grade %v for score %v and %d sentences", st.Band, st.Inflesz, st.Sentences)
		}
		// The two formulas differ only in their weights, so they move
		// together: FH − Sz = 0.005 + 2.3 × syllables/words − 0.02 ×
		// words/sentences, which rounding can move by 0.1.
		if st.Sentences > 0 {
			spw, wps := float64(st.Syllables)/float64(st.Words), float64(st.Words)/float64(st.Sentences)
			if d := st.FernandezHuerta - st.Inflesz - (0.005 + 2.3*spw - 0.02*wps); math.Abs(d) > 0.1+1e-9 {
				t.Fatalf("Fernández-Huerta %v and Szigriszt %v disagree by %v beyond rounding", st.FernandezHuerta, st.Inflesz, d)
			}
		}
		checkLongest(t, st.Longest, st.Sentences, len(src))
	})
}
