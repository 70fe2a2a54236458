package activecontent

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"golang.org/x/net/html"
)

// HTML returns the active content in a piece of HTML that an author wrote
// in Markdown, which the page it is part of publishes as it is, and any
// tag, comment or element it leaves open: the page's own HTML after it
// would become part of that, attributes included.
func HTML(src []byte) []Finding {
	return scanHTML(src, fragment)
}

// HTMLPage returns the active content in a whole HTML page.
func HTMLPage(src []byte) []Finding {
	return scanHTML(src, page)
}

func scanHTML(src []byte, k kind) []Finding {
	r := &rules{kind: k}
	z := html.NewTokenizer(bytes.NewReader(src))
	off := 0
	var open string // a raw-text element not yet closed
	openAt := 0
	for {
		tt := z.Next()
		raw := z.Raw()
		start := off
		off += len(raw)
		switch tt {
		case html.ErrorToken:
			if !errors.Is(z.Err(), io.EOF) {
				r.fail(start, "cannot be read as HTML: %v", z.Err())
				return r.findings
			}
			if k != fragment {
				return r.findings
			}
			if len(raw) > 0 {
				r.fail(start, "this tag is not closed with >, so the page's own HTML after it would become part of it; close it")
			}
			if open != "" {
				r.fail(openAt, "<%s> is not closed in the same block, so it would take in the page after it; close it with </%s>", open, open)
			}
			return r.findings
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			e := element{name: strings.ToLower(tok.Data), off: start, raw: raw}
			for _, a := range tok.Attr {
				full := a.Key
				if a.Namespace != "" {
					full = a.Namespace + ":" + a.Key
				}
				key := strings.ToLower(full)
				if i := strings.LastIndexByte(key, ':'); i >= 0 {
					key = key[i+1:]
				}
				e.attrs = append(e.attrs, attribute{key: key, full: full, val: a.Val})
			}
			before := len(r.findings)
			r.check(&e)
			refused := len(r.findings) > before
			if tt == html.StartTagToken && rawTextElements[e.name] && open == "" && !refused {
				open, openAt = e.name, start
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == open {
				open = ""
			}
		case html.CommentToken, html.DoctypeToken:
			if k == fragment && !bytes.HasSuffix(raw, []byte(">")) {
				r.fail(start, "this comment or declaration is not closed, so the page's own HTML after it would become part of it; close it with -->")
			}
		}
	}
}
