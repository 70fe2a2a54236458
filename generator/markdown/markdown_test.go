package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"handouts/generator/diag"
)

// siteResolver resolves "x.md" to "/x/" and refuses anything else relative.
type siteResolver struct{}

func (siteResolver) Resolve(dest string) (string, error) {
	p, frag, _ := strings.Cut(dest, "#")
	if strings.HasPrefix(p, "/") {
		return dest, nil
	}
	if name, ok := strings.CutSuffix(p, ".md"); ok {
		if frag != "" {
			return "/" + name + "/#" + frag, nil
		}
		return "/" + name + "/", nil
	}
	return "", fmt.Errorf("no file %q", p)
}

func convert(t *testing.T, c *Converter, body string) (string, []string) {
	t.Helper()
	lines := diag.NewLines([]byte(body))
	var out bytes.Buffer
	res, err := c.Convert([]byte(body), &out, siteResolver{}, func(off int) diag.Pos { return lines.Pos("x.md", off) })
	if err != nil {
		t.Fatal(err)
	}
	var errs []string
	for _, e := range res.Errors {
		errs = append(errs, e.Error())
	}
	return out.String(), errs
}

func TestRawHTML(t *testing.T) {
	tests := []struct {
		name, body string
		// want is in the HTML without raw HTML, wantRaw with it.
		want, wantRaw string
		// refused starts the one finding with raw HTML, when the HTML is
		// active: it is then shown as text, as without raw HTML.
		refused string
		// never is in the HTML in neither case.
		never string
	}{
		{name: "script block", body: "<script>alert(1)</script>\n",
			want: "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", wantRaw: "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
			refused: "x.md:1:1: <script> runs script", never: "<script>"},
		{name: "image with a handler", body: "Text.\n\n<img src=x\n  onerror=\"alert(2)\">\n",
			want: "<p>&lt;img src=x\nonerror=&quot;alert(2)&quot;&gt;</p>", wantRaw: "&lt;img src=x",
			refused: "x.md:4:3: the onerror attribute runs script", never: "<img"},
		{name: "inline tags", body: "A <b onclick=\"x()\">bold</b> word.\n",
			want: "A &lt;b onclick=&quot;x()&quot;&gt;bold&lt;/b&gt; word.", wantRaw: "A &lt;b onclick=&quot;x()&quot;&gt;bold</b> word.",
			refused: "x.md:1:6: the onclick attribute runs script", never: "<b "},
		{name: "a javascript: link in a quote", body: "> <a href=\"javascript:alert(1)\">x</a>\n",
			want: "&lt;a href=", wantRaw: "&lt;a href=", refused: "x.md:1:6: href=\"javascript:alert(1)\" runs script", never: "<a "},
		{name: "a frame", body: "<iframe src=\"https://tracker.example/\"></iframe>\n",
			want: "&lt;iframe", wantRaw: "&lt;iframe", refused: "x.md:1:1: <iframe> puts another web page inside this one", never: "<iframe"},
		{name: "a tag left open", body: "<div title=\"x\n\nText.\n",
			want: "&lt;div title=", wantRaw: "&lt;div title=", refused: "x.md:1:1: this tag is not closed", never: "<div"},
		{name: "block over lines", body: "<div>\none\ntwo\n</div>\n",
			want: "<p>&lt;div&gt;\none\ntwo\n&lt;/div&gt;</p>", wantRaw: "<div>\none\ntwo\n</div>"},
		{name: "inline tags that do nothing", body: "A <b>bold</b> <abbr title=\"World Health Organization\">WHO</abbr>.\n",
			want: "A &lt;b&gt;bold&lt;/b&gt;", wantRaw: `A <b>bold</b> <abbr title="World Health Organization">WHO</abbr>.`},
		{name: "comment block is the author's", body: "<!-- call Mrs X back -->\n\nText.\n",
			want: "<p>Text.</p>", never: "Mrs X"},
		{name: "inline comment is the author's", body: "Text <!-- private --> more.\n",
			want: "<p>Text  more.</p>", never: "private"},
	}
	safe, raw := New(Options{}), New(Options{RawHTML: true})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := convert(t, safe, tt.body)
			if !strings.Contains(got, tt.want) || len(errs) > 0 {
				t.Errorf("without raw HTML:\n%s\nwant it to hold:\n%s\nfindings %q", got, tt.want, errs)
			}
			if tt.never != "" && strings.Contains(got, tt.never) {
				t.Errorf("without raw HTML, %q was published:\n%s", tt.never, got)
			}
			got, errs = convert(t, raw, tt.body)
			if tt.wantRaw != "" && !strings.Contains(got, tt.wantRaw) {
				t.Errorf("with raw HTML:\n%s\nwant it to hold:\n%s", got, tt.wantRaw)
			}
			if tt.refused != "" && tt.never != "" && strings.Contains(got, tt.never) {
				t.Errorf("with raw HTML, the refused %q was published:\n%s", tt.never, got)
			}
			switch {
			case tt.refused == "" && len(errs) > 0:
				t.Errorf("with raw HTML, findings %q", errs)
			case tt.refused != "" && (len(errs) != 1 || !strings.HasPrefix(errs[0], tt.refused)):
				t.Errorf("with raw HTML, findings %q, want one starting %q", errs, tt.refused)
			}
		})
	}
}

func TestFigure(t *testing.T) {
	c := New(Options{})
	got, errs := convert(t, c, "![A \"quoted\" hand & arm](/images/a.svg \"Hold it *so* & \\\"gently\\\"\")\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{`alt="A &ldquo;quoted&rdquo; hand &amp; arm"`, `<figcaption>Hold it *so* &amp; &quot;gently&quot;</figcaption>`} {
		if !strings.Contains(got, want) {
			t.Errorf("%s\nwant it to hold %s", got, want)
		}
	}
	// A script address is refused, and never written even so.
	got, errs = convert(t, c, "![x](javascript:alert(1) \"Caption\")\n")
	if len(errs) != 1 || strings.Contains(got, "javascript") {
		t.Errorf("errors %q, HTML %s", errs, got)
	}
}

func TestExternalDestinations(t *testing.T) {
	tests := []struct {
		body string
		err  string // "" when the destination is fine
	}{
		{"[a](https://example.org/)", ""},
		{"[a](mailto:help@example.org)", ""},
		{"[a](tel:+15555550100)", ""},
		{"[a](//example.org/)", ""},
		{"<https://example.org>", ""},
		{"<help@example.org>", ""},
		{"www.example.org", ""},
		{"[a](javascript:alert(1))", `x.md:1:1: link "javascript:alert(1)" uses javascript:`},
		{"[a](JavaScript:alert(1))", `uses javascript:`},
		{"[a](<java\tscript:alert(1)>)", `uses javascript:`},
		{"[a](data:text/html,hi)", `uses data:`},
		{"[a](file:///C:/Users/me/x.docx)", `uses file:`},
		{"[a](C:/Users/me/x.docx)", `uses c:`},
		{"<javascript:alert(1)>", `uses javascript:`},
		{"![a](https://tracker.example/p.png)", `x.md:1:1: image "https://tracker.example/p.png" is not on this site`},
		{"![a](//tracker.example/p.png)", `is not on this site`},
		{"![a](data:image/png;base64,AAAA)", `is not on this site`},
		{"![a](/images/a.svg)", ""},
	}
	c := New(Options{})
	for _, tt := range tests {
		_, errs := convert(t, c, tt.body+"\n")
		switch {
		case tt.err == "" && len(errs) > 0:
			t.Errorf("%s: unexpected %q", tt.body, errs)
		case tt.err != "" && (len(errs) != 1 || !strings.Contains(errs[0], tt.err)):
			t.Errorf("%s: errors %q, want one holding %q", tt.body, errs, tt.err)
		}
	}
}

func TestNestingLimit(t *testing.T) {
	deeper := func(n int, line func(i int) string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(line(i))
		}
		return b.String()
	}
	tests := []struct {
		name, body string
		// tag is the element each level opens, and text what must still
		// be shown.
		tag, text string
		// at is where the warning points, or "" when there is none.
		at string
	}{
		{"shallow", "> > x\n", "<blockquote>", "x", ""},
		{"exactly the limit", strings.Repeat(">", maxNesting) + " x\n", "<blockquote>", "x", ""},
		{"one line of >", strings.Repeat(">", 1500) + " deep\n", "<blockquote>", "deep", "x.md:1:101"},
		{"one line of > with spaces", strings.Repeat("> ", maxNesting+1) + "deep\n", "<blockquote>", "deep", "x.md:1:201"},
		{"one line of -", strings.Repeat("- ", maxNesting+1) + "deep\n", "<li>", "deep", "x.md:1:201"},
		{"one line of 1.", strings.Repeat("1. ", maxNesting+1) + "deep\n", "<li>", "deep", "x.md:1:301"},
		{"quotes deeper on each line", deeper(120, func(i int) string { return strings.Repeat(">", i+1) + " line\n" }), "<blockquote>", "line", "x.md:101:101"},
		{"lists deeper on each line", deeper(300, func(i int) string { return strings.Repeat("  ", i) + "- item\n" }), "<li>", "item", "x.md:101:201"},
		{"quotes and lists", deeper(120, func(i int) string { return strings.Repeat("> ", i) + "- item\n" }), "<li>", "item", "x.md:101:201"},
		{"a thematic break", strings.Repeat("-", 500) + "\n", "<hr>", "", ""},
		{"indented code", strings.Repeat("    ", 3) + strings.Repeat("> ", 200) + "\n", "<pre>", "&gt; &gt;", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := convert(t, New(Options{}), tt.body)
			if n := strings.Count(got, tt.tag); n == 0 || n > maxNesting {
				t.Errorf("%d %s, want 1 to %d", n, tt.tag, maxNesting)
			}
			if !strings.Contains(got, tt.text) {
				t.Errorf("the text %q was lost", tt.text)
			}
			switch {
			case tt.at == "" && len(errs) > 0:
				t.Errorf("findings %q, want none", errs)
			case tt.at != "" && (len(errs) != 1 || !strings.HasPrefix(errs[0], tt.at+": warning: quotes and lists nest more than 100 deep")):
				t.Errorf("findings %q, want one warning at %s", errs, tt.at)
			}
		})
	}
}

// TestTableAlignment checks that aligned columns get classes, not the
// inline styles that the site's Content-Security-Policy would block, also
// in a table inside a list.
func TestTableAlignment(t *testing.T) {
	c := New(Options{})
	for _, tt := range []struct{ name, md string }{
		{"table", "| When | How long | Note |\n|:---|--:|:-:|\n| Day | 5 | ok |\n"},
		{"in a list", "- Item\n\n  | When | How long | Note |\n  |:---|--:|:-:|\n  | Day | 5 | ok |\n"},
		{"the fuzzer's", "0\n-:\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := convert(t, c, tt.md)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if strings.Contains(got, "style=") || strings.Contains(got, "align=") {
				t.Errorf("inline alignment in:\n%s", got)
			}
			want := []string{`<th class="align-right">`}
			if tt.name != "the fuzzer's" { // a header row alone
				want = append(want, `<td class="align-right">`, `<th class="align-left">When</th>`, `<td class="align-center">ok</td>`)
			}
			for _, w := range want {
				if !strings.Contains(got, w) {
					t.Errorf("no %s in:\n%s", w, got)
				}
			}
		})
	}
}

// TestEmptyDestination checks that [a]() keeps its empty destination, as
// CommonMark says, instead of naming the page through the resolver, and
// that a picture without a file is refused.
func TestEmptyDestination(t *testing.T) {
	got, errs := convert(t, New(Options{}), "[here]() and [there](x.md)\n")
	if len(errs) > 0 || !strings.Contains(got, `<a href="">here</a>`) {
		t.Errorf("[here](): %s, findings %q", got, errs)
	}
	if _, errs := convert(t, New(Options{}), "![A hand]()\n"); len(errs) != 1 || !strings.Contains(errs[0], "x.md:1:1: image has no file") {
		t.Errorf("![A hand](): findings %q", errs)
	}
}

// TestBudget checks the limits on what a page may cost to build
// (budget.go): a page over them is refused, a paragraph with too many marks
// is shown as plain text, each with a finding at its place.
func TestBudget(t *testing.T) {
	lines := func(n int, line string) string { return strings.Repeat(line, n) }
	tests := []struct {
		name, body string
		// finding starts the one finding, or is "" for none; text is in
		// the HTML.
		finding, text string
	}{
		{"lines at the limit", lines(maxLines, "a\n\n"), "", "<p>a</p>"},
		{"too many lines", lines(maxLines+1, "a\n"), "x.md:50001:1: more than 50,000 lines", ""},
		{"marks at the limit", lines(maxMarks/4, "*a* *a*\n\n"), "", "<em>a</em>"},
		{"too many marks", lines(maxMarks/4+1, "*a* *a*\n\n"), "x.md:50001:1: more than 100,000 punctuation marks", ""},
		{"too many footnotes", footnotes(maxFootnotes + 1), fmt.Sprintf("x.md:%d:1: more than %d footnotes", maxFootnotes+3, maxFootnotes), ""},
		{"footnotes nested on one line", lines(maxFootnotes+1, "[^1]: "), "x.md:1:1: more than 500 footnotes", ""},
		{"a paragraph of marks shown as text", "Before.\n\n" + lines(maxBlockMarks, "*_") + "x\n\nAfter *this*.\n",
			"x.md:3:1: warning: this paragraph, table or heading holds more than 2000 of the marks", "*_*_*_x</p>"},
		{"a heading of marks shown as text", "## " + lines(maxBlockMarks+1, "[") + "x\n", "x.md:1:4: warning: this paragraph", "[[[x</h2>"},
		{"references are kept whole in plain text", lines(maxBlockMarks+1, "*") + " &ngE; &#x2267;\n", "x.md:1:1: warning:", "\u2267\u0338 \u2267"},
		{"a long language name", "```" + lines(200, "\"") + "\ncode\n```\n", "x.md:1:4: warning: the code block's language is 200 characters long", "<pre><code>code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := convert(t, New(Options{}), tt.body)
			switch {
			case tt.finding == "" && len(errs) > 0:
				t.Errorf("findings %q, want none", errs)
			case tt.finding != "" && (len(errs) != 1 || !strings.HasPrefix(errs[0], tt.finding)):
				t.Errorf("findings %q, want one starting %q", errs, tt.finding)
			}
			if !strings.Contains(got, tt.text) {
				t.Errorf("the HTML does not hold %q:\n%.300s", tt.text, got)
			}
		})
	}
}

func footnotes(n int) string {
	var b strings.Builder
	b.WriteString("Text.[^1]\n\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "[^%d]: Note.\n", i)
	}
	return b.String()
}
