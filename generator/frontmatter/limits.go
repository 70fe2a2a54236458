package frontmatter

import (
	"github.com/goccy/go-yaml/token"

	"handouts/generator/diag"
)

// The YAML parser's work grows with the square of the number of tokens
// it is given in several shapes (keys, list items, brackets nested in
// brackets), and faster still in memory: 200 kB of nested [[[...]]] took a
// minute and a half and 15 GB. Front matter holds a page's settings, a few
// dozen tokens nested two or three deep, so it is bounded well above that,
// before the parser sees it: at most maxYAML bytes (the lexer's work grows
// faster than its input too), maxTokens tokens and maxDepth levels.
const (
	maxYAML   = 128 << 10
	maxTokens = 5_000
	maxDepth  = 20
)

// checkSize refuses front matter of more than maxYAML bytes.
func (d *decoder) checkSize(src []byte, firstLine int) error {
	if len(src) <= maxYAML {
		return nil
	}
	return diag.Errorf(diag.Pos{Path: d.path, Line: firstLine, Col: 1},
		"front matter is %d kB, more than the %d kB it may be; keep in it only the page's settings, and put text in the body", len(src)>>10, maxYAML>>10)
}

// checkShape refuses front matter of more than maxTokens tokens, or nested
// more than maxDepth deep, at the token where it passes the limit. The
// depth counts brackets, and indentation: each line indented further than
// the one before, and each "- " after another on one line, opens a level.
func (d *decoder) checkShape(tokens token.Tokens) error {
	// A bracket never closed is the commonest way to many levels, and the
	// parser would spend longest finding it.
	var open []*token.Token
	for _, tk := range tokens {
		switch tk.Type {
		case token.SequenceStartType, token.MappingStartType:
			open = append(open, tk)
		case token.SequenceEndType, token.MappingEndType:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	if len(open) > 0 {
		closer := "]"
		if open[0].Type == token.MappingStartType {
			closer = "}"
		}
		return diag.Errorf(d.tokenPos(open[0]), "front matter is not valid YAML: this %s is never closed; close it with %s, or put the value in quotes", open[0].Value, closer)
	}
	flow := 0
	var indents []int // the columns of the levels opened by indentation
	line := 0
	for i, tk := range tokens {
		if i == maxTokens {
			return diag.Errorf(d.tokenPos(tk),
				"front matter holds more than %d keys, values and brackets; keep in it only the page's settings, and put lists of text in the body", maxTokens)
		}
		if tk.Position == nil || tk.Type == token.CommentType {
			continue
		}
		col := tk.Position.Column
		switch {
		case tk.Position.Line != line:
			line = tk.Position.Line
			for len(indents) > 0 && indents[len(indents)-1] >= col {
				indents = indents[:len(indents)-1]
			}
			indents = append(indents, col)
		case tk.Type == token.SequenceEntryType || tk.Type == token.MappingKeyType:
			indents = append(indents, col)
		}
		switch tk.Type {
		case token.SequenceStartType, token.MappingStartType:
			flow++
		case token.SequenceEndType, token.MappingEndType:
			flow = max(flow-1, 0)
		}
		if len(indents)+flow > maxDepth {
			return diag.Errorf(d.tokenPos(tk),
				"front matter nests lists and sets of keys more than %d deep here; no setting needs more than three levels, so close the brackets or indent less", maxDepth)
		}
	}
	return nil
}

func (d *decoder) tokenPos(tk *token.Token) diag.Pos {
	if tk.Position == nil {
		return d.pos(1, 1)
	}
	return d.pos(tk.Position.Line, tk.Position.Column)
}
