package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// goldmark's linkify extension, which makes bare addresses links, watches
// for spaces; with it, the spaces that end a line become text of their own
// before the line break, where CommonMark drops them ("foo  \nbar" must be
// "foo<br>bar", and was "foo  <br>bar"). trimLineEnds drops them again.
type trimLineEnds struct{}

func (trimLineEnds) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if _, code := n.(*ast.CodeSpan); code {
			return ast.WalkSkipChildren, nil // spaces in code are kept
		}
		t, ok := n.(*ast.Text)
		if !ok || !t.SoftLineBreak() && !t.HardLineBreak() {
			return ast.WalkContinue, nil
		}
		// Trim this text and, while it trims to nothing, the text before.
		for t != nil {
			seg := t.Segment
			for seg.Stop > seg.Start && (src[seg.Stop-1] == ' ' || src[seg.Stop-1] == '\t') {
				seg.Stop--
			}
			t.Segment = seg
			if seg.Stop > seg.Start {
				break
			}
			t, _ = t.PreviousSibling().(*ast.Text)
		}
		return ast.WalkContinue, nil
	})
}
