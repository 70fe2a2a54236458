package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"handouts/generator/diag"
)

// maxNesting is how deep block quotes and list items may nest. goldmark's
// work on a line grows with the depth of what is open around it, and more
// than the square of it on a line that opens them all, so a page of lines
// each one ">" deeper than the last held up a build for a minute; no
// reader follows more than a few levels.
const maxNesting = 100

// nestingLimit wraps goldmark's block-quote and list parsers: a quote or
// list that would open more than maxNesting levels deep is not opened, so
// its line is read as text of the level around it, however the levels were
// written (on one line, "> > > x", or over many, by indenting each line
// further). The first place it happens is reported as a warning.
type nestingLimit struct {
	limited
}

// limited is one of goldmark's block parsers, wrapped by a limit: it
// passes goldmark's options (heading ids) on to the parser.
type limited struct {
	parser.BlockParser
}

func (l limited) SetOption(name parser.OptionName, value any) {
	if o, ok := l.BlockParser.(parser.SetOptioner); ok {
		o.SetOption(name, value)
	}
}

func (n nestingLimit) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	depth := 0
	for p := parent; p != nil; p = p.Parent() {
		if p.Kind() == ast.KindBlockquote || p.Kind() == ast.KindListItem {
			depth++
		}
	}
	if depth < maxNesting {
		return n.BlockParser.Open(parent, reader, pc)
	}
	if state, _ := pc.Get(stateKey).(*docState); state != nil && !state.tooDeep {
		state.tooDeep = true
		_, seg := reader.PeekLine()
		off := seg.Start + max(pc.BlockOffset(), 0) - seg.Padding
		state.result.Errors = append(state.result.Errors, diag.Warnf(state.pos(off),
			"quotes and lists nest more than %d deep here; the deeper ones are shown as text, so remove the extra > or list markers", maxNesting))
	}
	return nil, parser.NoChildren
}
