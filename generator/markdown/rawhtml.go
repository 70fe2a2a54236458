package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"handouts/generator/activecontent"
	"handouts/generator/diag"
)

// HTML written in Markdown is shown as text when the site does not allow
// raw HTML: "<script>" shows as "<script>" on the page instead of running,
// and instead of vanishing without a word as goldmark would have it, so an
// author sees what they wrote and can fix it. HTML comments are the
// exception: authors keep notes to themselves in them, which must not be
// published, so they are left out.
//
// When the site allows it (raw_html), the HTML is published as written,
// unless it holds active content (package activecontent: a script, an
// event handler, a javascript: address, an embedded document, something
// loaded from another site, or a tag left open for the page after it):
// that is refused, at its place, and shown as text meanwhile, so that not
// even a preview of the page runs it.

// refusedKey marks a piece of raw HTML that was refused.
var refusedKey = []byte("handouts-refused")

// rawHTMLRenderer renders raw HTML as text when all is set or the piece
// was refused, and as written otherwise.
type rawHTMLRenderer struct {
	all bool
}

func (r rawHTMLRenderer) asText(n ast.Node) bool {
	if r.all {
		return true
	}
	_, refused := n.Attribute(refusedKey)
	return refused
}

func (r rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		text := r.asText(n)
		segs := n.(*ast.RawHTML).Segments
		for i := range segs.Len() {
			seg := segs.At(i)
			if i == 0 && text && bytes.HasPrefix(seg.Value(source), []byte("<!--")) {
				return ast.WalkSkipChildren, nil
			}
			if text {
				_, _ = w.Write(util.EscapeHTML(seg.Value(source)))
			} else {
				_, _ = w.Write(seg.Value(source))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		b := n.(*ast.HTMLBlock)
		if !r.asText(n) {
			if entering {
				for i := range b.Lines().Len() {
					seg := b.Lines().At(i)
					_, _ = w.Write(seg.Value(source))
				}
			} else if b.HasClosure() {
				_, _ = w.Write(b.ClosureLine.Value(source))
			}
			return ast.WalkContinue, nil
		}
		if b.HTMLBlockType == ast.HTMLBlockType2 { // a comment
			return ast.WalkSkipChildren, nil
		}
		if entering {
			_, _ = w.WriteString("<p>")
			for i := range b.Lines().Len() {
				seg := b.Lines().At(i)
				line := seg.Value(source)
				if i == b.Lines().Len()-1 && !b.HasClosure() {
					line = bytes.TrimRight(line, "\n")
				}
				_, _ = w.Write(util.EscapeHTML(line))
			}
			return ast.WalkContinue, nil
		}
		if b.HasClosure() {
			_, _ = w.Write(util.EscapeHTML(bytes.TrimRight(b.ClosureLine.Value(source), "\n")))
		}
		_, _ = w.WriteString("</p>\n")
		return ast.WalkContinue, nil
	})
}

// activeHTML refuses the pieces of raw HTML that hold active content.
type activeHTML struct{}

func (activeHTML) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	state, _ := pc.Get(stateKey).(*docState)
	if state == nil {
		return
	}
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var segs []text.Segment
		switch x := n.(type) {
		case *ast.RawHTML:
			segs = x.Segments.Sliced(0, x.Segments.Len())
		case *ast.HTMLBlock:
			segs = x.Lines().Sliced(0, x.Lines().Len())
			if x.HasClosure() {
				segs = append(segs, x.ClosureLine)
			}
		default:
			return ast.WalkContinue, nil
		}
		// The piece as the browser reads it, and where each of its parts
		// starts in it and in the source.
		var html []byte
		starts := make([]int, len(segs))
		for i, seg := range segs {
			starts[i] = len(html)
			html = append(html, seg.Value(src)...)
		}
		findings := activecontent.HTML(html)
		for _, f := range findings {
			i := len(segs) - 1
			for i > 0 && starts[i] > f.Off {
				i--
			}
			state.result.Errors = append(state.result.Errors, diag.Errorf(state.pos(segs[i].Start+f.Off-starts[i]), "%s", f.Msg))
		}
		if len(findings) > 0 {
			n.SetAttribute(refusedKey, true)
		}
		return ast.WalkSkipChildren, nil
	})
}

// rawHTMLExtension renders the HTML written in Markdown: as text, unless
// allowed, and then as written, unless it is active.
type rawHTMLExtension struct {
	allowed bool
	// unchecked lets active content through, for the CommonMark test.
	unchecked bool
}

func (e rawHTMLExtension) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(rawHTMLRenderer{all: !e.allowed}, 100)))
	if e.allowed && !e.unchecked {
		m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(activeHTML{}, 400)))
	}
}
