package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A table column aligned in Markdown ("|--:|") gets a class, not the
// style="text-align:right" that goldmark writes by default: the site's
// Content-Security-Policy allows no inline style, so a browser would drop
// it, and the align attribute is obsolete in HTML5. The theme's CSS aligns
// the classes align-left, align-center and align-right.
var tables = extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone))

// gfm is GitHub Flavored Markdown, as extension.GFM, with the table
// extension above; linkify makes bare addresses (www.example.org,
// https://example.org) links.
type gfm struct{ linkify bool }

func (g gfm) Extend(m goldmark.Markdown) {
	if g.linkify {
		extension.Linkify.Extend(m)
		m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(trimLineEnds{}, 500)))
	}
	tables.Extend(m)
	extension.Strikethrough.Extend(m)
	extension.TaskList.Extend(m)
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(alignTransformer{}, 500)))
}

type alignTransformer struct{}

func (alignTransformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *east.TableCell:
			if n.Alignment != east.AlignNone {
				n.SetAttributeString("class", []byte("align-"+n.Alignment.String()))
			}
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.Heading:
			return ast.WalkSkipChildren, nil // no table inside
		}
		return ast.WalkContinue, nil
	})
}
