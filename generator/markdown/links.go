package markdown

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"handouts/generator/diag"
)

// stateKey finds a document's docState in its parser.Context.
var stateKey = parser.NewContextKey()

// docState is one conversion's resolver and findings.
type docState struct {
	resolver Resolver
	pos      func(off int) diag.Pos
	result   *Result
	site     string
	href     func(string) string
	// labels name the kinds of callout box (Labels).
	labels map[string]string
	// printed holds the destinations already given a print form, so paper
	// shows each address once.
	printed map[string]bool
	// tooDeep is set once quotes or lists were found nesting too deep.
	tooDeep bool
	// ctx ends the conversion early (Context); nil when it cannot.
	ctx context.Context
	// block is the paragraph or heading whose lines are being read and
	// blockMarks the marks in them so far; plain holds the blocks with
	// too many marks, shown as plain text (budget.go).
	block      ast.Node
	blockMarks int
	plain      map[ast.Node]bool
}

// linkTransformer rewrites link and image destinations to the URLs they name
// (so "hand-expression.md#get-ready" becomes "/handouts/hand-expression/#get-ready"),
// records internal links for checking, and collects heading IDs.
type linkTransformer struct{}

func (linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	state, _ := pc.Get(stateKey).(*docState)
	if state == nil {
		return
	}
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch x := n.(type) {
		case *ast.Heading:
			if id, ok := x.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					state.result.IDs = append(state.result.IDs, string(b))
				}
			}
		case *ast.Link:
			dest := state.resolve(x, x.Destination, false)
			state.markPrint(x, src, string(dest))
			x.Destination = state.link(dest)
		case *ast.AutoLink:
			// <https://...> and bare www. addresses never lead into the site,
			// but one like <javascript:...> must not be published either.
			if msg := externalProblem(string(x.URL(src)), false); msg != "" && x.AutoLinkType != ast.AutoLinkEmail {
				state.result.Errors = append(state.result.Errors, diag.Errorf(state.pos(offsetOf(x)), "%s", msg))
			}
		case *ast.FencedCodeBlock:
			// The language, the first word after the opening fence, goes
			// into a class attribute; one of a megabyte would take the
			// minifier minutes.
			if x.Info == nil {
				break
			}
			lang := x.Info.Segment.Value(src) // its first word, as x.Language says, which would keep it
			if i := bytes.IndexAny(lang, " \t"); i >= 0 {
				lang = lang[:i]
			}
			if len(lang) > maxLanguage {
				state.result.Errors = append(state.result.Errors, diag.Warnf(state.pos(x.Info.Segment.Start),
					"the code block's language is %d characters long, and is left out; write a short name, like text, or none", len(lang)))
				x.Info = nil
			}
		case *ast.Image:
			x.Destination = state.link(state.resolve(x, x.Destination, true))
			if strings.TrimSpace(plainText(x, src)) == "" {
				state.result.Errors = append(state.result.Errors, diag.Errorf(state.pos(offsetOf(x)),
					"image %s has no alt text; describe the picture in the brackets: ![what it shows](%s)", x.Destination, x.Destination))
			}
		}
		return ast.WalkContinue, nil
	})
}

// link turns a destination resolve returned into what the page links to:
// a site path becomes a link below the site's base path.
func (s *docState) link(dest []byte) []byte {
	if s.href == nil || !bytes.HasPrefix(dest, []byte("/")) || bytes.HasPrefix(dest, []byte("//")) {
		return dest
	}
	return []byte(s.href(string(dest)))
}

// maxLanguage is the longest language name of a code block.
const maxLanguage = 100

// resolve maps one destination to the site path it names (with its query
// and fragment) and records it; an external destination is returned as it
// is.
func (s *docState) resolve(n ast.Node, dest []byte, image bool) []byte {
	d := string(dest)
	if d == "" {
		// CommonMark keeps an empty destination, [a](), as href="": the
		// link leads nowhere new, so there is nothing to resolve or check.
		// A picture needs a file.
		if image {
			s.result.Errors = append(s.result.Errors, diag.Errorf(s.pos(offsetOf(n)),
				"image has no file; write the picture's path in the parentheses, like ![what it shows](../images/picture.svg)"))
		}
		return dest
	}
	if isExternal(d) {
		if msg := externalProblem(d, image); msg != "" {
			s.result.Errors = append(s.result.Errors, diag.Errorf(s.pos(offsetOf(n)), "%s", msg))
		}
		return dest
	}
	at := s.pos(offsetOf(n))
	url, err := s.resolver.Resolve(d)
	if err != nil {
		s.result.Errors = append(s.result.Errors, diag.Errorf(at, "%v", err))
		return dest
	}
	path, frag, _ := strings.Cut(url, "#")
	path, _, _ = strings.Cut(path, "?") // a static site serves the page whatever the query
	s.result.Links = append(s.result.Links, Link{Pos: at, URL: path, Fragment: frag, Image: image})
	return []byte(url)
}

// markPrint gives a link a data-print attribute with the short form of its
// destination dest (a site path or an external address), which the print
// style sheet shows after the link text: on paper a link is only as good as
// the address printed beside it.
func (s *docState) markPrint(l *ast.Link, src []byte, dest string) {
	var short string
	switch {
	case strings.HasPrefix(dest, "https://"), strings.HasPrefix(dest, "http://"):
		short = dest[strings.Index(dest, "//")+2:]
		short = strings.TrimPrefix(short, "www.")
	case strings.HasPrefix(dest, "/") && s.site != "":
		short = s.site + dest
	default:
		return // mailto:, tel: and same-page anchors read fine as they are
	}
	short = strings.TrimSuffix(short, "/")
	text := strings.TrimSpace(plainText(l, src))
	if s.printed[short] || text == dest || text == short {
		return
	}
	s.printed[short] = true
	l.SetAttributeString("data-print", []byte(short))
}

// isExternal reports whether a destination leaves the site: it has a scheme
// (https:, mailto:, tel:) or is protocol-relative.
func isExternal(d string) bool {
	if strings.HasPrefix(d, "//") {
		return true
	}
	colon := strings.IndexByte(d, ':')
	return colon > 0 && !strings.ContainsAny(d[:colon], "/?#")
}

// linkSchemes are the schemes a link may use. Others either run code
// (javascript:), hold a whole document (data:), point into the author's own
// computer (file:, C:) or are blocked by the site's security policy.
var linkSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true, "sms": true}

// externalProblem says what is wrong with an external destination, or "".
// Pictures must come from the site itself: one loaded from another site
// tells that site who reads the handout, and the site's security policy
// (img-src 'self') would block it anyway.
func externalProblem(d string, image bool) string {
	scheme := "//"
	if !strings.HasPrefix(d, "//") {
		// Browsers ignore leading spaces and control characters and any tab
		// or line break in an address, so "java\tscript:" is javascript:.
		clean := strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, strings.TrimLeftFunc(d, func(r rune) bool { return r <= ' ' }))
		before, _, _ := strings.Cut(clean, ":")
		scheme = strings.ToLower(before)
	}
	switch {
	case image:
		return fmt.Sprintf("image %s is not on this site: save the picture under content/images/ and write its path, like ../images/picture.svg (a picture from another site tells it who reads the page, and browsers block it here)", shorten(d))
	case scheme == "//":
		return "" // a web address without its scheme
	case !linkSchemes[scheme]:
		return fmt.Sprintf("link %s uses %s:, which does not work on a published page; link a web address (https://...), an e-mail (mailto:), a phone number (tel:) or a page of this site", shorten(d), scheme)
	}
	return ""
}

// shorten quotes a destination for a message, cut to a readable length.
func shorten(d string) string {
	if r := []rune(d); len(r) > 80 {
		d = string(r[:77]) + "..."
	}
	return strconv.Quote(d)
}

// offsetOf returns the byte offset in the body where n's text starts: the
// first text inside it, or its block's first line.
func offsetOf(n ast.Node) int {
	off := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off >= 0 {
		// Point at the opening bracket: "[" for a link, "![" for an image.
		if _, img := n.(*ast.Image); img {
			return max(off-2, 0)
		}
		return max(off-1, 0)
	}
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

type linkExtension struct{}

func (linkExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(linkTransformer{}, 300)))
}
