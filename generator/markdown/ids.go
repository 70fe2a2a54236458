package markdown

import (
	"context"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
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

func (p prefixedIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	return append([]byte(p.prefix), p.IDs.Generate(value, kind)...)
}

// contextOptions returns the parser options that give a document's headings
// their prefix.
func (c convertConfig) contextOptions() []parser.ContextOption {
	if c.idPrefix == "" {
		return nil
	}
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
