package search

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Budget is the most a handout may add to its language's search index,
// gzipped, in bytes: what issue 16 allows a site of 10,000 handouts.
const budget = 500

// The size benchmark and test index made-up handouts of the shape the
// project's own have, measured on their index (means per handout, English
// and Spanish alike within a word or so): a title of 8 words, 8 keywords of
// 2 to 3 words, 4 or 5 headings of 4 words, 2 or 3 topics of a site's 40,
// and a summary of 23 words. The words are drawn from the project's own
// handouts in the language, as often as they use them, so that the index
// compresses as a real one does: a synthetic text of few words would
// compress far better.
//
//	go test -run '^$' -bench Index ./generator/search/

// BenchmarkIndex reports the size of a language's index of 1,000 and
// 10,000 handouts: gzipped (as a server sends it), and as written, per
// handout.
func BenchmarkIndex(b *testing.B) {
	for _, lang := range []string{"en", "es"} {
		words := vocabulary(b, lang)
		for _, n := range []int{1_000, 10_000} {
			b.Run(fmt.Sprintf("lang=%s/handouts=%d", lang, n), func(b *testing.B) {
				docs := madeUp(words, lang, n)
				var index []byte
				for b.Loop() {
					index = indexOf(docs)
				}
				b.ReportMetric(float64(gzipped(b, index))/float64(n), "gzB/handout")
				b.ReportMetric(float64(len(index))/float64(n), "B/handout")
			})
		}
	}
}

// TestIndexBudget holds the index of 1,000 made-up handouts in each
// language to the budget.
func TestIndexBudget(t *testing.T) {
	for _, lang := range []string{"en", "es"} {
		const n = 1_000
		index := indexOf(madeUp(vocabulary(t, lang), lang, n))
		if per := gzipped(t, index) / n; per > budget {
			t.Errorf("%s: the index takes %d bytes gzipped per handout; the budget is %d", lang, per, budget)
		}
	}
}

func indexOf(docs []Doc) []byte {
	entries := make([][]byte, len(docs))
	for i, d := range docs {
		entries[i] = Entry(d)
	}
	return Index(entries)
}

func gzipped(t testing.TB, data []byte) int {
	var buf bytes.Buffer
	z := gzip.NewWriter(&buf)
	if _, err := z.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

// vocabulary returns every word of the project's handouts in lang, folded,
// as often as they use it, web addresses left out.
func vocabulary(t testing.TB, lang string) []string {
	dir := filepath.Join("..", "..", "content", "handouts")
	if lang != "en" {
		dir = filepath.Join("..", "..", "content", lang, "handouts")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no handouts in %s to take words from (%v)", dir, err)
	}
	var words []string
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(src), "\n") {
			if !strings.Contains(line, "://") {
				words = append(words, strings.Fields(Fold(line))...)
			}
		}
	}
	return words
}

// madeUp returns n handouts in lang of the project's shape, the same for
// the same arguments.
func madeUp(words []string, lang string, n int) []Doc {
	r := rand.New(rand.NewPCG(16, uint64(n)))
	phrase := func(lo, hi int) string {
		w := make([]string, lo+r.IntN(hi-lo+1))
		for i := range w {
			w[i] = words[r.IntN(len(words))]
		}
		return strings.Join(w, " ")
	}
	list := func(lo, hi, wlo, whi int) []string {
		out := make([]string, lo+r.IntN(hi-lo+1))
		for i := range out {
			out[i] = phrase(wlo, whi)
		}
		return out
	}
	topics := list(40, 40, 1, 3)
	docs := make([]Doc, n)
	for i := range docs {
		title := phrase(5, 11)
		d := Doc{
			ID:       fmt.Sprintf("%s:g%02d/%s", lang, i%20, strings.ReplaceAll(title, " ", "-")),
			Title:    title,
			Keywords: list(6, 10, 1, 4),
			Headings: list(3, 6, 2, 6),
			Summary:  phrase(15, 30),
		}
		for range 2 + r.IntN(2) {
			d.Topics = append(d.Topics, topics[r.IntN(len(topics))])
		}
		docs[i] = d
	}
	return docs
}
