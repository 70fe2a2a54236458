package minify

import (
	"bytes"

	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/parse/v2"
	phtml "github.com/tdewolff/parse/v2/html"
)

// The HTML minifier shortens each character reference in a page's text
// (&gt; to >, &#62; to >) where it stands, moving the rest of the text
// along by a few bytes each time: text holding n references costs n times
// its length, and a paragraph of 300,000 ">" (which a page shows as &gt;)
// took minutes. shortenTextReferences does the same work beforehand, in one
// pass, so that the minifier finds every reference already in its shortest
// form and moves nothing.

// rawTextTags are the elements whose content the minifier writes as it is,
// or hands to another minifier: their text has no references to shorten.
var rawTextTags = map[html.Hash]bool{
	html.Script: true, html.Style: true, html.Iframe: true, html.Textarea: true,
	html.Title: true, html.Xmp: true, html.Plaintext: true,
}

// shortenTextReferences returns src with the character references in its
// text (outside <pre>, as the minifier reads it) written as the minifier
// would write them. Minifying the result gives what minifying src gives,
// except that a reference to a space or line break (&#32;) is folded into
// the space around it, as the browser shows it anyway.
func shortenTextReferences(src []byte) []byte {
	if bytes.IndexByte(src, '&') < 0 {
		return src
	}
	// The lexer writes into what it reads (it lower-cases tag names), so
	// it reads a copy; the text is taken from the copy by offset.
	buf := make([]byte, len(src), len(src)+1)
	copy(buf, src)
	in := parse.NewInputBytes(buf)
	l := phtml.NewLexer(in)
	var out []byte
	last := 0 // the end of what out holds of src
	inPre, rawNext := false, false
	for {
		tt, data := l.Next()
		switch tt {
		case phtml.ErrorToken:
			if out == nil {
				return src
			}
			return append(out, src[last:]...)
		case phtml.StartTagToken:
			h := html.ToHash(l.Text())
			inPre = inPre || h == html.Pre
			rawNext = rawTextTags[h]
		case phtml.EndTagToken:
			if html.ToHash(l.Text()) == html.Pre {
				inPre = false
			}
			rawNext = false
		case phtml.TextToken:
			if rawNext {
				rawNext = false
				continue
			}
			if inPre || bytes.IndexByte(data, '&') < 0 {
				continue
			}
			end := in.Offset()
			start := end - len(data)
			if out == nil {
				out = make([]byte, 0, len(src))
			}
			out = append(out, src[last:start]...)
			out = appendShortened(out, data)
			last = end
		}
	}
}

// appendShortened appends text to dst with its references shortened, one
// reference at a time so that nothing is moved more than once: each piece
// from one "&" to the next is shortened on its own.
func appendShortened(dst, text []byte) []byte {
	for len(text) > 0 {
		next := len(text)
		if i := bytes.IndexByte(text[1:], '&'); i >= 0 {
			next = i + 1
		}
		dst = append(dst, parse.ReplaceEntities(text[:next], html.EntitiesMap, html.TextRevEntitiesMap)...)
		text = text[next:]
	}
	return dst
}
