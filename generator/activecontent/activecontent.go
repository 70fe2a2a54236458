// Package activecontent finds what in a file the site publishes could run
// script or load something from another site: a <script>, an event
// handler, a javascript: address, an embedded document, a reference to a
// file elsewhere. The site's Content-Security-Policy would block most of
// it, but only where the site is served with its netlify.toml; from GitHub
// Pages, a clinic's own server or a file share, an SVG under content/ runs
// its script with the site's own origin. So such a file is refused before it
// is published, at the element or attribute, with what to do.
//
// HTML checks HTML that an author writes in Markdown (with raw_html on);
// File checks a file copied to the site as it is: SVG and other XML, HTML,
// CSS. Both read the bytes as a browser would: HTML with golang.org/x/net's
// tokenizer, XML with encoding/xml.
package activecontent

import (
	"fmt"
	"net/url"
	pathpkg "path"
	"regexp"
	"strings"

	"handouts/generator/diag"
)

// Finding is one piece of active content: its byte offset in the source
// and what to do about it.
type Finding struct {
	Off int
	Msg string
}

// kind says which rules apply to a document.
type kind int

const (
	// fragment is HTML written in Markdown, part of a page.
	fragment kind = iota
	// page is a whole HTML page copied as it is.
	page
	// picture is an SVG: a picture may not link or load outside itself.
	picture
	// document is other XML: it may link elsewhere, as a page may.
	document
)

// element is a start tag as the rules see it: lower-case names, values
// with their character references decoded.
type element struct {
	name  string
	attrs []attribute
	// off is where the tag starts in the source, and raw the tag as
	// written, to place an attribute in.
	off int
	raw []byte
}

type attribute struct {
	// key is the attribute's lower-case name without a prefix ("href" for
	// xlink:href); full is its name as a message shows it.
	key, full, val string
}

// rules collects the findings of one document of one kind.
type rules struct {
	kind     kind
	findings []Finding
}

func (r *rules) fail(off int, format string, args ...any) {
	r.findings = append(r.findings, Finding{Off: off, Msg: fmt.Sprintf(format, args...)})
}

// at returns where attribute a is written in e: its name in the raw tag,
// or the tag's start when it cannot be found.
func (e *element) at(a attribute) int {
	raw := strings.ToLower(string(e.raw))
	name := strings.ToLower(a.full)
	for from := 0; ; {
		i := strings.Index(raw[from:], name)
		if i < 0 {
			return e.off
		}
		i += from
		end := i + len(name)
		before, after := byte(' '), byte('>')
		if i > 0 {
			before = raw[i-1]
		}
		if end < len(raw) {
			after = raw[end]
		}
		if strings.IndexByte(" \t\n\r\f/\"'", before) >= 0 && strings.IndexByte(" \t\n\r\f=/>", after) >= 0 {
			return e.off + i
		}
		from = i + 1
	}
}

// embedding are the elements that put another document, or code, into
// the page, by what a message says of them.
var embedding = map[string]string{
	"script":        "runs script",
	"handler":       "runs script",
	"listener":      "runs script on events",
	"iframe":        "puts another web page inside this one",
	"frame":         "puts another web page inside this one",
	"frameset":      "puts other web pages inside this one",
	"object":        "embeds another document or a plug-in",
	"embed":         "embeds another document or a plug-in",
	"applet":        "embeds a Java plug-in",
	"portal":        "puts another web page inside this one",
	"fencedframe":   "puts another web page inside this one",
	"foreignobject": "puts a web page, which may hold script, inside the picture",
	"base":          "changes where every address in the page leads",
}

// rawTextElements take what follows them as their text until their end
// tag: one left open in an author's HTML takes in the page after it.
var rawTextElements = map[string]bool{
	"textarea": true, "title": true, "xmp": true, "plaintext": true, "noembed": true, "noframes": true,
	"noscript": true, "style": true, "script": true, "iframe": true,
}

// loading are the attributes through which an element loads something by
// itself, by element; the rest of the addresses (href, action, cite, ...)
// are followed only when a reader asks.
var loading = map[string][]string{
	"img": {"src", "srcset", "lowsrc", "dynsrc"}, "image": {"href"}, "feimage": {"href"}, "use": {"href"},
	"source": {"src", "srcset"}, "video": {"src", "poster"}, "audio": {"src"}, "track": {"src"},
	"input": {"src"}, "script": {"src"}, "link": {"href"}, "body": {"background"}, "table": {"background"},
	"td": {"background"}, "th": {"background"}, "tref": {"href"}, "cursor": {"href"}, "font-face-uri": {"href"},
	"mpath": {"href"}, "pattern": {"href"}, "lineargradient": {"href"}, "radialgradient": {"href"},
	"filter": {"href"}, "textpath": {"href"},
}

// addresses are the attributes that hold an address; "*" an address on
// every element that a browser follows or loads.
var addresses = map[string]bool{
	"href": true, "src": true, "srcset": true, "action": true, "formaction": true, "data": true,
	"poster": true, "background": true, "cite": true, "longdesc": true, "manifest": true, "codebase": true,
	"archive": true, "lowsrc": true, "dynsrc": true, "usemap": true, "base": true, "ping": true,
}

// animations are the SVG elements that set another attribute's value.
var animations = map[string]bool{"set": true, "animate": true, "animatemotion": true, "animatetransform": true, "animatecolor": true}

// maxAttribute is the longest attribute value an author's HTML may hold,
// in bytes, and maxReferences the most character references an SVG's
// attribute may hold: the minifier takes time that grows with the square
// of them.
const (
	maxAttribute  = 10_000
	maxReferences = 1_000
)

// check applies the rules to one start tag.
func (r *rules) check(e *element) {
	if what, ok := embedding[e.name]; ok {
		r.fail(e.off, "<%s> %s; %s", e.name, what, r.remove())
		return
	}
	switch e.name {
	case "style":
		if r.kind == fragment || r.kind == page {
			r.fail(e.off, "<style> would not apply: the site's security policy allows only its own style sheets; style the page in the theme's CSS instead")
			return
		}
	case "link":
		if r.kind == fragment {
			r.fail(e.off, "<link> has no place in a page's text; remove it")
			return
		}
	case "meta":
		for _, a := range e.attrs {
			if a.key == "http-equiv" {
				r.fail(e.at(a), "<meta http-equiv> changes how the page is handled (a refresh leads elsewhere); remove it")
				return
			}
		}
	}
	for _, a := range e.attrs {
		r.attribute(e, a)
	}
}

// remove says what to do about an element that must go.
func (r *rules) remove() string {
	if r.kind == picture {
		return "a picture must not, so remove it, or export the picture again as plain SVG"
	}
	return "remove it: a handout needs none, and the site's security policy blocks it"
}

// attribute applies the rules to one attribute of e.
func (r *rules) attribute(e *element, a attribute) {
	at := e.at(a)
	switch {
	case r.kind == fragment && len(a.val) > maxAttribute:
		r.fail(at, "the %s attribute is %d characters long; keep it under %d", a.full, len(a.val), maxAttribute)
		return
	case strings.HasPrefix(a.key, "on"):
		r.fail(at, "the %s attribute runs script when something happens; remove it", a.full)
		return
	case a.key == "style":
		if r.kind == fragment || r.kind == page {
			r.fail(at, "a style attribute would not apply: the site's security policy allows only its own style sheets; style the page in the theme's CSS instead")
			return
		}
		r.css(at, a.val, "the style attribute", false)
		return
	case a.key == "ping":
		r.fail(at, "the ping attribute tells another address about every click; remove it")
		return
	case animations[e.name] && (a.key == "attributename" && (strings.HasSuffix(strings.ToLower(a.val), "href") || strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.val)), "on"))):
		r.fail(at, "<%s> changes an address or event of the picture as it plays, which can run script; remove it", e.name)
		return
	case animations[e.name] && (a.key == "to" || a.key == "from" || a.key == "values" || a.key == "by") && scriptAddress(a.val):
		r.fail(at, "<%s> sets a javascript: address, which runs script; remove it", e.name)
		return
	}
	if strings.Contains(a.val, "url(") || strings.Contains(strings.ToLower(a.val), "url(") {
		r.css(at, a.val, "the "+a.full+" attribute", false)
	}
	if !addresses[a.key] {
		return
	}
	for _, u := range addressesIn(a) {
		switch {
		case scriptAddress(u):
			r.fail(at, "%s=%q runs script; link a web address (https://...) or a page of this site instead", a.full, shorten(u))
			return
		case sameSite(u):
			if e.name == "use" && a.key == "href" && !strings.HasPrefix(strings.TrimSpace(u), "#") && r.kind == picture {
				r.fail(at, "<use> of another file (%s) loads it into the picture; copy what it shows into this picture instead", shorten(u))
				return
			}
		case rasterData(u) && r.kind == picture && (e.name == "image" || e.name == "feimage"):
			// A picture inside the picture itself.
		case rasterData(u):
			r.fail(at, "%s holds a picture in the address itself (%s), which the site's security policy blocks; save the picture under content/images/ and give its path", a.full, shorten(u))
			return
		case strings.HasPrefix(strings.ToLower(strings.TrimSpace(u)), "data:"):
			r.fail(at, "%s holds a document of its own (%s), which can hold script; save it as a file of the site and link that instead", a.full, shorten(u))
			return
		case r.kind == picture:
			r.fail(at, "%s=%q leads to another site; a picture must not link or load outside itself, so remove the address", a.full, shorten(u))
			return
		case loads(e, a.key):
			r.fail(at, "%s=%q loads from another site, which tells it who reads the page, and the site's security policy blocks it; save the file under content/ and give its path", a.full, shorten(u))
			return
		case a.key == "action" || a.key == "formaction":
			r.fail(at, "%s=%q sends what a reader types to another site; remove the form", a.full, shorten(u))
			return
		}
	}
}

// loads reports whether the attribute key of e loads by itself.
func loads(e *element, key string) bool {
	if e.name == "link" {
		for _, a := range e.attrs {
			if a.key == "rel" {
				for _, rel := range strings.Fields(strings.ToLower(a.val)) {
					if linkLoads[rel] {
						return key == "href"
					}
				}
			}
		}
		return false
	}
	for _, k := range loading[e.name] {
		if k == key {
			return true
		}
	}
	return key == "background" || key == "data" || key == "poster" || key == "manifest" || key == "codebase" || key == "archive"
}

// linkLoads are the <link rel> values with which a browser fetches the
// address by itself.
var linkLoads = map[string]bool{
	"stylesheet": true, "icon": true, "apple-touch-icon": true, "preload": true, "prefetch": true, "modulepreload": true,
	"manifest": true, "preconnect": true, "dns-prefetch": true, "prerender": true, "mask-icon": true, "import": true,
}

// addressesIn returns the addresses in an attribute's value: one, or each
// candidate of a srcset.
func addressesIn(a attribute) []string {
	if a.key != "srcset" {
		return []string{a.val}
	}
	var out []string
	for _, c := range strings.Split(a.val, ",") {
		if f := strings.Fields(c); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

// clean returns an address as a browser reads its scheme: without leading
// spaces and control characters, without tabs and line breaks anywhere, in
// lower case.
func clean(u string) string {
	u = strings.TrimLeftFunc(u, func(r rune) bool { return r <= ' ' })
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	return strings.ToLower(u)
}

// scriptAddress reports whether an address, or a list of them, runs script.
func scriptAddress(u string) bool {
	c := clean(u)
	for _, scheme := range []string{"javascript:", "vbscript:", "livescript:", "mocha:"} {
		if strings.Contains(c, scheme) {
			return true
		}
	}
	return false
}

// rasterData reports whether an address is a picture in the PNG, JPEG,
// GIF, WebP or AVIF format held in the address itself, which runs nothing.
func rasterData(u string) bool {
	c := clean(u)
	for _, t := range []string{"data:image/png", "data:image/jpeg", "data:image/jpg", "data:image/gif", "data:image/webp", "data:image/avif"} {
		if strings.HasPrefix(c, t+";") || strings.HasPrefix(c, t+",") {
			return true
		}
	}
	return false
}

// sameSite reports whether an address leads into the site itself: a path
// or a #part, with no scheme and no host.
func sameSite(u string) bool {
	c := clean(u)
	if strings.HasPrefix(c, "//") || strings.HasPrefix(c, `/\`) || strings.HasPrefix(c, `\`) {
		return false
	}
	p, err := url.Parse(c)
	return err == nil && p.Scheme == "" && p.Host == "" && p.Opaque == ""
}

// cssURL finds the addresses and imports of a style sheet.
var cssURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"]*))\s*\)|@import`)

// css applies the rules to a style sheet or a style attribute, what says
// where it is written and at where. With inSheet, at is where the sheet
// starts, and a finding is placed at the mark in it.
func (r *rules) css(at int, sheet, what string, inSheet bool) {
	s := strings.ToLower(unescapeCSS(sheet))
	place := func(i int) int {
		if inSheet && len(s) == len(sheet) {
			return at + i
		}
		return at
	}
	for _, bad := range []string{"expression(", "behavior:", "-moz-binding", "javascript:", "vbscript:"} {
		if i := strings.Index(s, bad); i >= 0 {
			r.fail(place(i), "%s holds %s, which runs script; remove it", what, strings.TrimSuffix(strings.TrimSuffix(bad, "("), ":"))
			return
		}
	}
	for _, m := range cssURL.FindAllStringSubmatchIndex(s, -1) {
		if s[m[0]:m[1]] == "@import" {
			r.fail(place(m[0]), "%s imports another style sheet; copy its rules in instead", what)
			return
		}
		var u string
		for g := 2; g < len(m); g += 2 {
			if m[g] >= 0 {
				u += s[m[g]:m[g+1]]
			}
		}
		switch {
		case rasterData(u), strings.HasPrefix(strings.TrimSpace(u), "#"):
		case sameSite(u) && r.kind != picture:
		default:
			where := "site"
			if r.kind == picture {
				where = "picture"
			}
			r.fail(place(m[0]), "%s loads url(%s), which is not part of this %s; keep what it shows in the file itself", what, shorten(u), where)
			return
		}
	}
}

// unescapeCSS resolves CSS escapes (\75 rl, \u), which could hide a word
// from a plain search.
func unescapeCSS(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		j := i + 1
		n := 0
		for j < len(s) && n < 6 && strings.IndexByte("0123456789abcdefABCDEF", s[j]) >= 0 {
			j++
			n++
		}
		if n == 0 {
			b.WriteByte(s[i+1])
			i++
			continue
		}
		var r rune
		fmt.Sscanf(s[i+1:j], "%x", &r)
		b.WriteRune(r)
		if j < len(s) && (s[j] == ' ' || s[j] == '\n' || s[j] == '\t') {
			j++
		}
		i = j - 1
	}
	return b.String()
}

// shorten quotes an address for a message, cut to a readable length.
func shorten(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}

// Handles reports whether File checks files named like name.
func Handles(name string) bool {
	_, ok := fileKinds[strings.ToLower(pathpkg.Ext(name))]
	return ok
}

// fileKinds says how each kind of file copied as it is is read.
var fileKinds = map[string]string{
	".svg": "svg", ".svgz": "svgz", ".xml": "xml", ".xhtml": "xml", ".xht": "xml", ".xsl": "xml", ".xslt": "xml",
	".html": "html", ".htm": "html", ".shtml": "html", ".css": "css",
}

// File checks a file copied to the site as it is, named path, and returns
// what it finds as positioned errors: nothing for a file it does not read
// (see Handles).
func File(path string, src []byte) []error {
	var findings []Finding
	switch fileKinds[strings.ToLower(pathpkg.Ext(path))] {
	case "svg":
		findings = XML(src, true)
	case "xml":
		findings = XML(src, false)
	case "html":
		findings = HTMLPage(src)
	case "css":
		r := &rules{kind: page}
		r.css(0, string(src), "the style sheet", true)
		findings = r.findings
	case "svgz":
		findings = []Finding{{Msg: "is a compressed SVG, which some servers send as an SVG that can run script, and which cannot be checked; save it as a plain .svg"}}
	}
	if len(findings) == 0 {
		return nil
	}
	lines := diag.NewLines(src)
	errs := make([]error, len(findings))
	for i, f := range findings {
		pos := lines.Pos(path, f.Off)
		if f.Off == 0 && strings.HasPrefix(f.Msg, "is ") {
			pos = diag.Pos{Path: path}
		}
		errs[i] = diag.Errorf(pos, "%s", f.Msg)
	}
	return errs
}
