package readability

import "testing"

// FuzzCountWords checks that countWords, which SplitSentences uses to count
// each sentence's words, agrees with words.
func FuzzCountWords(f *testing.F) {
	for _, s := range []string{"a b", "skin-to-skin — yes/no", "www.x.org https://a.b c@d.e", " ... !!! 2.5 ½", "\u00a0x\u2028y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := countWords(s), len(words(s)); got != want {
			t.Fatalf("countWords(%q) = %d, len(words) = %d", s, got, want)
		}
	})
}
