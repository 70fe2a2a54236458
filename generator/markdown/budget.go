package markdown

import (
	"bytes"
	"context"
	"reflect"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"handouts/generator/diag"
)

// A page's Markdown is bounded in what it may cost to build, whatever it
// holds: a source file is at most 1 MB, but goldmark's work and memory grow
// faster than the size of some inputs. Parts of its inline parsing (runs of
// quotes, emphasis that never closes, a link that never closes) take time
// that grows with the square of the marks in a paragraph, and every mark
// and line becomes a node of the syntax tree, a few hundred bytes each. So
// a page may hold at most maxLines lines with text, maxMarks punctuation
// marks and maxFootnotes footnotes; a paragraph, table or heading with more
// than maxBlockMarks marks is shown as plain text, with a warning; and
// quotes and lists nest at most maxNesting deep (nesting.go). No handout
// comes near these: it prints on one or two pages.
const (
	// maxLines is the most lines with text a page may have.
	maxLines = 50_000
	// maxMarks is the most punctuation marks a page may hold, of those
	// goldmark's inline parsers start at (guardTriggers) and the "|" that
	// divides a table's cells.
	maxMarks = 100_000
	// maxBlockMarks is the most marks that can start or end formatting
	// (blockMarks) one paragraph, table or heading may hold and still be
	// read as Markdown.
	maxBlockMarks = 2_000
	// maxFootnotes is the most footnotes a page may define. goldmark's
	// footnote extension takes time that grows with the square of their
	// number.
	maxFootnotes = 500
)

// overBudget returns the offset in body where the page passes maxLines,
// maxMarks or maxFootnotes, and what to say, or -1. It runs before
// parsing, on the bytes.
func overBudget(body []byte) (int, string) {
	lines, marks, notes := 0, 0, 0
	for off := 0; off < len(body); {
		line := body[off:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i+1]
		}
		if len(bytes.TrimSpace(line)) > 0 {
			if lines++; lines > maxLines {
				return off, "more than 50,000 lines; no reader gets through a page this long, so split it into shorter pages"
			}
		}
		for i, c := range line {
			if c < 0x80 && (isTrigger[c] || c == '|') {
				if marks++; marks > maxMarks {
					return off + i, "more than 100,000 punctuation marks (*, _, [, ], <, |, quotes, dashes, periods, commas, ...) on this page; no reader gets through a page this long, so split it into shorter pages"
				}
			}
		}
		// Every "[^label]:" counts, also a second one on the line, where
		// goldmark nests one footnote in another.
		for rest := line; ; {
			i := bytes.Index(rest, []byte("[^"))
			if i < 0 {
				break
			}
			rest = rest[i+2:]
			if end := bytes.IndexByte(rest, ']'); end >= 0 && end+1 < len(rest) && rest[end+1] == ':' {
				if notes++; notes > maxFootnotes {
					return off, "more than 500 footnotes; a handout cannot print them all, so cite fewer or list them as sources"
				}
			}
		}
		off += len(line)
	}
	return -1, ""
}

// blockMark holds the marks that can start or end formatting, which
// maxBlockMarks counts.
var blockMark = func() (block [128]bool) {
	for _, c := range []byte("*_~\"'[]()<>!`") {
		block[c] = true
	}
	return block
}()

// stopParsing is what the parse of a page panics with to stop at once,
// from deep inside goldmark, which has no way to stop it: when the build
// is canceled, or when the page passes a limit that is only known while
// parsing. Convert recovers it; it never leaves this package.
type stopParsing struct {
	err error
}

// guard is an inline parser that goldmark asks first about every mark in a
// paragraph. It stops the parse when the build is canceled; in a block with
// too many marks (textLimit) it takes each run of marks as text, so that no
// other parser sees them and the block is shown as it was written.
type guard struct{}

// guardTriggers are the marks the other inline parsers start at, less the
// space; isTrigger holds them, and maxMarks counts them. Exactly those:
// goldmark ends a piece of text at every mark some parser starts at, and a
// reference like &ngE; cut at its ";" would no longer be read as one.
var guardTriggers, isTrigger = func() ([]byte, [128]bool) {
	parsers := []parser.InlineParser{
		extension.NewLinkifyParser(), extension.NewStrikethroughParser(), extension.NewTypographerParser(),
		extension.NewFootnoteParser(), extension.NewTaskCheckBoxParser(),
	}
	for _, p := range parser.DefaultInlineParsers() {
		parsers = append(parsers, p.Value.(parser.InlineParser))
	}
	var set [128]bool
	for _, p := range parsers {
		for _, c := range p.Trigger() {
			set[c] = set[c] || c != ' '
		}
	}
	var out []byte
	for c, in := range set {
		if in {
			out = append(out, byte(c))
		}
	}
	return out, set
}()

func (guard) Trigger() []byte { return guardTriggers }

func (guard) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	state, _ := pc.Get(stateKey).(*docState)
	if state == nil {
		return nil
	}
	state.checkCanceled()
	if !state.plain[parent] {
		return nil
	}
	line, seg := block.PeekLine()
	n := 0
	for n < len(line) && line[n] < 0x80 && isTrigger[line[n]] {
		n++
	}
	if n == 0 || seg.Padding > 0 {
		// Not at a mark as written (the rest of a tab, say): taking
		// nothing would ask again at the same place without end.
		return nil
	}
	block.Advance(n)
	return ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+n))
}

// checkCanceled stops the parse when the build was canceled.
func (s *docState) checkCanceled() {
	if s.ctx != nil && s.ctx.Err() != nil {
		panic(stopParsing{s.ctx.Err()})
	}
}

// cancelableReader is the reader of a page's lines, which stops the parse
// of its blocks when the build is canceled.
type cancelableReader struct {
	text.Reader
	state *docState
}

func (r cancelableReader) PeekLine() ([]byte, text.Segment) {
	r.state.checkCanceled()
	return r.Reader.PeekLine()
}

// textLimit wraps goldmark's paragraph and heading parsers: the marks that
// can start or end formatting in a paragraph (which may become a table) or
// heading are counted as its lines come, and past maxBlockMarks the block
// is shown as plain text (guard), as it was written.
type textLimit struct {
	limited
}

func (l textLimit) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	node, st := l.BlockParser.Open(parent, reader, pc)
	if state, _ := pc.Get(stateKey).(*docState); state != nil && node != nil {
		state.block, state.blockMarks = node, 0
		state.countMarks(node, 0, reader.Source())
	}
	return node, st
}

func (l textLimit) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.Lines().Len()
	st := l.BlockParser.Continue(node, reader, pc)
	if state, _ := pc.Get(stateKey).(*docState); state != nil && state.block == node {
		state.countMarks(node, n, reader.Source())
	}
	return st
}

// countMarks counts the marks in the lines of node from the from'th on.
// When they pass the limit, the block is to be shown as plain text; the
// first such block of the page is reported.
func (s *docState) countMarks(node ast.Node, from int, src []byte) {
	if s.plain[node] {
		return
	}
	lines := node.Lines()
	for i := from; i < lines.Len(); i++ {
		seg := lines.At(i)
		for _, c := range seg.Value(src) {
			if c < 0x80 && blockMark[c] {
				s.blockMarks++
			}
		}
	}
	if s.blockMarks <= maxBlockMarks {
		return
	}
	if s.plain == nil {
		s.plain = map[ast.Node]bool{}
		s.result.Errors = append(s.result.Errors, diag.Warnf(s.pos(lines.At(0).Start),
			"this paragraph, table or heading holds more than %d of the marks that start or end formatting (*, _, [, ], <, quotes, ...), so it is shown as plain text; split it with blank lines, or remove the marks", maxBlockMarks))
	}
	s.plain[node] = true
}

// blockParsers are goldmark's block parsers, with the nesting limit on the
// ones that open quotes and lists and the text limit on the ones that hold
// text.
func blockParsers() []util.PrioritizedValue {
	nested := map[reflect.Type]bool{
		reflect.TypeOf(parser.NewBlockquoteParser()): true,
		reflect.TypeOf(parser.NewListParser()):       true,
	}
	text := map[reflect.Type]bool{
		reflect.TypeOf(parser.NewParagraphParser()):  true,
		reflect.TypeOf(parser.NewATXHeadingParser()): true,
	}
	out := parser.DefaultBlockParsers()
	for i, p := range out {
		switch t := reflect.TypeOf(p.Value); {
		case nested[t]:
			out[i].Value = nestingLimit{limited{p.Value.(parser.BlockParser)}}
		case text[t]:
			out[i].Value = textLimit{limited{p.Value.(parser.BlockParser)}}
		}
	}
	return out
}

// Context returns a ConvertOption that stops the conversion when ctx ends:
// Convert then returns ctx's error.
func Context(ctx context.Context) ConvertOption {
	return func(c *convertConfig) { c.ctx = ctx }
}
