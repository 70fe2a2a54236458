package readability

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode"
)

// wordsReference is how words was first written, with the standard
// library's splitting: EachWord must agree with it.
func wordsReference(text string) []string {
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

// FuzzEachWord checks EachWord, and countWords, which SplitSentences uses,
// against wordsReference, and that each word's offset is where it is.
func FuzzEachWord(f *testing.F) {
	for _, s := range []string{"a b", "skin-to-skin — yes/no", "www.x.org https://a.b c@d.e WWW.X", " ... !!! 2.5 ½", "\u00a0x\u2028y\u0085z", "(“quoted”) a|b\\c…d", "\xff\xfeab\xc3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got []string
		EachWord(s, func(w string, off int) {
			if off < 0 || off+len(w) > len(s) || s[off:off+len(w)] != w {
				t.Fatalf("%q: word %q at offset %d", s, w, off)
			}
			got = append(got, w)
		})
		if want := wordsReference(s); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("EachWord(%q) gave %q, want %q", s, got, want)
		}
		if got, want := countWords(s), len(wordsReference(s)); got != want {
			t.Fatalf("countWords(%q) = %d, want %d", s, got, want)
		}
	})
}

// FuzzLongest checks that Analyze keeps the longest sentences as a stable
// sort by length would: longest first, ties in reading order.
func FuzzLongest(f *testing.F) {
	for _, s := range []string{"A b. C d e. F. G h i. J k l.", "One two. Three four.\n\nFive six. Seven.", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var blocks []Block
		for i, part := range strings.Split(text, "\n\n") {
			blocks = append(blocks, Block{Text: part, Offset: i * 1000})
		}
		var all []Sentence
		for _, b := range blocks {
			for _, s := range SplitSentences(b.Text) {
				s.Offset = b.SourceOffset(s.Offset)
				all = append(all, s)
			}
		}
		sort.SliceStable(all, func(i, j int) bool { return all[i].Words > all[j].Words })
		want := all[:min(longestKept, len(all))]
		if got := Analyze(blocks).Longest; !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("Longest = %+v, want %+v", got, want)
		}
	})
}

// TestCounter checks that a Counter used for many texts measures each as
// Analyze does, and that it starts over when it knows too many words.
func TestCounter(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	var c Counter
	for range 2 {
		for _, path := range files {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			blocks := Extract(parse(src), src)
			if got, want := c.Analyze(blocks), Analyze(blocks); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: Counter.Analyze = %+v, want %+v", path, got, want)
			}
			counts := c.BlockWords()
			if len(counts) != len(blocks) {
				t.Fatalf("%s: %d counts for %d blocks", path, len(counts), len(blocks))
			}
			for i, b := range blocks {
				if counts[i] != countWords(b.Text) {
					t.Errorf("%s: block %d has %d words, BlockWords says %d", path, i, countWords(b.Text), counts[i])
				}
			}
		}
	}
	for i := range maxKnown + 10 {
		w := fmt.Sprintf("word%d", i)
		if got := c.Syllables(w); got != Syllables(w) {
			t.Fatalf("Syllables(%q) = %d, want %d", w, got, Syllables(w))
		}
	}
	if len(c.en) > maxKnown {
		t.Errorf("the counter knows %d words, more than %d", len(c.en), maxKnown)
	}
}
