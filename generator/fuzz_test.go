package generator

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"handouts/generator/address"
	"handouts/generator/content"
	"handouts/generator/diag"
	"handouts/generator/markdown"
)

// fuzzSeeds are handouts to start from: the real ones, and some that break
// each part of a page.
func fuzzSeeds(f *testing.F) []string {
	seeds := []string{
		"",
		"---\n",
		"---\ntitle: x\n",
		"---\ntitle: \"x\nsummary: s\n---\n",
		"---\ntitle: [a, b]\nreviewed: 2025-02-30\nweight: heavy\n---\nbody\n",
		"---\ntitle: \"X\"\nsummary: \"S.\"\nreviewed: 2026-01-01\nsources: [{title: a, url: \"https://x.org\"}]\naliases: [/old/, \"../x\", /feed.xml, /sitemap.xml/a/]\ntopics: [\"!!!\", Milk]\n---\n",
		"---\ntitle: \"X\"\nsummary: \"S.\"\nreviewed: 2026-01-01\nsources: [{title: a, url: \"https://x.org\"}]\n---\n" +
			"## Steps\n\n[a](good.md#steps) [b](../about.md) [c](/handouts/) [d](javascript:x) ![e](../images/a.svg \"Cap\") ![](x.png)\n\n" +
			"> [!WARNING] Call\n> - fever\n\n<script>alert(1)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] task\n\n[^1]\n\n[^1]: note\n",
		"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nbody\r\n",
		"---\ntitle: \xff\n---\n\x00",
		strings.Repeat(">", 300) + " x\n",
		strings.Repeat("- ", 200) + "x\n",
		strings.Repeat("[", 300) + "\n",
	}
	files, _ := filepath.Glob(filepath.Join("..", "content", "handouts", "*.md"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, string(b))
	}
	return seeds
}

// FuzzBuildPage builds a small site whose one handout is the fuzzer's bytes,
// with the real theme. However broken the handout, the build must not
// panic; every finding must lead with the handout's path and a line inside
// it; and whatever a successful build publishes must be valid UTF-8 and
// free of inline code and of anything loaded from another site.
func FuzzBuildPage(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add([]byte(s))
	}
	root := f.TempDir()
	copyTheme(f, root)
	writeTestFile(f, root, "content/_index.md", "---\ntitle: \"T\"\nbase_url: \"https://handouts.example.org/\"\n---\nHello.\n")
	writeTestFile(f, root, "content/handouts/good.md", "---\ntitle: \"Good\"\nsummary: \"S.\"\nreviewed: 2026-01-01\nsources: [{title: a, url: \"https://x.org\"}, {title: b, url: \"https://y.org\"}]\n---\n## Steps\n\n> [!IMPORTANT] Call your doctor if\n> - fever\n")
	writeTestFile(f, root, "content/about.md", "---\ntitle: \"About\"\n---\n## Who we are\n")
	writeTestFile(f, root, "content/images/a.svg", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>`)
	const name = "content/handouts/x.md"
	dest := filepath.Join(root, "public")
	now := func() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) }

	f.Fuzz(func(t *testing.T, src []byte) {
		if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(name)), src, 0o644); err != nil {
			t.Fatal(err)
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		if r := bytes.Count(src, []byte("\r")); r > 0 {
			lines += r // a lone CR ends a line too
		}
		report, err := Build(context.Background(), Options{Source: root, Destination: dest, Workers: 1, Now: now})
		var findings []*diag.Diagnostic
		var list *diag.Errors
		var one *diag.Diagnostic
		switch {
		case errors.As(err, &list):
			findings = list.List
		case errors.As(err, &one):
			findings = []*diag.Diagnostic{one}
		case err != nil:
			t.Fatalf("the build failed with an error that is not a finding: %v", err)
		default:
			findings = report.Warnings
		}
		for _, d := range findings {
			msg := d.Error()
			if !strings.HasPrefix(msg, name+":") {
				t.Errorf("finding about something else than the handout: %q", msg)
				continue
			}
			if d.Pos.Line < 1 || d.Pos.Line > lines {
				t.Errorf("finding at line %d, outside the handout's %d lines: %q", d.Pos.Line, lines, msg)
			}
			if utf8.Valid(src) && !utf8.ValidString(msg) {
				t.Errorf("message is not UTF-8: %q", msg)
			}
		}
		if err != nil {
			return
		}
		for rel, data := range readTree(t, dest) {
			if !strings.HasSuffix(rel, ".html") && !strings.HasSuffix(rel, ".xml") && !strings.HasSuffix(rel, ".css") {
				continue
			}
			if !utf8.Valid(data) {
				t.Errorf("%s is not valid UTF-8", rel)
			}
			if strings.HasSuffix(rel, ".html") {
				for _, p := range pageProblems(rel, data, "https://handouts.example.org/") {
					t.Error(p)
				}
			}
		}
	})
}

// fuzzSite is a site of a few files for resolving links, without a theme.
func fuzzSite(f *testing.F) *site {
	base, _ := address.ParseBase("https://handouts.example.org/")
	urls := address.New(base, "en")
	files, errs := content.Scan(fstest.MapFS{
		"content/_index.md":                {Data: []byte("---\n---\n")},
		"content/about.md":                 {Data: []byte("")},
		"content/handouts/good.md":         {Data: []byte("")},
		"content/handouts/g00/deep.md":     {Data: []byte("")},
		"content/handouts/g00/index.md":    {Data: []byte("")},
		"content/images/a.svg":             {Data: []byte("")},
		"content/images/hand position.svg": {Data: []byte("")}, // refused by Scan
		"content/packets/first-week.md":    {Data: []byte("")},
	}, urls)
	if len(errs) != 1 {
		f.Fatalf("scan: %v", errs)
	}
	s := &site{urls: urls}
	s.setFiles(files)
	s.md = markdown.New(markdown.Options{SiteAddress: "handouts.example.org"})
	return s
}

// FuzzResolve resolves the fuzzer's link destinations from each page of a
// small site. A link that resolves must lead to a path on the site, to a
// page or file that exists when it was written as a relative path; one
// that does not must say so without leaving the content folder.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{
		"good.md", "good.md#steps", "../about.md", "../../x.md", "g00/deep.md", "g00/", "g00", "/handouts/good/",
		"", "#top", "?q=1", "%2e%2e/about.md", "..%2f..%2fetc/passwd", "a%zz", "good.md?x=1#y", "./good.md", "../images/a.svg",
		"../images/hand%20position.svg", "//evil.example/", "/\\evil.example", "g00/../../../../x",
	} {
		f.Add(s, 0)
	}
	s := fuzzSite(f)
	f.Fuzz(func(t *testing.T, dest string, from int) {
		if from < 0 {
			from = -from
		}
		page := &s.files[from%len(s.files)]
		got, err := resolver{s: s, from: page}.Resolve(dest)
		if err != nil {
			if utf8.ValidString(dest) && !utf8.ValidString(err.Error()) {
				t.Errorf("message is not UTF-8: %q", err)
			}
			return
		}
		if !strings.HasPrefix(got, "/") {
			t.Fatalf("Resolve(%q) from %s = %q, not a path on the site", dest, page.Path, got)
		}
		p, _, _ := strings.Cut(got, "#")
		p, _, _ = strings.Cut(p, "?")
		if strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "?") || dest == "" {
			return // an address on the site, checked against the pages later
		}
		if f := s.byURL[p]; f == nil {
			t.Errorf("Resolve(%q) from %s = %q, which no file makes", dest, page.Path, got)
		}
		for _, seg := range strings.Split(p, "/") {
			if seg == ".." {
				t.Errorf("Resolve(%q) = %q leads up a folder", dest, got)
			}
		}
	})
}

// FuzzMarkdownLinks renders the fuzzer's Markdown with links resolved from
// a handout: no panic; every finding inside the body; every internal link
// a path on the site; and no script address reaching the page.
func FuzzMarkdownLinks(f *testing.F) {
	for _, s := range []string{
		"[a](good.md#steps) [b](../about.md) ![c](../images/a.svg \"Cap\") <https://x.org> www.x.org",
		"[a](javascript:alert(1)) [b](<java\tscript:x>) [c]: JAVASCRIPT:x\n\n[c]",
		"![a](https://tracker.example/p.png) ![b](//t.example/p.png) ![c](data:image/png;base64,AA)",
		"[a](../../../etc/passwd) [b](%2e%2e/x) [c](good.md?x#y) [d](#)",
		"> [!NOTE] <b>x</b>\n> [a](good.md)\n",
		"[a](<good.md#\"onmouseover=alert(1)>) [b](https://x.org/\"><script>)",
		strings.Repeat("[a](good.md) ", 200),
	} {
		f.Add(s)
	}
	s := fuzzSite(f)
	from := s.byRel["handouts/good.md"]
	f.Fuzz(func(t *testing.T, body string) {
		if !utf8.ValidString(body) || strings.ContainsRune(body, 0) {
			return // the build refuses such a file before reading its Markdown
		}
		lines := diag.NewLines([]byte(body))
		var out bytes.Buffer
		res, err := s.md.Convert([]byte(body), &out, resolver{s: s, from: from}, func(off int) diag.Pos {
			if off < 0 || off > len(body) {
				t.Errorf("position asked for offset %d, outside the body's %d bytes", off, len(body))
			}
			return lines.Pos(from.Path, off)
		})
		if err != nil {
			t.Fatalf("Convert: %v", err)
		}
		n := strings.Count(body, "\n") + 1
		for _, e := range res.Errors {
			var d *diag.Diagnostic
			if !errors.As(e, &d) || d.Pos.Path != from.Path || d.Pos.Line < 1 || d.Pos.Line > n {
				t.Errorf("finding not positioned in the body: %v", e)
			}
		}
		for _, l := range res.Links {
			if !strings.HasPrefix(l.URL, "/") || strings.HasPrefix(l.URL, "//") {
				t.Errorf("internal link %q is not a path on the site", l.URL)
			}
			if l.Pos.Line < 1 || l.Pos.Line > n {
				t.Errorf("link %q at line %d, outside the body's %d lines", l.URL, l.Pos.Line, n)
			}
		}
		if utf8.ValidString(body) && !utf8.Valid(out.Bytes()) {
			t.Errorf("the HTML is not valid UTF-8")
		}
		if len(res.Errors) > 0 {
			return // the build fails: nothing is published
		}
		for _, p := range pageProblems("body", out.Bytes(), "https://handouts.example.org/") {
			t.Error(p)
		}
	})
}
