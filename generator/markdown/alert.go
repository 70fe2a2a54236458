package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindAlert is the node kind of a callout box.
var KindAlert = ast.NewNodeKind("Alert")

// Alert is a callout box written as a GitHub-style alert: a block quote whose
// first line is "[!NOTE]", "[!TIP]", "[!IMPORTANT]", "[!WARNING]" or
// "[!CAUTION]", optionally followed by a title of the author's own:
//
//	> [!IMPORTANT] Call your doctor or lactation consultant if
//	> - you have a fever
type Alert struct {
	ast.BaseBlock
	// Box is the lower-case kind: "note", "tip", "important", "warning" or "caution".
	Box string
	// Title is the author's label, or "" for the kind's own name.
	Title string
}

// Label is the text printed at the top of the box.
func (a *Alert) Label() string {
	if a.Title != "" {
		return a.Title
	}
	return alertLabels[a.Box]
}

// Kind implements ast.Node.
func (a *Alert) Kind() ast.NodeKind { return KindAlert }

// Dump implements ast.Node.
func (a *Alert) Dump(source []byte, level int) {
	ast.DumpHelper(a, source, level, map[string]string{"Box": a.Box, "Title": a.Title}, nil)
}

// alertLabels are the words printed on boxes that have no title of their own.
// The label, not a colour, tells a reader of a black-and-white print what
// kind of box it is.
var alertLabels = map[string]string{
	"note":      "Note",
	"tip":       "Tip",
	"important": "Important",
	"warning":   "Warning",
	"caution":   "Caution",
}

// alertTransformer turns marked block quotes into Alert nodes.
type alertTransformer struct{}

func (alertTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var labels map[string]string
	if state, _ := pc.Get(stateKey).(*docState); state != nil {
		labels = state.labels
	}
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		para, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || para.Lines().Len() == 0 {
			continue
		}
		first := para.Lines().At(0)
		line := first.Value(src)
		kind, title, ok := parseMarker(line)
		if !ok {
			continue
		}
		if title == "" {
			title = labels[kind] // the kind's own name, in the page's language
		}
		alert := &Alert{Box: kind, Title: title}
		alert.SetLines(q.Lines())
		// Drop the inline nodes of the marker line, then the paragraph if
		// nothing else was in it.
		for c := para.FirstChild(); c != nil; {
			next := c.NextSibling()
			if lastStop(c) <= first.Stop {
				para.RemoveChild(para, c)
			}
			c = next
		}
		lines := text.NewSegments()
		for i := 1; i < para.Lines().Len(); i++ {
			lines.Append(para.Lines().At(i))
		}
		para.SetLines(lines)
		if para.FirstChild() == nil {
			q.RemoveChild(q, para)
		}
		for c := q.FirstChild(); c != nil; {
			next := c.NextSibling()
			alert.AppendChild(alert, c)
			c = next
		}
		q.Parent().ReplaceChild(q.Parent(), q, alert)
	}
}

// parseMarker reads "[!KIND] optional title" from the first line of a quote.
func parseMarker(line []byte) (kind, title string, ok bool) {
	line = bytes.TrimSpace(line)
	if !bytes.HasPrefix(line, []byte("[!")) {
		return "", "", false
	}
	end := bytes.IndexByte(line, ']')
	if end < 0 {
		return "", "", false
	}
	kind = strings.ToLower(string(line[2:end]))
	if _, known := alertLabels[kind]; !known {
		return "", "", false
	}
	return kind, strings.TrimSpace(string(line[end+1:])), true
}

// lastStop returns the end offset of the last text segment in n, or -1.
func lastStop(n ast.Node) int {
	stop := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			stop = max(stop, t.Segment.Stop)
		}
		return ast.WalkContinue, nil
	})
	if stop < 0 {
		return 1 << 62 // not text: keep it
	}
	return stop
}

// alertRenderer writes an Alert as an <aside> with a visible label, so the
// box survives black-and-white printing and reads well to screen readers.
type alertRenderer struct{}

func (alertRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindAlert, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		a := n.(*Alert)
		if entering {
			_, _ = w.WriteString(`<aside class="box box-` + a.Box + `"><p class="box-label">`)
			_, _ = w.Write(util.EscapeHTML([]byte(a.Label())))
			_, _ = w.WriteString("</p>\n")
		} else {
			_, _ = w.WriteString("</aside>\n")
		}
		return ast.WalkContinue, nil
	})
}

// alertExtension adds callout boxes to a goldmark.Markdown.
type alertExtension struct{}

func (alertExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(alertTransformer{}, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(alertRenderer{}, 100)))
}
