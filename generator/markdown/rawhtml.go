package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// escapeHTMLRenderer renders HTML written in Markdown as text, when the site
// does not allow raw HTML: "<script>" shows as "<script>" on the page
// instead of running, and instead of vanishing without a word as goldmark
// would have it, so an author sees what they wrote and can fix it.
//
// HTML comments are the exception: authors keep notes to themselves in
// them, which must not be published, so they are left out.
type escapeHTMLRenderer struct{}

func (escapeHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		segs := n.(*ast.RawHTML).Segments
		for i := range segs.Len() {
			seg := segs.At(i)
			if i == 0 && bytes.HasPrefix(seg.Value(source), []byte("<!--")) {
				return ast.WalkSkipChildren, nil
			}
			_, _ = w.Write(util.EscapeHTML(seg.Value(source)))
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		b := n.(*ast.HTMLBlock)
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

// escapeHTMLExtension makes a goldmark.Markdown show raw HTML as text.
type escapeHTMLExtension struct{}

func (escapeHTMLExtension) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(escapeHTMLRenderer{}, 100)))
}
