package readability

import (
	"os"
	"path/filepath"
	"testing"
)

// benchBlocks extracts the blocks of the Markdown files matching pattern
// and repeats them until they hold at least 1,000 words, so that the
// benchmarks of both languages measure texts of the same size.
func benchBlocks(b *testing.B, pattern string) ([]Block, int) {
	b.Helper()
	files, _ := filepath.Glob(pattern)
	if len(files) == 0 {
		b.Fatalf("no files match %s", pattern)
	}
	var one []Block
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		one = append(one, Extract(parse(src), src)...)
	}
	var blocks []Block
	words := 0
	for words < 1000 {
		for _, blk := range one {
			blocks = append(blocks, blk)
			words += countWords(blk.Text)
		}
	}
	return blocks, words
}

// BenchmarkAnalyze measures the analysis of about 1,000 words of handout
// text in each language, with a Counter that already knows the words (as
// a build's pooled counters soon do) and with a fresh one. The
// ns/1000words metric scales the time to exactly 1,000 words.
//
//	go test -run '^$' -bench Analyze -benchmem ./generator/readability
func BenchmarkAnalyze(b *testing.B) {
	for _, lang := range []struct {
		name, pattern string
		analyze       func(*Counter, []Block)
	}{
		{"en", "testdata/*.md", func(c *Counter, blocks []Block) { c.Analyze(blocks) }},
		{"es", "testdata/es/*.md", func(c *Counter, blocks []Block) { c.AnalyzeSpanish(blocks) }},
	} {
		blocks, words := benchBlocks(b, lang.pattern)
		b.Run(lang.name+"/warm", func(b *testing.B) {
			var c Counter
			lang.analyze(&c, blocks)
			b.ResetTimer()
			for b.Loop() {
				lang.analyze(&c, blocks)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)*1000/float64(words), "ns/1000words")
		})
		b.Run(lang.name+"/cold", func(b *testing.B) {
			for b.Loop() {
				var c Counter
				lang.analyze(&c, blocks)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)*1000/float64(words), "ns/1000words")
		})
	}
}
