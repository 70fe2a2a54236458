package minify

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	tdminify "github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
)

// plainMinify minifies a page as Bytes does, without shortening the
// references first.
func plainMinify(t *testing.T, src string) string {
	t.Helper()
	m := tdminify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepWhitespace: true})
	var out bytes.Buffer
	if err := m.Minify("text/html", &out, strings.NewReader(src)); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func minifyPage(t *testing.T, src string) string {
	t.Helper()
	var out bytes.Buffer
	if err := New().Bytes(&out, "x.html", []byte(src)); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// TestShortenTextReferences checks that shortening the references first
// changes nothing in what the minifier makes of a page.
func TestShortenTextReferences(t *testing.T) {
	pages := []string{
		"<p>a &gt; b &amp; c &lt; d &quot;e&quot; &#62;&#x3E;&#x3c;&#60;</p>",
		"<p>&amp;amp; &amp;lt; &amp;#62; &ampx &amp</p>",
		"<p>&ldquo;quoted&rdquo; &hellip; &mdash; &nbsp; &copy; &AElig; &#8220; &#x201C;</p>",
		"<pre><code>a &gt; b\n  &amp;&amp; c</code></pre><p>&gt;</p>",
		"<script>if (a &lt; b && c) {}</script><style>p{}</style><textarea>&gt;&gt;</textarea><title>&gt;</title>",
		`<a href="/x?a=1&amp;b=2" title="&quot;q&quot; &gt;">&gt; link</a>`,
		"<p>&unknown; &#xZZ; &# &#; &; &&& &lt</p>",
		"<svg><text>&gt;</text></svg><p>&gt;</p>",
		"<p>a</p>\n<p>&gt;\n&gt;  &gt;</p>",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	parts := []string{"&gt;", "&lt;", "&amp;", "&quot;", "&#62;", "&#x3e;", "&ldquo;", "&copy;", "&", "a", " ", "\n", "<b>", "</b>", "<code>", "</code>", "<pre>", "</pre>", "<p>", "</p>", "&amp;lt;", "&#", ";", "x"}
	for range 300 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		pages = append(pages, b.String())
	}
	for _, page := range pages {
		shortened := string(shortenTextReferences([]byte(page)))
		if got, want := plainMinify(t, shortened), plainMinify(t, page); got != want {
			t.Errorf("%q\nminified: %q\nshortened first: %q (%q)", page, want, got, shortened)
		}
	}
}

// TestManyReferencesAreLinear minifies text full of references, which
// took minutes when each one moved the rest of the text.
func TestManyReferencesAreLinear(t *testing.T) {
	for _, ref := range []string{"&gt;", "&quot;", "&#62;", "&amp; ", "&ldquo;"} {
		page := "<p>" + strings.Repeat(ref, 200_000) + "</p>"
		start := time.Now()
		out := minifyPage(t, page)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%d × %s took %s", 200_000, ref, d)
		}
		if len(out) < 200_000 {
			t.Errorf("%s: the text was lost: %d bytes", ref, len(out))
		}
	}
}
