package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"handouts/generator/diag"
)

// costlyMarkdown are the shapes of Markdown that cost goldmark, or the
// minifier after it, the most: the pathological tests of cmark and others
// found here, at a size a fuzzer can run many times.
func costlyMarkdown() []string {
	lines := func(n int, line func(i int) string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(line(i))
		}
		return b.String()
	}
	r := strings.Repeat
	return []string{
		r("*a **a ", 300) + "b" + r(" a** a*", 300),
		r("a_ ", 500), r("_a ", 500), r("a]", 500), r("[a", 500),
		r("*a_ ", 500), "a**b" + r("c* ", 500), r("[ a_", 500),
		r("[", 500) + "a" + r("]", 500),
		r("> ", 300) + "a", r(">", 300) + " a",
		lines(120, func(i int) string { return r("  ", i) + "* a\n" }),
		lines(120, func(i int) string { return r(">", i+1) + " x\n" }),
		lines(100, func(i int) string { return "e" + r("`", i+1) }),
		r("[a](<b", 500), r("[a](b", 500),
		lines(500, func(i int) string { return fmt.Sprintf("[%d]: u\n", i) }) + r("[0] ", 100),
		"x" + r("\"", 3000), "x" + r("'", 3000), r("a'", 1000), r("--", 1000), r("...", 1000),
		r("&gt;", 1000), r("&#62;", 1000), r("&#32;", 1000), r("\\>", 1000),
		"![" + r(">", 1000) + "](/x.svg)\n", "![" + r("\"'", 500) + "](/x.svg)\n",
		"[a](/x?" + r("&", 1000) + ")\n", "[a](/x \"" + r("&", 1000) + "\")\n",
		"```" + r("\"", 200) + "\nx\n```\n",
		r("[^1]: ", 600), r("|a", 500) + "\n" + r("|-", 500) + "\n" + r("|x", 500) + "\n",
		r("## Steps\n", 500), r("a\n=\n", 500), r("- [ ] a\n", 500), r("> [!NOTE]\n\n", 300),
		r("www.a.com ", 500), r("<https://a.example/> ", 300), r("<a>", 1000), r("<div>\n", 1000),
		r("*", maxBlockMarks+1) + "\n\t*x *y*\n",
	}
}

// FuzzConvert converts the fuzzer's Markdown, starting from the costliest
// shapes known, with raw HTML off and on. However odd the Markdown, it must
// not panic, every finding must lead with the file and a line of the body,
// and the HTML of a body that is UTF-8 must be UTF-8.
func FuzzConvert(f *testing.F) {
	for _, s := range costlyMarkdown() {
		f.Add(s)
	}
	converters := []*Converter{New(Options{}), New(Options{RawHTML: true})}
	f.Fuzz(func(t *testing.T, body string) {
		lines := diag.NewLines([]byte(body))
		last := strings.Count(body, "\n") + 1
		for _, c := range converters {
			var out bytes.Buffer
			res, err := c.Convert([]byte(body), &out, siteResolver{}, func(off int) diag.Pos { return lines.Pos("x.md", off) })
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range res.Errors {
				var d *diag.Diagnostic
				msg := e.Error()
				if d2, ok := e.(*diag.Diagnostic); ok {
					d = d2
				}
				if d == nil || d.Pos.Path != "x.md" || d.Pos.Line < 1 || d.Pos.Line > last {
					t.Errorf("finding not placed in the body (%d lines): %q", last, msg)
				}
			}
			if utf8.ValidString(body) && !utf8.Valid(out.Bytes()) {
				t.Errorf("the HTML is not UTF-8")
			}
		}
	})
}
