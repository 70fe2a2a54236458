package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// A task list ("- [ ] Soap and warm water") is a checklist to tick on paper.
// goldmark draws each box as a disabled checkbox without a label, which
// screen readers announce as an unnamed form field and axe-core reports as
// a WCAG failure. The box is only a drawing, so it is hidden from
// assistive technology, which reads the list as a plain list.
type taskBoxExtension struct{}

func (taskBoxExtension) Extend(m goldmark.Markdown) {
	// Before the task-list extension's own renderer, at 500.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(taskBoxRenderer{}, 100)))
}

type taskBoxRenderer struct{}

func (taskBoxRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.(*east.TaskCheckBox).IsChecked {
			_, _ = w.WriteString(`<input type="checkbox" checked disabled aria-hidden="true"> `)
		} else {
			_, _ = w.WriteString(`<input type="checkbox" disabled aria-hidden="true"> `)
		}
		return ast.WalkContinue, nil
	})
}
