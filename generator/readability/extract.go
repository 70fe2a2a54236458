package readability

import (
	"html"
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Block is the readable text of one paragraph, heading, list item, table
// cell or other text-holding block. A block always ends a sentence.
type Block struct {
	// Text is what a reader reads: inline markup, code, raw HTML, bare
	// URLs, link destinations and images are left out; soft line breaks
	// are spaces; typographic quotes and entities are decoded.
	Text string
	// Offset is the byte offset in the source of the block's first
	// non-space character, or -1 if the block has no source position.
	Offset int

	// spans map byte offsets in Text to source offsets; see SourceOffset.
	spans []span
}

// span records that Text[text:] starts at source[source:] and, unless it
// is a replacement (a decoded entity or typographic quote), runs on byte
// for byte until the next span.
type span struct {
	text, source int
	replacement  bool
}

// SourceOffset returns the byte offset in the source of the byte at
// offset i of b.Text. Where Text differs from the source (a decoded entity,
// a typographic quote, a removed code span) it returns the start of the
// replaced source text. A Block built by hand, without Extract, is taken to
// be a verbatim copy of the source starting at Offset.
func (b Block) SourceOffset(i int) int {
	if len(b.spans) == 0 {
		if b.Offset < 0 {
			return -1
		}
		return b.Offset + i
	}
	k := sort.Search(len(b.spans), func(j int) bool { return b.spans[j].text > i }) - 1
	if k < 0 {
		k = 0
	}
	sp := b.spans[k]
	switch {
	case sp.source < 0:
		return -1
	case sp.replacement:
		return sp.source
	}
	return sp.source + i - sp.text
}

// Extract returns the readable blocks of a goldmark document, in order.
//
// It walks the tree generically, so it needs no knowledge of extension
// nodes: a block node whose children are inline nodes (a paragraph,
// heading, tight list item's text block, table cell, or a project's own
// caption block) becomes one Block; any other block node (document,
// list, list item, block quote, table, footnote list, a callout box) is
// descended into. Fenced and indented code blocks, HTML blocks and
// thematic breaks are skipped. Within a block, code spans, raw HTML,
// autolinks (bare URLs), images (alt text is not body text), task-list
// check boxes and footnote references contribute nothing; links
// contribute their text but not their destination; unknown inline nodes
// contribute their children. Blocks without a letter or digit are
// dropped.
func Extract(doc ast.Node, source []byte) []Block {
	var blocks []Block
	// One builder serves every block in turn: only one is open at a time,
	// since a block child closes the block before it.
	b := &builder{source: source}
	var visit func(n ast.Node)
	visit = func(n ast.Node) {
		switch n.Kind() {
		case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock, ast.KindThematicBreak:
			return
		}
		// Consecutive inline children form one block; block children are
		// visited in turn. Standard nodes hold one kind or the other, but
		// an extension node may mix them.
		open := false
		flush := func() {
			if open {
				if blk, ok := b.block(); ok {
					blocks = append(blocks, blk)
				}
				open = false
			}
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Type() == ast.TypeInline {
				if !open {
					b.start(n)
					open = true
				}
				b.inline(c)
				continue
			}
			flush()
			visit(c)
		}
		flush()
	}
	visit(doc)
	return blocks
}

// builder accumulates the text of one block and its source spans.
type builder struct {
	source []byte
	buf    []byte // the block's text, reused from block to block
	// spans holds the spans of every block made so far, each block's
	// from first on: one array for a page rather than one per block.
	spans []span
	first int
	// cursor is the source offset just after the last text copied, the
	// best guess for where a replacement (a typographic quote) stands;
	// -1 until known.
	cursor int
	// contiguous says whether the next copy may extend the last span.
	contiguous bool
}

// start begins a block of the inline children of parent.
func (b *builder) start(parent ast.Node) {
	b.buf = b.buf[:0]
	b.spans = b.spans[:b.first]
	b.cursor = -1
	b.contiguous = false
	if parent.Type() == ast.TypeBlock {
		if lines := parent.Lines(); lines != nil && lines.Len() > 0 {
			b.cursor = lines.At(0).Start
		}
	}
}

// copyText appends s, which is the source text starting at src.
func (b *builder) copyText(s []byte, src int) {
	if len(s) == 0 {
		return
	}
	if !b.contiguous || src != b.cursor || len(b.spans) == b.first {
		b.spans = append(b.spans, span{text: len(b.buf), source: src})
	}
	b.buf = append(b.buf, s...)
	b.cursor = src + len(s)
	b.contiguous = true
}

// replace appends s, which stands for source text at the cursor.
func (b *builder) replace(s string) {
	if s == "" {
		return
	}
	b.spans = append(b.spans, span{text: len(b.buf), source: b.cursor, replacement: true})
	b.buf = append(b.buf, s...)
	b.contiguous = false
}

// gap marks that source text was skipped (a code span), so the next copy
// starts a new span.
func (b *builder) gap() { b.contiguous = false }

func (b *builder) inline(n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		b.text(n)
		return
	case *ast.String:
		b.replace(html.UnescapeString(string(n.Value)))
		return
	case *ast.CodeSpan, *ast.RawHTML, *ast.AutoLink, *ast.Image,
		*east.TaskCheckBox, *east.FootnoteLink, *east.FootnoteBacklink:
		b.gap()
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		b.inline(c)
	}
}

// text copies a Text node, resolving backslash escapes and entity
// references as a renderer would, and turning line breaks into spaces.
func (b *builder) text(n *ast.Text) {
	start, stop := n.Segment.Start, n.Segment.Stop
	if start < 0 || stop > len(b.source) || start > stop {
		return
	}
	v := b.source[start:stop]
	last := 0
	for i := 0; i < len(v); {
		switch {
		case v[i] == '\\' && i+1 < len(v) && isASCIIPunct(v[i+1]):
			b.copyText(v[last:i], start+last)
			b.copyText(v[i+1:i+2], start+i+1)
			i += 2
			last = i
			continue
		case v[i] == '&':
			if m := entityLen(v[i:]); m > 0 {
				ref := string(v[i : i+m])
				if dec := html.UnescapeString(ref); dec != ref {
					b.copyText(v[last:i], start+last)
					b.cursor = start + i
					b.replace(dec)
					b.cursor = start + i + m
					i += m
					last = i
					continue
				}
			}
		}
		i++
	}
	b.copyText(v[last:], start+last)
	if n.SoftLineBreak() || n.HardLineBreak() {
		b.replace(" ")
	}
}

func isASCIIPunct(c byte) bool {
	return c < utf8.RuneSelf && unicode.IsPunct(rune(c)) || c == '$' || c == '+' || c == '<' || c == '=' || c == '>' || c == '^' || c == '`' || c == '|' || c == '~'
}

// entityLen returns the length of the character reference at the start
// of v ("&amp;", "&#38;", "&#x26;"), or 0.
func entityLen(v []byte) int {
	i := 1
	switch {
	case i < len(v) && v[i] == '#':
		i++
		hex := i < len(v) && (v[i] == 'x' || v[i] == 'X')
		if hex {
			i++
		}
		d := i
		for i < len(v) && i-d < 7 && (v[i] >= '0' && v[i] <= '9' || hex && (v[i]|0x20 >= 'a' && v[i]|0x20 <= 'f')) {
			i++
		}
		if i == d {
			return 0
		}
	default:
		d := i
		for i < len(v) && i-d < 32 && (v[i] >= '0' && v[i] <= '9' || v[i]|0x20 >= 'a' && v[i]|0x20 <= 'z') {
			i++
		}
		if i == d {
			return 0
		}
	}
	if i < len(v) && v[i] == ';' {
		return i + 1
	}
	return 0
}

// block finishes the builder: spans with an unknown source offset take the
// next known one, and blocks without a word character are dropped.
func (b *builder) block() (Block, bool) {
	if !hasWordChar(b.buf) {
		return Block{}, false
	}
	text := string(b.buf)
	// The block keeps its spans; the next block's are appended after
	// them, beyond the capacity the block sees.
	spans := b.spans[b.first:len(b.spans):len(b.spans)]
	b.first = len(b.spans)
	known := -1
	for i := len(spans) - 1; i >= 0; i-- {
		if spans[i].source >= 0 {
			known = spans[i].source
		} else {
			spans[i].source = known
		}
	}
	blk := Block{Text: text, spans: spans, Offset: -1}
	for i, r := range text {
		if !unicode.IsSpace(r) {
			blk.Offset = blk.SourceOffset(i)
			break
		}
	}
	return blk, true
}

func hasWordChar(s []byte) bool {
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
		s = s[n:]
	}
	return false
}
