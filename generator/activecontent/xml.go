package activecontent

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// XML returns the active content in an XML file: an SVG picture when svg
// is set, which may not link or load outside itself either. A file that is
// not well-formed XML is refused too: browsers show none of it, and what
// they would make of it cannot be checked.
func XML(src []byte, svg bool) []Finding {
	r := &rules{kind: document}
	what := "file"
	if svg {
		r.kind, what = picture, "picture"
	}
	d := xml.NewDecoder(bytes.NewReader(src))
	d.Strict = true
	d.CharsetReader = func(charset string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(charset) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return in, nil
		}
		return nil, fmt.Errorf("it is written in %s; save it as UTF-8", charset)
	}
	var style *element // the <style> being read
	var sheet strings.Builder
	for {
		start := int(d.InputOffset())
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return r.findings
		}
		if err != nil {
			var se *xml.SyntaxError
			msg := err.Error()
			if errors.As(err, &se) {
				msg = se.Msg
			}
			r.fail(int(d.InputOffset()), "the %s is not well-formed XML (%s), so browsers show none of it; export it again", what, strings.TrimPrefix(msg, "xml: "))
			return r.findings
		}
		end := int(d.InputOffset())
		switch t := tok.(type) {
		case xml.StartElement:
			e := element{name: strings.ToLower(t.Name.Local), off: start, raw: src[start:end]}
			for _, a := range t.Attr {
				full := a.Name.Local
				if a.Name.Space != "" {
					full = a.Name.Space + ":" + a.Name.Local
				}
				e.attrs = append(e.attrs, attribute{key: strings.ToLower(a.Name.Local), full: full, val: a.Value})
			}
			if n := bytes.Count(e.raw, []byte("&")); r.kind == picture && n > maxReferences {
				r.fail(start, "<%s> holds %d character references (&...;); write the characters themselves", e.name, n)
			}
			r.check(&e)
			if e.name == "style" {
				style = &e
				sheet.Reset()
			}
		case xml.EndElement:
			if style != nil && strings.EqualFold(t.Name.Local, "style") {
				r.css(style.off, sheet.String(), "the <style> element", false)
				style = nil
			}
		case xml.CharData:
			if style != nil {
				sheet.Write(t)
			}
		case xml.ProcInst:
			if strings.EqualFold(t.Target, "xml-stylesheet") {
				r.fail(start, "<?xml-stylesheet?> loads a style sheet or a transformation, which can run script; remove it")
			}
		case xml.Directive:
			if bytes.Contains(t, []byte("[")) || bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) {
				r.fail(start, "the %s declares entities of its own in its <!DOCTYPE>, which can hide markup; remove the declarations, or export it again", what)
			}
		}
	}
}
