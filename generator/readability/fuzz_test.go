package readability

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// FuzzAnalyze feeds arbitrary Markdown through goldmark, Extract and
// Analyze and checks that nothing panics and every result is sane.
func FuzzAnalyze(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, path := range files {
		if src, err := os.ReadFile(path); err == nil {
			f.Add(string(src))
		}
	}
	for _, s := range []string{
		"", "...", "Dr.", "e.g.", "1.", "½", "“", "&amp;", "\\", "a\\\nb",
		"- [ ] ", "| a |\n|---|\n| b. c |", "`x`. Y.", "[a](b). C!", "WWW. NIH?",
		"don't. Isn’t!", "3.5.6. 7", "\u00a0.\u00a0A", "é.", "x-y-z-", "…A",
	} {
		f.Add(s)
	}
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
		if len(st.Longest) > 3 || st.Sentences > 0 && len(st.Longest) == 0 {
			t.Fatalf("Longest has %d sentences for %d sentences", len(st.Longest), st.Sentences)
		}
		for i, s := range st.Longest {
			if s.Words <= 0 || i > 0 && s.Words > st.Longest[i-1].Words {
				t.Fatalf("Longest out of order: %+v", st.Longest)
			}
			if s.Offset < -1 || s.Offset > len(src) {
				t.Fatalf("sentence %q: Offset %d outside the source", s.Text, s.Offset)
			}
		}
	})
}
