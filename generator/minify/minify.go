// Package minify shrinks the site's output files by media type, with
// github.com/tdewolff/minify/v2: HTML, CSS, JavaScript, SVG, XML and JSON.
// Other files pass through unchanged.
package minify

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	tdminify "github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier minifies files by their name's extension. It is safe for
// concurrent use.
type Minifier struct {
	m *tdminify.M
	// pages minifies HTML. It has no SVG minifier, so SVG inside a page is
	// kept as written: the only inline SVG is the QR code, drawn minimal
	// already, and minifying its long path was a fifth of a page's
	// rendering time.
	pages *tdminify.M
	// templates minifies the theme's HTML templates, leaving their
	// {{actions}} as they are.
	templates *tdminify.M
}

// New returns a Minifier for the site's file types.
func New() *Minifier {
	m := tdminify.New()
	// Document and end tags stay: the output is meant to be read and
	// validated, and they cost a few bytes a page.
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("application/xml", xml.Minify)
	// Pages and templates keep the whitespace between elements, collapsed
	// to one space or line break: without it the minifier drops a space
	// that is the whole of an inline element or follows one ("<code>
	// </code> aaa" became "<code></code>aaa"), which changes what a reader
	// sees. The CommonMark test (package markdown) checks every example of
	// the spec. Templates and pages must be minified alike, for a page
	// made from the minified templates to be the page made from the
	// templates as written, minified.
	templates := tdminify.New()
	templates.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepWhitespace: true, TemplateDelims: html.GoTemplateDelims})
	pages := tdminify.New()
	pages.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepWhitespace: true})
	pages.AddFunc("text/css", css.Minify)
	pages.AddFunc("application/javascript", js.Minify)
	pages.AddFunc("application/json", json.Minify)
	return &Minifier{m: m, pages: pages, templates: templates}
}

// mediaTypes maps file extensions to the media types registered in New.
var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".mjs":  "application/javascript",
	".svg":  "image/svg+xml",
	".json": "application/json",
	".xml":  "application/xml",
}

// Bytes returns src minified for a file called name, appended to dst. A file
// type it does not handle is appended unchanged. Bytes reads src in place
// and may change it (tdewolff's parser lower-cases tag names where it
// reads them, and writes to the byte after src within its capacity): src
// is the caller's to throw away afterwards, and no other goroutine may use
// it meanwhile.
func (m *Minifier) Bytes(dst *bytes.Buffer, name string, src []byte) error {
	mt, ok := mediaTypes[strings.ToLower(path.Ext(name))]
	if !ok {
		dst.Write(src)
		return nil
	}
	use := m.m
	if mt == "text/html" {
		use = m.pages
		src = shortenTextReferences(src)
	}
	// The minifier reads a bytes.Buffer in place; from a bytes.Reader it
	// would copy the page first, a sixth of the bytes a build allocates.
	if err := use.Minify(mt, dst, bytes.NewBuffer(src)); err != nil {
		return fmt.Errorf("minifying %s: %w", name, err)
	}
	return nil
}

// Template returns an HTML template of Go's html/template minified, its
// {{actions}} kept as written.
func (m *Minifier) Template(src []byte) ([]byte, error) {
	var out bytes.Buffer
	if err := m.templates.Minify("text/html", &out, bytes.NewReader(src)); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// HTML appends src, a fragment of a page, minified to dst, as Bytes does
// for a page.
func (m *Minifier) HTML(dst *bytes.Buffer, src []byte) error {
	return m.Bytes(dst, "page.html", src)
}
