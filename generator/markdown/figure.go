package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindFigure is the node kind of a figure.
var KindFigure = ast.NewNodeKind("Figure")

// Figure is a picture with a caption, written as an image alone in its
// paragraph with a title:
//
//	![Thumb above and fingers below the areola](../images/hand-position.svg "Hold your hand like the letter C")
//
// The alt text describes the picture for people who cannot see it; the title
// becomes the caption everyone sees.
type Figure struct {
	ast.BaseBlock
	Image *ast.Image
}

// Kind implements ast.Node.
func (f *Figure) Kind() ast.NodeKind { return KindFigure }

// Dump implements ast.Node.
func (f *Figure) Dump(source []byte, level int) { ast.DumpHelper(f, source, level, nil, nil) }

type figureTransformer struct{}

func (figureTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var paras []*ast.Paragraph
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering {
			paras = append(paras, p)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, p := range paras {
		img, ok := p.FirstChild().(*ast.Image)
		if !ok || img.NextSibling() != nil || len(img.Title) == 0 {
			continue
		}
		fig := &Figure{Image: img}
		fig.SetLines(p.Lines())
		p.RemoveChild(p, img)
		fig.AppendChild(fig, img)
		p.Parent().ReplaceChild(p.Parent(), p, fig)
	}
}

type figureRenderer struct{}

func (figureRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindFigure, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		img := n.(*Figure).Image
		_, _ = w.WriteString(`<figure><img src="`)
		// As goldmark does for an image: a javascript: or similar address
		// is left out. The link check has already failed the build for it.
		if dest := util.URLEscape(img.Destination, true); !html.IsDangerousURL(dest) {
			_, _ = w.Write(util.EscapeHTML(dest))
		}
		_, _ = w.WriteString(`" alt="`)
		writeAltText(w, source, img)
		_, _ = w.WriteString(`"><figcaption>`)
		html.DefaultWriter.Write(w, img.Title)
		_, _ = w.WriteString("</figcaption></figure>\n")
		return ast.WalkSkipChildren, nil
	})
}

// writeAltText writes the text inside n as goldmark writes an image's alt
// text: typographic quotes, entities and backslash escapes come out once,
// not escaped a second time ("&amp;ldquo;").
func writeAltText(w util.BufWriter, source []byte, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.String:
			switch {
			case t.IsCode():
				_, _ = w.Write(t.Value)
			case t.IsRaw():
				html.DefaultWriter.RawWrite(w, t.Value)
			default:
				html.DefaultWriter.Write(w, t.Value)
			}
		case *ast.Text:
			if t.IsRaw() {
				html.DefaultWriter.RawWrite(w, t.Segment.Value(source))
			} else {
				html.DefaultWriter.Write(w, t.Segment.Value(source))
			}
			if t.SoftLineBreak() {
				_ = w.WriteByte(' ')
			}
		default:
			writeAltText(w, source, c)
		}
	}
}

// plainText returns the text inside n, without markup.
func plainText(n ast.Node, source []byte) string {
	var b []byte
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b = append(b, t.Segment.Value(source)...)
			if t.SoftLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, t.Value...)
		}
		return ast.WalkContinue, nil
	})
	return string(b)
}

type figureExtension struct{}

func (figureExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(figureTransformer{}, 200)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(figureRenderer{}, 100)))
}
