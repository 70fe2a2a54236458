package markdown

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
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
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(newTableScroll(), 100)))
}

// tableScroll renders each table inside a region that scrolls sideways
// when the table is wider than a phone's screen, so the page itself never
// is (WCAG 2.2's reflow at 320 CSS pixels lets a data table scroll in two
// directions). The region can take the keyboard's focus, so it can be
// scrolled without a mouse, and is named after the table's header row.
// On paper it does not scroll (the theme's print style).
type tableScroll struct {
	table renderer.NodeRendererFunc // goldmark's own table renderer
}

func newTableScroll() *tableScroll {
	r := &tableScroll{}
	extension.NewTableHTMLRenderer().RegisterFuncs(registerFunc(func(k ast.NodeKind, f renderer.NodeRendererFunc) {
		if k == east.KindTable {
			r.table = f
		}
	}))
	return r
}

// registerFunc adapts a function to renderer.NodeRendererFuncRegisterer.
type registerFunc func(ast.NodeKind, renderer.NodeRendererFunc)

func (f registerFunc) Register(k ast.NodeKind, r renderer.NodeRendererFunc) { f(k, r) }

func (r *tableScroll) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTable, r.render)
}

func (r *tableScroll) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		status, err := r.table(w, src, n, entering)
		_, _ = w.WriteString("</div>\n")
		return status, err
	}
	var head []string
	if h := n.FirstChild(); h != nil {
		for c := h.FirstChild(); c != nil; c = c.NextSibling() {
			if t := strings.TrimSpace(plainText(c, src)); t != "" {
				head = append(head, t)
			}
		}
	}
	label := "Table"
	if len(head) > 0 {
		label += ": " + strings.Join(head, ", ")
	}
	if r := []rune(label); len(r) > 100 {
		label = string(r[:99]) + "…"
	}
	_, _ = w.WriteString(`<div class="table-scroll" role="region" tabindex="0" aria-label="`)
	_, _ = w.Write(util.EscapeHTML([]byte(label)))
	_, _ = w.WriteString(`">`)
	return r.table(w, src, n, entering)
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
