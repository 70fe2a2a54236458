// Package markdown turns a page's Markdown body into HTML with goldmark,
// with the project's extensions: callout boxes (alert.go), figures with
// captions (figure.go) and links resolved to the pages they name (links.go).
//
// One Converter is made per build and shared by every worker: goldmark keeps
// per-document state in a parser.Context, so conversion is safe to run in
// parallel.
package markdown

import (
	"bytes"
	"io"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"handouts/generator/diag"
)

// Options configure a Converter.
type Options struct {
	// RawHTML lets HTML written in Markdown through. Off, it is shown as
	// text (escaped), except HTML comments, which are left out.
	RawHTML bool
	// SiteAddress is the site's address without the scheme
	// ("handouts.example.org" or "example.org/sub"), for the short form of
	// internal links that a printed page shows.
	SiteAddress string
	// Href turns the site path a Resolver returns into what the page links
	// to (package address); nil leaves it as it is.
	Href func(sitePath string) string
}

// Converter renders Markdown bodies to HTML.
type Converter struct {
	md   goldmark.Markdown
	site string
	href func(string) string
}

// New returns a Converter with tables, footnotes, task lists, typographer
// quotes, bare addresses made links, heading IDs, callout boxes, figures
// and link resolution.
func New(opt Options) *Converter {
	return newConverter(opt, features{})
}

// features turns off the parts of the project's Markdown that differ from
// CommonMark on purpose, so that the CommonMark test can show that each
// difference from the spec is one of them and nothing else. New turns none
// of them off.
type features struct {
	noTypographer, noLinkify, noHeadingIDs, noFigures bool
	// noActiveCheck publishes raw HTML as written, active or not.
	noActiveCheck bool
}

func newConverter(opt Options, f features) *Converter {
	extensions := []goldmark.Extender{
		gfm{linkify: !f.noLinkify}, extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(footnoteIDPrefix)),
	}
	if !f.noTypographer {
		extensions = append(extensions, extension.Typographer)
	}
	extensions = append(extensions, alertExtension{})
	if !f.noFigures {
		extensions = append(extensions, figureExtension{})
	}
	extensions = append(extensions, linkExtension{}, taskBoxExtension{})
	// goldmark's parser, with the nesting limit on quotes and lists; the
	// options below change it, so it comes first.
	options := []goldmark.Option{goldmark.WithParser(parser.NewParser(
		parser.WithBlockParsers(blockParsers()...),
		parser.WithInlineParsers(append(parser.DefaultInlineParsers(), util.Prioritized(guard{}, 0))...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	))}
	if opt.RawHTML {
		// Links and images keep their addresses as written: the link
		// policy (links.go) has refused the ones that run script.
		options = append(options, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	extensions = append(extensions, rawHTMLExtension{allowed: opt.RawHTML, unchecked: f.noActiveCheck})
	if !f.noHeadingIDs {
		options = append(options, goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	}
	md := goldmark.New(append(options, goldmark.WithExtensions(extensions...))...)
	return &Converter{md: md, site: strings.TrimSuffix(opt.SiteAddress, "/"), href: opt.Href}
}

// Resolver maps a link or image destination written in a source file to the
// site path it names (with the destination's query and fragment). It returns the destination unchanged for external
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
func (c *Converter) Convert(body []byte, w io.Writer, r Resolver, pos func(off int) diag.Pos, opts ...ConvertOption) (*Result, error) {
	var cfg convertConfig
	for _, o := range opts {
		o(&cfg)
	}
	if off, msg := overBudget(body); off >= 0 {
		return &Result{Errors: []error{diag.Errorf(pos(off), "%s", msg)}}, nil
	}
	state := &docState{resolver: r, pos: pos, result: &Result{}, site: c.site, href: c.href, labels: cfg.labels, printed: map[string]bool{}, ctx: cfg.ctx}
	pc := parser.NewContext(cfg.contextOptions()...)
	pc.Set(stateKey, state)
	doc, err := c.parse(body, state, pc)
	if err != nil {
		return nil, err
	}
	if cfg.idPrefix != "" {
		doc.OwnerDocument().AddMeta(idPrefixKey, cfg.idPrefix)
	}
	state.result.Doc = doc
	if b, ok := w.(*bytes.Buffer); ok {
		w = bufferWriter{b}
	}
	if err := c.md.Renderer().Render(w, body, doc); err != nil {
		return nil, err
	}
	return state.result, nil
}

// bufferWriter lets goldmark write straight into a bytes.Buffer: given
// anything but a buffered writer, it wraps it in a new bufio.Writer of 4 kB,
// one for every page converted.
type bufferWriter struct{ *bytes.Buffer }

func (bufferWriter) Buffered() int { return 0 }
func (bufferWriter) Flush() error  { return nil }

var _ util.BufWriter = bufferWriter{}

// parse parses body, and returns the error it stopped with (budget.go),
// if it did.
func (c *Converter) parse(body []byte, state *docState, pc parser.Context) (doc ast.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			stop, ok := r.(stopParsing)
			if !ok {
				panic(r)
			}
			doc, err = nil, stop.err
		}
	}()
	return c.md.Parser().Parse(cancelableReader{text.NewReader(body), state}, parser.WithContext(pc)), nil
}
