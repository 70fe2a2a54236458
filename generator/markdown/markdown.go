// Package markdown turns a page's Markdown body into HTML with goldmark,
// with the project's extensions: callout boxes (alert.go), figures with
// captions (figure.go) and links resolved to the pages they name (links.go).
//
// One Converter is made per build and shared by every worker: goldmark keeps
// per-document state in a parser.Context, so conversion is safe to run in
// parallel.
package markdown

import (
	"io"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"handouts/generator/diag"
)

// Options configure a Converter.
type Options struct {
	// RawHTML lets HTML written in Markdown through. Off, it is shown as
	// text (escaped), except HTML comments, which are left out.
	RawHTML bool
	// SiteAddress is the site's address without the scheme
	// ("handouts.example.org"), for the short form of internal links that a
	// printed page shows.
	SiteAddress string
}

// Converter renders Markdown bodies to HTML.
type Converter struct {
	md   goldmark.Markdown
	site string
}

// New returns a Converter with tables, footnotes, task lists, typographer
// quotes, heading IDs, callout boxes, figures and link resolution.
func New(opt Options) *Converter {
	extensions := []goldmark.Extender{
		extension.GFM, extension.Footnote, extension.Typographer,
		alertExtension{}, figureExtension{}, linkExtension{},
	}
	var rendererOpts []goldmark.Option
	if opt.RawHTML {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	} else {
		extensions = append(extensions, escapeHTMLExtension{})
	}
	md := goldmark.New(append(rendererOpts,
		goldmark.WithExtensions(extensions...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)...)
	return &Converter{md: md, site: strings.TrimSuffix(opt.SiteAddress, "/")}
}

// Resolver maps a link or image destination written in a source file to the
// site URL it names. It returns the destination unchanged for external
// links, and an error saying what to do when the target does not exist.
type Resolver interface {
	Resolve(dest string) (url string, err error)
}

// Link is an internal link found in a page, to be checked once every page's
// headings are known.
type Link struct {
	Pos diag.Pos
	// URL is the site path of the target page or file ("/handouts/x/"),
	// without the fragment.
	URL string
	// Fragment is the heading anchor, without "#", or "".
	Fragment string
	// Image is true for an image source.
	Image bool
}

// Result is what converting one body found besides its HTML.
type Result struct {
	// IDs are the heading anchors of the page, in order.
	IDs []string
	// Links are the internal links and images, in order.
	Links []Link
	// Errors are links that could not be resolved and images without alt
	// text, positioned in the source file.
	Errors []error
	// Doc is the parsed document, for measures such as readability.
	Doc ast.Node
}

// Convert renders body as HTML to w. pos maps a byte offset in body to a
// position in the source file; r resolves link destinations.
func (c *Converter) Convert(body []byte, w io.Writer, r Resolver, pos func(off int) diag.Pos) (*Result, error) {
	state := &docState{resolver: r, pos: pos, result: &Result{}, site: c.site, printed: map[string]bool{}}
	pc := parser.NewContext()
	pc.Set(stateKey, state)
	doc := c.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	state.result.Doc = doc
	if err := c.md.Renderer().Render(w, body, doc); err != nil {
		return nil, err
	}
	return state.result, nil
}
