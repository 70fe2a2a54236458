package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// The checks in this file read what a build publishes, as a browser would,
// for what must never be there: code the site's Content-Security-Policy
// would block or an author's text could smuggle in (inline scripts, event
// handler attributes, inline styles, javascript: addresses), anything
// loaded from another site (which tells that site who reads a handout),
// and tracking.

// loadingAttrs are the attributes through which an element loads something,
// by element; "*" applies to every element.
var loadingAttrs = map[string][]string{
	"script":  {"src"},
	"img":     {"src", "srcset"},
	"iframe":  {"src"},
	"frame":   {"src"},
	"source":  {"src", "srcset"},
	"video":   {"src", "poster"},
	"audio":   {"src"},
	"track":   {"src"},
	"embed":   {"src"},
	"object":  {"data"},
	"input":   {"src"},
	"image":   {"href", "xlink:href"}, // SVG
	"use":     {"href", "xlink:href"}, // SVG
	"feimage": {"href", "xlink:href"},
}

// linkRelsThatLoad are the <link rel> values with which a browser fetches
// the href by itself.
var linkRelsThatLoad = []string{"stylesheet", "icon", "apple-touch-icon", "preload", "prefetch", "modulepreload", "manifest", "preconnect", "dns-prefetch", "prerender", "mask-icon"}

// urlAttrs are attributes holding an address, which must never be a
// javascript: or similar one.
var urlAttrs = []string{"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "cite", "background", "ping", "manifest"}

// pageProblems returns what is wrong with an HTML or SVG file published at
// the site path at. base is the site's address, the one other origin that
// canonical and feed links may name.
func pageProblems(at string, page []byte, base string) []string {
	var problems []string
	fail := func(format string, args ...any) {
		problems = append(problems, at+": "+fmt.Sprintf(format, args...))
	}
	if !utf8.Valid(page) {
		fail("not valid UTF-8")
	}
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if err := z.Err(); !errors.Is(err, io.EOF) {
				fail("cannot be read as HTML: %v", err)
			}
			return problems
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		name := strings.ToLower(tok.Data)
		attr := map[string]string{}
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			if a.Namespace != "" {
				key = strings.ToLower(a.Namespace) + ":" + key
			}
			attr[key] = a.Val
			switch {
			case strings.HasPrefix(key, "on"):
				fail("<%s %s=...>: an inline event handler", name, key)
			case key == "style":
				fail("<%s style=...>: an inline style", name)
			case key == "ping":
				fail("<%s ping=...>: tells another address about each click", name)
			}
			if slices.Contains(urlAttrs, key) && dangerousURL(a.Val) {
				fail("<%s %s=%q>: a script address", name, key, a.Val)
			}
		}
		switch name {
		case "script":
			if _, ok := attr["src"]; !ok {
				fail("<script> without src: inline code")
			}
		case "style":
			fail("<style>: an inline style sheet")
		case "base":
			fail("<base>: changes where every relative address leads")
		case "iframe", "frame", "object", "embed", "applet":
			fail("<%s>: embeds another document", name)
		case "form":
			if a, ok := attr["action"]; ok && !sameOrigin(a) {
				fail("<form action=%q>: sends what a reader types to another site", a)
			}
		case "meta":
			if strings.EqualFold(attr["http-equiv"], "refresh") {
				_, u, _ := strings.Cut(strings.ToLower(attr["content"]), "url=")
				if u != "" && !sameOrigin(u) {
					fail("<meta refresh> to %q: leaves the site", u)
				}
			}
		case "link":
			rels := strings.Fields(strings.ToLower(attr["rel"]))
			loads := slices.ContainsFunc(rels, func(r string) bool { return slices.Contains(linkRelsThatLoad, r) })
			href := attr["href"]
			switch {
			case loads && !sameOrigin(href):
				fail("<link rel=%q href=%q>: loads from another site", attr["rel"], href)
			case !loads && !sameOrigin(href) && !strings.HasPrefix(href, base):
				fail("<link rel=%q href=%q>: names another site", attr["rel"], href)
			}
		}
		for _, key := range append(loadingAttrs[name], loadingAttrs["*"]...) {
			if v, ok := attr[key]; ok {
				for _, u := range srcsetURLs(key, v) {
					if !sameOrigin(u) {
						fail("<%s %s=%q>: loads from another site", name, key, v)
					}
				}
			}
		}
	}
}

// srcsetURLs returns the addresses in an attribute's value: one, or each of
// a srcset's candidates.
func srcsetURLs(key, v string) []string {
	if key != "srcset" {
		return []string{v}
	}
	var out []string
	for _, c := range strings.Split(v, ",") {
		if f := strings.Fields(c); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

// dangerousURL reports whether an address runs code or holds a document,
// as browsers read it: ignoring leading spaces and control characters, and
// tabs and line breaks anywhere.
func dangerousURL(v string) bool {
	v = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, strings.TrimLeftFunc(v, func(r rune) bool { return r <= ' ' }))
	v = strings.ToLower(v)
	for _, scheme := range []string{"javascript:", "vbscript:", "data:text/html", "data:application", "data:image/svg"} {
		if strings.HasPrefix(v, scheme) {
			return true
		}
	}
	return false
}

// sameOrigin reports whether an address, as it appears in a page, leads to
// the site itself: a path, absolute or relative, with no scheme and no host.
func sameOrigin(v string) bool {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "//") || strings.HasPrefix(v, `/\`) || strings.HasPrefix(v, `\`) {
		return false
	}
	u, err := url.Parse(v)
	return err == nil && u.Scheme == "" && u.Host == "" && u.Opaque == ""
}

// cssURL finds url(...) and @import in a style sheet.
var cssURL = regexp.MustCompile(`(?i)url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')`)

// cssProblems returns the addresses in a style sheet that lead away from the
// site, and code a browser might run.
func cssProblems(at string, css []byte) []string {
	var problems []string
	for _, m := range cssURL.FindAllSubmatch(css, -1) {
		u := string(bytes.Join(m[1:], nil))
		if !sameOrigin(u) || dangerousURL(u) || strings.HasPrefix(strings.ToLower(strings.TrimSpace(u)), "data:") {
			problems = append(problems, fmt.Sprintf("%s: loads %q, which is not a file of this site", at, u))
		}
	}
	if bytes.Contains(bytes.ToLower(css), []byte("expression(")) || bytes.Contains(bytes.ToLower(css), []byte("behavior:")) {
		problems = append(problems, at+": holds a CSS expression or behavior, which runs code")
	}
	return problems
}

// trackers are signs of cookies, analytics and other tracking in what the
// site publishes: none has a place on a patient handout.
var trackers = regexp.MustCompile(`(?i)document\.cookie|set-cookie|localstorage|sessionstorage|indexeddb|sendbeacon|navigator\.(userAgent|geolocation)|google-analytics|googletagmanager|gtag\(|\bga\(|fbq\(|_paq|matomo|plausible|hotjar|segment\.(com|io)|mixpanel|clarity\.ms|new Image\(|XMLHttpRequest|\bfetch\(|WebSocket|EventSource`)

// siteProblems checks every file under dir, the output of a build of a site
// at base.
func siteProblems(t *testing.T, dir, base string) []string {
	t.Helper()
	var problems []string
	for rel, data := range readTree(t, dir) {
		switch path.Ext(rel) {
		case ".html", ".svg":
			problems = append(problems, pageProblems(rel, data, base)...)
		case ".css":
			problems = append(problems, cssProblems(rel, data)...)
		}
		switch path.Ext(rel) {
		case ".html", ".svg", ".css", ".js", ".xml", ".txt", "":
			if m := trackers.Find(data); m != nil {
				problems = append(problems, fmt.Sprintf("%s: %q looks like tracking", rel, m))
			}
		}
	}
	slices.Sort(problems)
	return problems
}

// TestPublishedSiteIsSafe builds the real site with the real theme and
// reads every file it would publish.
func TestPublishedSiteIsSafe(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	report, err := Build(context.Background(), Options{Source: repoRoot(t), Destination: dest, Now: contentAsOf(t, repoRoot(t))})
	if err != nil {
		t.Fatalf("the real site does not build: %v", err)
	}
	if report.Handouts == 0 {
		t.Fatal("the real site has no handouts to check")
	}
	files := readTree(t, dest)
	var pages int
	for rel := range files {
		if strings.HasSuffix(rel, ".html") {
			pages++
		}
	}
	if pages < 10 {
		t.Fatalf("only %d pages built: the scan would prove little", pages)
	}
	index, err := os.ReadFile(filepath.Join(repoRoot(t), "content", "_index.md"))
	if err != nil {
		t.Fatal(err)
	}
	base := regexp.MustCompile(`(?m)^base_url:\s*"?([^"\s]+)`).FindSubmatch(index)
	if base == nil {
		t.Fatal("no base_url in content/_index.md")
	}
	for _, p := range siteProblems(t, dest, string(base[1])) {
		t.Error(p)
	}
}

// TestRawHTMLIsEscaped builds a handout holding HTML meant to run, with
// raw_html off (the default): it must come out as text. With raw_html on,
// the same scan must see the script, which shows the scan works.
func TestRawHTMLIsEscaped(t *testing.T) {
	body := "Before.\n\n<script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\">\n\nInline <b onclick=\"alert(3)\">bold</b> and <style>body{display:none}</style>.\n\n<iframe src=\"https://tracker.example/\"></iframe>\n\n<!-- a note for the author only -->\n"
	for _, raw := range []bool{false, true} {
		t.Run(fmt.Sprintf("raw_html=%v", raw), func(t *testing.T) {
			root := t.TempDir()
			copyTheme(t, root)
			index := "---\ntitle: \"T\"\nbase_url: \"https://handouts.example.org/\"\nreadability: {max_grade: 40}\n"
			if raw {
				index += "raw_html: true\n"
			}
			writeTestFile(t, root, "content/_index.md", index+"---\n")
			writeTestFile(t, root, "content/handouts/x.md", "---\ntitle: \"X\"\nsummary: \"S.\"\nreviewed: 2026-11-01\nsources: [{title: a, url: \"https://example.org/\"}]\n---\n"+body)
			dest := filepath.Join(root, "public")
			if _, err := Build(context.Background(), Options{Source: root, Destination: dest}); err != nil {
				t.Fatal(err)
			}
			page, err := os.ReadFile(filepath.Join(dest, "handouts", "x", "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			problems := pageProblems("handouts/x/index.html", page, "https://handouts.example.org/")
			if raw {
				for _, want := range []string{"<script> without src", "onerror", "onclick", "<style>", "<iframe>"} {
					if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, want) }) {
						t.Errorf("with raw_html on, the scan does not see %s; it found %q", want, problems)
					}
				}
				return
			}
			for _, p := range problems {
				t.Error(p)
			}
			for _, want := range []string{"&lt;script>alert(1)&lt;/script>", "&lt;img src=x onerror=\"alert(2)\">", "&lt;b onclick=\"alert(3)\">bold&lt;/b>"} {
				if !bytes.Contains(page, []byte(want)) {
					t.Errorf("the page does not show %s as text", want)
				}
			}
			if bytes.Contains(page, []byte("a note for the author")) {
				t.Errorf("an HTML comment, the author's note to themselves, was published")
			}
		})
	}
}

// TestScanSeesProblems feeds the scan pages that break each rule, so that a
// scan that finds nothing on the real site means something.
func TestScanSeesProblems(t *testing.T) {
	for _, page := range []string{
		`<script>alert(1)</script>`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href=" JaVa&#09;Script:alert(1)">x</a>`,
		`<p onclick="x()">`,
		`<svg><rect onload="x()"/></svg>`,
		`<p style="color:red">`,
		`<style>p{}</style>`,
		`<img src="https://tracker.example/p.gif">`,
		`<img src="//tracker.example/p.gif">`,
		`<img srcset="/a.png 1x, https://cdn.example/b.png 2x">`,
		`<link rel="stylesheet" href="https://fonts.example/css">`,
		`<link rel="preconnect" href="https://fonts.example">`,
		`<script src="https://cdn.example/x.js"></script>`,
		`<iframe src="/x"></iframe>`,
		`<meta http-equiv="refresh" content="0; url=https://elsewhere.example/">`,
		`<a href="/x" ping="https://tracker.example/">x</a>`,
		`<svg><image href="https://tracker.example/p.png"/></svg>`,
	} {
		if len(pageProblems("x.html", []byte(page), "https://handouts.example.org/")) == 0 {
			t.Errorf("the scan finds nothing wrong with %s", page)
		}
	}
	for _, css := range []string{`a{background:url(https://tracker.example/p.gif)}`, `@import "//fonts.example/x.css";`, `a{background:url( 'data:image/png;base64,AAAA' )}`} {
		if len(cssProblems("x.css", []byte(css))) == 0 {
			t.Errorf("the scan finds nothing wrong with %s", css)
		}
	}
	if !trackers.MatchString(`document.cookie="id=1"`) || !trackers.MatchString(`navigator.sendBeacon("/t")`) {
		t.Error("the tracker scan misses cookies or beacons")
	}
	if p := pageProblems("x.html", []byte(`<link rel="canonical" href="https://handouts.example.org/x/"><img src="/images/a.svg" alt=""><a href="https://doi.org/10.1/x">x</a>`), "https://handouts.example.org/"); len(p) > 0 {
		t.Errorf("the scan objects to a clean page: %q", p)
	}
}

func writeTestFile(t testing.TB, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
