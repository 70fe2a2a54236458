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
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"

	"handouts/generator/diag"
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

// pageProblems returns what is wrong with an HTML, SVG or XML file
// published at the site path at. base is the site's address, the one other
// origin that canonical and feed links may name. A picture (SVG) may hold
// styles of its own, but may not link or load anything outside itself.
func pageProblems(at string, page []byte, base string) []string {
	var problems []string
	fail := func(format string, args ...any) {
		problems = append(problems, at+": "+fmt.Sprintf(format, args...))
	}
	picture := path.Ext(at) == ".svg"
	if !utf8.Valid(page) {
		fail("not valid UTF-8")
	}
	// XML a browser reads that an HTML tokenizer does not see as such.
	lower := bytes.ToLower(page)
	if bytes.Contains(lower, []byte("<?xml-stylesheet")) {
		fail("<?xml-stylesheet?>: loads a style sheet or a transformation")
	}
	if bytes.Contains(lower, []byte("<!entity")) {
		fail("<!ENTITY>: declares markup of its own")
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
			case key == "style" && !picture:
				fail("<%s style=...>: an inline style", name)
			case key == "style":
				problems = append(problems, cssProblems(at, []byte(a.Val))...)
			case key == "ping":
				fail("<%s ping=...>: tells another address about each click", name)
			case picture && (key == "href" || key == "xlink:href") && !sameOrigin(a.Val) && !rasterData(a.Val):
				fail("<%s %s=%q>: a picture that links or loads outside itself", name, key, a.Val)
			case picture && strings.Contains(strings.ToLower(a.Val), "url("):
				problems = append(problems, cssProblems(at, []byte(a.Val))...)
			}
			if slices.Contains(urlAttrs, key) && dangerousURL(a.Val) {
				fail("<%s %s=%q>: a script address", name, key, a.Val)
			}
		}
		switch name {
		case "script", "handler", "listener":
			if _, ok := attr["src"]; !ok || picture {
				fail("<%s>: code", name)
			}
		case "style":
			if !picture {
				fail("<style>: an inline style sheet")
			} else if tt == html.StartTagToken && z.Next() == html.TextToken {
				problems = append(problems, cssProblems(at, z.Text())...)
			}
		case "base":
			fail("<base>: changes where every relative address leads")
		case "iframe", "frame", "object", "embed", "applet", "portal":
			fail("<%s>: embeds another document", name)
		case "foreignobject":
			fail("<foreignObject>: a web page inside a picture")
		case "use":
			if u := attr["href"] + attr["xlink:href"]; picture && u != "" && !strings.HasPrefix(u, "#") {
				fail("<use href=%q>: loads another file into the picture", u)
			}
		case "set", "animate":
			if target := strings.ToLower(attr["attributename"]); strings.HasSuffix(target, "href") || strings.HasPrefix(target, "on") {
				fail("<%s attributeName=%q>: changes an address or handler as it plays", name, target)
			}
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
					if !sameOrigin(u) && !(picture && rasterData(u)) {
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

// rasterData reports whether an address holds a PNG, JPEG, GIF or WebP
// picture itself, which a picture may hold and which runs nothing.
func rasterData(v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	for _, t := range []string{"data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"} {
		if strings.HasPrefix(v, t+";") || strings.HasPrefix(v, t+",") {
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
		if strings.HasPrefix(strings.TrimSpace(u), "#") {
			continue // a part of the same picture
		}
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

// scriptAllows names, for the theme's scripts of issue 16, the words the
// tracker scan would flag that each needs and why; each stays in the
// browser. js/clinic.js keeps the clinic's details (never a patient's) in
// this tab's sessionStorage, or in localStorage when staff tick "Remember
// on this computer". js/packet.js keeps the ticked handouts for this tab
// and fetches the chosen handouts' pages from the site itself, and
// js/search.js fetches its language's search index (the CSP's connect-src
// 'self'). Any other file, and any other word, is still a problem, and a
// script that fetches may name no other site.
var scriptAllows = map[string][]string{
	"clinic": {"localstorage", "sessionstorage"},
	"packet": {"sessionstorage", "fetch("},
	"search": {"fetch("},
}

// themeScript is the address of a theme's script with its content hash.
var themeScript = regexp.MustCompile(`^js/([a-z]+)\.[0-9a-f]{8}\.js$`)

// allowedInScript reports whether the file rel may hold the match m.
func allowedInScript(rel, m string) bool {
	name := themeScript.FindStringSubmatch(rel)
	return name != nil && slices.Contains(scriptAllows[name[1]], strings.ToLower(m))
}

// trackerProblems returns the signs of tracking in the published file rel,
// less what scriptAllows allows its script.
func trackerProblems(rel string, data []byte) []string {
	var problems []string
	for _, m := range trackers.FindAll(data, -1) {
		if !allowedInScript(rel, string(m)) {
			problems = append(problems, fmt.Sprintf("%s: %q looks like tracking", rel, m))
			break
		}
	}
	if allowedInScript(rel, "fetch(") {
		if m := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]`).Find(data); m != nil {
			problems = append(problems, fmt.Sprintf("%s: %q: a script that makes requests may name no other site", rel, m))
		}
	}
	return problems
}

// siteProblems checks every file under dir, the output of a build of a site
// at base.
func siteProblems(t *testing.T, dir, base string) []string {
	t.Helper()
	var problems []string
	for rel, data := range readTree(t, dir) {
		switch path.Ext(rel) {
		case ".html", ".svg", ".xml", ".xhtml", ".htm":
			problems = append(problems, pageProblems(rel, data, base)...)
		case ".css":
			problems = append(problems, cssProblems(rel, data)...)
		}
		switch path.Ext(rel) {
		case ".html", ".svg", ".css", ".js", ".xml", ".txt", "":
			problems = append(problems, trackerProblems(rel, data)...)
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

// hostile is a source that tries to publish active content: code that
// runs, a document embedded, something loaded from another site.
type hostile struct {
	name string
	// files are added to a site that builds: the real theme, a home page
	// and a handout; "RAW" in the home page's settings allows raw HTML.
	files map[string]string
	// refused is the path and position where the build must refuse it,
	// as "path:line:col", or "" when it must build and publish nothing
	// active (raw HTML shown as text).
	refused string
}

const svgHead = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" width="10" height="10">` + "\n"

// handoutWith is a handout whose body is body, from its line 8.
func hostileHandout(body string) string {
	return "---\ntitle: \"X\"\nsummary: \"S.\"\nreviewed: 2026-11-01\nsources: [{title: a, url: \"https://example.org/\"}]\n---\n\n" + body
}

var hostileSources = []hostile{
	// Pictures under content/, copied as they are.
	{"SVG with a script", map[string]string{"content/images/a.svg": svgHead + "<script>alert(1)</script></svg>"}, "content/images/a.svg:2:1"},
	{"SVG with a script in the XHTML namespace", map[string]string{"content/images/a.svg": svgHead + `<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`}, "content/images/a.svg:2:1"},
	{"SVG with an event handler", map[string]string{"content/images/a.svg": svgHead + "<rect width=\"5\"\n  onmouseover=\"alert(1)\"/></svg>"}, "content/images/a.svg:3:3"},
	{"SVG with a javascript: link", map[string]string{"content/images/a.svg": svgHead + `<a xlink:href="javascript:alert(1)"><rect width="5"/></a></svg>`}, "content/images/a.svg:2:4"},
	{"SVG with a link to another site", map[string]string{"content/images/a.svg": svgHead + `<a href="https://evil.example/"><rect width="5"/></a></svg>`}, "content/images/a.svg:2:4"},
	{"SVG with a picture from another site", map[string]string{"content/images/a.svg": svgHead + `<image href="https://tracker.example/p.png" width="5"/></svg>`}, "content/images/a.svg:2:8"},
	{"SVG with a foreignObject", map[string]string{"content/images/a.svg": svgHead + `<foreignObject width="5"><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject></svg>`}, "content/images/a.svg:2:1"},
	{"SVG with a use of another file", map[string]string{"content/images/a.svg": svgHead + `<use href="b.svg#x"/></svg>`}, "content/images/a.svg:2:6"},
	{"SVG with a style from another site", map[string]string{"content/images/a.svg": svgHead + `<rect style="fill:url(https://tracker.example/g.svg#g)"/></svg>`}, "content/images/a.svg:2:7"},
	{"SVG with a style sheet import", map[string]string{"content/images/a.svg": svgHead + `<style>@import url("//fonts.example/a.css");</style></svg>`}, "content/images/a.svg:2:1"},
	{"SVG with a data: document", map[string]string{"content/images/a.svg": svgHead + `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="><rect/></a></svg>`}, "content/images/a.svg:2:4"},
	{"SVG with an animation setting a script address", map[string]string{"content/images/a.svg": svgHead + `<a><set attributeName="href" to="javascript:alert(1)"/><rect/></a></svg>`}, "content/images/a.svg:2:9"},
	{"SVG with an embedded frame", map[string]string{"content/images/a.svg": svgHead + `<iframe src="https://evil.example/"/></svg>`}, "content/images/a.svg:2:1"},
	{"SVG with a style sheet processing instruction", map[string]string{"content/images/a.svg": "<?xml-stylesheet type=\"text/xsl\" href=\"https://evil.example/x.xsl\"?>\n" + svgHead + "</svg>"}, "content/images/a.svg:1:1"},
	{"SVG with entities of its own", map[string]string{"content/images/a.svg": "<!DOCTYPE svg [<!ENTITY s \"&#60;script&#62;alert(1)&#60;/script&#62;\">]>\n" + svgHead + "&s;</svg>"}, "content/images/a.svg:1:1"},
	{"compressed SVG", map[string]string{"content/images/a.svgz": "\x1f\x8b\x08\x00"}, "content/images/a.svgz"},
	{"SVG in the theme with a script", map[string]string{"themes/default/static/evil.svg": svgHead + "<script>alert(1)</script></svg>"}, "themes/default/static/evil.svg:2:1"},
	// Other files copied as they are.
	{"HTML page with a script", map[string]string{"content/files/a.html": "<!doctype html>\n<title>x</title>\n<p>Hi<script>alert(1)</script>"}, "content/files/a.html:3:6"},
	{"XHTML page with a script", map[string]string{"content/files/a.xhtml": "<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<body onload=\"alert(1)\"/></html>"}, "content/files/a.xhtml:2:7"},
	{"XML with a style sheet processing instruction", map[string]string{"content/files/a.xml": "<?xml version=\"1.0\"?>\n<?xml-stylesheet href=\"a.xsl\" type=\"text/xsl\"?><doc/>"}, "content/files/a.xml:2:1"},
	{"style sheet loading from another site", map[string]string{"content/files/a.css": "p {\n  background: url(https://tracker.example/p.gif);\n}"}, "content/files/a.css:2:15"},
	// HTML in Markdown, with raw_html on.
	{"raw HTML script", map[string]string{"content/_index.md": "RAW", "content/handouts/x.md": hostileHandout("Text.\n\n<script>alert(1)</script>\n")}, "content/handouts/x.md:10:1"},
	{"raw HTML script inline", map[string]string{"content/_index.md": "RAW", "content/handouts/x.md": hostileHandout("Text <script>alert(1)</script> more.\n")}, "content/handouts/x.md:8:6"},
	{"raw HTML frame", map[string]string{"content/_index.md": "RAW", "content/handouts/x.md": hostileHandout("<iframe src=\"https://tracker.example/\"></iframe>\n")}, "content/handouts/x.md:8:1"},
	{"raw HTML object", map[string]string{"content/_index.md": "RAW", "content/handouts/x.md": hostileHandout("<object data=\"/images/a.svg\"></object>\n")}, "content/handouts/x.md:8:1"},
	{"raw HTML embed", map[string]string{"content/_index.md": "RAW", "content/handouts/x.md": hostileHandout("<embed src=\"/images/a.svg\">\n")}, "content/handouts/x.md:8:1"},
	{"raw HTML event handler", map[string]string{"content/_index.md": "RAW", "content/handouts/x.md": hostileHandout("<img src=\"/images/a.svg\" alt=\"\"\n     onerror=\"alert(2)\">\n")}, "content/handouts/x.md:9:6"},
	{"raw HTML javascript: link", map[string]string{"content/_index.md": "RAW", "content/handouts/x.md": hostileHandout("- <a href=\"JaVaScRiPt:alert(1)\">x</a>\n")}, "content/handouts/x.md:8:6"},
	{"raw HTML picture in a data: address", map[string]string{"content/_index.md": "RAW", "content/handouts/x.md": hostileHandout("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"\">\n")}, "content/handouts/x.md:8:6"},
	{"raw HTML picture from another site", map[string]string{"content/_index.md": "RAW", "content/handouts/x.md": hostileHandout("<img src=\"https://tracker.example/p.gif\" alt=\"\">\n")}, "content/handouts/x.md:8:6"},
	{"raw HTML style", map[string]string{"content/_index.md": "RAW", "content/handouts/x.md": hostileHandout("<style>body{display:none}</style>\n")}, "content/handouts/x.md:8:1"},
	{"raw HTML inline SVG script", map[string]string{"content/_index.md": "RAW", "content/handouts/x.md": hostileHandout("<svg><script>alert(1)</script></svg>\n")}, "content/handouts/x.md:8:6"},
	{"raw HTML tag left open", map[string]string{"content/_index.md": "RAW", "content/handouts/x.md": hostileHandout("<div title=\"\n\n[a](https://example.org/ \"onmouseover=alert(1)\")\n")}, "content/handouts/x.md:8:1"},
	// Markdown's own links.
	{"Markdown javascript: link", map[string]string{"content/handouts/x.md": hostileHandout("[x](javascript:alert(1))\n")}, "content/handouts/x.md:8:1"},
	{"Markdown autolink to javascript:", map[string]string{"content/handouts/x.md": hostileHandout("<javascript:alert(1)>\n")}, "content/handouts/x.md:8:1"},
	{"Markdown picture from another site", map[string]string{"content/handouts/x.md": hostileHandout("![x](https://tracker.example/p.gif)\n")}, "content/handouts/x.md:8:1"},
	// Shown as text when raw HTML is off, the default.
	{"HTML in Markdown without raw_html", map[string]string{"content/handouts/x.md": hostileHandout("<script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\">\n\nInline <b onclick=\"alert(3)\">bold</b> and <style>body{display:none}</style>.\n\n<iframe src=\"https://tracker.example/\"></iframe>\n\n<svg><foreignObject></foreignObject></svg>\n\n<div title=\"\n")}, ""},
	// Fine: pictures and HTML that do nothing.
	{"SVG as Inkscape saves it", map[string]string{"content/images/a.svg": "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n" + svgHead + `<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs><rect fill="url(#g)" style="stroke:#000"/><a href="#g"><use href="#g"/></a><image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/></svg>`}, ""},
	{"raw HTML that does nothing", map[string]string{"content/_index.md": "RAW", "content/handouts/x.md": hostileHandout("<details><summary>More</summary>\n\nText with <abbr title=\"World Health Organization\">WHO</abbr>.\n\n</details>\n")}, ""},
}

// TestHostileSources builds a site with each hostile source, through the
// real build: it must fail with an error at the place of the active
// content that says what to do, leaving nothing published; or build, and
// publish nothing the output scan objects to. So whatever the sources
// hold, the published tree holds no active content.
func TestHostileSources(t *testing.T) {
	for _, h := range hostileSources {
		t.Run(h.name, func(t *testing.T) {
			root := t.TempDir()
			copyTheme(t, root)
			index := "---\ntitle: \"T\"\nbase_url: \"https://handouts.example.org/\"\nreadability: {max_grade: 40}\n---\n"
			writeTestFile(t, root, "content/handouts/good.md", hostileHandout("Wash your hands.\n"))
			for rel, data := range h.files {
				if rel == "content/_index.md" && data == "RAW" {
					data = strings.Replace(index, "---\n", "---\nraw_html: true\n", 1)
					index = ""
				}
				writeTestFile(t, root, rel, data)
			}
			if index != "" {
				writeTestFile(t, root, "content/_index.md", index)
			}
			dest := filepath.Join(root, "public")
			_, err := Build(context.Background(), Options{Source: root, Destination: dest, Now: func() time.Time { return time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC) }})
			if h.refused == "" {
				if err != nil {
					t.Fatalf("the build failed: %v", err)
				}
				for _, p := range siteProblems(t, dest, "https://handouts.example.org/") {
					t.Error(p)
				}
				return
			}
			var list *diag.Errors
			if !errors.As(err, &list) {
				t.Fatalf("the build did not refuse it: %v", err)
			}
			found := false
			for _, d := range list.List {
				if d.Severity == diag.Error && d.Pos.String() == h.refused {
					found = true
				}
			}
			if !found {
				t.Errorf("no error at %s:\n%v", h.refused, err)
			}
			if _, err := os.Lstat(dest); err == nil {
				t.Errorf("the failed build published %s", dest)
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
	for _, picture := range []string{
		`<svg><script>alert(1)</script></svg>`,
		`<svg><a href="https://elsewhere.example/"><rect/></a></svg>`,
		`<svg><a xlink:href="javascript:alert(1)"><rect/></a></svg>`,
		`<svg><foreignObject><p>x</p></foreignObject></svg>`,
		`<svg><use href="b.svg#x"/></svg>`,
		`<svg><a><set attributeName="href" to="#x"/></a></svg>`,
		`<svg><rect style="fill:url(https://t.example/g#g)"/></svg>`,
		`<svg><style>rect{fill:url(//t.example/g#g)}</style></svg>`,
		`<?xml-stylesheet href="x.xsl"?><svg/>`,
		`<!DOCTYPE svg [<!ENTITY x "y">]><svg/>`,
		`<svg><image href="data:image/svg+xml,&lt;svg/&gt;"/></svg>`,
	} {
		if len(pageProblems("x.svg", []byte(picture), "https://handouts.example.org/")) == 0 {
			t.Errorf("the scan finds nothing wrong with the picture %s", picture)
		}
	}
	if p := pageProblems("x.svg", []byte(`<svg><rect fill="url(#g)" style="stroke:red"/><a href="#g"><use href="#g"/></a><image href="data:image/png;base64,AAAA"/></svg>`), "https://handouts.example.org/"); len(p) > 0 {
		t.Errorf("the scan objects to a clean picture: %q", p)
	}
	for _, css := range []string{`a{background:url(https://tracker.example/p.gif)}`, `@import "//fonts.example/x.css";`, `a{background:url( 'data:image/png;base64,AAAA' )}`} {
		if len(cssProblems("x.css", []byte(css))) == 0 {
			t.Errorf("the scan finds nothing wrong with %s", css)
		}
	}
	if !trackers.MatchString(`document.cookie="id=1"`) || !trackers.MatchString(`navigator.sendBeacon("/t")`) {
		t.Error("the tracker scan misses cookies or beacons")
	}
	for _, tt := range []struct {
		rel, js string
		ok      bool
	}{
		{"js/search.0a1b2c3d.js", `fetch(list.dataset.index)`, true},
		{"js/search.0a1b2c3d.js", `fetch("https://tracker.example/t?q="+q)`, false},
		{"js/search.0a1b2c3d.js", `fetch("//tracker.example/t")`, false},
		{"js/search.0a1b2c3d.js", `fetch(i);navigator.sendBeacon("/t")`, false},
		{"js/site.0a1b2c3d.js", `fetch("/x")`, false},
		{"js/search.js", `fetch("/x")`, false}, // not a theme file as published
	} {
		if got := trackerProblems(tt.rel, []byte(tt.js)); (len(got) == 0) != tt.ok {
			t.Errorf("trackerProblems(%s, %s) = %q", tt.rel, tt.js, got)
		}
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
