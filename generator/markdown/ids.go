package markdown

import (
	"context"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"golang.org/x/text/unicode/norm"
)

// A packet prints several handouts on one page of HTML, where two of them
// may share a heading ("What these words mean") or a footnote number. Its
// copy of each handout is converted with IDPrefix, so every id stays unique.

// ConvertOption changes how one body is converted.
type ConvertOption func(*convertConfig)

type convertConfig struct {
	idPrefix string
	labels   map[string]string
	ctx      context.Context
}

// Labels names the kinds of callout box in the page's language ("note":
// "Nota"), for boxes that have no title of their own.
func Labels(labels map[string]string) ConvertOption {
	return func(c *convertConfig) { c.labels = labels }
}

// IDPrefix puts prefix before the id of every heading and footnote, so
// "get-ready" becomes prefix+"get-ready" and "fn:1" prefix+"fn:1".
func IDPrefix(prefix string) ConvertOption {
	return func(c *convertConfig) { c.idPrefix = prefix }
}

// idPrefixKey holds a document's id prefix in its metadata, where the
// footnote renderer, which sees only nodes, finds it.
const idPrefixKey = "handouts/idPrefix"

// prefixedIDs makes goldmark's usual heading ids, with a prefix.
type prefixedIDs struct {
	parser.IDs
	prefix string
}

// Generate makes the id of a heading from its text, with accents folded
// first ("¿Cómo?" gives "como", not goldmark's "cmo"), so a Spanish heading
// keeps its words in its anchor.
func (p prefixedIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	return append([]byte(p.prefix), p.IDs.Generate(foldAccents(value), kind)...)
}

// foldAccents drops the accents of letters: "cómo", "niño" become "como",
// "nino".
func foldAccents(b []byte) []byte {
	if utf8.Valid(b) && !slices.ContainsFunc(b, func(c byte) bool { return c >= utf8.RuneSelf }) {
		return b
	}
	var out []byte
	for _, r := range norm.NFD.String(string(b)) {
		if !unicode.Is(unicode.Mn, r) {
			out = utf8.AppendRune(out, r)
		}
	}
	return out
}

// contextOptions returns the parser options that give a document's headings
// their ids, with its prefix.
func (c convertConfig) contextOptions() []parser.ContextOption {
	return []parser.ContextOption{parser.WithIDs(prefixedIDs{parser.NewContext().IDs(), c.idPrefix})}
}

// footnoteIDPrefix is the footnote extension's id prefix for n's document.
func footnoteIDPrefix(n ast.Node) []byte {
	if doc := n.OwnerDocument(); doc != nil {
		if p, ok := doc.Meta()[idPrefixKey].(string); ok {
			return []byte(p)
		}
	}
	return nil
}
