package frontmatter

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

type limitTest struct {
	name, src string
	// want starts the one error, or is "" when the front matter is fine
	// as far as its size and shape go.
	want string
}

// limitTests are front matter in the shapes whose cost grows fastest in
// the YAML parser, at and past the limits.
func limitTests() []limitTest {
	nested := func(open, close string, n int) string {
		return "topics: " + strings.Repeat(open, n) + strings.Repeat(close, n) + "\n"
	}
	lines := func(n int, line func(i int) string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(line(i))
		}
		return b.String()
	}
	return []limitTest{
		{"brackets at the depth limit", nested("[", "]", maxDepth-1), ""},
		{"brackets past the depth limit", nested("[", "]", maxDepth), "x.md:2:28: front matter nests lists and sets of keys more than 20 deep here"},
		{"braces past the depth limit", nested("{a: ", "}", maxDepth), "x.md:2:85: front matter nests lists"},
		{"200 kB of nested brackets", nested("[", "]", 100_000), "x.md:2:1: front matter is 195 kB, more than the 128 kB it may be"},
		{"60 kB of nested brackets", nested("[", "]", 30_000), "x.md:2:28: front matter nests lists and sets of keys more than 20 deep here"},
		{"a list of 3,000 items", "topics: [" + strings.Repeat("a, ", 3000) + "a]\n", "x.md:2:7505: front matter holds more than 5000 keys, values and brackets"},
		{"unclosed brackets", "topics: " + strings.Repeat("[", 100_000) + "\n", "x.md:2:9: front matter is not valid YAML: this [ is never closed; close it with ], or put the value in quotes"},
		{"indented deeper on each line", "print:\n" + lines(30, func(i int) string { return strings.Repeat(" ", i+1) + "a:\n" }), "x.md:22:21: front matter nests lists"},
		{"dashes on one line", "topics:\n  " + strings.Repeat("- ", 30) + "x\n", "x.md:3:41: front matter nests lists"},
		{"many keys", lines(3000, func(i int) string { return "k: v\n" }), "x.md:1668:4: front matter holds more than 5000"},
		{"many documents", lines(4000, func(i int) string { return "--- a\n" }), "x.md:2502:1: front matter holds more than 5000"},
		{"a long list", "topics: [" + strings.Repeat("a, ", 2000) + "a]\n", ""},
		{"a 100,000-character value", "title: " + strings.Repeat("word ", 20_000) + "\n", ""},
		{"a 128 kB comment", "# " + strings.Repeat("#", maxYAML-3) + "\n", ""},
		{"sources, as a handout has them", "sources:\n" + lines(200, func(i int) string { return "  - title: \"A source\"\n    url: \"https://example.org/\"\n" }), ""},
	}
}

// TestLimits decodes front matter in the shapes that cost the YAML parser
// most: past the limits it is refused at the place it passes them, and at
// any size up to them it is decoded in well under a second and a hundred
// megabytes (it was a minute and a half and 15 GB for 200 kB).
func TestLimits(t *testing.T) {
	for _, tt := range limitTests() {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			var m meta
			errs := Decode("x.md", []byte(tt.src), 2, &m)
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			if took > 2*time.Second {
				t.Errorf("took %s", took)
			}
			if alloc := (after.TotalAlloc - before.TotalAlloc) >> 20; alloc > 200 {
				t.Errorf("allocated %d MB", alloc)
			}
			var limit []string
			for _, e := range errs {
				if strings.Contains(e.Error(), "front matter") {
					limit = append(limit, e.Error())
				}
			}
			switch {
			case tt.want == "" && len(limit) > 0:
				t.Errorf("refused: %q", limit)
			case tt.want != "" && (len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), tt.want)):
				t.Errorf("errors %q, want one starting %q", errs, tt.want)
			}
		})
	}
}
