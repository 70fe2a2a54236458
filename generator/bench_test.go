package generator

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"handouts/generator/content"
	"handouts/generator/diag"
	"handouts/generator/frontmatter"
)

// The benchmarks build a synthetic corpus shaped like
// ../shared/bench/gencorpus (handouts with the project's front matter in 20
// folders, with lists, tables and internal links), made from a fixed seed
// with fixed dates, so runs compare.
//
//	go test -run '^$' -bench . -benchtime 5x ./generator/

var corpusWords = strings.Fields(`breast milk baby feed hand warm gentle massage nipple areola
pump supply latch thumb finger press compress roll stroke shake release drip spray
minutes side switch comfort soft relax breathe shower cloth towel bottle collect
cup spoon night day hours often times each both left right morning evening sleep
parent clinic nurse call doctor fever red swelling ice rest water drink help`)

var corpusTopics = []string{"milk supply", "hand expression", "pumping", "engorgement",
	"plugged ducts", "latch", "inducing lactation", "premature babies", "returning to work",
	"night feeds", "storage", "comfort"}

func corpusSentence(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = corpusWords[r.IntN(len(corpusWords))]
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func corpusPara(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := range 3 + r.IntN(4) {
		if i > 0 {
			b.WriteByte(' ')
		}
		s := corpusSentence(r, 6+r.IntN(10))
		switch r.IntN(6) {
		case 0:
			s = "**" + s + "**"
		case 1:
			j := r.IntN(n)
			s = fmt.Sprintf("Read [more about this](/handouts/g%02d/h%d/). ", j%20, j) + s
		}
		b.WriteString(s)
	}
	return b.String()
}

func corpusPage(r *rand.Rand, i, n int) string {
	var b strings.Builder
	day := func() string {
		return time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -r.IntN(180)).Format(time.DateOnly)
	}
	fmt.Fprintf(&b, "---\ntitle: \"Handout %d: %s\"\n", i, corpusSentence(r, 4))
	fmt.Fprintf(&b, "summary: \"%s\"\n", corpusSentence(r, 14))
	fmt.Fprintf(&b, "date: %s\nreviewed: %s\n", day(), day())
	fmt.Fprintf(&b, "topics: [\"%s\", \"%s\"]\n", corpusTopics[r.IntN(len(corpusTopics))], corpusTopics[r.IntN(len(corpusTopics))])
	fmt.Fprintf(&b, "sources:\n  - title: \"%s\"\n    url: \"https://example.org/source/%d\"\n", corpusSentence(r, 5), i)
	b.WriteString("---\n\n" + corpusPara(r, n) + "\n\n## What you need\n\n")
	for range 4 {
		b.WriteString("- " + corpusSentence(r, 5) + "\n")
	}
	b.WriteString("\n## Steps\n\n")
	for j := 1; j <= 6+r.IntN(4); j++ {
		fmt.Fprintf(&b, "%d. %s\n", j, corpusSentence(r, 8+r.IntN(8)))
	}
	b.WriteString("\n" + corpusPara(r, n) + "\n\n")
	if r.IntN(3) == 0 {
		b.WriteString("| When | How long |\n|---|---|\n")
		for range 3 {
			fmt.Fprintf(&b, "| %s | %d minutes |\n", corpusSentence(r, 3), 5+r.IntN(20))
		}
		b.WriteString("\n")
	}
	b.WriteString("## Call your doctor or lactation consultant if\n\n")
	for range 3 {
		b.WriteString("- " + corpusSentence(r, 7) + "\n")
	}
	b.WriteString("\n" + corpusPara(r, n) + "\n\n" + corpusPara(r, n) + "\n")
	return b.String()
}

var (
	corpusMu   sync.Mutex
	corpusDirs = map[corpusKind]string{}
)

// corpusKind is a synthetic site: n handouts, and with translated a
// Spanish translation of each.
type corpusKind struct {
	n          int
	translated bool
}

// corpus returns a site of n handouts with the real theme, made once per
// size for all benchmarks in the run.
func corpus(b *testing.B, n int) string { return corpusOf(b, corpusKind{n: n}) }

// corpusOf returns the site of kind, made once for all benchmarks in the
// run; a translated one has a Spanish translation of every handout in
// content/es/: twice the pages, every one paired.
func corpusOf(b *testing.B, kind corpusKind) string {
	b.Helper()
	corpusMu.Lock()
	defer corpusMu.Unlock()
	if dir, ok := corpusDirs[kind]; ok {
		return dir
	}
	n := kind.n
	dir, err := os.MkdirTemp("", fmt.Sprintf("handouts-corpus-%d-", n))
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 1))
	write := func(rel, data string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	languages := ""
	if kind.translated {
		languages = "languages: [es]\n"
		write("content/es/_index.md", "---\ntitle: \"Hojas informativas\"\n---\n\n"+corpusPara(r, n)+"\n")
	}
	write("content/_index.md", "---\ntitle: \"Handout library\"\nbase_url: https://handouts.example.org/\n"+languages+"---\n\n"+corpusPara(r, n)+"\n")
	for i := range n {
		rel := fmt.Sprintf("handouts/g%02d/h%d.md", i%20, i)
		page := corpusPage(r, i, n)
		write("content/"+rel, page)
		if kind.translated {
			// The same text stands in for the Spanish: the cost is in the
			// pages and their pairing, not the words.
			write("content/es/"+rel, strings.Replace(page, "\n---\n", "\ntranslation:\n  of: "+rel+"\n---\n", 1))
		}
	}
	copyTheme(b, dir)
	corpusDirs[kind] = dir
	return dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range corpusDirs {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// BenchmarkBuild measures a full build, as "handouts build" runs it: of n
// handouts, and of n handouts each with a Spanish translation ("-es",
// 2n pages), so that what a language costs shows.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		for _, translated := range []bool{false, true} {
			name, pages := fmt.Sprint(n), n
			if translated {
				name, pages = name+"-es", 2*n
			}
			b.Run(name, func(b *testing.B) {
				src := corpusOf(b, corpusKind{n: n, translated: translated})
				dest := filepath.Join(b.TempDir(), "public")
				b.ResetTimer()
				for b.Loop() {
					if _, err := Build(context.Background(), Options{Source: src, Destination: dest}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(pages), "µs/page")
			})
		}
	}
}

// editor returns a function that saves the handout at file with one more
// line of text each time it is called, and puts the file back as it was
// when the benchmark ends: the corpus is shared by the benchmarks.
func editor(b *testing.B, file string) func() {
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = os.WriteFile(file, orig, 0o644) })
	i := 0
	return func() {
		i++
		if err := os.WriteFile(file, fmt.Appendf(bytes.Clone(orig), "\nEdit %d.\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuildOne measures an incremental rebuild after one handout's
// text changed, from the Builder's call to its return.
func BenchmarkRebuildOne(b *testing.B) {
	for _, kind := range []corpusKind{{n: 1000}, {n: 10000}, {n: 10000, translated: true}} {
		name := fmt.Sprint(kind.n)
		if kind.translated {
			name += "-es" // the edited original's translation is refreshed too
		}
		b.Run(name, func(b *testing.B) {
			src := corpusOf(b, kind)
			builder := NewBuilder(Options{Source: src, Destination: filepath.Join(b.TempDir(), "public")})
			ctx := context.Background()
			if _, err := builder.Build(ctx, nil); err != nil {
				b.Fatal(err)
			}
			rel := "content/handouts/g07/h7.md"
			edit := editor(b, filepath.Join(src, rel))
			for b.Loop() {
				edit()
				report, err := builder.Build(ctx, []string{rel})
				if err != nil {
					b.Fatal(err)
				}
				if !report.Incremental || report.Written == 0 {
					b.Fatalf("not an incremental rebuild: %+v", report)
				}
			}
		})
	}
}

// BenchmarkParse measures reading one handout's front matter alone.
func BenchmarkParse(b *testing.B) {
	src := []byte(corpusPage(rand.New(rand.NewPCG(2, 2)), 5, 1000))
	for b.Loop() {
		doc, err := frontmatter.Split(frontmatter.Normalize(src))
		if err != nil {
			b.Fatal(err)
		}
		var m content.HandoutMeta
		if errs := frontmatter.Decode("x.md", doc.YAML, doc.YAMLLine, &m); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

// BenchmarkRenderPage measures one handout through Markdown, the theme and
// the minifier, without the file system.
func BenchmarkRenderPage(b *testing.B) {
	src := corpus(b, 1000)
	s, err := load(Options{Source: src})
	if err != nil {
		b.Fatal(err)
	}
	f := s.byRel["handouts/g05/h5.md"]
	w := newWriter(nil, s.min, false)
	var body, page bytes.Buffer
	var diags diag.List
	for b.Loop() {
		clear(w.outputs)
		clear(w.staged)
		s.renderPage(context.Background(), f, w, &diags, &body, &page)
	}
	if n, _ := diags.Count(); n > 0 {
		b.Fatal(diags.Err())
	}
}

// benchSizes are the corpus sizes the scaling benchmarks run at: 1,000 and
// 10,000 pages, and 50,000 too when HANDOUTS_BENCH_LARGE is set (its
// corpus takes a minute to make and about a gigabyte of disk).
func benchSizes() []int {
	if os.Getenv("HANDOUTS_BENCH_LARGE") != "" {
		return []int{1000, 10000, 50000}
	}
	return []int{1000, 10000}
}

// fieldEdits are the edits BenchmarkEdit makes to one handout, one field
// each: given the handout as generated and the edit's number, the handout
// as saved. Each edit differs from the one before, so every save changes
// what the field shows.
var fieldEdits = []struct {
	field string
	edit  func(orig string, i int) string
}{
	{"body", func(orig string, i int) string { return fmt.Sprintf("%s\nEdit %d.\n", orig, i) }},
	{"title", func(orig string, i int) string {
		return strings.Replace(orig, "title: \"", fmt.Sprintf("title: \"Edit %d ", i), 1)
	}},
	{"summary", func(orig string, i int) string {
		return strings.Replace(orig, "summary: \"", fmt.Sprintf("summary: \"Edit %d. ", i), 1)
	}},
	{"topics", func(orig string, i int) string {
		return strings.Replace(orig, "topics: [", fmt.Sprintf("topics: [\"%s\", ", corpusTopics[i%len(corpusTopics)]), 1)
	}},
	{"weight", func(orig string, i int) string {
		return strings.Replace(orig, "\ndate: ", fmt.Sprintf("\nweight: %d\ndate: ", i%2+1), 1)
	}},
	{"draft", func(orig string, i int) string {
		return strings.Replace(orig, "\ndate: ", fmt.Sprintf("\ndraft: %t\ndate: ", i%2 == 1), 1)
	}},
}

// BenchmarkEdit measures what an author waits for in watch mode when one
// handout's field changes: from saving the file to the end of the rebuild
// that reloads the browser, through the real file watcher (its quiet
// period included), for each field a list or page shows. It reports the
// median edit besides the mean (ns/op): run it with -benchtime 10x or
// more.
//
//	HANDOUTS_BENCH_LARGE=1 go test -run '^$' -bench Edit -benchtime 10x -timeout 60m ./generator/
func BenchmarkEdit(b *testing.B) {
	for _, n := range benchSizes() {
		for _, fe := range fieldEdits {
			b.Run(fmt.Sprintf("%d/%s", n, fe.field), func(b *testing.B) {
				src := corpus(b, n)
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				built := make(chan Rebuild, 1)
				var wg sync.WaitGroup
				wg.Go(func() {
					_ = Watch(ctx, Options{Source: src, Destination: filepath.Join(b.TempDir(), "public")}, func(r Rebuild) { built <- r })
				})
				defer wg.Wait()
				defer cancel()
				if r := <-built; r.Err != nil {
					b.Fatal(r.Err)
				}
				file := filepath.Join(src, unlinked(b, src, n))
				orig, err := os.ReadFile(file)
				if err != nil {
					b.Fatal(err)
				}
				b.Cleanup(func() { _ = os.WriteFile(file, orig, 0o644) })
				i := 0
				var took []time.Duration
				for b.Loop() {
					i++
					start := time.Now()
					if err := os.WriteFile(file, []byte(fe.edit(string(orig), i)), 0o644); err != nil {
						b.Fatal(err)
					}
					r := <-built
					if r.Err != nil {
						b.Fatal(r.Err)
					}
					took = append(took, time.Since(start))
				}
				// The median, which a slow edit now and then (a garbage
				// collection, the machine's other work) does not move.
				slices.Sort(took)
				b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
			})
		}
	}
}

// unlinked returns the first handout of the corpus at src, of n handouts,
// that no other handout links to, so that making it a draft breaks no
// link.
func unlinked(b *testing.B, src string, n int) string {
	linked := map[string]bool{}
	err := filepath.WalkDir(filepath.Join(src, "content"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		for _, m := range corpusLink.FindAll(data, -1) {
			linked[string(m)] = true
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	for i := range n {
		if !linked[fmt.Sprintf("/handouts/g%02d/h%d/", i%20, i)] {
			return fmt.Sprintf("content/handouts/g%02d/h%d.md", i%20, i)
		}
	}
	b.Fatal("every handout is linked to")
	return ""
}

var corpusLink = regexp.MustCompile(`/handouts/g\d+/h\d+/`)
